"""The pledge review workflow: the one table of allowed transitions (see `core.workflow`).

draft → submitted → in review → changes requested → (resubmitted) → submitted … → published | declined;
withdrawn by the owner from any state that is not final. Proposed changes to a published pledge are a
draft copy (`revision_of`) that goes through the very same table; publishing it applies it.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.workflow import Transition, Workflow, register

from .audit import PledgeAction
from .changes import pledge_changed
from .models import Pledge, PledgeStatus
from .permissions import acts_for_owner, is_reviewer
from .quality import not_ready_reason

S = PledgeStatus
REVIEWABLE = {S.SUBMITTED, S.IN_REVIEW}  # the workflow's "open_for_review" group

PLEDGE_TRANSITIONS = [
    Transition(
        S.DRAFT,
        S.SUBMITTED,
        "submit",
        acts_for_owner,
        label=_("Submit for review"),
        check=not_ready_reason,
        recorded_as=PledgeAction.SUBMITTED,
    ),
    Transition(
        S.CHANGES_REQUESTED,
        S.SUBMITTED,
        "resubmit",
        acts_for_owner,
        label=_("Resubmit"),
        check=not_ready_reason,
        recorded_as=PledgeAction.RESUBMITTED,
    ),
    Transition(
        S.SUBMITTED,
        S.IN_REVIEW,
        "start_review",
        is_reviewer,
        label=_("Start review"),
        recorded_as=PledgeAction.REVIEW_STARTED,
    ),
    Transition(
        REVIEWABLE,
        S.CHANGES_REQUESTED,
        "request_changes",
        is_reviewer,
        label=_("Request changes"),
        comment_required=True,
        recorded_as=PledgeAction.CHANGES_REQUESTED,
    ),
    Transition(
        REVIEWABLE,
        S.PUBLISHED,
        "publish",
        is_reviewer,
        label=_("Publish"),
        recorded_as=PledgeAction.PUBLISHED,
    ),
    Transition(
        REVIEWABLE,
        S.DECLINED,
        "decline",
        is_reviewer,
        label=_("Decline"),
        comment_required=True,
        recorded_as=PledgeAction.DECLINED,
    ),
    Transition(
        {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED},
        S.WITHDRAWN,
        "withdraw",
        acts_for_owner,
        label=_("Withdraw"),
        recorded_as=PledgeAction.WITHDRAWN,
    ),
]


def after_pledge_transition(pledge: Pledge, transition, record, by) -> None:
    """Timestamps, applying approved changes, and e-mail — in the transition's transaction."""
    from . import notifications
    from .services.revisions import apply_revision

    now = timezone.now()
    if transition.target == S.SUBMITTED:
        Pledge.objects.filter(pk=pledge.pk).update(submitted_at=now)
        pledge.submitted_at = now
    target = pledge
    if transition.target == S.PUBLISHED:
        if pledge.is_revision:
            target = apply_revision(revision=pledge, by=by)
            record.object_id = target.pk  # the timeline now belongs to the published pledge
        else:
            Pledge.objects.filter(pk=pledge.pk).update(published_at=now)
            pledge.published_at = now
    notifications.notify_transition(pledge=target, record=record, by=by)
    pledge_changed(target.pk)


PLEDGE_WORKFLOW = Workflow(
    name="pledge",
    transitions=PLEDGE_TRANSITIONS,
    final_states={S.PUBLISHED, S.DECLINED, S.WITHDRAWN},
    after=after_pledge_transition,
    groups={
        "public": {S.PUBLISHED},  # what visitors, feeds, exports and figures show
        "open_for_review": {S.SUBMITTED, S.IN_REVIEW},
        "editable_by_owner": {S.DRAFT, S.CHANGES_REQUESTED},
    },
)
register(Pledge, PLEDGE_WORKFLOW)
