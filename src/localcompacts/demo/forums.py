"""Demo data for the review forums (called by `demo.seed.seed_demo`).

IMRF 2022 is built to match the public record of city participation: 85% of official-programme
sessions with a city speaker (17 of 20), five national delegations with city representatives,
three high-level convenings co-hosted with the President of the UN General Assembly, the UN
Deputy Secretary-General and the EU Commissioner for Home Affairs, 70 pledges delivered, and a
Progress Declaration excerpt with an earlier draft. Names of speakers, delegates and the text
itself are invented and the forum is flagged `is_demo_data`, which the page shows as a notice.
IMRF 2026 gets a smaller edition for comparison.
"""

import datetime

from django.db import transaction

from localcompacts.compacts.models import Country
from localcompacts.forums import services
from localcompacts.forums.models import (
    ConveningCoHost,
    DelegationMember,
    HighLevelConvening,
    NationalDelegation,
    OrganisationType,
    OutcomeDocument,
    ProgrammeSession,
    ReviewForum,
    SessionType,
    Speaker,
)
from localcompacts.pledges.models import Pledge

FIRST_NAMES = [
    "Amara",
    "Lucía",
    "Jonas",
    "Mei",
    "Karim",
    "Sofia",
    "Tariq",
    "Ana",
    "Kwame",
    "Elena",
    "Ravi",
    "Nadia",
    "Pablo",
    "Ingrid",
    "Youssef",
    "Chloé",
    "Daniel",
    "Fatima",
    "Hiro",
    "Zanele",
]
LAST_NAMES = [
    "Okafor",
    "Fernández",
    "Lindqvist",
    "Zhang",
    "Benali",
    "Rossi",
    "Haddad",
    "Souza",
    "Mensah",
    "Petrova",
    "Iyer",
    "Farouk",
    "Gómez",
    "Berg",
    "El Amrani",
    "Martin",
    "Cohen",
    "Diallo",
    "Sato",
    "Ndlovu",
]
OTHER_SPEAKERS = [
    ("Ambassador", "Permanent Mission", OrganisationType.MEMBER_STATE),
    ("Minister of Interior", "Government", OrganisationType.MEMBER_STATE),
    ("Director", "International Organization for Migration", OrganisationType.UN_SYSTEM),
    ("Assistant High Commissioner", "UNHCR", OrganisationType.UN_SYSTEM),
    ("Coordinator", "Migrant-led network", OrganisationType.CIVIL_SOCIETY),
    ("Professor", "University", OrganisationType.ACADEMIA),
    ("Head of sustainability", "Employers' federation", OrganisationType.PRIVATE_SECTOR),
]
LOCAL_TITLES = ["Mayor", "Deputy Mayor", "Governor", "City Councillor"]
ROUND_TABLE_THEMES = [
    "Objectives 2, 5, 6, 12 and 18: regular pathways and decent work",
    "Objectives 4, 8, 9, 10, 11, 13, 14, 21: protection, borders and return",
    "Objectives 15, 16, 19, 20, 22: inclusion, social cohesion and remittances",
    "Objectives 1, 3, 7, 17, 23: data, information, vulnerabilities and cooperation",
]
COHOSTS_2022 = [
    ("", "President of the United Nations General Assembly", "United Nations General Assembly"),
    ("", "Deputy Secretary-General of the United Nations", "United Nations"),
    ("", "European Commissioner for Home Affairs", "European Commission"),
]
DEMO_NOTE = "[Demo text — not the adopted declaration] "
DRAFT_2022 = [
    "We, the Ministers and high representatives, gathered at the first International Migration "
    "Review Forum, reaffirm our commitment to the Global Compact for Safe, Orderly and Regular "
    "Migration.",
    "We recognise the important contributions of migrants to sustainable development.",
    "We commit to strengthening data on migration to inform policy.",
    "We will enhance cooperation with all relevant stakeholders to implement the Global Compact.",
]
FINAL_2022 = [
    DRAFT_2022[0],
    "We recognise the important contributions of migrants to sustainable development, and the "
    "role of cities and local authorities in their inclusion.",
    DRAFT_2022[2],
    "We will enhance cooperation with local and regional governments, and all relevant "
    "stakeholders, to implement the Global Compact in a whole-of-society approach.",
    "We welcome the Call to Local Action for Migrants and Refugees and encourage cities to "
    "submit actions.",
]


