"""Evidence levels (self-reported, evidence attached, verified) and the per-pledge traffic light."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from localcompacts.core.audit import AuditEntry
from localcompacts.core.errors import DomainError, PermissionDeniedError
from localcompacts.progress import services
from localcompacts.progress.models import EvidenceLevel, ProgressReport
from localcompacts.progress.selectors import (
    TrafficLight,
    progress_statistics,
    traffic_light_counts,
    traffic_light_of,
)

from .conftest import report_data

pytestmark = pytest.mark.django_db


def _accepted(pledge, focal_point, reviewer, **data):
    report = services.report_submit(
        pledge=pledge, by=focal_point, data=report_data(**data), indicator_values=[]
    )
    services.report_review(report=report, by=reviewer, action="accept")
    report.refresh_from_db()
    return report


def test_evidence_level_follows_what_the_report_carries(focal_point, reviewer, published_pledge):
    report = _accepted(published_pledge, focal_point, reviewer)
    assert report.evidence_level == EvidenceLevel.EVIDENCE_ATTACHED  # it has a link
    ProgressReport.objects.all().delete()
    report = _accepted(published_pledge, focal_point, reviewer, evidence_links=[])
    assert report.evidence_level == EvidenceLevel.SELF_REPORTED


def test_verification_is_recorded_and_withdrawn_with_a_reason(
    focal_point, reviewer, published_pledge
):
    report = _accepted(published_pledge, focal_point, reviewer)
    with pytest.raises(PermissionDeniedError):
        services.report_verify(report=report, by=focal_point, method="site_visit")
    services.report_verify(report=report, by=reviewer, method="site_visit", note="Visited")
    report.refresh_from_db()
    assert report.evidence_level == EvidenceLevel.VERIFIED
    assert report.verified_by == reviewer and report.verified_at is not None
    assert report.verification_method == "site_visit"
    with pytest.raises(DomainError):
        services.report_verify(report=report, by=reviewer, method="site_visit")
    with pytest.raises(DomainError):
        services.report_verification_withdraw(report=report, by=reviewer, reason=" ")
    services.report_verification_withdraw(report=report, by=reviewer, reason="Wrong programme")
    report.refresh_from_db()
    assert report.evidence_level == EvidenceLevel.EVIDENCE_ATTACHED
    assert report.verified_at is None and report.verification_withdrawn_reason == "Wrong programme"
    actions = list(
        AuditEntry.objects.filter(target_id=str(report.pk)).values_list("action", flat=True)
    )
    assert "progress_report.verified" in actions
    assert "progress_report.verification_withdrawn" in actions


def test_a_report_awaiting_review_cannot_be_verified(focal_point, reviewer, published_pledge):
    report = services.report_submit(
        pledge=published_pledge, by=focal_point, data=report_data(), indicator_values=[]
    )
    with pytest.raises(DomainError):
        services.report_verify(report=report, by=reviewer, method="site_visit")


def test_withdrawn_verification_changes_badge_and_counts(
    focal_point, reviewer, reviewer_client, anonymous_client, published_pledge
):
    report = _accepted(published_pledge, focal_point, reviewer)
    response = reviewer_client.post(
        reverse("progress:report-verification", args=[report.pk]),
        {"method": "document_review", "note": "Budget execution report"},
    )
    assert response.status_code == 302
    page = anonymous_client.get(published_pledge.get_absolute_url()).content.decode()
    assert 'data-evidence="verified"' in page
    assert progress_statistics()["evidence"]["verified"] == 1
    facet = anonymous_client.get(reverse("pledges:catalogue") + "?evidence=verified")
    assert published_pledge.title in facet.content.decode()

    # A withdrawal without a reason keeps the form and says why.
    refused = reviewer_client.post(
        reverse("progress:report-verification", args=[report.pk]), {"withdraw": "1"}
    )
    assert refused.status_code == 422
    reviewer_client.post(
        reverse("progress:report-verification", args=[report.pk]),
        {"withdraw": "1", "reason": "The visit was to another centre"},
    )
    page = anonymous_client.get(published_pledge.get_absolute_url()).content.decode()
    assert 'data-evidence="evidence_attached"' in page
    assert "The visit was to another centre" in page
    stats = progress_statistics()
    assert stats["evidence"]["verified"] == 0 and stats["evidence"]["evidence_attached"] == 1
    facet = anonymous_client.get(reverse("pledges:catalogue") + "?evidence=verified")
    assert published_pledge.title not in facet.content.decode()


def test_only_reviewers_reach_the_verification_form(
    focal_point_client, focal_point, reviewer, published_pledge
):
    report = _accepted(published_pledge, focal_point, reviewer)
    response = focal_point_client.post(
        reverse("progress:report-verification", args=[report.pk]), {"method": "site_visit"}
    )
    assert response.status_code == 404


def test_traffic_light_green_amber_red(focal_point, reviewer, published_pledge, open_round):
    assert traffic_light_of(published_pledge) == TrafficLight.AMBER  # due, not reported
    _accepted(published_pledge, focal_point, reviewer)
    assert traffic_light_of(published_pledge) == TrafficLight.GREEN
    # Two years and a day later without another report: red, as the stale list says.
    later = timezone.now() + datetime.timedelta(days=731)
    assert traffic_light_of(published_pledge, now=later) == TrafficLight.RED
    assert traffic_light_counts(now=later) == {"green": 0, "amber": 0, "red": 1}


def test_traffic_light_shows_on_pledge_page_government_and_statistics(
    anonymous_client, admin_client, published_pledge, government, open_round
):
    page = anonymous_client.get(published_pledge.get_absolute_url()).content.decode()
    assert 'data-traffic-light="amber"' in page
    profile = anonymous_client.get(reverse("governments:detail", args=[government.slug]))
    assert 'data-traffic-light="amber"' in profile.content.decode()
    stats = anonymous_client.get(reverse("explore:statistics")).content.decode()
    assert 'data-figure="light-amber"' in stats
    dashboard = admin_client.get(reverse("progress:round-dashboard", args=[open_round.pk]))
    assert 'data-figure="light-amber">1<' in dashboard.content.decode()


def test_forum_page_shows_the_delivery_of_pledges_announced_there(
    anonymous_client, focal_point, reviewer, published_pledge
):
    from localcompacts.forums.models import ReviewForum

    forum = ReviewForum.objects.get(slug="imrf-2022")
    published_pledge.announced_at = forum
    published_pledge.save(update_fields=["announced_at"])
    _accepted(published_pledge, focal_point, reviewer)
    page = anonymous_client.get(reverse("forums:detail", args=[forum.slug])).content.decode()
    assert 'data-delivery="in_progress">1<' in page
    assert 'data-delivery="none">0<' in page


def test_a_withdrawn_verification_changes_the_public_fingerprint(
    focal_point, reviewer, published_pledge
):
    """No timestamp moves when a verification is withdrawn: the service tells the fingerprint, so
    cached badges and counts are rebuilt."""
    from localcompacts.core.caching import public_state

    report = _accepted(published_pledge, focal_point, reviewer)
    services.report_verify(report=report, by=reviewer, method="site_visit")
    before = public_state()[0]
    services.report_verification_withdraw(report=report, by=reviewer, reason="Wrong site")
    assert public_state()[0] != before
