"""Demo needs and offers: realistic noise on about a quarter of the published pledges, and planted
clusters — needs and offers written about the same concrete project — whose members the matcher
should suggest to each other (`bench/matching.py` measures how often it does).

Everything is written with bulk inserts; profiles, index keys and the suggestions themselves are
worked out here in memory with the matcher's own functions (`suggestions.make_profile`,
`scoring.match_keys`, `scoring.rank`), so no per-item query runs.

`seed_demo` caps the noise at large sizes (`NOISE_PLEDGES_AT_MOST`; the default demo stays below
it): each item is scored in Python against the other side's items sharing its keys, up to 200, so
that step grows with the square of the items until then; for a quarter of 500,000 pledges it would
take well over ten minutes on its own. The planted clusters and the partnerships are the same at
any size. `bench/matching.py` calls `seed_needs_offers` without a cap.
"""

import random
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import chain

from django.db import transaction
from django.utils import timezone

from localcompacts.accounts.models import PartnerOrganisation
from localcompacts.compacts.models import Objective, PopulationGroup
from localcompacts.matching import scoring, suggestions
from localcompacts.matching.models import (
    Answer,
    Direction,
    ItemType,
    Match,
    MatchKey,
    MatchKind,
    MatchStatus,
    NeedOffer,
)
from localcompacts.pledges.models import Pledge, PledgeOwner, PledgeStatus

from . import rows

CHUNK = 2000
CLUSTER_SIZE = 6  # needs and offers per planted cluster (each side)
NOISE_PLEDGES_AT_MOST = 3000  # published pledges with noise items (a quarter of them up to that)
SUGGEST_BATCH = 500  # see `suggest_all`

# What noise items say: plausible, generic, and sharing words with the themes on purpose.
NOISE = {
    "en": [
        "Support for our integration services and staff.",
        "Help with data on newcomers in the city and their access to services.",
        "Exchange with other cities on housing and reception.",
        "Training of municipal staff on migrants' rights and access to health.",
        "Funding to expand language courses and employment counselling.",
        "Experience of our welcome centre, open to visits from other cities.",
        "Tools and methods to consult migrant and refugee communities.",
        "In-kind support: premises, equipment and volunteers for reception.",
    ],
    "fr": [
        "Appui à nos services d'intégration et à leurs équipes.",
        "Données sur les nouveaux arrivants et leur accès aux services.",
        "Échanges avec d'autres villes sur le logement et l'accueil.",
        "Formation du personnel municipal aux droits des migrants et à l'accès à la santé.",
        "Financement pour étendre les cours de langue et l'accompagnement vers l'emploi.",
    ],
    "es": [
        "Apoyo a nuestros servicios de integración y a sus equipos.",
        "Datos sobre personas recién llegadas y su acceso a los servicios.",
        "Intercambio con otras ciudades sobre vivienda y acogida.",
        "Formación del personal municipal sobre derechos de las personas migrantes y salud.",
        "Financiación para ampliar los cursos de idioma y la orientación laboral.",
    ],
}
# The planted themes: one concrete project each, with the words both sides would use.
THEMES = [
    ("en", "mobile health clinics with interpreters for refugees in informal settlements"),
    ("en", "digital literacy and coding bootcamps for newly arrived young women"),
    ("en", "one-stop shop for residence permits and birth registration of migrant children"),
    ("en", "cash transfer scheme for host community families sheltering displaced relatives"),
    ("en", "firefighters and paramedics exchange on flood evacuation of displaced camps"),
    ("en", "open dataset on labour market outcomes of refugees by occupation and district"),
    ("en", "tenant mediation and rental guarantees for asylum seekers leaving reception centres"),
    ("en", "school enrolment tracking and catch-up classes for unaccompanied minors"),
    ("fr", "cantines scolaires et soutien psychosocial pour les enfants déplacés"),
    ("fr", "coopératives agricoles urbaines pour réfugiés et maraîchage solidaire"),
    ("fr", "guichet numérique de reconnaissance des diplômes des médecins migrants"),
    ("es", "red de cocinas comunitarias y emprendimientos gastronómicos de personas venezolanas"),
    ("es", "brigadas de salud mental y primeros auxilios psicológicos en albergues fronterizos"),
    ("es", "registro biométrico municipal y cédula de vecindad para migrantes irregulares"),
    ("en", "bicycle repair social enterprise employing resettled refugees"),
    ("en", "legal aid clinic on statelessness and nationality documents for returnees"),
]
VARIATIONS = {
    "en": ["We need", "We offer", "Looking for partners:", "Our city can share", "Request:"],
    "fr": ["Nous cherchons", "Nous proposons", "Partenaires recherchés :", "Notre ville partage"],
    "es": ["Buscamos", "Ofrecemos", "Socios para", "Nuestra ciudad comparte"],
}


