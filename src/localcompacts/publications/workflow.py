"""The life of a publication edition, one table (see `core.workflow`); almost every step is the
application's own (`by=None`: the worker, the periodic recovery task).

    queued → running (start; again after a crash: running → running)
    running → done (finish) | failed (fail)
    queued, running → queued (requeue: the worker stopped sending heartbeats) | failed (give up)
    failed → queued (retry: someone asks for the same data again)

The worker's idempotency stays where it was: `publication_build` locks the row and returns early
for a done edition before it takes "start"; an edition found done or given up while it was being
rendered keeps its state (the table refuses, the service lets it be). The file itself is written
outside any transaction, as before.

An import job (`exchange.jobs`) is moved by the application only:

    queued → running (start) → done (finish) | failed (fail)
    queued → failed (fail: its file is gone before it started)

"finish" is taken in the same transaction that writes the imported rows, so a job is done exactly
when its rows are there.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.workflow import Transition, Workflow, by_system, or_system, register

from .audit import ImportJobAction, PublicationAction
from .models import ImportJob, ImportJobStage, ImportJobStatus, Publication, PublicationStatus
from .permissions import can_request_publication

S = PublicationStatus
PENDING = {S.QUEUED, S.RUNNING}


def enqueue_build(publication_id: int) -> None:
    from .tasks import build_publication

    build_publication.enqueue(publication_id)


def _after(publication: Publication, transition, record, by) -> None:
    now = timezone.now()
    if transition.action == "start":
        publication.attempts += 1
        publication.progress = 5
        publication.stage = "start"
        publication.heartbeat_at = now
        publication.save(update_fields=["attempts", "progress", "stage", "heartbeat_at"])
    elif transition.action == "retry":
        publication.progress = 0
        publication.attempts = 0
        publication.error = ""
        publication.heartbeat_at = now
        publication.save(update_fields=["progress", "attempts", "error", "heartbeat_at"])
    if transition.target == S.QUEUED:  # retried or requeued: the worker takes it from here
        pk = publication.pk
        transaction.on_commit(lambda: enqueue_build(pk))


PUBLICATION_WORKFLOW = Workflow(
    name="publication",
    transitions=[
        # A task enqueued before its edition was given up still runs it (as before).
        Transition(
            {S.QUEUED, S.RUNNING, S.FAILED},
            S.RUNNING,
            "start",
            by_system,
            recorded_as=PublicationAction.BUILD_STARTED,
        ),
        # The file is written: whatever the bookkeeping said meanwhile, the edition is ready.
        Transition(
            {S.QUEUED, S.RUNNING, S.FAILED},
            S.DONE,
            "finish",
            by_system,
            recorded_as=PublicationAction.GENERATED,
        ),
        Transition(PENDING, S.FAILED, "fail", by_system, recorded_as=PublicationAction.FAILED),
        Transition(PENDING, S.FAILED, "give_up", by_system, recorded_as=PublicationAction.FAILED),
        Transition(PENDING, S.QUEUED, "requeue", by_system, recorded_as=PublicationAction.REQUEUED),
        Transition(
            S.FAILED,
            S.QUEUED,
            "retry",
            or_system(lambda user, publication: can_request_publication(user)),
            label=_("Try again"),
            recorded_as=PublicationAction.REQUESTED,
        ),
    ],
    final_states={S.DONE},
    after=_after,
    groups={"pending": PENDING, "public": {S.DONE}},
)
register(Publication, PUBLICATION_WORKFLOW)


J = ImportJobStatus


def _after_import_job(job: ImportJob, transition, record, by) -> None:
    now = timezone.now()
    if transition.action == "start":
        job.stage = ImportJobStage.READING
        job.rows_done = 0
        job.heartbeat_at = now
        job.save(update_fields=["stage", "rows_done", "heartbeat_at"])
    else:  # finished or failed: the stage no longer applies
        job.stage = ""
        job.finished_at = now
        job.heartbeat_at = now
        job.save(update_fields=["stage", "finished_at", "heartbeat_at"])


IMPORT_JOB_WORKFLOW = Workflow(
    name="import_job",
    transitions=[
        Transition(J.QUEUED, J.RUNNING, "start", by_system, recorded_as=ImportJobAction.STARTED),
        Transition(J.RUNNING, J.DONE, "finish", by_system, recorded_as=ImportJobAction.FINISHED),
        Transition(
            {J.QUEUED, J.RUNNING}, J.FAILED, "fail", by_system, recorded_as=ImportJobAction.FAILED
        ),
    ],
    final_states={J.DONE, J.FAILED},
    after=_after_import_job,
    groups={"pending": {J.QUEUED, J.RUNNING}},
)
register(ImportJob, IMPORT_JOB_WORKFLOW)
