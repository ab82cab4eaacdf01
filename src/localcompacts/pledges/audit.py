"""What the audit log says about pledges: every action a service, the workflow or the admin records."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class PledgeAction(AuditAction):
    CREATED = "pledge.created", _("Pledge created")
    UPDATED = "pledge.updated", _("Pledge updated")
    COMMENTED = "pledge.commented", _("Pledge commented on")
    ATTACHMENT_ADDED = "pledge.attachment_added", _("File added to a pledge")
    ATTACHMENT_REMOVED = "pledge.attachment_removed", _("File removed from a pledge")
    REVISION_STARTED = "pledge.revision_started", _("Changes to a published pledge proposed")
    REVISION_APPLIED = "pledge.revision_applied", _("Changes to a published pledge applied")
    # The review workflow's transitions (pledges.workflow).
    SUBMITTED = "pledge.submitted", _("Pledge submitted for review")
    RESUBMITTED = "pledge.resubmitted", _("Pledge resubmitted")
    REVIEW_STARTED = "pledge.review_started", _("Review of a pledge started")
    CHANGES_REQUESTED = "pledge.changes_requested", _("Changes to a pledge requested")
    PUBLISHED = "pledge.published", _("Pledge published")
    DECLINED = "pledge.declined", _("Pledge declined")
    WITHDRAWN = "pledge.withdrawn", _("Pledge withdrawn")
    # Edits in the Django admin (fields and inline rows: owners, indicators, files).
    ADMIN_ADDED = "pledge.added_in_admin", _("Pledge added in the admin")
    ADMIN_CHANGED = "pledge.changed_in_admin", _("Pledge changed in the admin")
    ADMIN_DELETED = "pledge.deleted_in_admin", _("Pledge deleted in the admin")
