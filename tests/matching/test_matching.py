"""Needs and offers, suggestions on the worker, the facilitator's queue, the parties' answers,
and who sees what (a permission matrix, like tests/pledges/test_permissions.py)."""

import pytest
from django.urls import reverse

from localcompacts.compacts.models import Objective, PopulationGroup
from localcompacts.core.models import OutgoingEmail
from localcompacts.core.workflow import TransitionError
from localcompacts.matching import services
from localcompacts.matching.models import Match, MatchKind, MatchStatus, NeedOffer
from localcompacts.matching.selectors import describe_reasons, matching_figures
from localcompacts.pledges.models import PledgeStatus
from tests.factories import LocalGovernmentFactory, PledgeFactory

PUBLISHED = PledgeStatus.PUBLISHED


def _row(
    direction, item_type="peer_exchange", text="", objectives=("GCM-15",), groups=("refugees",)
):
    return {
        "direction": direction,
        "item_type": item_type,
        "objectives": list(Objective.objects.filter(code__in=objectives)),
        "population_groups": list(PopulationGroup.objects.filter(code__in=groups)),
        "languages": ["es"],
        "description": text,
        "is_open": True,
    }


@pytest.fixture
def pledges(government, other_government):
    needing = PledgeFactory(owners=[government], status=PUBLISHED, title="Clinics for newcomers")
    offering = PledgeFactory(
        owners=[other_government], status=PUBLISHED, title="Health mediators programme"
    )
    return needing, offering


@pytest.fixture
def suggested(
    pledges, focal_point, other_focal_point, task_worker, django_capture_on_commit_callbacks
):
    needing, offering = pledges
    text = "mobile health clinics with interpreters in informal settlements"
    with django_capture_on_commit_callbacks(execute=True):
        services.needs_offers_save(by=focal_point, pledge=needing, rows=[_row("need", text=text)])
        services.needs_offers_save(
            by=other_focal_point, pledge=offering, rows=[_row("offer", text=text)]
        )
    task_worker()
    return Match.objects.get()


def test_saving_needs_and_offers_suggests_a_match_on_the_worker(suggested, pledges):
    needing, offering = pledges
    assert suggested.status == MatchStatus.SUGGESTED
    assert (suggested.first_pledge, suggested.second_pledge) == (needing, offering)
    assert suggested.score > 0.8
    reasons = describe_reasons(suggested.reasons)
    assert "GCM-15" in reasons and "Refugees" in reasons and "peer exchange" in reasons


def test_a_different_type_is_not_suggested(
    pledges, focal_point, other_focal_point, task_worker, django_capture_on_commit_callbacks
):
    needing, offering = pledges
    with django_capture_on_commit_callbacks(execute=True):
        services.needs_offers_save(by=focal_point, pledge=needing, rows=[_row("need", "funding")])
        services.needs_offers_save(by=other_focal_point, pledge=offering, rows=[_row("offer")])
    task_worker()
    assert not Match.objects.exists()


def test_drafts_are_not_matched(
    government,
    other_focal_point,
    focal_point,
    task_worker,
    django_capture_on_commit_callbacks,
    pledges,
):
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.needs_offers_save(by=focal_point, pledge=draft, rows=[_row("need")])
        services.needs_offers_save(by=other_focal_point, pledge=pledges[1], rows=[_row("offer")])
    task_worker()
    assert not Match.objects.exists()


def test_only_owners_edit_needs_and_offers(pledges, other_focal_point):
    with pytest.raises(services.PermissionDeniedError):
        services.needs_offers_save(by=other_focal_point, pledge=pledges[0], rows=[_row("need")])


def test_dismissed_suggestions_return_only_when_the_pledge_changes(
    suggested, reviewer, focal_point, task_worker, django_capture_on_commit_callbacks, pledges
):
    with pytest.raises(TransitionError):
        services.match_decide(match=suggested, action="dismiss", by=reviewer)  # no reason
    services.match_decide(match=suggested, action="dismiss", by=reviewer, comment="Same city")
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_pledge_suggestions(pledges[0].pk)  # recomputed, nothing changed
    task_worker()
    suggested.refresh_from_db()
    assert suggested.status == MatchStatus.DISMISSED and suggested.dismiss_reason == "Same city"
    rows = [_row("need", text="mobile health clinics with interpreters in informal settlements")]
    rows[0]["id"] = suggested.need_id
    with django_capture_on_commit_callbacks(execute=True):
        services.needs_offers_save(by=focal_point, pledge=pledges[0], rows=rows)
    task_worker()
    suggested.refresh_from_db()
    assert suggested.status == MatchStatus.SUGGESTED


