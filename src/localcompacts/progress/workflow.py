"""Progress reports are reviewed lightly with the same mechanism as pledges (core.workflow)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.workflow import Transition, Workflow, register

from .audit import ProgressAction
from .models import ProgressReport, ReviewStatus
from .permissions import can_edit_report, can_review_progress


def _after(report, transition, record, by) -> None:
    from .notifications import notify_report_transition

    if transition.target == ReviewStatus.ACCEPTED:
        report.accepted_at = timezone.now()
        report.save(update_fields=["accepted_at"])
    elif transition.target == ReviewStatus.SUBMITTED:
        report.submitted_at = timezone.now()
        report.submitted_by = by
        report.save(update_fields=["submitted_at", "submitted_by"])
    notify_report_transition(report, transition.action, record)


PROGRESS_WORKFLOW = Workflow(
    name="progress",
    transitions=[
        Transition(
            ReviewStatus.SUBMITTED,
            ReviewStatus.ACCEPTED,
            "accept",
            lambda user, report: can_review_progress(user, report),
            label=_("Accept"),
            recorded_as=ProgressAction.REPORT_ACCEPTED,
        ),
        Transition(
            ReviewStatus.SUBMITTED,
            ReviewStatus.RETURNED,
            "return",
            lambda user, report: can_review_progress(user, report),
            label=_("Return with a comment"),
            comment_required=True,
            recorded_as=ProgressAction.REPORT_RETURNED,
        ),
        Transition(
            ReviewStatus.RETURNED,
            ReviewStatus.SUBMITTED,
            "resubmit",
            can_edit_report,
            label=_("Resubmit"),
            recorded_as=ProgressAction.REPORT_RESUBMITTED,
        ),
    ],
    final_states={ReviewStatus.ACCEPTED},
    groups={"public": {ReviewStatus.ACCEPTED}},  # what the pledge page, feeds and figures show
    after=_after,
)
register(ProgressReport, PROGRESS_WORKFLOW)
