"""The search index survives what SQLite's ALTER TABLE emulation does to triggers."""

import pytest
from django.db import connection

from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import PledgeStatus
from localcompacts.pledges.search import SQLITE_TRIGGERS, ensure_sqlite_index
from localcompacts.pledges.selectors import pledge_catalogue

from ..factories import PledgeFactory


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_missing_triggers_are_recreated_and_the_index_rebuilt(government):
    with connection.cursor() as cursor:
        for trigger in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {trigger}")
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Orphan pledge")
    assert list(pledge_catalogue(CatalogueQuery(q="orphan"))) == []

    ensure_sqlite_index()

    assert [p.title for p in pledge_catalogue(CatalogueQuery(q="orphan"))] == ["Orphan pledge"]
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Orphan again")
    assert len(pledge_catalogue(CatalogueQuery(q="orphan"))) == 2
