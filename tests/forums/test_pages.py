import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localcompacts.compacts.models import Country
from localcompacts.explore.forum_selectors import forum_figures
from localcompacts.forums.models import (
    ConveningCoHost,
    HighLevelConvening,
    OrganisationType,
    OutcomeDocument,
    ProgrammeSession,
    SessionType,
)
from localcompacts.forums.services import outcome_draft_add, outcome_paragraph_confirm
from localcompacts.pledges.models import PledgeStatus

from ..factories import LocalGovernmentFactory, PledgeFactory
from ..urls import url_in
from .builders import add_delegation, add_speaker, make_forum, make_session

pytestmark = pytest.mark.django_db
LRG = OrganisationType.LOCAL_GOVERNMENT


def _populate(forum, *, size=1):
    city = LocalGovernmentFactory(name=f"Cityville {forum.slug}")
    for index in range(3 * size):
        session = make_session(forum, f"Round table {index}")
        add_speaker(session, f"Minister {index}")
        if index % 3:
            add_speaker(session, f"Mayor {index}", org_type=LRG, governments=[city])
    side = make_session(forum, "Side event", kind=SessionType.SIDE_EVENT, official=False)
    add_speaker(side, "Side Mayor", org_type=LRG)
    add_delegation(forum, Country.objects.get(iso3="SEN"), [("Mayor", city, True)])
    add_delegation(forum, Country.objects.get(iso3="FRA"), [("Minister", None, False)])
    convening = HighLevelConvening.objects.create(
        forum=forum, title="Mayors meet", date=forum.start_date
    )
    ConveningCoHost.objects.create(convening=convening, title="Deputy Secretary-General")
    for _ in range(size):
        PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[city], announced_at=forum)
    document = OutcomeDocument.objects.create(forum=forum, title="Progress Declaration")
    outcome_draft_add(document=document, label="Zero draft", text="States act.", by=None)
    draft = outcome_draft_add(
        document=document, label="Adopted", text="States act.\n\nCities act <too>.", by=None
    )
    outcome_paragraph_confirm(
        paragraph=draft.paragraphs.get(number=2), mentions_local=True, by=None
    )
    return city


def _figure(html, name):
    match = re.search(rf'data-figure="{name}"><span class="figure-number">([^<]+)</span>', html)
    return match.group(1).strip()


def test_forum_page_shows_the_computed_figures(anonymous_client):
    forum = make_forum()
    city = _populate(forum)
    figures = forum_figures(forum)
    response = anonymous_client.get(reverse("forums:detail", kwargs={"slug": forum.slug}))
    assert response.status_code == 200
    html = response.content.decode()
    assert _figure(html, "official_share") == f"{figures.official_share_percent} %" == "67 %"
    assert _figure(html, "local_speakers") == str(figures.local_speakers) == "3"
    assert (
        _figure(html, "delegations_with_local")
        == str(figures.delegations_with_local_representative)
        == "1"
    )
    assert _figure(html, "convenings") == "1"
    assert _figure(html, "pledges") == str(figures.pledges) == "1"
    assert _figure(html, "endorsements") == "0"
    # Programme with city speakers highlighted, chart with its table, outcome and its diff.
    assert html.count('class="has-city-speaker"') == 3  # two round tables and the side event
    assert "<mark>Mayor 1</mark>" in html
    assert f'href="{city.get_absolute_url()}"' in html
    assert '<svg role="img" aria-labelledby="sessions-chart-title sessions-chart-desc"' in html
    assert "<caption>" in html
    assert 'class="mentions-local"' in html
    assert "<ins>Cities act &lt;too&gt;.</ins>" in html
    assert "Deputy Secretary-General" in html
    assert "<script>" not in html.split("</head>")[1]  # no inline script in the body


def test_forum_page_query_count_does_not_grow_with_the_data(
    anonymous_client, django_assert_max_num_queries
):
    small, large = make_forum("small"), make_forum("large")
    _populate(small, size=1)
    _populate(large, size=6)
    counts = []
    for forum in (small, large):
        # 31 + 3: translations of pledge cards (one prefetch); delivery and traffic lights of the
        # pledges announced (progress.delivery_of); matchmaking
        with django_assert_max_num_queries(35) as captured:  # +1 pledges matched here
            response = anonymous_client.get(reverse("forums:detail", kwargs={"slug": forum.slug}))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]  # six times the sessions, speakers and pledges: same queries


def test_unknown_forum_is_404(anonymous_client):
    assert (
        anonymous_client.get(reverse("forums:detail", kwargs={"slug": "nope"})).status_code == 404
    )


