"""Pledges in a given workflow state, reached through the services as people would."""

import datetime
import uuid

from localcompacts.compacts.models import Objective, PopulationGroup
from localcompacts.pledges import services

DESCRIPTION = (
    "<p>" + "The city opens a welcome centre with language classes and legal advice. " * 6 + "</p>"
)


def draft(*, government, by, title="Welcome centre for newcomers", complete=True):
    pledge, _created = services.pledge_create_draft(
        government=government,
        by=by,
        token=uuid.uuid4(),
        kind="pledge",
        title=title,
        summary="A one-stop centre for migrants and refugees.",
        description=DESCRIPTION,
        language="en",
        pledge_type="policy",
    )
    if complete:
        fill_in(pledge, by=by)
    return pledge


def fill_in(pledge, *, by):
    """What a draft needs besides its basics to pass the submission checks."""
    services.pledge_update_draft(
        pledge=pledge,
        by=by,
        changes={
            "objectives": list(Objective.objects.filter(code="GCM-15")),
            "population_groups": list(PopulationGroup.objects.all()[:1]),
            "place": "Medina district",
            "end_date": datetime.date(2028, 12, 31),
        },
        indicators=[{"name": "People advised", "unit": "people", "baseline": 0, "target": 500}],
    )


def submitted(*, government, by, **kwargs):
    pledge = draft(government=government, by=by, **kwargs)
    services.pledge_transition(pledge=pledge, action="submit", by=by)
    return pledge


def published(*, government, by, reviewer, **kwargs):
    pledge = submitted(government=government, by=by, **kwargs)
    services.pledge_transition(pledge=pledge, action="publish", by=reviewer)
    return pledge