def _person(rng) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _sessions(forum, rng, government_ids, *, official: int, with_city: int, side_events: int):
    days = (forum.end_date - forum.start_date).days + 1
    kinds = [SessionType.PLENARY, SessionType.STAKEHOLDER_HEARING] + [SessionType.ROUND_TABLE] * 4
    kinds += [SessionType.POLICY_DEBATE] * max(official - len(kinds), 0)
    kinds = kinds[:official]
    city_sessions = set(rng.sample(range(official), with_city))
    plan = [(kind, True, index in city_sessions) for index, kind in enumerate(kinds)]
    plan += [(SessionType.SIDE_EVENT, False, rng.random() < 0.7) for _ in range(side_events)]
    people: dict[int, str] = {}  # government id: the name of its speaker
    for index, (kind, is_official, has_city) in enumerate(plan):
        theme = (
            ROUND_TABLE_THEMES[index % len(ROUND_TABLE_THEMES)]
            if kind == SessionType.ROUND_TABLE
            else f"{SessionType(kind).label} {index + 1}"
        )
        start = datetime.time(9 + (index % 4) * 2, 0)
        session = ProgrammeSession.objects.create(
            forum=forum,
            session_type=kind,
            title=f"{theme} (demo)",
            date=forum.start_date + datetime.timedelta(days=index % days),
            start_time=start,
            end_time=datetime.time(start.hour + 2, 0),
            is_official=is_official,
        )
        position = 0
        for _ in range(rng.randint(2, 4)):
            title, organisation, kind_of = rng.choice(OTHER_SPEAKERS)
            Speaker.objects.create(
                session=session,
                name=_person(rng),
                title=title,
                organisation=organisation,
                organisation_type=kind_of,
                position=position,
            )
            position += 1
        if has_city and government_ids:
            for _ in range(rng.randint(1, 2)):
                government_id = rng.choice(government_ids)
                name = people.setdefault(government_id, _person(rng))  # the same mayor again
                speaker = Speaker.objects.create(
                    session=session,
                    name=name,
                    title=rng.choice(LOCAL_TITLES),
                    organisation_type=OrganisationType.LOCAL_GOVERNMENT,
                    position=position,
                )
                speaker.governments.set([government_id])
                position += 1


def _delegations(forum, rng, government_ids, *, total: int, with_city: int):
    from localcompacts.governments.models import LocalGovernment

    countries = list(Country.objects.order_by("iso3"))
    chosen = rng.sample(countries, min(total, len(countries)))
    by_country: dict[int, list[int]] = {}
    for government in LocalGovernment.objects.filter(pk__in=government_ids).only(
        "pk", "country_id"
    ):
        by_country.setdefault(government.country_id, []).append(government.pk)
    with_governments = [c for c in countries if c.pk in by_country]
    rng.shuffle(with_governments)
    city_countries = with_governments[:with_city]
    chosen = (
        city_countries
        + [c for c in chosen if c not in city_countries][: total - len(city_countries)]
    )
    for country in chosen:
        delegation = NationalDelegation.objects.create(forum=forum, country=country)
        for _ in range(rng.randint(2, 4)):
            DelegationMember.objects.create(
                delegation=delegation,
                name=_person(rng),
                title=rng.choice(["Minister", "Ambassador", "Counsellor", "Director-General"]),
                organisation="Government",
            )
        if country in city_countries:
            government_id = rng.choice(by_country[country.pk])
            DelegationMember.objects.create(
                delegation=delegation,
                name=_person(rng),
                title=rng.choice(LOCAL_TITLES),
                organisation="City",
                represents_local_government=True,
                government_id=government_id,
            )


