"""What the audit log says about progress reports and reporting rounds."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class ProgressAction(AuditAction):
    REPORT_SUBMITTED = "progress_report.submitted", _("Progress report submitted")
    # The light review workflow's transitions (progress.workflow).
    REPORT_ACCEPTED = "progress_report.accepted", _("Progress report accepted")
    REPORT_RETURNED = "progress_report.returned", _("Progress report returned")
    REPORT_RESUBMITTED = "progress_report.resubmitted", _("Progress report resubmitted")
    # Evidence levels (progress.services.report_verify / report_verification_withdraw).
    REPORT_VERIFIED = "progress_report.verified", _("Progress report verified")
    REPORT_VERIFICATION_WITHDRAWN = (
        "progress_report.verification_withdrawn",
        _("Verification of a progress report withdrawn"),
    )
    ROUND_OPENED = "reporting_round.opened", _("Reporting round opened")
    ROUND_OVERDUE_REMINDED = (
        "reporting_round.overdue_reminded",
        _("Overdue reminders of a reporting round sent"),
    )
    # Edits in the Django admin.
    ROUND_ADMIN_ADDED = "reporting_round.added_in_admin", _("Reporting round added in the admin")
    ROUND_ADMIN_CHANGED = (
        "reporting_round.changed_in_admin",
        _("Reporting round changed in the admin"),
    )
    ROUND_ADMIN_DELETED = (
        "reporting_round.deleted_in_admin",
        _("Reporting round deleted in the admin"),
    )
    REPORT_ADMIN_ADDED = "progress_report.added_in_admin", _("Progress report added in the admin")
    REPORT_ADMIN_CHANGED = (
        "progress_report.changed_in_admin",
        _("Progress report changed in the admin"),
    )
    REPORT_ADMIN_DELETED = (
        "progress_report.deleted_in_admin",
        _("Progress report deleted in the admin"),
    )
