"""Small builders for forum records (the programme has no write service besides the importer)."""

import datetime

from localcompacts.forums.models import (
    DelegationMember,
    NationalDelegation,
    OrganisationType,
    ProgrammeSession,
    ReviewForum,
    SessionType,
    Speaker,
)


def make_forum(slug="test-forum", start=datetime.date(2022, 5, 17), days=4) -> ReviewForum:
    return ReviewForum.objects.create(
        name=f"Forum {slug}",
        slug=slug,
        kind="imrf",
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        place="New York",
    )


def make_session(forum, title, *, kind=SessionType.ROUND_TABLE, official=True, day=0):
    return ProgrammeSession.objects.create(
        forum=forum,
        title=title,
        session_type=kind,
        is_official=official,
        date=forum.start_date + datetime.timedelta(days=day),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
    )


def add_speaker(session, name, *, org_type=OrganisationType.MEMBER_STATE, governments=()):
    speaker = Speaker.objects.create(
        session=session, name=name, title="", organisation_type=org_type
    )
    speaker.governments.set(governments)
    return speaker


def add_delegation(forum, country, members):
    """members: list of (name, government-or-None, represents flag)."""
    delegation = NationalDelegation.objects.create(forum=forum, country=country)
    for name, government, represents in members:
        DelegationMember.objects.create(
            delegation=delegation,
            name=name,
            government=government,
            represents_local_government=represents,
        )
    return delegation