def _convenings(forum, rng, government_ids, cohosts):
    for index, cohost in enumerate(cohosts):
        convening = HighLevelConvening.objects.create(
            forum=forum,
            title=f"Mayors and the {cohost[1]}: local action on migration (demo)",
            date=forum.start_date + datetime.timedelta(days=index % 3),
        )
        ConveningCoHost.objects.create(
            convening=convening,
            person="",
            title="Mayors Mechanism",
            institution="UCLG, MMC and IOM",
        )
        ConveningCoHost.objects.create(
            convening=convening,
            person=cohost[0],
            title=cohost[1],
            institution=cohost[2],
            position=1,
        )
        convening.governments.set(rng.sample(government_ids, min(8, len(government_ids))))


def _announce_pledges(forum, rng, count: int):
    """Exactly `count` published pledges announced at the forum (as many as exist if fewer)."""
    Pledge.objects.filter(announced_at=forum).update(announced_at=None)
    published = list(Pledge.objects.public().order_by("pk").values_list("pk", "submitted_at"))
    before = [pk for pk, submitted in published if submitted and submitted.date() <= forum.end_date]
    taken = set(before)
    rest = [pk for pk, _submitted in published if pk not in taken]
    pool = before if len(before) >= count else before + rest
    chosen = rng.sample(pool, min(count, len(pool)))
    Pledge.objects.filter(pk__in=chosen).update(announced_at=forum)
    return len(chosen)


def _outcome(forum, title, drafts):
    document = OutcomeDocument.objects.create(forum=forum, title=f"{title} (demo excerpt)")
    draft = None
    for label, paragraphs, adopted in drafts:
        text = "\n\n".join([DEMO_NOTE + paragraphs[0], *paragraphs[1:]])
        draft = services.outcome_draft_add(
            document=document, label=label, text=text, by=None, is_adopted=adopted
        )
    for paragraph in draft.paragraphs.exclude(matched_terms=""):
        services.outcome_paragraph_confirm(paragraph=paragraph, mentions_local=True, by=None)


def _ready_for_demo(forum) -> bool:
    """Never overwrite a real record: only an empty forum or an earlier demo one is (re)built."""
    has_records = (
        forum.sessions.exists()
        or forum.delegations.exists()
        or forum.convenings.exists()
        or forum.outcomes.exists()
    )
    if has_records and not forum.is_demo_data:
        return False
    for related in (forum.sessions, forum.delegations, forum.convenings, forum.outcomes):
        related.all().delete()
    ReviewForum.objects.filter(pk=forum.pk).update(is_demo_data=True)
    return True


@transaction.atomic
def seed_forums(*, rng, government_ids, progress) -> None:
    forums = {f.slug: f for f in ReviewForum.objects.filter(slug__in=["imrf-2022", "imrf-2026"])}
    first = forums.get("imrf-2022")
    if first and _ready_for_demo(first):
        _sessions(first, rng, government_ids, official=20, with_city=17, side_events=6)
        _delegations(first, rng, government_ids, total=14, with_city=5)
        _convenings(first, rng, government_ids, COHOSTS_2022)
        announced = _announce_pledges(first, rng, 70)
        _outcome(
            first,
            "Progress Declaration of the International Migration Review Forum",
            [("Zero draft", DRAFT_2022, False), ("Adopted text", FINAL_2022, True)],
        )
        progress(f"IMRF 2022 demo record: 20 official sessions, {announced} pledges")
    second = forums.get("imrf-2026")
    if second and _ready_for_demo(second):
        _sessions(second, rng, government_ids, official=8, with_city=5, side_events=3)
        _delegations(second, rng, government_ids, total=6, with_city=2)
        _convenings(second, rng, government_ids, COHOSTS_2022[:1])
        progress("IMRF 2026 demo record")
