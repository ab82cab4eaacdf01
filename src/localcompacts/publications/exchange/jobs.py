"""Imports too large for a request (more than `IMPORT_IN_REQUEST_MAX_ROWS` data rows), checked and
written by the worker (`tasks.run_import_job`) under the in-request import's rules: a dry run
writes nothing, one problem anywhere means nothing is imported, and the person sees the same report.

The request checks the file's limits (size, type, rows, columns) and reads it once to count its
rows; it stores the file, records an `ImportJob` and enqueues the task on commit. The worker then:

1. reads the file from the storage and checks every row **outside any transaction**, writing how
   many rows are checked to the job row every `importing.PROGRESS_EVERY` rows, each time in its own
   short autocommitted UPDATE. The import writes nothing else meanwhile, so on SQLite (whose
   `IMMEDIATE` transactions take the one write lock when they begin) a progress write waits only
   for other writers' short transactions, never for the import;
2. writes every row in **one transaction** (all or nothing) and finishes the job (its result, its
   problems, "done") in that same transaction, so the job is done exactly when its rows are there.
   A failure rolls everything back; the job is then marked failed, with the reason, in a
   transaction of its own.

Writing takes most of the time (on SQLite about 1.6 ms per new government, 0.7 ms per new pledge
and 30 ms per existing pledge updated; checking takes 0.01 to 0.1 ms per row). While the write transaction is open, the job row's `rows_written` is
updated every `PROGRESS_EVERY` rows **on a second connection** in autocommit, so the page sees it
before the import commits — on PostgreSQL, where that UPDATE takes only the job row's lock, which
the import's transaction does not hold. On SQLite it is not done: the import's transaction holds
the database's one write lock until it commits, so any other connection's write would wait for the
import itself (and fail after the busy timeout). There the page says the rows are being written,
with the rows checked, until the job is done. Progress writes never stop an import: one that fails
is logged and the next ones are skipped.

A worker killed while it held a job leaves it "running": `import_jobs_fail_stopped` (periodic)
marks jobs without a heartbeat for `STOPPED_AFTER` failed; their transaction never committed.
"""

import dataclasses
import datetime
import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connection,
    connections,
    transaction,
)
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from localcompacts.core.audit import record
from localcompacts.core.errors import DomainError
from localcompacts.core.people import Person
from localcompacts.core.storage import delete_file, stored_file_exists
from localcompacts.core.workflow import TransitionError, apply_transition

from ..audit import ImportJobAction
from ..models import ImportJob, ImportJobStage, ImportJobStatus
from .importing import Problem, check_table, read_rows
from .matching import apply_mapping
from .services import ImportResult, import_table

logger = logging.getLogger(__name__)
# Files of jobs that have not ended yet (each is deleted when its job ends).
JOBS_FOLDER = "imports/jobs"
# A running job whose worker wrote nothing for this long is taken for stopped. Checking and (on
# PostgreSQL) writing send a heartbeat every `PROGRESS_EVERY` rows. On SQLite writing sends none,
# but no other connection can write while the import's transaction is open either: the periodic
# task that fails stopped jobs waits for the import to commit (or gives up), never fails it midway.
STOPPED_AFTER = datetime.timedelta(minutes=30)


class ImportJobError(DomainError):
    """Why a job could not run (its file is gone…); the message is meant for the person."""


def runs_on_worker(rows: int) -> bool:
    """Whether a table of `rows` data rows is imported by the worker rather than in the request."""
    return rows > settings.IMPORT_IN_REQUEST_MAX_ROWS


def enqueue_import_job(job_id: int) -> None:
    from ..tasks import run_import_job

    run_import_job.enqueue(job_id)


def import_job_start(
    *,
    kind: str,
    data: bytes,
    extension: str,
    original_name: str,
    state: str,
    dry_run: bool,
    rows_total: int,
    language: str,
    by: Person | None,
    mapping: dict[str, str] | None = None,
) -> ImportJob:
    """Keep the (already checked) file, record the job and enqueue it for the worker on commit."""
    name = default_storage.save(f"{JOBS_FOLDER}/{uuid.uuid4().hex}.{extension}", ContentFile(data))
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                kind=kind,
                dry_run=dry_run,
                state=state,
                mapping=mapping or {},
                language=language,
                rows_total=rows_total,
                file_name=name,
                original_name=original_name[:200],
                started_by_id=by.pk if by is not None and by.is_authenticated else None,
            )
            record(
                actor=by,
                action=ImportJobAction.REQUESTED,
                target=job,
                kind=kind,
                dry_run=dry_run,
                rows=rows_total,
            )
            job_id = job.pk
            transaction.on_commit(lambda: enqueue_import_job(job_id))
    except BaseException:
        delete_file(name)  # no job will ever read it
        raise
    return job


