import datetime

import pytest
from django.utils import timezone

from localcompacts.pledges.models import Indicator, PledgeStatus
from localcompacts.progress import services

from ..factories import PledgeFactory


@pytest.fixture
def published_pledge(government):
    pledge = PledgeFactory(
        owners=[government], status=PledgeStatus.PUBLISHED, title="Welcome centre in Dakar"
    )
    Indicator.objects.create(
        pledge=pledge, name="People reached", unit="people", baseline=0, target=1000
    )
    return pledge


@pytest.fixture
def open_round(secretariat):
    now = timezone.now()
    return services.round_open(
        by=secretariat,
        title="Progress towards IMRF 2026",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
    )


def report_data(**overrides):
    data = {
        "delivery_status": "in_progress",
        "discontinued_reason": "",
        "percent_complete": 40,
        "narrative": "<p>The centre opened in March and served 400 people.</p><script>alert(1)</script>",
        "challenges": "Staff turnover",
        "support_needed": "Interpreters",
        "evidence_links": ["https://dakar.example.org/centre"],
    }
    data.update(overrides)
    return data


def values_for(pledge, value="400", unit=None):
    indicator = pledge.indicators.get()
    return [
        {
            "indicator_id": indicator.pk,
            "value": value,
            "unit": unit or indicator.unit,
            "measured_on": datetime.date(2026, 3, 31),
            "source": "City register",
        }
    ]
