import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from localcompacts.core.errors import PermissionDeniedError
from localcompacts.core.workflow import TransitionError
from localcompacts.progress import services
from localcompacts.progress.models import ProgressReport, ReportingRound, ReviewStatus

from ..factories import FocalPointUserFactory, LocalGovernmentFactory, PledgeFactory
from .conftest import report_data, values_for

pytestmark = pytest.mark.django_db


def test_rounds_open_and_close_on_time_across_time_zones(secretariat):
    paris, new_york = ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York")
    reporting_round = services.round_open(
        by=secretariat,
        title="R",
        opens_at=datetime.datetime(2026, 3, 1, 0, 0, tzinfo=paris),
        closes_at=datetime.datetime(2026, 4, 1, 0, 0, tzinfo=paris),
    )
    # 1 March 00:00 in Paris is 28 February 18:00 in New York.
    assert not reporting_round.is_open(datetime.datetime(2026, 2, 28, 17, 59, tzinfo=new_york))
    assert reporting_round.is_open(datetime.datetime(2026, 2, 28, 18, 0, tzinfo=new_york))
    assert reporting_round.is_open(datetime.datetime(2026, 3, 31, 23, 59, 59, tzinfo=paris))
    assert not reporting_round.is_open(datetime.datetime(2026, 3, 31, 22, 0, tzinfo=datetime.UTC))
    assert reporting_round.is_overdue(datetime.datetime(2026, 3, 31, 22, 0, tzinfo=datetime.UTC))
    with pytest.raises(services.ProgressError):
        services.round_open(
            by=secretariat,
            title="Bad",
            opens_at=reporting_round.closes_at,
            closes_at=reporting_round.opens_at,
        )


def test_owner_reports_in_the_open_round_and_text_is_sanitised(
    focal_point, published_pledge, open_round
):
    report = services.report_submit(
        pledge=published_pledge,
        by=focal_point,
        data=report_data(),
        indicator_values=values_for(published_pledge),
    )
    assert report.reporting_round == open_round
    assert report.status == ReviewStatus.SUBMITTED
    assert "<script>" not in report.narrative
    assert report.indicator_values.get().value == 400
    with pytest.raises(services.ProgressError, match="already filed"):
        services.report_submit(
            pledge=published_pledge,
            by=focal_point,
            data=report_data(),
            indicator_values=values_for(published_pledge),
        )


def test_reports_outside_a_round_are_allowed(focal_point, published_pledge):
    report = services.report_submit(
        pledge=published_pledge, by=focal_point, data=report_data(), indicator_values=[]
    )
    assert report.reporting_round is None
    services.report_submit(
        pledge=published_pledge, by=focal_point, data=report_data(), indicator_values=[]
    )
    assert ProgressReport.objects.count() == 2


def test_a_report_on_a_pledge_not_owned_is_refused(other_focal_point, published_pledge, reviewer):
    for person in (other_focal_point, reviewer):
        with pytest.raises(PermissionDeniedError):
            services.report_submit(
                pledge=published_pledge, by=person, data=report_data(), indicator_values=[]
            )


def test_any_co_owner_reports_for_a_joint_pledge(government, other_government, other_focal_point):
    pledge = PledgeFactory(owners=[government, other_government], status="published")
    report = services.report_submit(
        pledge=pledge, by=other_focal_point, data=report_data(), indicator_values=[]
    )
    assert report.pledge == pledge


def test_unpublished_pledges_take_no_report(government, focal_point):
    draft = PledgeFactory(owners=[government], status="draft")
    with pytest.raises(PermissionDeniedError):
        services.report_submit(
            pledge=draft, by=focal_point, data=report_data(), indicator_values=[]
        )


@pytest.mark.parametrize(
    ("value", "unit", "message"),
    [
        ("many", None, "Enter a number"),
        ("NaN", None, "Enter a number"),
        ("400", "households", "unit must be the indicator's unit"),
    ],
)
def test_indicator_values_must_be_numbers_in_the_indicator_unit(
    focal_point, published_pledge, value, unit, message
):
    with pytest.raises(services.ProgressError, match=message):
        services.report_submit(
            pledge=published_pledge,
            by=focal_point,
            data=report_data(),
            indicator_values=values_for(published_pledge, value=value, unit=unit),
        )
    assert ProgressReport.objects.count() == 0


