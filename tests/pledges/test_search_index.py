"""The search index survives what SQLite's ALTER TABLE emulation does to triggers."""

import pytest
from django.db import connection

from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import PledgeStatus
from localcompacts.pledges.search import (
    SQLITE_TRIGGERS,
    ensure_sqlite_index,
    index_rebuilt_afterwards,
)
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


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_bulk_writes_are_indexed_once_at_the_end(government):
    """`index_rebuilt_afterwards` (the demo seed's bulk inserts): the insert trigger is away while
    the block runs, and the index is whole afterwards, even when the block fails."""
    with index_rebuilt_afterwards():
        PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Bulk pledge")
        assert list(pledge_catalogue(CatalogueQuery(q="bulk"))) == []
    assert [p.title for p in pledge_catalogue(CatalogueQuery(q="bulk"))] == ["Bulk pledge"]

    with pytest.raises(RuntimeError), index_rebuilt_afterwards():
        PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Bulk again")
        raise RuntimeError("the seed failed half-way")
    assert len(pledge_catalogue(CatalogueQuery(q="bulk"))) == 2
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Bulk later")
    assert len(pledge_catalogue(CatalogueQuery(q="bulk"))) == 3
