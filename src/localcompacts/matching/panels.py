"""Matchmaking's pages on the workspace home (`core.workspace_panels`)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.workspace import FOCAL_POINT, REVIEWER, WorkspacePanel


def _queue_waiting(user) -> int:
    """Suggestions and introductions a facilitator has not settled yet."""
    from .selectors import match_queue_page

    return match_queue_page().paginator.count


def _answers_waiting(user) -> int:
    """Introductions of the person's pledges that wait for their answer."""
    from .models import MatchStatus
    from .selectors import matches_for_party_user

    return matches_for_party_user(user).filter(status=MatchStatus.INTRODUCED).count()


PANELS = {
    "matching.mine": WorkspacePanel(
        title=_("Matches"),
        url_name="matching:home",
        roles={FOCAL_POINT},
        description=_("Partners suggested for your needs and offers; answer introductions."),
        waiting=_answers_waiting,
    ),
    "matching.queue": WorkspacePanel(
        title=_("Matching queue"),
        url_name="matching:home",
        roles={REVIEWER},
        description=_("Suggested matches of needs and offers: accept, dismiss or introduce."),
        waiting=_queue_waiting,
    ),
}
