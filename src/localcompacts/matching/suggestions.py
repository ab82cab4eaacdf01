"""Suggested matches: each open need's best offers and each open offer's best needs.

1. `index_items` writes each item's `profile` (what scoring compares) and its `MatchKey` rows;
   only open items of public pledges and of partner organisations are indexed.
2. `candidates_for` reads the other side's index under the item's keys — the items sharing its
   type and an objective (or a population group) — and keeps the `CANDIDATES` sharing most.
3. `scoring.rank` scores those few hundred in Python and keeps the best `PER_ITEM`.
4. `store` writes the result in bulk: new pairs are created, known ones re-scored, pairs in
   neither side's list removed. A dismissed pair stays dismissed unless one of its items or
   pledges changed after the dismissal.

The worker runs `suggest_for_pledges` after each change (`tasks.py`); the demo seed runs it on
every item at once.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from localcompacts.core.workflow import apply_transition, workflow_for
from localcompacts.pledges.models import Pledge, public_q

from . import scoring
from .models import Direction, Match, MatchKey, MatchKind, MatchStatus, NeedOffer

# (item, direction, (pledge id, partner id), [(other item, score, reasons, other party, changed)])
Result = tuple[int, str, tuple[int | None, int | None], list[tuple[Any, ...]]]

CANDIDATES = 200
PER_ITEM = 10


def _eligible_q() -> Q:
    return Q(is_open=True) & (Q(partner__isnull=False) | public_q("pledge"))


def build_profile(item: NeedOffer) -> dict:
    """What the matcher compares, read once through the item's relations."""
    pledge = item.pledge
    countries, subregions, regions = set(), set(), set()
    languages = set(item.language_list)
    text = item.description
    if pledge is not None:
        for owner in pledge.owners.all():
            country = owner.country
            countries.add(country.iso3)
            if country.subregion is not None:
                subregions.add(country.subregion.code)
            if country.region is not None:
                regions.add(country.region.code)
        text = f"{pledge.title}. {text}"
        if not languages:
            languages.add(pledge.language)
    region = item.region
    if region is not None:
        (subregions if region.parent_id else regions).add(region.code)
        if region.parent is not None:
            regions.add(region.parent.code)
    return make_profile(
        item_type=item.item_type,
        direction=item.direction,
        objectives=[o.code for o in item.objectives.all()],
        groups=[g.code for g in item.population_groups.all()],
        countries=countries,
        subregions=subregions,
        regions=regions,
        languages=languages,
        text=text,
    )


def make_profile(
    *, item_type, direction, objectives, groups, countries, subregions, regions, languages, text
) -> dict:
    """The one shape of a profile (also built directly by the demo seed for bulk inserts)."""
    return {
        "type": item_type,
        "direction": direction,
        "objectives": sorted(objectives),
        "groups": sorted(groups),
        "countries": sorted(countries),
        "subregions": sorted(subregions),
        "regions": sorted(regions),
        "languages": sorted(languages),
        "terms": scoring.terms(text),
    }


def _items_with_relations(ids):
    return (
        NeedOffer.objects.filter(pk__in=ids)
        .select_related("pledge", "region__parent")
        .prefetch_related(
            "objectives",
            "population_groups",
            "pledge__owners__country__region",
            "pledge__owners__country__subregion",
        )
    )


def index_items(item_ids) -> None:
    """Refresh the profile and index keys of these items (unindexed when not eligible)."""
    item_ids = list(item_ids)
    eligible = set(
        NeedOffer.objects.filter(pk__in=item_ids).filter(_eligible_q()).values_list("pk", flat=True)
    )
    MatchKey.objects.filter(item_id__in=item_ids).delete()
    keys, changed = [], []
    for item in _items_with_relations(item_ids):
        item.profile = build_profile(item)
        changed.append(item)
        if item.pk in eligible:
            for key in scoring.match_keys(
                item.item_type, item.profile["objectives"], item.profile["groups"]
            ):
                keys.append(MatchKey(item_id=item.pk, direction=item.direction, key=key))
    NeedOffer.objects.bulk_update(changed, ["profile"], batch_size=500)
    MatchKey.objects.bulk_create(keys, batch_size=2000)


