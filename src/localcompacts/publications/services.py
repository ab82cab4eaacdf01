"""Writes of publications: request an edition (cheap, in the request) and build its file (on the worker).

Crash safety: the PDF is rendered into a local temporary file and handed to the default storage
(`core.storage`) only when complete, so a killed worker leaves no half-written edition in the
storage; its local temporary file is removed by the next attempt on that machine; the unique
`cache_key` means a second request for the same data finds the same edition; a periodic task
(`tasks.requeue_stuck_publications`) re-enqueues editions whose worker stopped sending heartbeats.
Every change of an edition's status is a transition of `publications.workflow`.
"""

import contextlib
import datetime
import logging
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.accounts.models import User
from localcompacts.core.audit import record
from localcompacts.core.errors import DomainError
from localcompacts.core.storage import delete_file, store_file
from localcompacts.core.workflow import TransitionError, apply_transition
from localcompacts.forums.models import ReviewForum

from .audit import PublicationAction
from .models import Publication, PublicationKind, PublicationStatus
from .report import build_snapshot, render_report_pdf, snapshot_key
from .workflow import enqueue_build

logger = logging.getLogger(__name__)
STUCK_AFTER = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 3


class PublicationError(DomainError):
    """A publication that cannot be asked for like this; the message is meant for the person."""


PUBLICATIONS_FOLDER = "publications"
# Files kept between an import's upload and its mapping step (views), emptied of abandoned ones
# by `tasks.forget_abandoned_imports`.
PENDING_IMPORTS_FOLDER = "imports/pending"


def publication_file_name(publication: Publication) -> str:
    """The storage name an edition's PDF is stored under (`Publication.file_name` keeps the name
    the storage actually used)."""
    return f"{PUBLICATIONS_FOLDER}/{publication.cache_key}.pdf"


def _rendering_prefix(publication: Publication) -> str:
    return f"lc-publication-{publication.cache_key}-"


def rendering_leftovers(publication: Publication) -> list[Path]:
    """Local temporary files of this edition that a killed worker left (removed by the next try)."""
    return sorted(Path(tempfile.gettempdir()).glob(f"{_rendering_prefix(publication)}*.pdf"))


def publication_request(
    *,
    kind: str,
    language: str,
    by: User | AnonymousUser | None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    forum: ReviewForum | None = None,
) -> tuple[Publication, bool]:
    """The edition for this data: an existing one if the data and template are unchanged
    (returns `created=False`), else a new one, queued for the worker."""
    if kind not in PublicationKind.values:
        raise PublicationError(_("Unknown kind of publication."))
    if forum is None:
        if date_from is None or date_to is None:
            raise PublicationError(_("Choose a period or a review forum."))
        if date_to < date_from:
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
    if existing is not None:  # a failed edition is tried again (the workflow's "retry")
        try:
            apply_transition(existing, "retry", by=by, data=params)
        except TransitionError:  # someone retried it a moment ago
            existing.refresh_from_db()
            return existing, False
        return existing, True
    try:
        with transaction.atomic():
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
            record(actor=by, action=PublicationAction.REQUESTED, target=publication, **params)
            transaction.on_commit(lambda: enqueue_build(publication.pk))
    except IntegrityError:  # the same data was requested at the same moment
        return Publication.objects.get(cache_key=key), False
    return publication, True


def _set_progress(publication_id: int, percent: int, stage: str) -> None:
    Publication.objects.filter(pk=publication_id).update(
        progress=percent, stage=stage, heartbeat_at=timezone.now()
    )


def publication_build(
    *, publication_id: int, on_progress: Callable[[int, str], None] | None = None
) -> str:
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
        apply_transition(publication, "start", by=None)  # attempts, progress: the workflow's after
    for leftover in rendering_leftovers(publication):
        leftover.unlink(missing_ok=True)  # what a killed attempt on this machine left behind
    rendered = (
        Path(tempfile.gettempdir()) / f"{_rendering_prefix(publication)}{uuid.uuid4().hex}.pdf"
    )
    try:
        with rendered.open("wb") as output:
            font_warnings = render_report_pdf(publication.data, output, progress=progress)
        previous = Publication.objects.get(pk=publication.pk).file_name
        stored = store_file(publication_file_name(publication), rendered)
    except Exception as error:
        _failed(publication, "fail", str(error)[:2000])
        logger.exception("publication %s failed", publication.pk)
        raise
    finally:
        rendered.unlink(missing_ok=True)
    if previous and previous != stored.name:
        delete_file(previous)  # an earlier attempt's file under another name
    size = stored.size
    with transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(
            progress=100,
            stage="done",
            file_name=stored.name,
            file_size=size,
            font_warnings=font_warnings,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
        publication.refresh_from_db()
        # A second run of the same edition may have finished it first: then nothing changes.
        with contextlib.suppress(TransitionError):
            apply_transition(publication, "finish", by=None, data={"size": size})
    if on_progress:
        on_progress(100, "done")
    return stored.name


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
                _failed(publication, "give_up", f"gave up after {publication.attempts} attempts")
                continue
            try:  # enqueued again on commit (the workflow's after)
                apply_transition(publication, "requeue", by=None)
            except TransitionError:  # it finished or failed meanwhile
                continue
            Publication.objects.filter(pk=publication.pk).update(heartbeat_at=now)
            requeued.append(publication.pk)
    return requeued


def _failed(publication: Publication, action: str, error: str) -> None:
    """Mark an edition failed ("fail" or "give_up"), unless it finished or failed meanwhile."""
    with transaction.atomic():
        try:
            apply_transition(publication, action, by=None)
        except TransitionError:
            return
        Publication.objects.filter(pk=publication.pk).update(
            error=error, heartbeat_at=timezone.now()
        )
