"""Secretariat: bulk upsert of governments and pledges, idempotent by `external_id`.

The rows are checked by the spreadsheet import's own checker (`publications.exchange.importing`)
and written by its `import_table`: all or nothing, and the API and a spreadsheet validate the same.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router

from localcompacts.publications.exchange.columns import MULTI_SEPARATOR
from localcompacts.publications.exchange.importing import REQUIRED, ImportKind, check_table
from localcompacts.publications.exchange.services import import_table
from localcompacts.publications.permissions import can_import

from ..auth import WRITE_AUTH, ApiRequest
from ..errors import ApiInvalid
from ..inputs import Cell, GovernmentRowsIn, PledgeRowsIn
from ..schemas import BulkResultOut, Error
from ..writes import require_user

router = Router(tags=["partner: bulk"])
ERRORS = {401: Error, 403: Error, 422: Error}


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return MULTI_SEPARATOR.join(str(item).strip() for item in value)
    # JSON strings are content as sent: spaces and line ends around them go, a leading tab stays.
    return str(value).strip(" \r\n")


def _upsert(
    request: ApiRequest, kind: str, rows: list[dict[str, Cell]], state: str
) -> dict[str, int]:
    user = require_user(request)
    if not can_import(user):
        raise PermissionDenied(_("Only the secretariat imports data."))
    columns = set(REQUIRED[kind]).union(*(row.keys() for row in rows))
    # Row numbers are the 0-based index in `rows`; every row has every column (blank if left out),
    # so a missing required value is reported on its own row.
    table_rows = [
        (index, {column: _cell(row.get(column)) for column in columns})
        for index, row in enumerate(rows)
    ]
    result = import_table(table=check_table(kind, table_rows), state=state, by=user, dry_run=False)
    if not result.ok:
        raise ApiInvalid(
            [
                {"field": f"rows.{p.row}.{p.column}", "message": str(p.message)}
                for p in result.problems
            ],
            _("Nothing was imported: some rows are not valid."),
        )
    return {"rows": result.rows, "created": result.created, "updated": result.updated}


@router.post(
    "/bulk/governments",
    auth=WRITE_AUTH,
    response={200: BulkResultOut, **ERRORS},
    summary="Create or update governments by external id (secretariat)",
)
def bulk_governments(request: ApiRequest, body: GovernmentRowsIn) -> tuple[int, dict[str, int]]:
    """Columns as in the spreadsheet import. Found by `external_id`, else by `slug`. One invalid
    row → 422 listing every problem as `rows.<index>.<column>`, and nothing is written."""
    return 200, _upsert(request, ImportKind.GOVERNMENTS, body.rows, "draft")


@router.post(
    "/bulk/pledges",
    auth=WRITE_AUTH,
    response={200: BulkResultOut, **ERRORS},
    summary="Create or update pledges by external id (secretariat)",
)
def bulk_pledges(request: ApiRequest, body: PledgeRowsIn) -> tuple[int, dict[str, int]]:
    """Columns as in the spreadsheet import (`owners` by slug or external id, codes as lists).
    New pledges enter in `state`; existing ones keep their workflow state. Sending the same rows
    again changes nothing. One invalid row → 422 and nothing is written."""
    return 200, _upsert(request, ImportKind.PLEDGES, body.rows, body.state)