def import_job_run(*, job_id: int) -> str:
    """The worker's part: check every row with progress, then write them all or nothing.

    Safe to run twice: "start" locks the row and only a queued job can start, so a second delivery
    of the same task finds it running or ended and does nothing. Returns the job's status."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "nothing to do"
    try:
        apply_transition(job, "start", by=None)
    except TransitionError:
        return "nothing to do"
    try:
        with translation.override(job.language):
            _run(job)
    except DomainError as error:  # a file that cannot be read, a refused row, a conflict
        _fail(job, error.message)
    except IntegrityError:  # another change to the same records at the same moment
        logger.warning("import job %s: integrity error, rolled back", job.pk, exc_info=True)
        with translation.override(job.language):
            _fail(
                job,
                _(
                    "The same records were changed by someone else while the import was writing; "
                    "nothing was imported. Start the import again."
                ),
            )
    except BaseException:
        logger.exception("import job %s failed", job.pk)
        with translation.override(job.language):
            _fail(
                job,
                _(
                    "The import stopped on an unexpected error; nothing was imported. The error "
                    "is in the worker's log."
                ),
            )
        raise
    finally:
        delete_file(job.file_name)
    job.refresh_from_db(fields=["status"])
    return job.status


def _run(job: ImportJob) -> None:
    if not stored_file_exists(job.file_name):
        raise ImportJobError(_("The uploaded file is no longer there; upload it again."))
    with default_storage.open(job.file_name, "rb") as handle:
        data = handle.read()
    rows = read_rows(data, extension=job.file_name.rsplit(".", 1)[-1])
    if job.mapping:
        rows = apply_mapping(rows, job.mapping)
    _progress(job, stage=ImportJobStage.CHECKING, rows_done=0, rows_total=len(rows))
    table = check_table(job.kind, rows, progress=lambda done: _progress(job, rows_done=done))
    writes = table.ok and not job.dry_run
    _progress(
        job,
        rows_done=len(rows),
        stage=ImportJobStage.WRITING if writes else ImportJobStage.CHECKING,
    )
    by = job.started_by
    written = WrittenRowsReport.open(job) if writes else None
    try:
        with transaction.atomic():
            result = import_table(
                table=table, state=job.state, by=by, dry_run=job.dry_run, progress=written
            )
            _finish(job, result)
    finally:
        if written is not None:
            written.close()


def _progress(job: ImportJob, **fields: Any) -> None:
    """Written at once, outside any transaction: what the progress page reads."""
    ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.RUNNING).update(
        **fields, heartbeat_at=timezone.now()
    )
    for name, value in fields.items():
        setattr(job, name, value)


class WrittenRowsReport:
    """`progress(rows written)` for the write transaction: an UPDATE of the job row on a connection
    of its own, in autocommit, so the page sees it while the import's transaction is open. Only
    on databases where that does not wait for the import's transaction (see the module's notes)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        self.failed = False

    @classmethod
    def open(cls, job: ImportJob) -> "WrittenRowsReport | None":
        if connection.vendor == "sqlite":  # one write lock, held by the import until it commits
            return None
        return cls(job.pk)

    def __call__(self, written: int) -> None:
        if self.failed:
            return
        quote = self.connection.ops.quote_name
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(ImportJob._meta.db_table)} "  # noqa: S608 — names from the model
                    f"SET {quote('rows_written')} = %s, {quote('heartbeat_at')} = %s "
                    f"WHERE {quote('id')} = %s AND {quote('status')} = %s",
                    [written, timezone.now(), self.job_id, ImportJobStatus.RUNNING],
                )
        except DatabaseError:
            self.failed = True
            logger.warning("import job %s: progress not written", self.job_id, exc_info=True)

    def close(self) -> None:
        self.connection.close()


def _finish(job: ImportJob, result: ImportResult) -> None:
    """The result as the import page shows it, stored with the job; then "done"."""
    ImportJob.objects.filter(pk=job.pk).update(
        rows_done=result.rows,
        rows_written=result.created + result.updated,
        result={
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "governments_created": result.governments_created,
            "preview": result.preview,
        },
        problems=[dataclasses.asdict(problem) for problem in result.problems],
    )
    apply_transition(
        job,
        "finish",
        by=None,
        data={
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "problems": len(result.problems),
            "dry_run": result.dry_run,
        },
    )


def _fail(job: ImportJob, reason: str) -> None:
    """Mark the job failed with the reason shown to the person, unless it ended meanwhile."""
    with transaction.atomic():
        try:
            apply_transition(job, "fail", by=None, data={"reason": reason[:500]})
        except TransitionError:
            return
        ImportJob.objects.filter(pk=job.pk).update(error=reason)
        job.error = reason


def import_job_result(job: ImportJob) -> ImportResult:
    """What the import page shows after an import in the request, for a job the worker ran."""
    stored = job.result or {}
    return ImportResult(
        kind=job.kind,
        dry_run=job.dry_run,
        rows=stored.get("rows", job.rows_total),
        created=stored.get("created", 0),
        updated=stored.get("updated", 0),
        problems=[Problem(**problem) for problem in job.problems or []],
        governments_created=stored.get("governments_created", []),
        preview=stored.get("preview", []),
    )


def import_jobs_fail_stopped(*, now: datetime.datetime | None = None) -> list[int]:
    """Running jobs whose worker wrote nothing for `STOPPED_AFTER` (killed): failed, file deleted.
    Their write transaction, if it had begun, was rolled back with the worker's connection."""
    now = now or timezone.now()
    stopped = []
    for job in ImportJob.objects.filter(
        status=ImportJobStatus.RUNNING, heartbeat_at__lt=now - STOPPED_AFTER
    ):
        with translation.override(job.language):
            _fail(
                job,
                _("The worker stopped during the import; nothing was imported. Start it again."),
            )
        job.refresh_from_db(fields=["status"])
        if job.status == ImportJobStatus.FAILED:
            delete_file(job.file_name)
            stopped.append(job.pk)
    return stopped
