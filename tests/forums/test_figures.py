"""Each figure on hand-built data with a known answer, including the edge cases."""

import datetime

import pytest

from localcompacts.compacts.models import Country
from localcompacts.explore.forum_selectors import forum_figures, government_forum_participation
from localcompacts.forums.models import (
    ConveningCoHost,
    HighLevelConvening,
    OrganisationType,
    SessionType,
)
from localcompacts.governments.models import Endorsement, EndorsementStatus
from localcompacts.pledges.models import PledgeStatus

from ..factories import LocalGovernmentFactory, PledgeFactory
from .builders import add_delegation, add_speaker, make_forum, make_session

pytestmark = pytest.mark.django_db
LRG = OrganisationType.LOCAL_GOVERNMENT


@pytest.fixture
def forum():
    return make_forum()


def test_official_share_counts_sessions_with_a_local_speaker_and_excludes_side_events(forum):
    dakar, lyon = LocalGovernmentFactory(name="Dakar"), LocalGovernmentFactory(name="Lyon")
    plenary = make_session(forum, "Plenary", kind=SessionType.PLENARY)
    add_speaker(plenary, "A Minister")
    add_speaker(plenary, "Mayor One", org_type=LRG, governments=[dakar])
    round_table = make_session(forum, "Round table 1")
    # A speaker for two governments: one session, one person.
    add_speaker(round_table, "Joint Mayor", org_type=LRG, governments=[dakar, lyon])
    make_session(forum, "Round table 2")  # no speaker at all
    debate = make_session(forum, "Policy debate", kind=SessionType.POLICY_DEBATE)
    add_speaker(debate, "A Professor", org_type=OrganisationType.ACADEMIA)
    # Side events never count, even when wrongly flagged official and full of mayors.
    side = make_session(forum, "Side event", kind=SessionType.SIDE_EVENT, official=True)
    add_speaker(side, "Side Mayor", org_type=LRG)
    unofficial = make_session(forum, "Informal", official=False)
    add_speaker(unofficial, "Informal Mayor", org_type=LRG)

    figures = forum_figures(forum)

    assert figures.official_sessions == 4
    assert figures.official_sessions_with_local_speaker == 2
    assert figures.official_share == 0.5
    assert figures.official_share_percent == 50
    # Distinct people over all sessions (side events included: they are still speakers).
    assert figures.local_speakers == 4
    assert figures.local_speaker_governments == 2


def test_a_speaker_linked_to_a_government_counts_whatever_their_organisation_type(forum):
    city = LocalGovernmentFactory()
    session = make_session(forum, "Plenary", kind=SessionType.PLENARY)
    add_speaker(session, "Deputy", org_type=OrganisationType.OTHER, governments=[city])
    figures = forum_figures(forum)
    assert figures.official_sessions_with_local_speaker == 1
    assert figures.local_speakers == 1


def test_the_same_person_in_two_sessions_is_counted_once(forum):
    first, second = make_session(forum, "One"), make_session(forum, "Two")
    add_speaker(first, "Ana  Souza", org_type=LRG)
    add_speaker(second, "ana souza", org_type=LRG)
    add_speaker(second, "Kwame Mensah", org_type=LRG)
    assert forum_figures(forum).local_speakers == 2


def test_no_sessions_gives_no_share_rather_than_zero(forum):
    figures = forum_figures(forum)
    assert figures.official_sessions == 0
    assert figures.official_share is None
    assert figures.official_share_percent is None
    assert figures.local_speakers == 0


def test_delegations_with_a_local_representative(forum):
    city = LocalGovernmentFactory()
    sen, fra, col = (Country.objects.get(iso3=c) for c in ("SEN", "FRA", "COL"))
    add_delegation(forum, sen, [("Minister", None, False), ("Mayor", city, True)])
    add_delegation(forum, fra, [("Ambassador", None, False), ("Councillor", None, True)])
    add_delegation(forum, col, [("Minister", None, False)])
    add_delegation(make_forum("other"), col, [("Mayor", city, True)])
    figures = forum_figures(forum)
    assert figures.delegations == 3
    assert figures.delegations_with_local_representative == 2
    assert sorted(figures.delegation_countries_with_local_representative) == sorted(
        [sen.name, fra.name]
    )


