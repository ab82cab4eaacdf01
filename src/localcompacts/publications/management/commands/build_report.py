"""Generate a report edition from the terminal, with a progress bar.

    manage.py build_report --from 2025-01-01 --to 2025-12-31 --language fr
    manage.py build_report --forum imrf-2026 --kind forum_summary
    manage.py build_report --from 2025-01-01 --to 2025-12-31 --queue   # let the worker do it, watch

The same service as the web page: identical data reuses the existing edition and its file.
"""

import datetime
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from localcompacts.forums.models import ReviewForum
from localcompacts.publications.models import Publication, PublicationKind, PublicationStatus
from localcompacts.publications.services import (
    PublicationError,
    publication_build,
    publication_request,
)


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = "Generate the Report on Localizing the Global Compacts (or a forum summary) as PDF."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", type=_date)
        parser.add_argument("--to", dest="date_to", type=_date)
        parser.add_argument("--forum", help="slug of a review forum, instead of a period")
        parser.add_argument(
            "--kind", choices=PublicationKind.values, default=PublicationKind.REPORT
        )
        parser.add_argument("--language", choices=[c for c, _n in settings.LANGUAGES], default="en")
        parser.add_argument(
            "--queue", action="store_true", help="enqueue for the worker and follow its progress"
        )
        parser.add_argument("--timeout", type=int, default=600, help="seconds to wait with --queue")

    def _bar(self, percent: int, stage: str) -> None:
        if self.verbosity < 1:
            return
        filled = percent * 30 // 100
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {percent:3d}% {stage:<8}", ending=""
        )
        self.stdout.flush()

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        forum = None
        if options["forum"]:
            forum = ReviewForum.objects.filter(slug=options["forum"]).first()
            if forum is None:
                raise CommandError(f"no review forum with the slug {options['forum']!r}")
        try:
            publication, created = publication_request(
                kind=options["kind"],
                language=options["language"],
                by=None,
                date_from=options["date_from"],
                date_to=options["date_to"],
                forum=forum,
            )
        except PublicationError as error:
            raise CommandError(str(error)) from error
        if not created and publication.is_done:
            self.stdout.write(f"Unchanged data: reusing edition {publication.pk}.")
        elif options["queue"]:
            deadline = time.monotonic() + options["timeout"]
            while True:
                publication.refresh_from_db()
                self._bar(publication.progress, publication.stage or publication.status)
                if not publication.is_pending:
                    break
                if time.monotonic() > deadline:
                    raise CommandError(
                        "the worker did not finish in time (is `db_worker` running?)"
                    )
                time.sleep(1)
        else:
            publication_build(publication_id=publication.pk, on_progress=self._bar)
        publication = Publication.objects.get(pk=publication.pk)
        if self.verbosity:
            self.stdout.write("")
        if publication.status != PublicationStatus.DONE:
            raise CommandError(f"generation failed: {publication.error}")
        self.stdout.write(f"{publication.title}\n{publication.file_name} (in the default storage)")
        sys.stdout.flush()
