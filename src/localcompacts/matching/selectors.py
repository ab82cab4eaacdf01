"""Reads: a party's needs and offers, the queue, a person's matches, public partnerships, figures.
Pages, the API, exports and figures call these, so they cannot disagree."""

import functools
from collections.abc import Iterable
from typing import Any, TypedDict, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from localcompacts.accounts.models import PartnerOrganisation, User
from localcompacts.compacts.models import PopulationGroup, Region
from localcompacts.core import languages
from localcompacts.core.translation import localized
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge, public_q

from .models import Direction, ItemType, Match, MatchKind, MatchQuerySet, MatchStatus, NeedOffer
from .notifications import party_people

_Matches = TypeVar("_Matches", bound=QuerySet[Match])


class Partnership(TypedDict):
    """A pledge's confirmed partnership, seen from the pledge: the match and the other side."""

    match: Match
    role: str
    other_pledge: Pledge | None
    other_partner: PartnerOrganisation | None


class Contact(TypedDict):
    name: str
    email: str


class MatchingFigures(TypedDict):
    partnerships: int
    pledges_matched: int
    open_needs: int
    open_offers: int


QUEUE_PAGE = 30
QUEUE_STATES = (MatchStatus.SUGGESTED, MatchStatus.ACCEPTED, MatchStatus.INTRODUCED)


def needs_offers_of(
    *, pledge: Pledge | None = None, partner: PartnerOrganisation | None = None
) -> list[NeedOffer]:
    party = Q(pledge=pledge) if pledge is not None else Q(partner=partner)
    return list(
        NeedOffer.objects.filter(party)
        .select_related("region")
        .prefetch_related("objectives", "population_groups")
        .order_by("direction", "id")
    )


def _with_parties(matches: _Matches) -> _Matches:
    return matches.select_related(
        "first_pledge", "first_partner", "second_pledge", "second_partner", "need", "offer"
    )


def match_queue_page(*, status: str = "", page: int = 1) -> Page[Match]:
    """The facilitators' queue: open suggestions and introductions, best score first."""
    states = [status] if status in QUEUE_STATES else list(QUEUE_STATES)
    matches = _with_parties(Match.objects.filter(status__in=states)).order_by("-score", "-id")
    return Paginator(matches, QUEUE_PAGE).get_page(page)


def matches_for_party_user(user: User | AnonymousUser) -> MatchQuerySet:
    """The matches of the pledges a focal point acts for (or of their partner organisation);
    dismissed ones are the facilitators' business and are left out."""
    own = Q(pk__in=[])
    if user.is_authenticated and user.is_focal_point:
        pledges = Pledge.objects.owned_by_user(user).values("pk")
        own = Q(first_pledge__in=pledges) | Q(second_pledge__in=pledges)
    elif user.is_authenticated and user.is_reviewer and user.partner_organisation_id:
        own = Q(first_partner_id=user.partner_organisation_id) | Q(
            second_partner_id=user.partner_organisation_id
        )
    return (
        _with_parties(Match.objects.filter(own))
        .exclude(status=MatchStatus.DISMISSED)
        .order_by("-score", "-id")
    )


def confirmed_partnerships(pledge: Pledge, *, declared: bool = True) -> list[Partnership]:
    """A pledge's confirmed partnerships with the other side (a public pledge or a partner).
    `declared=False` leaves out the pledge's own "matches" links, which the public pledge page
    already lists from the pledge itself ("Matches", "Matched by")."""
    rows: list[Partnership] = []
    confirmed = Match.objects.confirmed().for_pledge(pledge.pk)
    if not declared:
        confirmed = confirmed.exclude(kind="declared")
    matches = list(_with_parties(confirmed).order_by("-confirmed_at", "-id"))
    if not matches:
        return rows
    others = {m.first_pledge_id for m in matches} | {m.second_pledge_id for m in matches}
    public = set(Pledge.objects.public().filter(pk__in=others).values_list("pk", flat=True))
    for match in matches:
        first = match.first_pledge_id == pledge.pk
        other_pledge = match.second_pledge if first else match.first_pledge
        other_partner = match.second_partner if first else match.first_partner
        if other_pledge is not None and other_pledge.pk not in public:
            continue
        rows.append(
            {
                "match": match,
                "role": _role(match, first),
                "other_pledge": other_pledge,
                "other_partner": other_partner,
            }
        )
    return rows


def partnerships_of(pledge: Pledge, *, declared: bool = True) -> dict[str, list[Partnership]]:
    """A pledge's confirmed partnerships (`confirmed_partnerships`) in three lists, read with the
    same query: "contributes_to", the lead pledge it joined as a contributor; "joined_by", the
    pledges that joined it as their lead pledge, in the order they joined, each with its owners
    (the governments of a multi-stakeholder pledge); "partnerships", every other kind. Each
    partnership is in one list only, so none is shown or counted twice."""
    rows = confirmed_partnerships(pledge, declared=declared)
    found: dict[str, list[Partnership]] = {
        "contributes_to": [],
        "joined_by": [],
        "partnerships": [],
    }
    for row in rows:
        match = row["match"]
        if match.kind != MatchKind.CONTRIBUTION or row["other_pledge"] is None:
            found["partnerships"].append(row)
        elif match.first_pledge_id == pledge.pk:
            found["joined_by"].append(row)
        else:
            found["contributes_to"].append(row)
    found["joined_by"].sort(
        key=lambda row: (row["match"].confirmed_at or row["match"].created_at, row["match"].pk)
    )
    others = [
        other
        for row in found["joined_by"] + found["contributes_to"]
        if (other := row["other_pledge"]) is not None
    ]
    if others:
        prefetch_related_objects(
            others, Prefetch("owners", queryset=LocalGovernment.objects.order_by("name"))
        )
    return found


