"""Progress reporting's pages on the workspace home (`core.workspace_panels`)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.workspace import FOCAL_POINT, REVIEWER, SECRETARIAT, WorkspacePanel
from localcompacts.pledges.models import Pledge


def reports_due(user) -> int:
    """The person's published pledges that are stale or due in the open round and have no report
    in it yet."""
    from . import selectors
    from .models import ProgressReport

    own = Pledge.objects.public().filter(owners__focal_points__user=user).values("pk")
    due = selectors.stale_pledges().filter(pk__in=own).values_list("pk", flat=True)
    pks = set(due)
    current = selectors.current_round()
    if current is not None:
        in_round = selectors.pledges_due(current).filter(pk__in=own)
        reported = ProgressReport.objects.filter(reporting_round=current).values("pledge_id")
        pks |= set(in_round.exclude(pk__in=reported).values_list("pk", flat=True))
    return len(pks)


def _review_waiting(user) -> int:
    from .selectors import review_queue

    return review_queue().count()


def _to_verify(user) -> int:
    from .selectors import verification_queue

    return verification_queue().count()


def _stale(user) -> int:
    from .selectors import stale_pledges

    return stale_pledges().count()


PANELS = {
    "progress.reports": WorkspacePanel(
        title=_("Progress reports due"),
        url_name="progress:my-reports",
        roles={FOCAL_POINT},
        waiting=reports_due,
    ),
    "progress.review": WorkspacePanel(
        title=_("Progress reports to review"),
        url_name="progress:review-queue",
        roles={REVIEWER},
        waiting=_review_waiting,
    ),
    "progress.verify": WorkspacePanel(
        title=_("Evidence to verify"),
        url_name="progress:review-queue",
        roles={REVIEWER},
        description=_("Accepted reports with files or links: record how you verified them."),
        waiting=_to_verify,
    ),
    "progress.rounds": WorkspacePanel(
        title=_("Reporting rounds"),
        url_name="progress:round-list",
        roles={SECRETARIAT},
        description=_("Open a round, follow who reported, remind who is late."),
    ),
    "progress.stale": WorkspacePanel(
        title=_("Stale pledges"),
        url_name="progress:stale",
        roles={SECRETARIAT},
        description=_("Published pledges without an accepted report for two years."),
        waiting=_stale,
    ),
}
