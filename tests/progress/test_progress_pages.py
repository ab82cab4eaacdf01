import pytest
from django.urls import reverse

from localcompacts.progress import services

from .conftest import report_data, values_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(focal_point, published_pledge):
    return services.report_submit(
        pledge=published_pledge,
        by=focal_point,
        data=report_data(),
        indicator_values=values_for(published_pledge),
    )


def _endpoints(report, pledge):
    return {
        "report-detail": ("get", reverse("progress:report-detail", args=[report.pk])),
        "report-new": ("get", reverse("progress:report-new", args=[pledge.pk])),
        "review-queue": ("get", reverse("progress:review-queue")),
        "review-action": ("post", reverse("progress:review-detail", args=[report.pk])),
        "rounds": ("get", reverse("progress:round-list")),
        "stale": ("get", reverse("progress:stale")),
    }


# role -> endpoint -> expected status (submitted, not yet accepted report)
MATRIX = {
    "anonymous": {
        "report-detail": 404,
        "report-new": 302,
        "review-queue": 302,
        "review-action": 302,
        "rounds": 302,
        "stale": 302,
    },
    "owner_focal_point": {
        "report-detail": 200,
        "report-new": 200,
        "review-queue": 404,
        "review-action": 404,
        "rounds": 404,
        "stale": 404,
    },
    "other_focal_point": {
        "report-detail": 404,
        "report-new": 404,
        "review-queue": 404,
        "review-action": 404,
        "rounds": 404,
        "stale": 404,
    },
    "reviewer": {
        "report-detail": 200,
        "report-new": 404,
        "review-queue": 200,
        "review-action": 302,
        "rounds": 404,
        "stale": 404,
    },
    "secretariat": {
        "report-detail": 200,
        "report-new": 404,
        "review-queue": 200,
        "review-action": 302,
        "rounds": 200,
        "stale": 200,
    },
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(role, role_clients, submitted, published_pledge):
    client = role_clients[role]
    for name, (method, url) in _endpoints(submitted, published_pledge).items():
        data = {"action": "return", "comment": "Please add a source"} if method == "post" else None
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code == MATRIX[role][name], (role, name)


def test_accepted_report_appears_on_the_public_pledge_page(
    reviewer, submitted, published_pledge, anonymous_client
):
    assert (
        "The centre opened in March"
        not in anonymous_client.get(published_pledge.get_absolute_url()).content.decode()
    )
    services.report_review(report=submitted, by=reviewer, action="accept")
    html = anonymous_client.get(published_pledge.get_absolute_url()).content.decode()
    assert "The centre opened in March" in html
    assert "baseline 0.00, latest 400.00, target 1000.00 people" in html
    assert (
        anonymous_client.get(reverse("progress:report-detail", args=[submitted.pk])).status_code
        == 200
    )
    assert anonymous_client.get(reverse("progress:overview")).status_code == 200


def test_dashboard_csv_is_neutralised(
    admin_client, secretariat, government, open_round, published_pledge
):
    government.name = "=HYPERLINK(evil)"
    government.save()
    response = admin_client.get(
        reverse("progress:round-dashboard", args=[open_round.pk]) + "?format=csv"
    )
    assert response.status_code == 200
    assert "'=HYPERLINK(evil)" in response.content.decode()


def test_secretariat_opens_a_round_in_the_workspace(admin_client):
    response = admin_client.post(
        reverse("progress:round-new"),
        {
            "title": "Towards GRF 2027",
            "opens_at": "2027-01-01T00:00",
            "closes_at": "2026-12-01T00:00",
        },
    )
    assert response.status_code == 400
    assert "Towards GRF 2027" in response.content.decode()
    response = admin_client.post(
        reverse("progress:round-new"),
        {
            "title": "Towards GRF 2027",
            "opens_at": "2027-01-01T00:00",
            "closes_at": "2027-06-01T00:00",
        },
    )
    assert response.status_code == 302


def test_government_profile_shows_its_reporting_record(anonymous_client, government, submitted):
    html = anonymous_client.get(government.get_absolute_url()).content.decode()
    assert "Reporting record" in html and "1 awaiting review" in html


def test_catalogue_filters_and_counts_by_progress(
    anonymous_client, reviewer, submitted, published_pledge, government
):
    from ..factories import PledgeFactory

    other = PledgeFactory(
        owners=[government], status="published", title="Language classes for adults"
    )
    services.report_review(report=submitted, by=reviewer, action="accept")
    html = anonymous_client.get(
        reverse("pledges:catalogue") + "?progress=in_progress"
    ).content.decode()
    assert published_pledge.title in html and other.title not in html
    html = anonymous_client.get(reverse("pledges:catalogue") + "?progress=none").content.decode()
    assert other.title in html and published_pledge.title not in html
    facets = anonymous_client.get(reverse("pledges:catalogue")).context["facets"]
    progress = next(f for f in facets if f.name == "progress")
    assert {(o.value, o.count) for o in progress.options} == {("in_progress", 1), ("none", 1)}
    api = anonymous_client.get("/api/v1/pledges?progress=in_progress").json()
    assert [item["id"] for item in api["items"]] == [published_pledge.pk]


def test_statistics_page_counts_progress_and_stale_pledges(anonymous_client, reviewer, submitted):
    services.report_review(report=submitted, by=reviewer, action="accept")
    html = anonymous_client.get(reverse("explore:statistics")).content.decode()
    assert "Progress by status" in html
    assert 'data-status="in_progress">1<' in html


def test_accepting_a_report_changes_the_public_validator(
    anonymous_client, reviewer, submitted, published_pledge
):
    first = anonymous_client.get(published_pledge.get_absolute_url())
    etag = first["ETag"]
    assert (
        anonymous_client.get(
            published_pledge.get_absolute_url(), HTTP_IF_NONE_MATCH=etag
        ).status_code
        == 304
    )
    services.report_review(report=submitted, by=reviewer, action="accept")
    assert (
        anonymous_client.get(
            published_pledge.get_absolute_url(), HTTP_IF_NONE_MATCH=etag
        ).status_code
        == 200
    )


def test_accepted_reports_and_publications_feed_the_newsletter_digest(reviewer, submitted):
    import datetime

    from django.utils import timezone

    from localcompacts.newsletter.digest import SOURCES

    services.report_review(report=submitted, by=reviewer, action="accept")
    now = timezone.now()
    items = SOURCES["progress"].collect(
        now - datetime.timedelta(days=1), now + datetime.timedelta(minutes=1)
    )
    assert [item.title for item in items] == [submitted.pledge.title]
    assert "GCM-15" in items[0].objectives
    assert SOURCES["publications"].interest == "publications"