def test_introduce_then_both_accept_confirms_a_partnership(
    suggested, reviewer, focal_point, other_focal_point, pledges, anonymous_client
):
    services.match_decide(match=suggested, action="introduce", by=reviewer)
    mails = OutgoingEmail.objects.filter(key__startswith=f"match-introduced:{suggested.pk}")
    assert set(mails.values_list("to", flat=True)) == {focal_point.email, other_focal_point.email}
    for mail in mails:
        assert reverse("matching:answer", kwargs={"pk": suggested.pk}) in mail.body_text
        assert "@" not in mail.body_text.replace(mail.to, "")  # no contact of the other side
    services.match_answer(match=suggested, side="first", accept=True, by=focal_point)
    suggested.refresh_from_db()
    assert suggested.status == MatchStatus.INTRODUCED
    with pytest.raises(services.MatchingError):
        services.match_answer(match=suggested, side="second", accept=True, by=focal_point)
    services.match_answer(match=suggested, side="second", accept=True, by=other_focal_point)
    suggested.refresh_from_db()
    assert suggested.status == MatchStatus.CONFIRMED and suggested.confirmed_at
    html = anonymous_client.get(pledges[0].get_absolute_url()).content.decode()
    assert "Confirmed partnerships" in html and pledges[1].get_absolute_url() in html
    assert matching_figures()["partnerships"] == 1
    assert matching_figures()["pledges_matched"] == 2
    stats = anonymous_client.get(reverse("explore:statistics")).content.decode()
    assert 'data-figure="partnerships"' in stats
    api = anonymous_client.get("/api/v1/partnerships").json()
    assert api["count"] == 1 and api["items"][0]["first"]["pledge"] == pledges[0].pk
    csv = anonymous_client.get(reverse("partnerships:csv")).content.decode()
    assert f"{suggested.pk},suggested,{pledges[0].pk}" in csv


def test_one_decline_declines(suggested, reviewer, focal_point):
    services.match_decide(match=suggested, action="introduce", by=reviewer)
    services.match_answer(match=suggested, side="first", accept=False, by=focal_point)
    suggested.refresh_from_db()
    assert suggested.status == MatchStatus.DECLINED


def test_the_matches_link_becomes_a_declared_partnership(
    government, other_government, task_worker, django_capture_on_commit_callbacks
):
    target = PledgeFactory(owners=[other_government], status=PUBLISHED)
    linking = PledgeFactory(owners=[government], status=PUBLISHED, matches=target)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_pledge_suggestions(linking.pk)
    task_worker()
    match = Match.objects.get(kind=MatchKind.DECLARED)
    assert match.status == MatchStatus.CONFIRMED and match.second_pledge == target
    linking.matches = None
    linking.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_pledge_suggestions(linking.pk)
    task_worker()
    assert not Match.objects.filter(kind=MatchKind.DECLARED).exists()


def test_contributions_to_a_lead_pledge_use_the_same_records(
    government, other_government, secretariat
):
    lead = PledgeFactory(owners=[government], status=PUBLISHED)
    joining = PledgeFactory(owners=[other_government], status=PUBLISHED)
    match = services.partnership_declare(
        first_pledge=lead, second_pledge=joining, kind=MatchKind.CONTRIBUTION, by=secretariat
    )
    assert match.is_confirmed
    assert matching_figures()["pledges_matched"] == 2


def test_catalogue_filters_needs_and_offers(suggested, pledges, anonymous_client):
    page = anonymous_client.get(reverse("pledges:catalogue"), {"matching": "needs_peer_exchange"})
    html = page.content.decode()
    assert pledges[0].title in html and pledges[1].title not in html
    assert "Needs: Peer exchange or study visit" in html


# --- who sees what --------------------------------------------------------------------------

QUEUE_MATRIX = {
    "anonymous": 302,
    "owner_focal_point": 200,
    "other_focal_point": 200,
    "reviewer": 200,
    "secretariat": 200,
}


