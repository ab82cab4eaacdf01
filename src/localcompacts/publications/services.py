"""Writes of publications: request an edition (cheap, in the request) and build its file (on the worker).

Crash safety: the file is written to a temporary name and renamed into place (atomic on POSIX), so
a killed worker leaves at most a temporary file, which the next attempt removes; the unique
`cache_key` means a second request for the same data finds the same edition; a periodic task
(`tasks.requeue_stuck_publications`) re-enqueues editions whose worker stopped sending heartbeats.
"""

import datetime
import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import record
from localcompacts.forums.models import ReviewForum

from .models import Publication, PublicationKind, PublicationStatus
from .report import build_snapshot, render_report_pdf, snapshot_key

logger = logging.getLogger(__name__)
STUCK_AFTER = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 3


class PublicationError(Exception):
    pass


def publications_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "publications"
    path.mkdir(parents=True, exist_ok=True)
    return path


def publication_path(publication: Publication) -> Path:
    return publications_dir() / f"{publication.cache_key}.pdf"


def publication_request(
    *,
    kind: str,
    language: str,
    by,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    forum: ReviewForum | None = None,
) -> tuple[Publication, bool]:
    """The edition for this data: an existing one if the data and template are unchanged
    (returns `created=False`), else a new one, queued for the worker."""
    if kind not in PublicationKind.values:
        raise PublicationError(_("Unknown kind of publication."))
    if forum is None and (date_from is None or date_to is None):
        raise PublicationError(_("Choose a period or a review forum."))
    if forum is None and date_to < date_from:
        raise PublicationError(_("The end of the period is before its start."))
    if kind == PublicationKind.FORUM_SUMMARY and forum is None:
        raise PublicationError(_("A forum summary needs a review forum."))
    snapshot = build_snapshot(
        kind=kind, language=language, date_from=date_from, date_to=date_to, forum=forum
    )
    key = snapshot_key(snapshot)
    existing = Publication.objects.filter(cache_key=key).first()
    if existing is not None and existing.status != PublicationStatus.FAILED:
        return existing, False
    params = {
        "from": snapshot["period"]["from"],
        "to": snapshot["period"]["to"],
        "forum": forum.slug if forum else "",
    }
    try:
        with transaction.atomic():
            if existing is not None:  # a failed edition is tried again
                publication = existing
                publication.status = PublicationStatus.QUEUED
                publication.progress = 0
                publication.attempts = 0
                publication.error = ""
                publication.heartbeat_at = timezone.now()
                publication.save()
            else:
                publication = Publication.objects.create(
                    kind=kind,
                    title=snapshot["title"][:300],
                    language=language,
                    params=params,
                    data=snapshot,
                    cache_key=key,
                    requested_by=by if by is not None and by.is_authenticated else None,
                    heartbeat_at=timezone.now(),
                )
            record(actor=by, action="publication.requested", target=publication, **params)
            transaction.on_commit(lambda: _enqueue(publication.pk))
    except IntegrityError:  # the same data was requested at the same moment
        return Publication.objects.get(cache_key=key), False
    return publication, True


def _enqueue(publication_id: int) -> None:
    from .tasks import build_publication

    build_publication.enqueue(publication_id)


def _set_progress(publication_id: int, percent: int, stage: str) -> None:
    Publication.objects.filter(pk=publication_id).update(
        progress=percent, stage=stage, heartbeat_at=timezone.now()
    )


def publication_build(*, publication_id: int, on_progress=None) -> str:
    """Render the edition's PDF from its snapshot; safe to run again after a crash or twice at once.

    `on_progress(percent, stage)` is called besides the stored progress (the terminal's bar)."""

    def progress(percent: int, stage: str) -> None:
        _set_progress(publication_id, percent, stage)
        if on_progress:
            on_progress(percent, stage)

    with transaction.atomic():
        publication = Publication.objects.select_for_update().filter(pk=publication_id).first()
        if publication is None or publication.status == PublicationStatus.DONE:
            return "nothing to do"
        publication.status = PublicationStatus.RUNNING
        publication.attempts += 1
        publication.progress = 5
        publication.stage = "start"
        publication.heartbeat_at = timezone.now()
        publication.save(update_fields=["status", "attempts", "progress", "stage", "heartbeat_at"])
    final = publication_path(publication)
    for leftover in final.parent.glob(f"{final.name}.*.tmp"):
        leftover.unlink(missing_ok=True)  # what a killed attempt left behind
    temporary = final.parent / f"{final.name}.{uuid.uuid4().hex}.tmp"
    try:
        with open(temporary, "wb") as output:
            render_report_pdf(
                publication.data,
                output,
                progress=progress,
            )
            output.flush()
            os.fsync(output.fileno())
        os.replace(temporary, final)
    except Exception as error:
        temporary.unlink(missing_ok=True)
        Publication.objects.filter(pk=publication.pk).update(
            status=PublicationStatus.FAILED, error=str(error)[:2000], heartbeat_at=timezone.now()
        )
        logger.exception("publication %s failed", publication.pk)
        raise
    with transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(
            status=PublicationStatus.DONE,
            progress=100,
            stage="done",
            file_name=final.name,
            file_size=final.stat().st_size,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
        publication.refresh_from_db()
        record(
            actor=None,
            action="publication.generated",
            target=publication,
            size=publication.file_size,
        )
    if on_progress:
        on_progress(100, "done")
    return final.name


def publications_requeue_stuck(*, now: datetime.datetime | None = None) -> list[int]:
    """Queued or running editions with no heartbeat for `STUCK_AFTER` (a killed worker): enqueue
    them again, or mark them failed after `MAX_ATTEMPTS`."""
    now = now or timezone.now()
    requeued = []
    stuck = Publication.objects.filter(
        status__in=[PublicationStatus.QUEUED, PublicationStatus.RUNNING],
        heartbeat_at__lt=now - STUCK_AFTER,
    )
    for publication in stuck:
        with transaction.atomic():
            if publication.attempts >= MAX_ATTEMPTS:
                publication.status = PublicationStatus.FAILED
                publication.error = f"gave up after {publication.attempts} attempts"
                publication.save(update_fields=["status", "error"])
                continue
            publication.status = PublicationStatus.QUEUED
            publication.heartbeat_at = now
            publication.save(update_fields=["status", "heartbeat_at"])
            pk = publication.pk
            transaction.on_commit(lambda pk=pk: _enqueue(pk))
            requeued.append(pk)
    return requeued