def test_discontinued_needs_a_reason(focal_point, published_pledge):
    with pytest.raises(services.ProgressError):
        services.report_submit(
            pledge=published_pledge,
            by=focal_point,
            data=report_data(delivery_status="discontinued"),
            indicator_values=[],
        )


def test_review_reuses_the_state_machine(focal_point, reviewer, published_pledge):
    report = services.report_submit(
        pledge=published_pledge, by=focal_point, data=report_data(), indicator_values=[]
    )
    with pytest.raises(TransitionError, match="reason"):
        services.report_review(report=report, by=reviewer, action="return")
    with pytest.raises(TransitionError):
        services.report_review(report=report, by=focal_point, action="accept")
    services.report_review(report=report, by=reviewer, action="return", comment="Add the source")
    assert report.status == ReviewStatus.RETURNED
    services.report_correct_and_resubmit(
        report=report, by=focal_point, data=report_data(percent_complete=55), indicator_values=[]
    )
    assert report.status == ReviewStatus.SUBMITTED and report.percent_complete == 55
    services.report_review(report=report, by=reviewer, action="accept")
    report.refresh_from_db()
    assert report.status == ReviewStatus.ACCEPTED and report.accepted_at is not None
    with pytest.raises(TransitionError):
        services.report_review(report=report, by=reviewer, action="accept")


def test_form_errors_keep_what_was_typed(focal_point_client, published_pledge):
    indicator = published_pledge.indicators.get()
    response = focal_point_client.post(
        reverse("progress:report-new", args=[published_pledge.pk]),
        {
            "delivery_status": "in_progress",
            "percent_complete": "140",
            "narrative": "Served 400 people this spring",
            f"indicator_{indicator.pk}_value": "lots",
            f"indicator_{indicator.pk}_unit": "kg",
            "evidence_links": "not a link",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Served 400 people this spring" in html
    form = response.context["form"]
    assert set(form.errors) >= {
        "percent_complete",
        f"indicator_{indicator.pk}_value",
        "evidence_links",
    }
    assert ProgressReport.objects.count() == 0


def test_round_scope_selects_due_pledges(secretariat, government):
    from localcompacts.progress.selectors import pledges_due

    gcm = PledgeFactory(
        owners=[government], status="published", objectives=["GCM-15"], kind="pledge"
    )
    gcr = PledgeFactory(
        owners=[government], status="published", objectives=["GCR-2"], kind="practice"
    )
    PledgeFactory(owners=[government], status="draft", objectives=["GCR-2"])
    now = datetime.datetime.now(datetime.UTC)
    reporting_round = ReportingRound.objects.create(
        title="R", opens_at=now, closes_at=now + datetime.timedelta(days=1)
    )
    assert set(pledges_due(reporting_round)) == {gcm, gcr}
    reporting_round.due_compact = "GCR"
    assert list(pledges_due(reporting_round)) == [gcr]
    reporting_round.due_compact, reporting_round.due_kind = "", "pledge"
    assert list(pledges_due(reporting_round)) == [gcm]


def test_another_governments_focal_point_cannot_open_the_form(
    other_focal_point_client, published_pledge
):
    assert (
        other_focal_point_client.get(
            reverse("progress:report-new", args=[published_pledge.pk])
        ).status_code
        == 404
    )
    FocalPointUserFactory(government=LocalGovernmentFactory())


def test_an_approved_change_to_a_published_pledge_keeps_reported_indicator_values(
    focal_point, reviewer, published_pledge
):
    from localcompacts.pledges import services as pledge_services

    report = services.report_submit(
        pledge=published_pledge,
        by=focal_point,
        data=report_data(),
        indicator_values=values_for(published_pledge),
    )
    revision = pledge_services.pledge_start_revision(pledge=published_pledge, by=focal_point)
    pledge_services.pledge_update_draft(
        pledge=revision,
        by=focal_point,
        changes={},
        indicators=[{"name": "People reached", "unit": "people", "baseline": 0, "target": 1500}],
    )
    pledge_services.pledge_transition(pledge=revision, action="submit", by=focal_point)
    pledge_services.pledge_transition(pledge=revision, action="publish", by=reviewer)
    indicator = published_pledge.indicators.get()
    assert indicator.target == 1500
    assert report.indicator_values.get().indicator == indicator
