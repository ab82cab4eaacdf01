"""The progress form asks only what applies and refuses measurements dated in the future."""

import datetime

from django.utils import timezone

from localcompacts.progress.forms import ProgressReportForm


def _data(indicator, **changes):
    data = {
        "delivery_status": "in_progress",
        "discontinued_reason": "",
        "percent_complete": "40",
        "narrative": "The centre opened in March and served 400 people.",
        f"indicator_{indicator.pk}_value": "400",
        f"indicator_{indicator.pk}_unit": "people",
        f"indicator_{indicator.pk}_measured_on": "2026-03-31",
        f"indicator_{indicator.pk}_source": "City register",
    }
    data.update(changes)
    return data


def test_a_measurement_dated_in_the_future_is_refused(published_pledge):
    indicator = published_pledge.indicators.get()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    form = ProgressReportForm(
        _data(indicator, **{f"indicator_{indicator.pk}_measured_on": tomorrow}),
        indicators=[indicator],
    )
    assert not form.is_valid()
    assert "future" in form.errors[f"indicator_{indicator.pk}_measured_on"][0]
    assert ProgressReportForm(_data(indicator), indicators=[indicator]).is_valid()


def test_why_discontinued_applies_only_to_discontinued(published_pledge):
    indicator = published_pledge.indicators.get()
    form = ProgressReportForm(
        _data(indicator, discontinued_reason="Left over"), indicators=[indicator]
    )
    assert form.is_valid() and form.cleaned_data["discontinued_reason"] == ""
    form = ProgressReportForm(
        _data(indicator, delivery_status="discontinued"), indicators=[indicator]
    )
    assert "discontinued_reason" in form.errors
