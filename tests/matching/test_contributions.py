"""Multi-stakeholder pledges: a pledge joins a lead pledge as a contributor (as at the Global
Refugee Forum 2023) and leaves it again, through the service and the workspace page; both public
pages show it; it counts as one confirmed partnership; who may do it (a permission matrix)."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from localcompacts.core.models import AuditEntry
from localcompacts.matching import services
from localcompacts.matching.models import Match, MatchKind, MatchStatus
from localcompacts.matching.selectors import matching_figures, pledges_matched_count
from localcompacts.pledges.models import Pledge, PledgeStatus
from tests.factories import FocalPointUserFactory, LocalGovernmentFactory, PledgeFactory
from tests.pledges.test_concurrency import race
from tests.pledges.test_notifications import reference_data  # noqa: F401 — fixture

PUBLISHED = PledgeStatus.PUBLISHED


@pytest.fixture
def lead(other_government):
    return PledgeFactory(
        owners=[other_government], status=PUBLISHED, title="Inclusion of refugees in cities"
    )


@pytest.fixture
def joining(government):
    return PledgeFactory(owners=[government], status=PUBLISHED, title="Language classes for all")


def _joined(lead, joining, by):
    return services.contribution_join(contributor=joining, lead=lead, by=by)


# --- the service -----------------------------------------------------------------------------


def test_joining_is_a_confirmed_partnership_counted_once(
    lead, joining, focal_point, anonymous_client
):
    match = _joined(lead, joining, focal_point)
    assert match.kind == MatchKind.CONTRIBUTION and match.status == MatchStatus.CONFIRMED
    assert (match.first_pledge, match.second_pledge) == (lead, joining)
    entry = AuditEntry.objects.get(action="contribution.joined")
    assert entry.actor == focal_point and entry.data == {"lead": lead.pk, "contributor": joining.pk}
    figures = matching_figures()
    assert figures["partnerships"] == 1 and figures["pledges_matched"] == 2
    assert pledges_matched_count(Pledge.objects.values("pk")) == 2
    api = anonymous_client.get("/api/v1/partnerships").json()
    assert api["count"] == 1 and api["items"][0]["kind"] == "contribution"
    assert api["items"][0]["first"]["pledge"] == lead.pk
    csv = anonymous_client.get(reverse("partnerships:csv")).content.decode()
    assert f"{match.pk},contribution,{lead.pk},,{joining.pk}" in csv


def test_leaving_removes_it_and_the_audit_log_keeps_both_steps(lead, joining, focal_point):
    match = _joined(lead, joining, focal_point)
    services.contribution_leave(match=match, by=focal_point)
    assert not Match.objects.exists()
    assert matching_figures()["partnerships"] == 0
    left = AuditEntry.objects.get(action="contribution.withdrawn")
    assert left.target_id == str(match.pk) and left.data["lead"] == lead.pk
    with pytest.raises(services.MatchingError):  # a second click
        services.contribution_leave(match=match, by=focal_point)
    _joined(lead, joining, focal_point)  # and it may join again
    assert Match.objects.get().is_confirmed


def test_the_secretariat_may_join_for_a_government(lead, joining, secretariat):
    assert _joined(lead, joining, secretariat).is_confirmed


@pytest.mark.parametrize("who", ["other_focal_point", "reviewer"])
def test_only_the_contributors_focal_points_and_the_secretariat(who, request, lead, joining):
    user = request.getfixturevalue(who)
    with pytest.raises(services.PermissionDeniedError):
        _joined(lead, joining, user)
    match = _joined(lead, joining, request.getfixturevalue("focal_point"))
    with pytest.raises(services.PermissionDeniedError):
        services.contribution_leave(match=match, by=user)
    assert Match.objects.filter(pk=match.pk).exists()


def _refusal(case, lead, joining, government, other_government, focal_point):
    """(contributor, lead) for each refused join, after setting up what makes it wrong."""
    if case == "itself":
        return joining, joining
    if case == "draft contributor":
        return PledgeFactory(owners=[government], status=PledgeStatus.DRAFT), lead
    if case == "unpublished lead":
        return joining, PledgeFactory(owners=[other_government], status=PledgeStatus.SUBMITTED)
    if case == "same government":
        return joining, PledgeFactory(owners=[government, other_government], status=PUBLISHED)
    if case == "already contributing":
        _joined(lead, joining, focal_point)
        return joining, lead
    if case == "contributing elsewhere":
        other_lead = PledgeFactory(owners=[LocalGovernmentFactory()], status=PUBLISHED)
        _joined(other_lead, joining, focal_point)
        return joining, lead
    if case == "contributor leads":
        third = LocalGovernmentFactory()
        services.contribution_join(
            contributor=PledgeFactory(owners=[third], status=PUBLISHED),
            lead=joining,
            by=FocalPointUserFactory(government=third),
        )
        return joining, lead
    if case == "lead contributes":
        top = PledgeFactory(owners=[LocalGovernmentFactory()], status=PUBLISHED)
        services.contribution_join(
            contributor=lead,
            lead=top,
            by=FocalPointUserFactory(government=other_government),
        )
        return joining, lead
    raise AssertionError(case)


REFUSALS = {
    "itself": "cannot contribute to itself",
    "draft contributor": "Only a published pledge can join",
    "unpublished lead": "is not published",
    "same government": "joint pledge",
    "already contributing": "already contributes to “Inclusion of refugees in cities”.",
    "contributing elsewhere": "leave that one first",
    "contributor leads": "cannot join another lead pledge",
    "lead contributes": "join that lead pledge instead",
}


@pytest.mark.parametrize("case", REFUSALS)
def test_refused_joins_say_why_and_change_nothing(
    case, lead, joining, government, other_government, focal_point
):
    contributor, target = _refusal(case, lead, joining, government, other_government, focal_point)
    before = set(Match.objects.values_list("pk", flat=True))
    with pytest.raises(services.MatchingError) as refused:
        _joined(target, contributor, focal_point)
    assert REFUSALS[case] in refused.value.message
    assert set(Match.objects.values_list("pk", flat=True)) == before


# --- the pages -------------------------------------------------------------------------------


def _page(pledge):
    return reverse("matching:pledge-contribution", kwargs={"pk": pledge.pk})


def test_a_focal_point_joins_from_the_workspace_and_both_public_pages_show_it(
    lead, joining, other_government, focal_point_client, other_focal_point_client, anonymous_client
):
    workspace = focal_point_client.get(reverse("workspace:pledge", kwargs={"pk": joining.pk}))
    assert _page(joining) in workspace.content.decode()
    # Visitors' pages are cached until public content changes: read them once before.
    before = anonymous_client.get(lead.get_absolute_url()).content.decode()
    assert "Multi-stakeholder pledge" not in before
    page = focal_point_client.get(_page(joining))
    html = page.content.decode()
    assert page.status_code == 200 and 'name="q"' in html
    assert f'hx-get="{reverse("pledges:suggest")}"' in html and 'list="id_lead-options"' in html
    done = focal_point_client.post(_page(joining), {"q": f"{lead.pk} — {lead.title}"}, follow=True)
    html = done.content.decode()
    assert "now contributes to the lead pledge “Inclusion of refugees in cities”" in html
    assert "Leave this lead pledge" in html and 'name="q"' not in html

    lead_page = anonymous_client.get(lead.get_absolute_url()).content.decode()
    assert "Lead pledge, joined by" in lead_page
    assert joining.get_absolute_url() in lead_page
    assert f'href="{joining.owners.get().get_absolute_url()}">Dakar</a>' in lead_page
    joining_page = anonymous_client.get(joining.get_absolute_url()).content.decode()
    assert "Contributes to the lead pledge" in joining_page
    assert lead.get_absolute_url() in joining_page
    assert f'href="{other_government.get_absolute_url()}">Medellín</a>' in joining_page
    # Shown once: not again under "Confirmed partnerships".
    assert "Confirmed partnerships" not in lead_page + joining_page

    own = focal_point_client.get(reverse("workspace:pledge", kwargs={"pk": joining.pk}))
    assert "Leave the lead pledge" in own.content.decode()
    # The lead's workspace page lists who joined; its owners neither join nor take them out.
    leads = other_focal_point_client.get(reverse("workspace:pledge", kwargs={"pk": lead.pk}))
    html = leads.content.decode()
    assert "Lead pledge, joined by" in html and _page(lead) not in html
    assert other_focal_point_client.get(_page(joining)).status_code == 404


def test_leaving_from_the_page_and_a_second_click(
    lead, joining, focal_point, focal_point_client, anonymous_client
):
    match = _joined(lead, joining, focal_point)
    before = anonymous_client.get(lead.get_absolute_url()).content.decode()
    assert "Lead pledge, joined by" in before
    leave = reverse("matching:contribution-leave", kwargs={"pk": joining.pk, "match_pk": match.pk})
    html = focal_point_client.post(leave, follow=True).content.decode()
    assert "no longer contributes to the lead pledge" in html and 'name="q"' in html
    assert not Match.objects.exists()
    assert AuditEntry.objects.filter(action="contribution.withdrawn", actor=focal_point).exists()
    again = focal_point_client.post(leave, follow=True)
    assert again.status_code == 200
    assert "This pledge no longer contributes to that lead pledge." in again.content.decode()
    lead_page = anonymous_client.get(lead.get_absolute_url()).content.decode()
    assert "Lead pledge, joined by" not in lead_page


BAD_INPUT = {
    # what is typed: (status, message)
    "": (400, "Type the number or the title of the lead pledge."),
    "999999": (400, "No published pledge has the number or title “999999”"),
    "No such pledge": (400, "No published pledge has the number or title “No such pledge”"),
    "{draft}": (400, "No published pledge has the number or title"),
    "{own}": (409, "cannot contribute to itself"),
    "{lead_title}": (409, "already contributes to"),
}


@pytest.mark.parametrize("typed", BAD_INPUT)
def test_bad_input_is_a_form_error_and_keeps_what_was_typed(
    typed, lead, joining, government, focal_point, focal_point_client
):
    draft = PledgeFactory(owners=[LocalGovernmentFactory()], status=PledgeStatus.DRAFT)
    if typed == "{lead_title}":
        _joined(lead, joining, focal_point)  # e.g. from another tab
    text = typed.format(draft=draft.pk, own=joining.pk, lead_title=lead.title)
    response = focal_point_client.post(_page(joining), {"q": text})
    status, message = BAD_INPUT[typed]
    html = response.content.decode()
    assert response.status_code == status
    assert message in html and "Please correct the errors below." in html
    assert f'value="{text}"' in html
    assert Match.objects.count() == (1 if typed == "{lead_title}" else 0)


def test_a_draft_may_open_the_page_but_not_join(government, lead, focal_point_client):
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    page = focal_point_client.get(_page(draft)).content.decode()
    assert "This pledge can join a lead pledge once it is published." in page
    refused = focal_point_client.post(_page(draft), {"q": str(lead.pk)})
    assert refused.status_code == 409
    assert "Only a published pledge can join a lead pledge" in refused.content.decode()
    assert not Match.objects.exists()


def test_the_picker_offers_existing_lead_pledges(lead, joining, focal_point, focal_point_client):
    third = PledgeFactory(owners=[LocalGovernmentFactory()], status=PUBLISHED, title="Third")
    _joined(lead, joining, focal_point)
    owner = FocalPointUserFactory(government=third.owners.get())
    client = Client()
    client.force_login(owner)
    html = client.get(_page(third)).content.decode()
    assert f'<option value="{lead.pk} — {lead.title}">' in html


# --- who may (a permission matrix, as in test_matching.py) ----------------------------------

ROLES = ["anonymous", "owner_focal_point", "other_focal_point", "reviewer", "secretariat"]
# (method, address, expected by role). Anyone who may not act for the contributing pledge gets
# 404, signed out or not (the page is about one pledge, like the pledge's own workspace pages).
CONTRIBUTION_MATRIX = [
    ("get", "page", [404, 200, 404, 404, 200]),
    ("post", "page", [404, 302, 404, 404, 302]),
    ("post", "leave", [404, 302, 404, 404, 302]),
    ("get", "draft page", [404, 200, 404, 404, 404]),  # a draft never submitted is private
]
CASES = [
    (method, target, role, status)
    for method, target, statuses in CONTRIBUTION_MATRIX
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(
    ("method", "target", "role", "expected"),
    CASES,
    ids=[f"{m} {t} {r}" for m, t, r, _e in CASES],
)
def test_contribution_permission_matrix(
    role_clients, lead, joining, government, focal_point, method, target, role, expected
):
    """Each cell starts from fresh objects; a refused request changes nothing."""
    third = PledgeFactory(owners=[LocalGovernmentFactory()], status=PUBLISHED, title="Third")
    match = _joined(third, joining, focal_point)
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    url = {
        "page": _page(joining),
        "leave": reverse(
            "matching:contribution-leave", kwargs={"pk": joining.pk, "match_pk": match.pk}
        ),
        "draft page": _page(draft),
    }[target]
    client = role_clients[role]
    if method == "post" and target == "page":
        services.contribution_leave(match=match, by=focal_point)  # free to join another
        response = client.post(url, {"q": str(lead.pk)})
    else:
        response = getattr(client, method)(url)
    assert response.status_code == expected
    contributions = Match.objects.filter(kind=MatchKind.CONTRIBUTION, second_pledge=joining)
    if expected == 404 and target == "page" and method == "post":
        assert not contributions.exists()
    if expected == 404 and target == "leave":
        assert contributions.filter(pk=match.pk).exists()


# --- two tabs at once (row locks: PostgreSQL, as in tests/pledges/test_concurrency.py) -------


@pytest.mark.needs("postgresql")
@pytest.mark.django_db(transaction=True)
def test_joining_two_lead_pledges_at_once_joins_one(reference_data, government, focal_point):  # noqa: F811
    joining = PledgeFactory(owners=[government], status=PUBLISHED)
    leads = [PledgeFactory(owners=[LocalGovernmentFactory()], status=PUBLISHED) for _ in "ab"]
    chosen = iter(leads)
    lock = threading.Lock()

    def join():
        with lock:
            lead = next(chosen)
        return services.contribution_join(contributor=joining, lead=lead, by=focal_point)

    outcomes = race(join)
    assert sum(isinstance(o, services.MatchingError) for o in outcomes) == 1, outcomes
    assert Match.objects.filter(kind=MatchKind.CONTRIBUTION, second_pledge=joining).count() == 1
