"""What the audit log records about the compacts' reference data (edited in the admin only)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class TaxonomyAction(AuditAction):
    OBJECTIVE_ADDED_IN_ADMIN = "objective.added_in_admin", _("Objective added in the admin")
    OBJECTIVE_CHANGED_IN_ADMIN = "objective.changed_in_admin", _("Objective changed in the admin")
    OBJECTIVE_DELETED_IN_ADMIN = "objective.deleted_in_admin", _("Objective deleted in the admin")

    GUIDING_PRINCIPLE_ADDED_IN_ADMIN = (
        "guiding_principle.added_in_admin",
        _("Guiding principle added in the admin"),
    )
    GUIDING_PRINCIPLE_CHANGED_IN_ADMIN = (
        "guiding_principle.changed_in_admin",
        _("Guiding principle changed in the admin"),
    )
    GUIDING_PRINCIPLE_DELETED_IN_ADMIN = (
        "guiding_principle.deleted_in_admin",
        _("Guiding principle deleted in the admin"),
    )

    SDG_ADDED_IN_ADMIN = (
        "sustainable_development_goal.added_in_admin",
        _("Sustainable Development Goal added in the admin"),
    )
    SDG_CHANGED_IN_ADMIN = (
        "sustainable_development_goal.changed_in_admin",
        _("Sustainable Development Goal changed in the admin"),
    )
    SDG_DELETED_IN_ADMIN = (
        "sustainable_development_goal.deleted_in_admin",
        _("Sustainable Development Goal deleted in the admin"),
    )

    SUPPORT_AREA_ADDED_IN_ADMIN = (
        "refugee_support_area.added_in_admin",
        _("Refugee support area added in the admin"),
    )
    SUPPORT_AREA_CHANGED_IN_ADMIN = (
        "refugee_support_area.changed_in_admin",
        _("Refugee support area changed in the admin"),
    )
    SUPPORT_AREA_DELETED_IN_ADMIN = (
        "refugee_support_area.deleted_in_admin",
        _("Refugee support area deleted in the admin"),
    )

    POPULATION_GROUP_ADDED_IN_ADMIN = (
        "population_group.added_in_admin",
        _("Population group added in the admin"),
    )
    POPULATION_GROUP_CHANGED_IN_ADMIN = (
        "population_group.changed_in_admin",
        _("Population group changed in the admin"),
    )
    POPULATION_GROUP_DELETED_IN_ADMIN = (
        "population_group.deleted_in_admin",
        _("Population group deleted in the admin"),
    )

    REGION_ADDED_IN_ADMIN = "region.added_in_admin", _("Region added in the admin")
    REGION_CHANGED_IN_ADMIN = "region.changed_in_admin", _("Region changed in the admin")
    REGION_DELETED_IN_ADMIN = "region.deleted_in_admin", _("Region deleted in the admin")

    COUNTRY_ADDED_IN_ADMIN = "country.added_in_admin", _("Country added in the admin")
    COUNTRY_CHANGED_IN_ADMIN = "country.changed_in_admin", _("Country changed in the admin")
    COUNTRY_DELETED_IN_ADMIN = "country.deleted_in_admin", _("Country deleted in the admin")