@pytest.mark.parametrize("role", QUEUE_MATRIX)
def test_matching_home_by_role(role, role_clients, suggested):
    response = role_clients[role].get(reverse("matching:home"))
    assert response.status_code == QUEUE_MATRIX[role]
    if response.status_code == 200:
        html = response.content.decode()
        facilitator = role in ("reviewer", "secretariat")
        assert ("Matching queue" in html) == facilitator
        # focal points see suggestions for their own pledges only
        sees_match = reverse("matching:answer", kwargs={"pk": suggested.pk}) in html
        assert sees_match == (role in ("owner_focal_point", "other_focal_point")) or facilitator


@pytest.fixture
def third_client(db):
    from django.test import Client

    from tests.factories import FocalPointUserFactory

    user = FocalPointUserFactory(email="third@example.org", government=LocalGovernmentFactory())
    client = Client()
    client.force_login(user)
    return client


MATCH_PAGE = {
    "anonymous": 302,
    "owner_focal_point": 200,
    "other_focal_point": 200,
    "reviewer": 200,
    "secretariat": 200,
}


@pytest.mark.parametrize("role", MATCH_PAGE)
def test_match_page_by_role_and_contacts_only_after_both_accept(
    role, role_clients, suggested, reviewer, focal_point, other_focal_point, third_client
):
    client = role_clients[role]
    url = reverse("matching:answer", kwargs={"pk": suggested.pk})
    assert third_client.get(url).status_code == 404  # a focal point of neither side
    services.match_decide(match=suggested, action="introduce", by=reviewer)
    services.match_answer(match=suggested, side="first", accept=True, by=focal_point)
    response = client.get(url)
    assert response.status_code == MATCH_PAGE[role]
    if response.status_code == 200:
        html = response.content.decode()
        assert focal_point.email not in html.replace(f"{role}@", "") or role == "owner_focal_point"
        assert other_focal_point.email not in html
    services.match_answer(match=suggested, side="second", accept=True, by=other_focal_point)
    if response.status_code == 200:
        html = client.get(url).content.decode()
        if role == "owner_focal_point":
            assert other_focal_point.email in html
        elif role == "other_focal_point":
            assert focal_point.email in html
        else:  # facilitators are not a party: no contacts here either
            assert other_focal_point.email not in html.split("</header>")[-1]


@pytest.mark.parametrize("role", ["anonymous", "other_focal_point", "reviewer"])
def test_only_owners_open_the_needs_offers_step(role, role_clients, pledges):
    response = role_clients[role].get(reverse("matching:pledge-edit", kwargs={"pk": pledges[0].pk}))
    assert response.status_code in (302, 404)


def test_owner_edits_needs_and_offers_in_the_editor(focal_point_client, government):
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    step = reverse("workspace:edit", kwargs={"pk": draft.pk, "step": "needs-offers"})
    url = reverse("matching:pledge-edit", kwargs={"pk": draft.pk})
    assert focal_point_client.get(step).url == url
    page = focal_point_client.get(url)
    assert "Needs and offers" in page.content.decode()
    data = {
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-direction": "need",
        "items-0-item_type": "funding",
        "items-0-amount": "5000",
        "items-0-currency": "",
        "items-0-description": "Interpreters",
        "items-0-is_open": "on",
        "next": "1",
    }
    refused = focal_point_client.post(url, data)
    assert refused.status_code == 400 and "Interpreters" in refused.content.decode()
    data["items-0-currency"] = "eur"
    saved = focal_point_client.post(url, data)
    assert saved.status_code == 302
    item = NeedOffer.objects.get(pledge=draft)
    assert item.currency == "EUR" and item.amount == 5000
    review = focal_point_client.get(reverse("workspace:pledge", kwargs={"pk": draft.pk}))
    assert "Interpreters" in review.content.decode()


def test_facilitator_decides_from_the_queue(reviewer_client, suggested, focal_point_client):
    url = reverse("matching:decide", kwargs={"pk": suggested.pk, "action": "dismiss"})
    assert focal_point_client.post(url, {"comment": "no"}).status_code == 404
    reviewer_client.post(url, {"comment": ""})
    suggested.refresh_from_db()
    assert suggested.status == MatchStatus.SUGGESTED
    reviewer_client.post(url, {"comment": "Already partners"})
    suggested.refresh_from_db()
    assert suggested.status == MatchStatus.DISMISSED