def _places(pledge_ids: list[int]) -> dict[int, tuple[set[str], set[str], set[str]]]:
    places: defaultdict[int, tuple[set[str], set[str], set[str]]] = defaultdict(
        lambda: (set(), set(), set())
    )
    rows = PledgeOwner.objects.filter(pledge_id__in=pledge_ids).values_list(
        "pledge_id",
        "government__country__iso3",
        "government__country__subregion__code",
        "government__country__region__code",
    )
    for pledge_id, iso3, subregion, region in rows.iterator(chunk_size=5000):
        countries, subregions, regions = places[pledge_id]
        countries.add(iso3)
        subregions.update(filter(None, [subregion]))
        regions.update(filter(None, [region]))
    return places


class Planter:
    """Collects items, writes them (with relations, profiles and keys) in bulk."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        # (item, [(objective id, code)], [(population group id, code)])
        self.items: list[tuple[NeedOffer, list[tuple[int, str]], list[tuple[int, str]]]] = []

    def add(
        self,
        *,
        pledge=None,
        partner_id=None,
        direction,
        item_type,
        objectives,
        groups,
        languages,
        description,
        title="",
        place=((), (), ()),
        amount=None,
        currency="",
    ):
        item = NeedOffer(
            pledge_id=pledge,
            partner_id=partner_id,
            direction=direction,
            item_type=item_type,
            amount=amount,
            currency=currency,
            languages=" ".join(languages),
            description=description[:500],
        )
        countries, subregions, regions = place
        item.profile = suggestions.make_profile(
            item_type=item_type,
            direction=direction,
            objectives=[code for _pk, code in objectives],
            groups=[code for _pk, code in groups],
            countries=countries,
            subregions=subregions,
            regions=regions,
            languages=languages,
            text=f"{title}. {description}" if title else description,
        )
        self.items.append((item, objectives, groups))
        return len(self.items) - 1

    def write(self) -> list[int]:
        """Insert the items, their objectives, population groups and index keys; returns their
        ids, in the order they were added."""
        at = rows.datetime_value()
        now = at(timezone.now())
        first_id = rows.next_id(NeedOffer)
        insert_items = rows.Inserter(NeedOffer, ITEM_COLUMNS)
        through_objectives = NeedOffer.objectives.through
        through_groups = NeedOffer.population_groups.through
        insert_objectives = rows.Inserter(through_objectives, ["needoffer", "objective"])
        insert_groups = rows.Inserter(through_groups, ["needoffer", "populationgroup"])
        insert_keys = rows.Inserter(MatchKey, ["item", "direction", "key"])
        for position, (item, _objectives, _groups) in enumerate(self.items):
            item.pk = first_id + position
        for start in range(0, len(self.items), CHUNK):
            chunk = self.items[start : start + CHUNK]
            with transaction.atomic():
                insert_items(
                    [
                        (
                            item.pk,
                            item.pledge_id,
                            item.partner_id,
                            item.direction,
                            item.item_type,
                            item.amount,
                            item.currency,
                            item.languages,
                            item.description,
                            True,
                            rows.json_value(item.profile),
                            now,
                            now,
                        )
                        for item, _objectives, _groups in chunk
                    ]
                )
                objective_rows, group_rows, keys = [], [], []
                for item, objectives, groups in chunk:
                    objective_rows += [(item.pk, pk) for pk, _code in objectives]
                    group_rows += [(item.pk, pk) for pk, _code in groups]
                    keys += [
                        (item.pk, item.direction, key)
                        for key in scoring.match_keys(
                            item.item_type, item.profile["objectives"], item.profile["groups"]
                        )
                    ]
                insert_objectives(objective_rows)
                insert_groups(group_rows)
                insert_keys(keys)
        rows.reset_sequences([NeedOffer])
        return [item.pk for item, _objectives, _groups in self.items]

    def suggest_all(self) -> int:
        """Every item's suggestions, as `suggestions.suggest_for_items` computes and
        `suggestions.store` writes them, worked out in memory and inserted at once (the database
        holds no match yet, and every item is open and of a published pledge or a partner).

        Candidates are the other side's items sharing most of the item's index keys (ties: the
        newest), the best `CANDIDATES`, less the item's own party's; `scoring.rank` keeps the best
        `PER_ITEM`. A pair in both lists keeps the score of the side computed last when the seed
        still ran `suggest_for_items` over the items in batches of `SUGGEST_BATCH`, needs first
        (the offer's, unless both were in one batch), so the demo shows the same scores."""
        items = sorted(
            (item for item, _objectives, _groups in self.items),
            key=lambda item: (item.direction, item.pk),
        )
        batch = {item.pk: position // SUGGEST_BATCH for position, item in enumerate(items)}
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        for item in reversed(items):  # newest first, as the candidates are cut
            for key in _keys(item.profile):
                postings[(item.direction, key)].append(item.pk)
        profiles = {item.pk: item.profile for item in items}
        parties = {item.pk: (item.pledge_id, item.partner_id) for item in items}
        pairs: dict[tuple[int, int], dict] = {}
        for item in items:
            is_need = item.direction == Direction.NEED
            other = Direction.OFFER if is_need else Direction.NEED
            lists = [postings.get((other, key), []) for key in _keys(item.profile)]
            if len(lists) == 1:
                found = lists[0][: suggestions.CANDIDATES]
            else:
                shared = Counter(chain.from_iterable(lists))
                best = sorted(shared.items(), key=lambda pair: (-pair[1], -pair[0]))
                found = [pk for pk, _count in best[: suggestions.CANDIDATES]]
            party = parties[item.pk]
            found = sorted(pk for pk in found if parties[pk] != party)
            ranked = scoring.rank(
                item.profile,
                [(pk, profiles[pk]) for pk in found],
                query_is_need=is_need,
                limit=suggestions.PER_ITEM,
            )
            for place, (other_pk, score, reasons) in enumerate(ranked, start=1):
                pair = (item.pk, other_pk) if is_need else (other_pk, item.pk)
                entry = pairs.get(pair)
                if entry is None:
                    entry = pairs[pair] = {"score": score, "reasons": reasons}
                elif batch[pair[0]] != batch[pair[1]]:
                    entry["score"], entry["reasons"] = score, reasons
                entry["need_rank" if is_need else "offer_rank"] = place
        at = rows.datetime_value()
        now = at(timezone.now())
        insert = rows.Inserter(Match, MATCH_COLUMNS)
        made = [
            (
                MatchKind.SUGGESTED,
                MatchStatus.SUGGESTED,
                need,
                offer,
                *parties[need],
                *parties[offer],
                entry["score"],
                entry.get("need_rank"),
                entry.get("offer_rank"),
                rows.json_value(entry["reasons"]),
                Answer.PENDING,
                Answer.PENDING,
                "",
                now,
                now,
            )
            for (need, offer), entry in pairs.items()
        ]
        for start in range(0, len(made), CHUNK * 5):
            with transaction.atomic():
                insert(made[start : start + CHUNK * 5])
        return len(made)


def _keys(profile: dict) -> list[str]:
    return scoring.match_keys(profile["type"], profile["objectives"], profile["groups"])


ITEM_COLUMNS = [
    "id",
    "pledge",
    "partner",
    "direction",
    "item_type",
    "amount",
    "currency",
    "languages",
    "description",
    "is_open",
    "profile",
    "created_at",
    "updated_at",
]
MATCH_COLUMNS = [
    "kind",
    "status",
    "need",
    "offer",
    "first_pledge",
    "first_partner",
    "second_pledge",
    "second_partner",
    "score",
    "need_rank",
    "offer_rank",
    "reasons",
    "first_answer",
    "second_answer",
    "dismiss_reason",
    "created_at",
    "updated_at",
]


def seed_needs_offers(
    *,
    rng: random.Random,
    share: float = 0.25,
    clusters: int = 16,
    priority_pledges=(),
    most: int | None = None,
    suggest: bool = False,
    progress=None,
) -> dict:
    """Noise on `share` of the published pledges (on `most` of them at most) and `clusters`
    planted clusters, with their suggestions when `suggest`; returns the planted clusters as
    {"needs": [item ids], "offers": [item ids]} lists."""
    progress = progress or (lambda message: None)
    published = list(
        Pledge.objects.filter(status=PledgeStatus.PUBLISHED, revision_of__isnull=True)
        .order_by("pk")
        .values_list("pk", "language", "title")
    )
    if not published:
        return {"clusters": [], "items": 0}
    objectives = list(Objective.objects.values_list("pk", "code"))
    groups = list(PopulationGroup.objects.values_list("pk", "code"))
    noisy = int(len(published) * share)
    chosen = rng.sample(published, max(1, noisy if most is None else min(noisy, most)))
    own_pledges = set(priority_pledges)
    priority = [row for row in published if row[0] in own_pledges]
    places = _places([pk for pk, _l, _t in chosen + priority])
    planter = Planter(rng)
    types = ItemType.values
    for pk, language, title in chosen:
        for _ in range(rng.choice([1, 1, 2])):
            item_type = rng.choice(types)
            amount = None
            if item_type == ItemType.FUNDING:
                amount = Decimal(rng.randrange(10, 2000) * 1000)
            planter.add(
                pledge=pk,
                direction=rng.choice(Direction.values),
                item_type=item_type,
                objectives=rng.sample(objectives, rng.randint(1, 3)),
                groups=rng.sample(groups, rng.randint(0, 2)),
                languages=[language] if rng.random() < 0.8 else [language, "en"],
                description=rng.choice(NOISE[language]),
                title=title,
                place=places[pk],
                amount=amount,
                currency="USD" if amount else "",
            )
    planted = []
    # Cluster members come first from the demo accounts' pledges, then from the noise pledges.
    priority_ids = {row[0] for row in priority}
    rest = [row for row in chosen if row[0] not in priority_ids]
    rng_pool = priority + rng.sample(rest, len(rest))
    cursor = 0
    for index in range(clusters):
        language, theme = THEMES[index % len(THEMES)]
        item_type = types[index % len(types)]
        cluster_objectives = rng.sample(objectives, 2)
        cluster_groups = rng.sample(groups, 1)
        members: dict[str, list[int]] = {"needs": [], "offers": []}
        for side, direction in (("needs", Direction.NEED), ("offers", Direction.OFFER)):
            for _ in range(CLUSTER_SIZE):
                if cursor >= len(rng_pool):
                    cursor = 0
                pk, _pledge_language, title = rng_pool[cursor]
                cursor += 1
                lead = rng.choice(VARIATIONS[language])
                members[side].append(
                    planter.add(
                        pledge=pk,
                        direction=direction,
                        item_type=item_type,
                        objectives=list(
                            dict.fromkeys(
                                cluster_objectives
                                + (rng.sample(objectives, 1) if rng.random() < 0.3 else [])
                            )
                        ),
                        groups=cluster_groups,
                        languages=[language],
                        description=f"{lead} {theme}.",
                        place=places[pk],
                    )
                )
        planted.append(members)
    partners = list(PartnerOrganisation.objects.values_list("pk", flat=True))
    for partner_id in partners:
        planter.add(
            partner_id=partner_id,
            direction=Direction.OFFER,
            item_type=rng.choice([ItemType.EXPERTISE, ItemType.TRAINING, ItemType.PEER_EXCHANGE]),
            objectives=rng.sample(objectives, 2),
            groups=rng.sample(groups, 1),
            languages=["en", "fr", "es"],
            description=rng.choice(NOISE["en"]),
        )
    ids = planter.write()
    progress(f"{len(ids)} needs and offers")
    if suggest:
        planter.suggest_all()
    clusters_out = [
        {side: [ids[position] for position in positions] for side, positions in members.items()}
        for members in planted
    ]
    return {"clusters": clusters_out, "items": len(ids)}


def seed_partnerships(*, rng: random.Random, clusters: list[dict]) -> dict:
    """Turn part of the computed suggestions into the queue's history: some introduced, some
    confirmed; plus the declared "matches" links and a few multi-stakeholder pledges."""
    now = timezone.now()
    introduced = confirmed = 0
    for index, cluster in enumerate(clusters):
        best = (
            Match.objects.filter(need_id__in=cluster["needs"], status=MatchStatus.SUGGESTED)
            .order_by("-score")
            .first()
        )
        if best is None:
            continue
        if index % 3 == 0:
            Match.objects.filter(pk=best.pk).update(
                status=MatchStatus.CONFIRMED,
                first_answer=Answer.ACCEPTED,
                second_answer=Answer.ACCEPTED,
                decided_at=now,
                confirmed_at=now,
            )
            confirmed += 1
        elif index % 3 == 1:
            Match.objects.filter(pk=best.pk).update(status=MatchStatus.INTRODUCED, decided_at=now)
            introduced += 1
    links = Pledge.objects.filter(
        matches__isnull=False, status=PledgeStatus.PUBLISHED, matches__status=PledgeStatus.PUBLISHED
    ).values_list("pk", "matches_id")
    declared = [
        Match(
            kind=MatchKind.DECLARED,
            status=MatchStatus.CONFIRMED,
            first_pledge_id=pk,
            second_pledge_id=other,
            first_answer=Answer.ACCEPTED,
            second_answer=Answer.ACCEPTED,
            score=1.0,
            confirmed_at=now,
        )
        for pk, other in links
        if pk != other
    ]
    published = list(
        Pledge.objects.filter(status=PledgeStatus.PUBLISHED).values_list("pk", flat=True)[:400]
    )
    contributions = []
    for _ in range(min(4, len(published) // 10)):
        lead, *joining = rng.sample(published, 4)
        contributions += [
            Match(
                kind=MatchKind.CONTRIBUTION,
                status=MatchStatus.CONFIRMED,
                first_pledge_id=lead,
                second_pledge_id=other,
                first_answer=Answer.ACCEPTED,
                second_answer=Answer.ACCEPTED,
                score=1.0,
                confirmed_at=now,
            )
            for other in joining
        ]
    Match.objects.bulk_create(declared + contributions, ignore_conflicts=True)
    return {
        "introduced": introduced,
        "confirmed": confirmed + len(declared) + len(contributions),
    }


def seed_matching(*, rng: random.Random, government_ids: list[int], progress=None) -> dict:
    """The demo's matchmaking: items, suggestions computed in bulk, and the queue's history."""
    own = list(
        Pledge.objects.filter(
            status=PledgeStatus.PUBLISHED, owners__in=government_ids[:2]
        ).values_list("pk", flat=True)
    )
    planted = seed_needs_offers(
        rng=rng,
        priority_pledges=own,
        most=NOISE_PLEDGES_AT_MOST,
        suggest=True,
        progress=progress,
    )
    history = seed_partnerships(rng=rng, clusters=planted["clusters"])
    if progress:
        progress(f"{Match.objects.count()} matches")
    return {**planted, **history}