def candidates_for(item_id: int, direction: str, profile: dict, party: tuple) -> list:
    """The other side's items sharing most of this item's keys, as (id, profile, party, changed)."""
    other = Direction.OFFER if direction == Direction.NEED else Direction.NEED
    keys = scoring.match_keys(profile["type"], profile["objectives"], profile["groups"])
    ids = list(
        MatchKey.objects.filter(direction=other, key__in=keys)
        .values("item_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "-item_id")
        .values_list("item_id", flat=True)[:CANDIDATES]
    )
    rows = NeedOffer.objects.filter(pk__in=ids).values_list(
        "pk", "profile", "pledge_id", "partner_id", "updated_at", "pledge__updated_at"
    )
    return [
        (pk, prof, (pledge_id, partner_id), max(filter(None, (updated, pledge_updated))))
        for pk, prof, pledge_id, partner_id, updated, pledge_updated in rows
        if (pledge_id, partner_id) != party
    ]


def suggest_for_items(item_ids) -> int:
    """Recompute the suggestions of these items (already indexed); returns the pairs written."""
    items = list(
        NeedOffer.objects.filter(pk__in=item_ids).values_list(
            "pk",
            "direction",
            "profile",
            "pledge_id",
            "partner_id",
            "updated_at",
            "pledge__updated_at",
            "is_open",
        )
    )
    eligible = set(
        NeedOffer.objects.filter(pk__in=item_ids).filter(_eligible_q()).values_list("pk", flat=True)
    )
    results: list[Result] = []
    for pk, direction, profile, pledge_id, partner_id, updated, pledge_updated, _open in items:
        if pk not in eligible or not profile:
            results.append((pk, direction, (pledge_id, partner_id), []))
            continue
        found = candidates_for(pk, direction, profile, (pledge_id, partner_id))
        ranked = scoring.rank(
            profile,
            [(cid, prof) for cid, prof, _party, _changed in found],
            query_is_need=direction == Direction.NEED,
            limit=PER_ITEM,
        )
        own_changed = max(filter(None, (updated, pledge_updated)))
        details = {cid: (party, changed) for cid, _prof, party, changed in found}
        results.append(
            (
                pk,
                direction,
                (pledge_id, partner_id),
                [
                    (cid, score, reasons, details[cid][0], max(own_changed, details[cid][1]))
                    for cid, score, reasons in ranked
                ],
            )
        )
    return store(results)


def store(results: list[Result]) -> int:
    """Write the ranked lists of `results` [(item, direction, party, [(other, score, reasons,
    other_party, last_change)])] in bulk (see the module's docstring)."""
    need_ids = [pk for pk, direction, _p, _r in results if direction == Direction.NEED]
    offer_ids = [pk for pk, direction, _p, _r in results if direction == Direction.OFFER]
    pairs: dict[tuple[int, int], dict[str, Any]] = {}
    for pk, direction, party, ranked in results:
        for rank, (other, score, reasons, other_party, changed) in enumerate(ranked, start=1):
            if direction == Direction.NEED:
                key, parties, field = (pk, other), (party, other_party), "need_rank"
            else:
                key, parties, field = (other, pk), (other_party, party), "offer_rank"
            entry = pairs.setdefault(
                key, {"score": score, "reasons": reasons, "parties": parties, "changed": changed}
            )
            entry[field] = rank
    with transaction.atomic():
        suggested = Match.objects.filter(status=MatchStatus.SUGGESTED)
        suggested.filter(need_id__in=need_ids).update(need_rank=None)
        suggested.filter(offer_id__in=offer_ids).update(offer_rank=None)
        existing: dict[tuple[int, int], Match] = {}
        if pairs:
            wanted_needs = {need for need, _offer in pairs}
            wanted_offers = {offer for _need, offer in pairs}
            for match in Match.objects.filter(need_id__in=wanted_needs, offer_id__in=wanted_offers):
                pair = (match.need_id, match.offer_id)
                if pair[0] is not None and pair[1] is not None and (pair[0], pair[1]) in pairs:
                    existing[(pair[0], pair[1])] = match
        now = timezone.now()
        create: list[Match] = []
        update: list[Match] = []
        for (need, offer), entry in pairs.items():
            found = existing.get((need, offer))
            if found is None:
                (first_pledge, first_partner), (second_pledge, second_partner) = entry["parties"]
                create.append(
                    Match(
                        kind=MatchKind.SUGGESTED,
                        need_id=need,
                        offer_id=offer,
                        first_pledge_id=first_pledge,
                        first_partner_id=first_partner,
                        second_pledge_id=second_pledge,
                        second_partner_id=second_partner,
                        score=entry["score"],
                        reasons=entry["reasons"],
                        need_rank=entry.get("need_rank"),
                        offer_rank=entry.get("offer_rank"),
                        created_at=now,
                        updated_at=now,
                    )
                )
                continue
            match = found
            if match.status == MatchStatus.DISMISSED:
                if match.decided_at is None or entry["changed"] <= match.decided_at:
                    continue  # dismissed, and nothing changed since: it does not come back
                apply_transition(match, "resuggest", by=None, workflow=workflow_for(Match))
            if match.status != MatchStatus.SUGGESTED:
                continue
            match.score, match.reasons = entry["score"], entry["reasons"]
            match.need_rank = entry.get("need_rank", match.need_rank)
            match.offer_rank = entry.get("offer_rank", match.offer_rank)
            match.updated_at = now
            update.append(match)
        Match.objects.bulk_create(create, batch_size=1000)
        Match.objects.bulk_update(
            update, ["score", "reasons", "need_rank", "offer_rank", "updated_at"], batch_size=500
        )
        suggested.filter(
            Q(need_id__in=need_ids) | Q(offer_id__in=offer_ids),
            need_rank__isnull=True,
            offer_rank__isnull=True,
        ).delete()
    return len(pairs)


def suggest_for_pledges(pledge_ids) -> int:
    """Re-index and re-suggest every item of these pledges (what the worker runs on a change)."""
    item_ids = list(NeedOffer.objects.filter(pledge_id__in=pledge_ids).values_list("pk", flat=True))
    return _refresh(item_ids)


def suggest_for_partner(partner_id: int) -> int:
    item_ids = list(NeedOffer.objects.filter(partner_id=partner_id).values_list("pk", flat=True))
    return _refresh(item_ids)


def _refresh(item_ids) -> int:
    if not item_ids:
        return 0
    index_items(item_ids)
    return suggest_for_items(item_ids)


def suggest_all(*, batch: int = 500, progress=None) -> int:
    """Index and suggest for every item, in batches (the demo seed, `manage.py suggest_matches`)."""
    ids = list(NeedOffer.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        index_items(ids[start : start + batch])
    written = 0
    for start in range(0, len(ids), batch):
        written += suggest_for_items(ids[start : start + batch])
        if progress:
            progress(f"{min(start + batch, len(ids))} items suggested")
    return written


def public_pledge_ids(ids) -> set[int]:
    return set(Pledge.objects.filter(pk__in=ids).public().values_list("pk", flat=True))


def items_by_pledge(pledge_ids: Iterable[int]) -> dict[int, list[NeedOffer]]:
    grouped: defaultdict[int, list[NeedOffer]] = defaultdict(list)
    for item in (
        NeedOffer.objects.filter(pledge_id__in=pledge_ids)
        .prefetch_related("objectives", "population_groups")
        .select_related("region")
    ):
        if item.pledge_id is not None:
            grouped[item.pledge_id].append(item)
    return grouped
