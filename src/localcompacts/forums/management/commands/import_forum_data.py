from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from localcompacts.forums.importing import COLUMNS, ImportFileError, forum_import
from localcompacts.forums.models import ReviewForum


class Command(BaseCommand):
    help = (
        "Import a forum's programme (sessions with speakers) or delegations from CSV or XLSX. "
        "All rows are checked first; nothing is written unless every row is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("forum", help="forum slug, e.g. imrf-2026")
        parser.add_argument("kind", choices=sorted(COLUMNS))
        parser.add_argument("path", help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row, import nothing"
        )

    def handle(self, *args, forum, kind, path, dry_run, **options):
        try:
            review_forum = ReviewForum.objects.get(slug=forum)
        except ReviewForum.DoesNotExist:
            raise CommandError(f"No forum with the slug {forum!r}.") from None
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"No file at {path}.")
        with file_path.open("rb") as handle:
            try:
                report = forum_import(
                    forum=review_forum,
                    kind=kind,
                    uploaded=File(handle, name=file_path.name),
                    name=file_path.name,
                    by=None,
                    dry_run=dry_run,
                )
            except ImportFileError as error:
                raise CommandError(error.message) from None
        for problem in report.problems:
            self.stderr.write(
                f"row {problem.row}, column {problem.column or '-'}: {problem.message}"
            )
        if not report.ok:
            raise CommandError(
                f"{len(report.bad_rows)} row(s) with problems; nothing was imported."
            )
        if report.applied:
            created = ", ".join(f"{k}: {v} new" for k, v in report.created.items())
            self.stdout.write(f"{report.rows} rows imported ({created}).")
        else:
            self.stdout.write(f"Dry run: {report.rows} rows checked, no problem. Nothing imported.")
