"""Import a forum's programme (sessions with speakers) or its national delegations from CSV or XLSX.

All or nothing: every row is checked first and each problem is reported with its row number (as
the spreadsheet numbers it: the header is row 1) and column. Rows are written, in one transaction,
only when no row has a problem and it is not a dry run. Re-importing the same file changes nothing:
sessions are matched by title, date and start time, speakers by name within a session, delegations
by country and members by name within a delegation. The columns are documented in the README.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from localcompacts.core.audit import record

from ..models import ReviewForum
from . import delegations, programme
from .reading import ImportFileError, ImportReport, RowProblem, read_table

PROGRAMME = "programme"
DELEGATIONS = "delegations"
KINDS = {PROGRAMME: programme, DELEGATIONS: delegations}
COLUMNS = {kind: module.COLUMNS for kind, module in KINDS.items()}
REQUIRED = {kind: module.REQUIRED for kind, module in KINDS.items()}
# The audit entry of an import names its rows (a forum's programme is a few hundred at most).
MAX_NAMED_ROWS = 2000

__all__ = [
    "COLUMNS",
    "DELEGATIONS",
    "PROGRAMME",
    "ImportFileError",
    "ImportReport",
    "RowProblem",
    "forum_import",
]


def _check_header(kind: str, header: list[str], report: ImportReport) -> bool:
    known = set(COLUMNS[kind])
    for column in REQUIRED[kind]:
        if column not in header:
            report.problems.append(
                RowProblem(1, column, _("This column is missing from the first row."))
            )
    for column in header:
        if column and column not in known:
            report.problems.append(
                RowProblem(1, column, _("Unknown column; see the README for the columns."))
            )
    return report.ok


def forum_import(
    *, forum: ReviewForum, kind: str, uploaded, name: str, by, dry_run: bool
) -> ImportReport:
    """Check every row; write them all in one transaction only if all are valid and not a dry run.

    Raises ImportFileError when the file itself cannot be read.
    """
    if kind not in COLUMNS:
        raise ImportFileError(_("Choose what the file holds: programme or delegations."))
    header, rows = read_table(uploaded, name=name)
    report = ImportReport(kind=kind, rows=len(rows))
    if not _check_header(kind, header, report):
        return report
    if not rows:
        report.problems.append(RowProblem(2, "", _("The file has no rows under the header.")))
        return report
    module = KINDS[kind]
    items = module.check_rows(forum, rows, report)
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        report.created = module.apply_rows(forum, items)
        record(
            actor=by,
            action=module.RECORDED_AS,
            target=forum,
            file=name[:200],
            rows=len(rows),
            imported=[module.describe(item)[:300] for item in items[:MAX_NAMED_ROWS]],
            **report.created,
        )
    report.applied = True
    return report
