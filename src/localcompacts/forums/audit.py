"""What the audit log says about review forums: imports, outcome documents and admin edits."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class ForumAction(AuditAction):
    PROGRAMME_IMPORTED = "forum.programme_imported", _("Forum programme imported")
    DELEGATIONS_IMPORTED = "forum.delegations_imported", _("Forum delegations imported")
    OUTCOME_DRAFT_ADDED = "forum_outcome.draft_added", _("Outcome document draft added")
    OUTCOME_PARAGRAPHS_MARKED = (
        "forum_outcome.paragraphs_marked",
        _("Outcome paragraphs searched for local-government terms"),
    )
    OUTCOME_PARAGRAPH_CONFIRMED = (
        "forum_outcome.paragraph_confirmed",
        _("Outcome paragraph confirmed"),
    )
    # Edits in the Django admin, one set per screen (inline rows belong to the screen's record).
    FORUM_ADMIN_ADDED = "forum.added_in_admin", _("Forum added in the admin")
    FORUM_ADMIN_CHANGED = "forum.changed_in_admin", _("Forum changed in the admin")
    FORUM_ADMIN_DELETED = "forum.deleted_in_admin", _("Forum deleted in the admin")
    SESSION_ADMIN_ADDED = "programme_session.added_in_admin", _("Session added in the admin")
    SESSION_ADMIN_CHANGED = "programme_session.changed_in_admin", _("Session changed in the admin")
    SESSION_ADMIN_DELETED = "programme_session.deleted_in_admin", _("Session deleted in the admin")
    DELEGATION_ADMIN_ADDED = (
        "national_delegation.added_in_admin",
        _("National delegation added in the admin"),
    )
    DELEGATION_ADMIN_CHANGED = (
        "national_delegation.changed_in_admin",
        _("National delegation changed in the admin"),
    )
    DELEGATION_ADMIN_DELETED = (
        "national_delegation.deleted_in_admin",
        _("National delegation deleted in the admin"),
    )
    CONVENING_ADMIN_ADDED = (
        "high_level_convening.added_in_admin",
        _("High-level convening added in the admin"),
    )
    CONVENING_ADMIN_CHANGED = (
        "high_level_convening.changed_in_admin",
        _("High-level convening changed in the admin"),
    )
    CONVENING_ADMIN_DELETED = (
        "high_level_convening.deleted_in_admin",
        _("High-level convening deleted in the admin"),
    )
    DOCUMENT_ADMIN_ADDED = (
        "outcome_document.added_in_admin",
        _("Outcome document added in the admin"),
    )
    DOCUMENT_ADMIN_CHANGED = (
        "outcome_document.changed_in_admin",
        _("Outcome document changed in the admin"),
    )
    DOCUMENT_ADMIN_DELETED = (
        "outcome_document.deleted_in_admin",
        _("Outcome document deleted in the admin"),
    )
    DRAFT_ADMIN_CHANGED = "outcome_draft.changed_in_admin", _("Outcome draft changed in the admin")
    DRAFT_ADMIN_DELETED = "outcome_draft.deleted_in_admin", _("Outcome draft deleted in the admin")
    PARAGRAPH_ADMIN_CHANGED = (
        "outcome_paragraph.changed_in_admin",
        _("Outcome paragraph changed in the admin"),
    )
    PARAGRAPH_ADMIN_DELETED = (
        "outcome_paragraph.deleted_in_admin",
        _("Outcome paragraph deleted in the admin"),
    )