def test_forum_list_and_comparison(anonymous_client):
    first, _second = make_forum("imrf-a"), make_forum("imrf-b")
    _populate(first)
    response = anonymous_client.get(reverse("forums:list"))
    assert response.status_code == 200 and "imrf-a" in response.content.decode()
    response = anonymous_client.get(reverse("forums:compare"), {"forum": ["imrf-a", "imrf-b"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-figure="official_share"') == 2
    assert '<td data-figure="official_share">67 % (2/3)</td>' in html
    assert '<td data-figure="official_share">—</td>' in html  # second has no programme
    assert anonymous_client.get(reverse("forums:compare"), {"forum": "bogus"}).status_code == 200


def test_translated_forum_page(anonymous_client):
    forum = make_forum()
    _populate(forum)
    response = anonymous_client.get(url_in("fr", "forums:detail", slug=forum.slug))
    assert "Programme" in response.content.decode()
    assert "Réunions de haut niveau" in response.content.decode()


def test_government_profile_lists_forum_participation(anonymous_client):
    forum = make_forum()
    city = _populate(forum)
    response = anonymous_client.get(city.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="forum-participation"' in html and forum.name in html
    assert "Mayor 1 spoke at" in html


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("owner_focal_point", 404), ("reviewer", 404), ("secretariat", 200)],
)
def test_import_page_is_for_the_secretariat(role_clients, role, status):
    forum = make_forum()
    response = role_clients[role].get(reverse("forums:import", kwargs={"slug": forum.slug}))
    assert response.status_code == status


def test_import_page_reports_bad_rows_and_imports_nothing(admin_client):
    forum = make_forum()
    text = (
        "session_title,session_type,date,speaker_name,organisation_type\n"
        "Fine,plenary,2022-05-17,Ana,member_state\n"
        "Broken,keynote,2022-05-17,Ana,member_state\n"
    )
    url = reverse("forums:import", kwargs={"slug": forum.slug})
    response = admin_client.post(
        url, {"kind": "programme", "file": SimpleUploadedFile("p.csv", text.encode())}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<th scope="row">3</th><td>session_type</td>' in html
    assert not ProgrammeSession.objects.exists()
    response = admin_client.post(
        url,
        {
            "kind": "programme",
            "file": SimpleUploadedFile("p.csv", text.replace("keynote", "plenary").encode()),
        },
    )
    assert response.status_code == 200
    assert ProgrammeSession.objects.filter(forum=forum).count() == 2
    response = admin_client.post(
        url, {"kind": "programme", "file": SimpleUploadedFile("p.pdf", b"%PDF-1.4")}
    )
    assert response.status_code == 400 and "aria-invalid" in response.content.decode()


def test_admin_screens_open(admin_client):
    forum = make_forum()
    _populate(forum)
    for name in (
        "reviewforum",
        "programmesession",
        "nationaldelegation",
        "highlevelconvening",
        "outcomedocument",
        "outcomeparagraph",
    ):
        assert admin_client.get(reverse(f"admin:forums_{name}_changelist")).status_code == 200
    assert (
        admin_client.get(reverse("admin:forums_reviewforum_change", args=[forum.pk])).status_code
        == 200
    )
    document = OutcomeDocument.objects.get(forum=forum)
    assert (
        admin_client.get(
            reverse("admin:forums_outcomedocument_change", args=[document.pk])
        ).status_code
        == 200
    )
    assert admin_client.get(reverse("admin:forums_programmesession_add")).status_code == 200


def test_admin_adds_an_outcome_draft_through_the_service(admin_client):
    forum = make_forum()
    response = admin_client.post(
        reverse("admin:forums_outcomedocument_add"),
        {
            "forum": forum.pk,
            "title": "Progress Declaration",
            "symbol": "A/RES/76/266",
            "new_draft_label": "Zero draft",
            "new_draft_text": "States act.\n\nLocal authorities act too.",
            "drafts-TOTAL_FORMS": "0",
            "drafts-INITIAL_FORMS": "0",
            "drafts-MIN_NUM_FORMS": "0",
            "drafts-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = OutcomeDocument.objects.get(forum=forum).drafts.get()
    assert draft.label == "Zero draft"
    assert list(draft.paragraphs.values_list("matched_terms", flat=True)) == ["", "local authorit*"]


def test_editor_confirms_suggested_paragraphs_with_an_admin_action(admin_client, secretariat):
    document = OutcomeDocument.objects.create(forum=make_forum(), title="Declaration")
    draft = outcome_draft_add(document=document, label="Zero", text="Cities act.", by=None)
    paragraph = draft.paragraphs.get()
    response = admin_client.post(
        reverse("admin:forums_outcomeparagraph_changelist"),
        {"action": "confirm_mentions", "_selected_action": [paragraph.pk]},
    )
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.confirmed is True and paragraph.confirmed_by == secretariat
