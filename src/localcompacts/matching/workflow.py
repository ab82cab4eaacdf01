"""A match's status: the facilitator accepts, dismisses or introduces; the parties' answers
confirm or decline it (taken by the application, `by=None`, once the answers are in)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.workflow import Transition, Workflow, by_system, register

from .audit import MatchingAction
from .models import Match, MatchStatus
from .permissions import can_facilitate

OPEN = (MatchStatus.SUGGESTED, MatchStatus.ACCEPTED)


def _after(match, transition, record, by) -> None:
    from .notifications import notify_introduced

    now = timezone.now()
    match.updated_at = now
    fields = ["updated_at"]
    if transition.target in (MatchStatus.DISMISSED, MatchStatus.ACCEPTED, MatchStatus.INTRODUCED):
        match.decided_at = now
        fields.append("decided_at")
    if transition.target == MatchStatus.DISMISSED:
        match.dismiss_reason = record.comment[:500]
        fields.append("dismiss_reason")
    if transition.target == MatchStatus.CONFIRMED:
        match.confirmed_at = now
        fields.append("confirmed_at")
    match.save(update_fields=fields)
    if transition.target == MatchStatus.INTRODUCED:
        notify_introduced(match)


MATCH_WORKFLOW = Workflow(
    name="matching",
    transitions=[
        Transition(
            MatchStatus.SUGGESTED,
            MatchStatus.ACCEPTED,
            "accept",
            can_facilitate,
            label=_("Accept"),
            recorded_as=MatchingAction.MATCH_ACCEPTED,
        ),
        Transition(
            OPEN,
            MatchStatus.DISMISSED,
            "dismiss",
            can_facilitate,
            label=_("Dismiss"),
            comment_required=True,
            recorded_as=MatchingAction.MATCH_DISMISSED,
        ),
        Transition(
            OPEN,
            MatchStatus.INTRODUCED,
            "introduce",
            can_facilitate,
            label=_("Introduce"),
            recorded_as=MatchingAction.MATCH_INTRODUCED,
        ),
        Transition(
            MatchStatus.INTRODUCED,
            MatchStatus.CONFIRMED,
            "confirm",
            by_system,
            recorded_as=MatchingAction.MATCH_CONFIRMED,
        ),
        Transition(
            MatchStatus.INTRODUCED,
            MatchStatus.DECLINED,
            "decline",
            by_system,
            recorded_as=MatchingAction.MATCH_DECLINED,
        ),
        Transition(
            MatchStatus.DISMISSED,
            MatchStatus.SUGGESTED,
            "resuggest",
            by_system,
            recorded_as=MatchingAction.MATCH_RESUGGESTED,
        ),
    ],
    final_states={MatchStatus.CONFIRMED, MatchStatus.DECLINED},
    groups={
        "public": {MatchStatus.CONFIRMED},
        "queue": set(OPEN),
    },
    messages={"comment": _("Please say why this match is dismissed.")},
    after=_after,
)
register(Match, MATCH_WORKFLOW)