def lead_pledge_options(*, limit: int = 50) -> list[Pledge]:
    """Published pledges others have joined as contributors, newest group first: the suggestions a
    pledge picker offers before anything is typed (a search replaces them as one types)."""
    leads = Match.objects.confirmed().filter(kind=MatchKind.CONTRIBUTION).values("first_pledge")
    return list(
        Pledge.objects.public()
        .filter(pk__in=leads)
        .order_by("-published_at", "-id")
        .only("pk", "title")[:limit]
    )


def _role(match: Match, first: bool) -> str:
    if match.kind == MatchKind.CONTRIBUTION:
        # The first party is the lead pledge, the second the pledge that joined it.
        return _("Joined by") if first else _("Contributes to")
    if match.kind == "declared":
        return _("Matches") if first else _("Matched by")
    return _("Receives from") if first else _("Supports")


def match_contacts(match: Match, side: str) -> list[Contact]:
    """The people answering for one side (names and e-mail): shown only when `can_see_contacts`."""
    pledge = getattr(match, f"{side}_pledge")
    partner = getattr(match, f"{side}_partner")
    return [
        {"name": person.get_full_name(), "email": person.email}
        for person in party_people(pledge, partner)
    ]


@functools.cache
def _population_groups() -> dict[str, PopulationGroup]:
    """The seven groups, read once per process (a reference taxonomy loaded by migrations)."""
    return {group.code: group for group in PopulationGroup.objects.all()}


@functools.cache
def _regions() -> dict[str, Region]:
    return {region.code: region for region in Region.objects.all()}


def describe_reasons(reasons: list[dict[str, Any]]) -> str:
    """“both GCM-15, refugees, Spanish; offer: peer exchange” in the reader's language."""
    groups = _population_groups() if reasons else {}
    shared: list[str] = []
    tail: list[str] = []
    for reason in reasons:
        code, values = reason.get("code"), reason.get("values", [])
        if code == "objectives":
            shared.extend(values)
        elif code == "groups":
            shared.extend(str(groups[v].name) if v in groups else v for v in values)
        elif code == "languages":
            shared.extend(languages.by_code(v).name if v in languages.CODES else v for v in values)
        elif code == "country":
            shared.extend(values)
        elif code == "region":
            regions = _regions()
            shared.extend(localized(regions[code]) if code in regions else code for code in values)
        elif code == "text":
            tail.append(_("similar descriptions"))
        elif code == "type" and values and values[0] in ItemType.values:
            tail.append(_("offer: %(type)s") % {"type": ItemType(values[0]).label.lower()})
    parts = []
    if shared:
        parts.append(_("both %(shared)s") % {"shared": ", ".join(shared)})
    parts.extend(tail)
    return "; ".join(parts)


def matching_figures(pledge_ids: QuerySet[Pledge, Any] | None = None) -> MatchingFigures:
    """Confirmed partnerships, pledges in one, open needs and offers — over every public pledge or
    over `pledge_ids` (a forum's announced pledges, say)."""
    confirmed = Match.objects.confirmed()
    public_pledges = Pledge.objects.public()
    if pledge_ids is not None:
        public_pledges = public_pledges.filter(pk__in=pledge_ids)
    matched = public_pledges.filter(
        Q(pk__in=confirmed.values("first_pledge")) | Q(pk__in=confirmed.values("second_pledge"))
    )
    items = NeedOffer.objects.filter(is_open=True).filter(public_q("pledge"))
    if pledge_ids is not None:
        items = items.filter(pledge__in=pledge_ids)
        confirmed = confirmed.filter(
            Q(first_pledge__in=pledge_ids) | Q(second_pledge__in=pledge_ids)
        )
    open_items = items.aggregate(
        needs=Count("pk", filter=Q(direction=Direction.NEED)),
        offers=Count("pk", filter=Q(direction=Direction.OFFER)),
    )
    return {
        "partnerships": confirmed.count(),
        "pledges_matched": matched.count(),
        "open_needs": open_items["needs"],
        "open_offers": open_items["offers"],
    }


def pledges_matched_count(pledge_ids: QuerySet[Pledge, Any] | Iterable[int]) -> int:
    """How many of these pledges (public ones) are in a confirmed partnership: one query."""
    confirmed = Match.objects.confirmed()
    return (
        Pledge.objects.public()
        .filter(pk__in=pledge_ids)
        .filter(
            Q(pk__in=confirmed.values("first_pledge")) | Q(pk__in=confirmed.values("second_pledge"))
        )
        .count()
    )


def public_partnerships() -> MatchQuerySet:
    """Confirmed partnerships whose pledge sides are public (exports and the API list these)."""
    hidden = ~public_q("first_pledge") & Q(first_pledge__isnull=False) | ~public_q(
        "second_pledge"
    ) & Q(second_pledge__isnull=False)
    return _with_parties(Match.objects.confirmed().exclude(hidden)).order_by("-confirmed_at", "-id")
