"""Two clicks or two tabs at the same moment: the row lock lets exactly one transition through."""

import threading
import uuid

import pytest
from django.db import connection

from localcompacts.core.models import StateTransition
from localcompacts.core.workflow import TransitionError
from localcompacts.pledges import services
from localcompacts.pledges.models import Pledge

from .helpers import draft
from .test_notifications import reference_data  # noqa: F401 — fixture

# The shared-cache in-memory SQLite test database answers "table is locked" at once instead of
# waiting (a file database waits: IMMEDIATE transactions, busy timeout), so these run on PostgreSQL.
pytestmark = pytest.mark.needs("postgresql")


def race(work, times=2):
    barrier = threading.Barrier(times)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(work())
        except Exception as error:  # noqa: BLE001 — the outcome is what we test
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_make_one_transition(reference_data, government, focal_point):  # noqa: F811
    pledge = draft(government=government, by=focal_point)
    outcomes = race(
        lambda: services.pledge_transition(
            pledge=Pledge.objects.get(pk=pledge.pk), action="submit", by=focal_point
        )
    )
    assert sum(isinstance(o, TransitionError) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, StateTransition) for o in outcomes) == 1, outcomes
    assert StateTransition.objects.filter(action="submit").count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_new_pledge_posts_make_one_pledge(reference_data, government, focal_point):  # noqa: F811
    token = uuid.uuid4()
    outcomes = race(
        lambda: services.pledge_create_draft(
            government=government, by=focal_point, token=token, title="Twice", kind="pledge"
        )
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Pledge.objects.filter(creation_token=token).count() == 1
