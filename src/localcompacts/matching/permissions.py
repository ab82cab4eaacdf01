"""Who may see and act on needs, offers and matches: pure predicates for views, templates and API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from localcompacts.accounts.models import PartnerOrganisation, User
from localcompacts.core.people import Person
from localcompacts.pledges.models import Pledge, PledgeStatus
from localcompacts.pledges.permissions import acts_for_owner

if TYPE_CHECKING:
    from .models import Match

CLOSED_PLEDGE_STATES = frozenset({PledgeStatus.DECLINED, PledgeStatus.WITHDRAWN})


def can_facilitate(user: Person | None, match: Match | None = None) -> bool:
    """The secretariat and the partner organisations' reviewers run the matching queue."""
    return bool(user is not None and user.is_authenticated and user.is_reviewer)


def can_edit_needs_offers(user: Person | None, pledge: Pledge) -> bool:
    """Owners state needs and offers while the pledge is open (drafts and published pledges alike:
    a need met next month should close without a revision through review)."""
    return (
        not pledge.is_revision
        and pledge.status not in CLOSED_PLEDGE_STATES
        and acts_for_owner(user, pledge)
    )


def can_edit_partner_needs_offers(user: Person | None, partner: PartnerOrganisation) -> bool:
    """A partner organisation's own staff, and the secretariat."""
    # Only a signed-in person (an account, not an anonymous visitor) has a partner organisation.
    if not isinstance(user, User) or not user.is_active:
        return False
    return user.is_secretariat or (user.is_reviewer and user.partner_organisation_id == partner.pk)


def acts_for_party(
    user: Person | None, pledge: Pledge | None, partner: PartnerOrganisation | None
) -> bool:
    if pledge is not None:
        return acts_for_owner(user, pledge)
    return partner is not None and can_edit_partner_needs_offers(user, partner)


def party_sides(user: Person | None, match: Match) -> list[str]:
    """Which sides of `match` ("first", "second") `user` acts for."""
    sides = []
    if acts_for_party(user, match.first_pledge, match.first_partner):
        sides.append("first")
    if acts_for_party(user, match.second_pledge, match.second_partner):
        sides.append("second")
    return sides


def can_manage_contributions(user: Person | None, pledge: Pledge) -> bool:
    """Who joins a pledge to a lead pledge as a contributor, or leaves it: the focal points of the
    contributing pledge's governments, and the secretariat. Not the lead pledge's owners (the
    contribution is the contributor's statement) and not partner reviewers (they facilitate
    matches, they do not speak for a government)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if pledge.is_revision or pledge.status in CLOSED_PLEDGE_STATES:
        return False
    return user.is_secretariat or acts_for_owner(user, pledge)


def can_view_match(user: Person | None, match: Match) -> bool:
    return can_facilitate(user) or bool(party_sides(user, match))


def can_answer(user: Person | None, match: Match, side: str) -> bool:
    from .models import Answer, MatchStatus

    return (
        match.status == MatchStatus.INTRODUCED
        and side in party_sides(user, match)
        and getattr(match, f"{side}_answer") == Answer.PENDING
    )


def can_see_contacts(user: Person | None, match: Match) -> bool:
    """The other party's focal points' names and e-mail addresses: only once both have accepted,
    and only for the parties themselves."""
    return match.is_confirmed and bool(party_sides(user, match))
