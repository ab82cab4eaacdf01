import datetime

import pytest
from django.utils import timezone

from localcompacts.pledges.models import PledgeStatus
from localcompacts.progress import services
from localcompacts.progress.dates import months_before
from localcompacts.progress.models import ProgressReport, ReportingRound, ReviewStatus
from localcompacts.progress.selectors import (
    is_stale,
    progress_statistics,
    round_dashboard,
    stale_pledges,
)
from localcompacts.progress.tasks import send_progress_reminders

from ..factories import FocalPointUserFactory, PledgeFactory
from .conftest import report_data

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC)


def test_months_before_handles_short_months():
    assert months_before(datetime.datetime(2026, 3, 31, tzinfo=datetime.UTC), 1).day == 28
    assert months_before(
        datetime.datetime(2028, 2, 29, tzinfo=datetime.UTC), 24
    ).date() == datetime.date(2026, 2, 28)
    assert months_before(NOW, 24) == datetime.datetime(2024, 11, 27, 12, 0, tzinfo=datetime.UTC)


def _accepted_report(pledge, accepted_at, status="in_progress"):
    return ProgressReport.objects.create(
        pledge=pledge,
        delivery_status=status,
        percent_complete=50,
        narrative="<p>ok</p>",
        status=ReviewStatus.ACCEPTED,
        accepted_at=accepted_at,
        submitted_at=accepted_at,
    )


@pytest.mark.parametrize(
    ("accepted_delta", "stale"),
    [
        (datetime.timedelta(0), False),  # exactly 24 months ago: still within
        (datetime.timedelta(seconds=1), True),  # one second more: stale
        (-datetime.timedelta(days=1), False),
    ],
)
def test_staleness_boundary_at_exactly_24_months(government, accepted_delta, stale):
    pledge = PledgeFactory(
        owners=[government],
        status=PledgeStatus.PUBLISHED,
        end_date=None,
        published_at=NOW - datetime.timedelta(days=1000),
    )
    _accepted_report(pledge, months_before(NOW, 24) - accepted_delta)
    assert is_stale(pledge, NOW) is stale


def test_never_reported_pledges_count_from_publication(government):
    fresh = PledgeFactory(
        owners=[government], status="published", end_date=None, published_at=months_before(NOW, 24)
    )
    old = PledgeFactory(
        owners=[government],
        status="published",
        end_date=None,
        published_at=months_before(NOW, 24) - datetime.timedelta(seconds=1),
    )
    assert set(stale_pledges(NOW)) == {old}
    assert not is_stale(fresh, NOW)


def test_past_end_date_without_a_final_status_is_stale(government):
    pledge = PledgeFactory(
        owners=[government],
        status="published",
        end_date=datetime.date(2026, 11, 26),
        start_date=None,
        published_at=NOW - datetime.timedelta(days=30),
    )
    _accepted_report(pledge, NOW - datetime.timedelta(days=10))
    assert is_stale(pledge, NOW)
    _accepted_report(pledge, NOW - datetime.timedelta(days=1), status="fulfilled")
    assert not is_stale(pledge, NOW)
    # Drafts are never stale.
    PledgeFactory(
        owners=[government],
        status="draft",
        published_at=None,
        start_date=None,
        end_date=datetime.date(2020, 1, 1),
    )
    assert stale_pledges(NOW).count() == 0


def test_running_the_reminder_task_twice_sends_one_email_each(
    settings,
    smtp_server,
    task_worker,
    government,
    focal_point,
    secretariat,
    django_capture_on_commit_callbacks,
):
    other = FocalPointUserFactory(
        email="deputy@example.org", government=government, preferred_language="es"
    )
    PledgeFactory(owners=[government], status="published", title="Language classes")
    now = timezone.now()
    reporting_round = services.round_open(
        by=secretariat,
        title="Towards IMRF 2026",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=2),
    )
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_progress_reminders.enqueue()
        task_worker()
    # opened + 14 days + 3 days, once each, to each focal point
    assert len(smtp_server.to("focal@example.org")) == 3
    assert len(smtp_server.to("deputy@example.org")) == 3
    subjects = {m["Subject"] for m in smtp_server.to("deputy@example.org")}
    assert "Ronda de informes abierta: Towards IMRF 2026" in subjects
    assert "Language classes" in smtp_server.text(smtp_server.to("focal@example.org")[0])
    assert reporting_round.pk and other.pk


def test_overdue_reminders_and_dashboard(
    secretariat,
    government,
    focal_point,
    reviewer,
    task_worker,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    done = PledgeFactory(owners=[government], status="published", partners="UNHCR\nRed Cross")
    late = PledgeFactory(
        owners=[government], status="published", title="Late pledge", partners="UNHCR"
    )
    now = timezone.now()
    reporting_round = ReportingRound.objects.create(
        title="Closed round",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(days=1),
    )
    report = services.report_submit(
        pledge=done, by=focal_point, data=report_data(), indicator_values=[]
    )
    services.report_review(report=report, by=reviewer, action="accept")
    ReportingRound.objects.filter(pk=reporting_round.pk).update(
        closes_at=now - datetime.timedelta(hours=1)
    )
    reporting_round.refresh_from_db()
    dashboard = round_dashboard(reporting_round)
    assert dashboard["totals"] == {
        "due": 2,
        "submitted": 0,
        "accepted": 1,
        "returned": 0,
        "overdue": 1,
    }
    assert dashboard["overdue_pledge_ids"] == [late.pk]
    partners = {
        row["name"]: (row["due"], row["accepted"], row["overdue"])
        for row in dashboard["by_partner"]
    }
    assert partners == {"UNHCR": (2, 1, 1), "Red Cross": (1, 1, 0)}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_overdue_now(reporting_round=reporting_round, by=secretariat) == 1
        assert services.remind_overdue_now(reporting_round=reporting_round, by=secretariat) == 0
    task_worker()
    overdue = [m for m in smtp_server.to("focal@example.org") if "overdue" in m["Subject"]]
    assert len(overdue) == 1 and "Late pledge" in smtp_server.text(overdue[0])


def test_statistics_count_latest_accepted_status(government, focal_point, reviewer):
    a = PledgeFactory(owners=[government], status="published", objectives=["GCM-15"])
    PledgeFactory(owners=[government], status="published", objectives=["GCR-2"])
    report = services.report_submit(
        pledge=a,
        by=focal_point,
        data=report_data(delivery_status="fulfilled", percent_complete=100),
        indicator_values=[],
    )
    services.report_review(report=report, by=reviewer, action="accept")
    stats = progress_statistics()
    assert stats["total"] == 2
    assert stats["by_status"]["fulfilled"] == 1 and stats["without_report"] == 1
    assert stats["share_fulfilled"] == 0.5
    assert stats["by_objective"]["GCM-15"]["fulfilled"] == 1
    assert stats["by_compact"]["GCR"]["none"] == 1
