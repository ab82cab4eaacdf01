"""The pledges' pages on the workspace home (`core.workspace_panels`): a focal point's pledges and
the changes reviewers asked for, and the reviewers' queue."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from localcompacts.core.workspace import FOCAL_POINT, REVIEWER, WaitingItem, WorkspacePanel

from .models import Pledge, PledgeStatus


def _own(user):
    return Pledge.objects.filter(pk__in=Pledge.objects.owned_by_user(user).values("pk"))


def changes_requested(user) -> list[WaitingItem]:
    """Each pledge sent back to the person's governments, with the reviewer's request."""
    from .selectors import change_request_of

    pledges = _own(user).filter(status=PledgeStatus.CHANGES_REQUESTED).order_by("-updated_at")
    items = []
    for pledge in pledges[:10]:
        request = change_request_of(pledge)
        items.append(
            WaitingItem(
                label=pledge.title,
                url=reverse("workspace:pledge", kwargs={"pk": pledge.pk}),
                note=request.comment if request else "",
            )
        )
    return items


def _review_waiting(user) -> int:
    from .selectors import review_queue

    return review_queue().count()


PANELS = {
    "pledges.mine": WorkspacePanel(
        title=_("My pledges and drafts"),
        url_name="workspace:dashboard",
        roles={FOCAL_POINT},
        description=_("Drafts waiting to be finished and submitted."),
        waiting=lambda user: _own(user).filter(status=PledgeStatus.DRAFT).count(),
    ),
    "pledges.changes_requested": WorkspacePanel(
        title=_("Changes requested by reviewers"),
        url_name="workspace:dashboard",
        roles={FOCAL_POINT},
        waiting=lambda user: _own(user).filter(status=PledgeStatus.CHANGES_REQUESTED).count(),
        items=changes_requested,
    ),
    "pledges.new": WorkspacePanel(
        title=_("Write a new pledge or practice"),
        url_name="workspace:new",
        roles={FOCAL_POINT},
    ),
    "pledges.review": WorkspacePanel(
        title=_("Pledges to review"),
        url_name="workspace:review",
        roles={REVIEWER},
        description=_("Pledges submitted or in review."),
        waiting=_review_waiting,
    ),
}