def test_convenings_and_their_cohosts(forum):
    convening = HighLevelConvening.objects.create(
        forum=forum, title="Mayors and the PGA", date=forum.start_date
    )
    ConveningCoHost.objects.create(
        convening=convening, title="President of the General Assembly", position=1
    )
    ConveningCoHost.objects.create(convening=convening, institution="UCLG", position=0)
    convening.governments.set([LocalGovernmentFactory(), LocalGovernmentFactory()])
    figures = forum_figures(forum)
    assert figures.convening_count == 1
    assert [str(c) for c in figures.convenings[0].cohost_list] == [
        "UCLG",
        "President of the General Assembly",
    ]
    assert figures.convenings[0].government_count == 2


def test_pledges_announced_counts_published_only_with_governments_and_countries(forum):
    dakar = LocalGovernmentFactory()  # Senegal
    thies = LocalGovernmentFactory()  # Senegal
    bogota = LocalGovernmentFactory(country=Country.objects.get(iso3="COL"))
    published = PledgeStatus.PUBLISHED
    PledgeFactory(status=published, owners=[dakar], announced_at=forum)
    PledgeFactory(status=published, owners=[dakar, bogota], announced_at=forum)  # joint
    PledgeFactory(status=published, owners=[thies], announced_at=forum)
    PledgeFactory(
        status=PledgeStatus.SUBMITTED, owners=[LocalGovernmentFactory()], announced_at=forum
    )
    PledgeFactory(status=published, owners=[LocalGovernmentFactory()])  # not at this forum
    figures = forum_figures(forum)
    assert figures.pledges == 3
    assert figures.pledge_governments == 3
    assert figures.pledge_countries == 2


def test_endorsements_in_the_run_up_are_verified_and_within_twelve_months_before_the_start(forum):
    start = forum.start_date  # 2022-05-17

    def endorse(day, status=EndorsementStatus.VERIFIED):
        Endorsement.objects.create(
            government=LocalGovernmentFactory(),
            signatory_name="Mayor",
            signatory_title="Mayor",
            signed_on=day,
            status=status,
        )

    endorse(datetime.date(2021, 5, 17))  # exactly 12 months before: counted
    endorse(datetime.date(2022, 5, 16))  # the day before: counted
    endorse(datetime.date(2021, 5, 16))  # 12 months and a day: not counted
    endorse(start)  # on the first day of the forum: not "before"
    endorse(datetime.date(2022, 1, 10), EndorsementStatus.PENDING)  # not verified
    figures = forum_figures(forum)
    assert figures.run_up_start == datetime.date(2021, 5, 17)
    assert figures.endorsements_in_run_up == 2


def test_government_participation_lists_each_forum(forum):
    city = LocalGovernmentFactory()
    session = make_session(forum, "Plenary", kind=SessionType.PLENARY)
    add_speaker(session, "Mayor", org_type=LRG, governments=[city])
    add_delegation(forum, Country.objects.get(iso3="SEN"), [("Deputy", city, True)])
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[city], announced_at=forum)
    other = make_forum("other-forum", start=datetime.date(2026, 5, 5))
    convening = HighLevelConvening.objects.create(forum=other, title="C", date=other.start_date)
    convening.governments.set([city])
    participation = government_forum_participation(city)
    assert [p.forum for p in participation] == [other, forum]
    assert len(participation[1].sessions) == 1
    assert len(participation[1].delegations) == 1
    assert participation[1].pledges == 1
    assert participation[0].convenings == [convening]


def test_cohosts_are_listed_once_across_convenings(forum):
    for title in ("One", "Two"):
        convening = HighLevelConvening.objects.create(
            forum=forum, title=title, date=forum.start_date
        )
        ConveningCoHost.objects.create(convening=convening, institution="UCLG")
        ConveningCoHost.objects.create(convening=convening, title=f"Office {title}", position=1)
    assert forum_figures(forum).cohosts == ["UCLG", "Office One", "Office Two"]
