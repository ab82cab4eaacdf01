"""Reads for forums: the computed figures, the programme, the outcome text, and participation.

Every figure on the forum page, the comparison page and in the API comes from
`forum_record_figures` and, for the pledges announced there, from
`pledges.selectors.announced_pledges` (both composed by `explore.forum_selectors.forum_figures`); no
figure is stored or typed in.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from localcompacts.governments.models import Endorsement, LocalGovernment

from .diffing import DiffParagraph, diff_paragraphs
from .models import (
    ConveningCoHost,
    DelegationMember,
    HighLevelConvening,
    NationalDelegation,
    OrganisationType,
    OutcomeDocument,
    OutcomeDraft,
    OutcomeParagraph,
    ProgrammeSession,
    ReviewForum,
    SessionType,
    Speaker,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SessionTypeCount(TypedDict):
    code: str
    label: "StrOrPromise"
    total: int  # sessions of this type
    with_local: int  # of which with a local-government speaker


def forum_list_public() -> QuerySet[ReviewForum]:
    return ReviewForum.objects.annotate(session_count=Count("sessions", distinct=True)).order_by(
        "-start_date"
    )


def forum_get_public(*, slug: str) -> ReviewForum:
    forum = ReviewForum.objects.get(slug=slug)
    forum.link_list = list(forum.links.all())
    return forum


# --- who counts as a local-government speaker ----------------------------------------------------


def local_speaker_q(prefix: str = "") -> Q:
    """A speaker from a local or regional government: by organisation type or a linked government."""
    return Q(**{f"{prefix}organisation_type": OrganisationType.LOCAL_GOVERNMENT}) | Q(
        **{f"{prefix}governments__isnull": False}
    )


def official_sessions(forum: ReviewForum) -> QuerySet[ProgrammeSession]:
    """Sessions of the official programme. Side events never count, whatever their flag says."""
    return forum.sessions.filter(is_official=True).exclude(session_type=SessionType.SIDE_EVENT)


def person_key(name: str) -> str:
    """The same person whatever the spacing or case their name was typed with."""
    return " ".join(name.split()).casefold()


def twelve_months_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass
class ForumRecordFigures:
    """What the forum's records say about local governments there: the programme, delegations and
    convenings, and the declaration endorsements of its run-up."""

    official_sessions: int
    official_sessions_with_local_speaker: int
    local_speakers: int
    local_speaker_governments: int
    delegations: int
    delegations_with_local_representative: int
    delegation_countries_with_local_representative: list[str]
    convenings: list[HighLevelConvening]
    endorsements_in_run_up: int
    run_up_start: datetime.date
    sessions_by_type: list[SessionTypeCount] = field(default_factory=list)

    @property
    def official_share(self) -> float | None:
        """Share (0–1) of official sessions with at least one local speaker; None when no session."""
        if not self.official_sessions:
            return None
        return self.official_sessions_with_local_speaker / self.official_sessions

    @property
    def official_share_percent(self) -> int | None:
        share = self.official_share
        return None if share is None else round(share * 100)

    @property
    def convening_count(self) -> int:
        return len(self.convenings)

    @property
    def cohosts(self) -> list[str]:
        """Every distinct co-host across the convenings, in order of appearance."""
        seen: list[str] = []
        for convening in self.convenings:
            for cohost in convening.cohost_list:
                if str(cohost) not in seen:
                    seen.append(str(cohost))
        return seen


def forum_record_figures(forum: ReviewForum) -> ForumRecordFigures:
    """The figures cities' advocacy is measured by, computed from the recorded rows (about ten
    queries)."""
    local_speakers = Speaker.objects.filter(session__forum=forum).filter(local_speaker_q())
    has_local = Exists(local_speakers.filter(session=OuterRef("pk")))
    official = official_sessions(forum).annotate(has_local=has_local)
    official_total = official.count()
    official_with_local = official.filter(has_local=True).count()

    speaker_rows = local_speakers.values_list("pk", "name").distinct()
    people = {person_key(name) for _pk, name in speaker_rows}
    speaker_governments = (
        LocalGovernment.objects.filter(forum_speakers__session__forum=forum).distinct().count()
    )

    by_type = {
        row["session_type"]: row
        for row in forum.sessions.values("session_type").annotate(
            total=Count("pk"),
            with_local=Count("pk", filter=Q(pk__in=local_speakers.values("session_id"))),
        )
    }
    sessions_by_type: list[SessionTypeCount] = [
        {
            "code": code,
            "label": label,
            "total": by_type.get(code, {}).get("total", 0),
            "with_local": by_type.get(code, {}).get("with_local", 0),
        }
        for code, label in SessionType.choices
    ]

    delegations = forum.delegations.annotate(
        has_local=Exists(
            DelegationMember.objects.filter(
                delegation=OuterRef("pk"), represents_local_government=True
            )
        )
    ).select_related("country")
    delegation_rows = list(delegations)
    with_local = [d for d in delegation_rows if d.has_local]

    convenings = list(
        forum.convenings.prefetch_related(
            Prefetch("cohosts", queryset=ConveningCoHost.objects.order_by("position", "id")),
            Prefetch("governments", queryset=LocalGovernment.objects.order_by("name")),
        )
    )
    for convening in convenings:
        convening.cohost_list = list(convening.cohosts.all())
        convening.government_list = list(convening.governments.all())
        convening.government_count = len(convening.government_list)

    run_up_start = twelve_months_before(forum.start_date)
    endorsements = (
        Endorsement.objects.public()
        .filter(
            signed_on__gte=run_up_start,
            signed_on__lt=forum.start_date,
        )
        .count()
    )

    return ForumRecordFigures(
        official_sessions=official_total,
        official_sessions_with_local_speaker=official_with_local,
        local_speakers=len(people),
        local_speaker_governments=speaker_governments,
        delegations=len(delegation_rows),
        delegations_with_local_representative=len(with_local),
        delegation_countries_with_local_representative=[d.country.name for d in with_local],
        convenings=convenings,
        endorsements_in_run_up=endorsements,
        run_up_start=run_up_start,
        sessions_by_type=sessions_by_type,
    )


# --- programme, delegations, outcome ------------------------------------------------------------


def forum_programme(forum: ReviewForum) -> list[ProgrammeSession]:
    """Sessions with speakers and their governments; `has_local` and `speaker.is_local` set."""
    sessions = list(
        forum.sessions.prefetch_related(
            Prefetch(
                "speakers",
                queryset=Speaker.objects.prefetch_related(
                    Prefetch("governments", queryset=LocalGovernment.objects.order_by("name"))
                ),
            )
        )
    )
    for session in sessions:
        session.speaker_list = list(session.speakers.all())
        for speaker in session.speaker_list:
            speaker.government_list = list(speaker.governments.all())
            speaker.is_local = (
                speaker.organisation_type == OrganisationType.LOCAL_GOVERNMENT
                or bool(speaker.government_list)
            )
        session.has_local = any(s.is_local for s in session.speaker_list)  # type: ignore[attr-defined]  # for the template (elsewhere a query annotation)
        session.counts_official = session.counts_as_official
    return sessions


def forum_delegations(forum: ReviewForum) -> list[NationalDelegation]:
    """Delegations, those with a local-government representative first."""
    delegations = list(
        forum.delegations.select_related("country").prefetch_related(
            Prefetch("members", queryset=DelegationMember.objects.select_related("government"))
        )
    )
    for delegation in delegations:
        delegation.member_list = list(delegation.members.all())
        delegation.local_members = [
            m for m in delegation.member_list if m.represents_local_government
        ]
    delegations.sort(key=lambda d: (not d.local_members, d.country.name))
    return delegations


@dataclass
class OutcomeView:
    document: OutcomeDocument
    latest: OutcomeDraft | None
    previous: OutcomeDraft | None
    paragraphs: list[OutcomeParagraph]
    diff: list[DiffParagraph]


def forum_outcomes(forum: ReviewForum) -> list[OutcomeView]:
    """Each outcome document with its latest text and the change from the draft before it."""
    documents = list(
        forum.outcomes.prefetch_related(
            Prefetch(
                "drafts",
                queryset=OutcomeDraft.objects.order_by("sequence").prefetch_related(
                    Prefetch("paragraphs", queryset=OutcomeParagraph.objects.order_by("number"))
                ),
            )
        )
    )
    views = []
    for document in documents:
        drafts = list(document.drafts.all())
        latest = drafts[-1] if drafts else None
        previous = drafts[-2] if len(drafts) > 1 else None
        paragraphs = list(latest.paragraphs.all()) if latest else []
        diff: list[DiffParagraph] = []
        if previous:
            diff = diff_paragraphs(
                [p.text for p in previous.paragraphs.all()], [p.text for p in paragraphs]
            )
        document.draft_list = drafts
        views.append(OutcomeView(document, latest, previous, paragraphs, diff))
    return views


# --- a government's participation ---------------------------------------------------------------


@dataclass
class Participation:
    forum: ReviewForum
    sessions: list[Speaker] = field(default_factory=list)  # where it spoke
    delegations: list[DelegationMember] = field(default_factory=list)
    convenings: list[HighLevelConvening] = field(default_factory=list)


def government_participation(government: LocalGovernment) -> list[Participation]:
    """Where a government spoke, sat in a delegation or joined a convening, forum by forum, newest
    first (3 queries)."""
    by_forum: dict[int, Participation] = {}

    def entry(forum: ReviewForum) -> Participation:
        return by_forum.setdefault(forum.pk, Participation(forum=forum))

    speakers = (
        Speaker.objects.filter(governments=government)
        .select_related("session__forum")
        .order_by("session__date", "session__start_time")
    )
    for speaker in speakers:
        entry(speaker.session.forum).sessions.append(speaker)
    members = DelegationMember.objects.filter(government=government).select_related(
        "delegation__forum", "delegation__country"
    )
    for member in members:
        entry(member.delegation.forum).delegations.append(member)
    for convening in HighLevelConvening.objects.filter(governments=government).select_related(
        "forum"
    ):
        entry(convening.forum).convenings.append(convening)
    return sorted(by_forum.values(), key=lambda p: p.forum.start_date, reverse=True)
