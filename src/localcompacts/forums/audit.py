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
    FORUM_ADMIN_ADDED = "forum.admin_added", _("Forum added in the admin")
    FORUM_ADMIN_CHANGED = "forum.admin_changed", _("Forum changed in the admin")
    FORUM_ADMIN_DELETED = "forum.admin_deleted", _("Forum deleted in the admin")
    SESSION_ADMIN_ADDED = "programme_session.admin_added", _("Session added in the admin")
    SESSION_ADMIN_CHANGED = "programme_session.admin_changed", _("Session changed in the admin")
    SESSION_ADMIN_DELETED = "programme_session.admin_deleted", _("Session deleted in the admin")
    DELEGATION_ADMIN_ADDED = (
        "national_delegation.admin_added",
        _("National delegation added in the admin"),
    )
    DELEGATION_ADMIN_CHANGED = (
        "national_delegation.admin_changed",
        _("National delegation changed in the admin"),
    )
    DELEGATION_ADMIN_DELETED = (
        "national_delegation.admin_deleted",
        _("National delegation deleted in the admin"),
    )
    CONVENING_ADMIN_ADDED = (
        "high_level_convening.admin_added",
        _("High-level convening added in the admin"),
    )
    CONVENING_ADMIN_CHANGED = (
        "high_level_convening.admin_changed",
        _("High-level convening changed in the admin"),
    )
    CONVENING_ADMIN_DELETED = (
        "high_level_convening.admin_deleted",
        _("High-level convening deleted in the admin"),
    )
    DOCUMENT_ADMIN_ADDED = (
        "outcome_document.admin_added",
        _("Outcome document added in the admin"),
    )
    DOCUMENT_ADMIN_CHANGED = (
        "outcome_document.admin_changed",
        _("Outcome document changed in the admin"),
    )
    DOCUMENT_ADMIN_DELETED = (
        "outcome_document.admin_deleted",
        _("Outcome document deleted in the admin"),
    )
    DRAFT_ADMIN_CHANGED = "outcome_draft.admin_changed", _("Outcome draft changed in the admin")
    DRAFT_ADMIN_DELETED = "outcome_draft.admin_deleted", _("Outcome draft deleted in the admin")
    PARAGRAPH_ADMIN_CHANGED = (
        "outcome_paragraph.admin_changed",
        _("Outcome paragraph changed in the admin"),
    )
    PARAGRAPH_ADMIN_DELETED = (
        "outcome_paragraph.admin_deleted",
        _("Outcome paragraph deleted in the admin"),
    )
