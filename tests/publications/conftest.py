import datetime

import pytest
from django.utils import timezone

from localcompacts.compacts.models import Country
from localcompacts.governments.models import Endorsement, EndorsementStatus
from localcompacts.pledges.models import PledgeStatus

from ..factories import LocalGovernmentFactory, PledgeFactory


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def report_world(government, media_root):
    """Three governments (one with a CJK name, one with an Arabic name), five published actions in
    2025, one published in 2024 and one draft (both outside the 2025 report)."""
    dakar = government  # "Dakar", Senegal: the focal point fixtures act for it
    tokyo = LocalGovernmentFactory(
        name="東京都", slug="tokyo", country=Country.objects.get(iso3="JPN")
    )
    amman = LocalGovernmentFactory(
        name="عمّان", slug="amman", country=Country.objects.get(iso3="JOR")
    )
    day = datetime.date(2025, 3, 1)
    pledges = [
        PledgeFactory(
            title="Welcome centre in Dakar",
            owners=[dakar],
            objectives=["GCM-15", "GCM-16"],
            status=PledgeStatus.PUBLISHED,
            published_at=_at(day),
            summary="A one-stop centre for newcomers.",
        ),
        PledgeFactory(
            title="Language classes for all",
            owners=[tokyo],
            objectives=["GCM-16"],
            status=PledgeStatus.PUBLISHED,
            published_at=_at(day),
        ),
        PledgeFactory(
            title="Joint labour mobility scheme",
            owners=[dakar, tokyo],
            objectives=["GCM-5"],
            pledge_type="financial",
            status=PledgeStatus.PUBLISHED,
            published_at=_at(day),
        ),
        PledgeFactory(
            title="Refugee self-reliance fund",
            owners=[amman],
            objectives=["GCR-2"],
            kind="practice",
            status=PledgeStatus.PUBLISHED,
            published_at=_at(day),
        ),
        PledgeFactory(
            title='=HYPERLINK("http://evil.example")',
            owners=[amman],
            objectives=["GCM-15"],
            status=PledgeStatus.PUBLISHED,
            published_at=_at(day),
            summary="-2+3 cmd",
        ),
        PledgeFactory(
            title="Published in 2024",
            owners=[dakar],
            status=PledgeStatus.PUBLISHED,
            published_at=_at(datetime.date(2024, 6, 1)),
        ),
        PledgeFactory(title="Still a draft", owners=[dakar], status=PledgeStatus.DRAFT),
    ]
    for government in (dakar, tokyo):
        Endorsement.objects.create(
            government=government,
            signatory_name="Mayor",
            signatory_title="Mayor",
            signed_on=datetime.date(2018, 12, 8),
            status=EndorsementStatus.VERIFIED,
        )
    return {"dakar": dakar, "tokyo": tokyo, "amman": amman, "pledges": pledges}


EXPECTED_2025 = {
    "actions": 5,
    "pledges": 4,
    "practices": 1,
    "governments": 3,
    "countries": 3,
    "signatories": 2,
    "gcm": 4,
    "gcr": 1,
    "joint": 1,
    "matched": 0,  # pledges in a confirmed partnership (matchmaking)
}


@pytest.fixture
def task_worker(task_worker, monkeypatch):
    """The shared fixture, made usable on PostgreSQL inside a test transaction.

    `db_worker` calls `close_old_connections()` around each task; inside the test's transaction
    (autocommit off) Django then closes the PostgreSQL connection, and the test's own transaction
    with it. (SQLite's in-memory test database ignores the close, so only PostgreSQL fails.)
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return task_worker
