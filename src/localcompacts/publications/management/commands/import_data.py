"""Import governments or pledges from a CSV (UTF-8) or XLSX file, all or nothing.

    manage.py import_data governments cities.xlsx --dry-run
    manage.py import_data pledges pledges.csv --state submitted --user admin@example.org

Column mapping: see the data dictionary (/publications/data-dictionary/) or docs/data-exchange.md.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from localcompacts.publications.exchange.importing import FileProblem, check_table, read_rows
from localcompacts.publications.exchange.services import IMPORT_STATES, import_table


class Command(BaseCommand):
    help = "Import local governments or pledges from CSV/XLSX (a dry run reports every problem)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["governments", "pledges"])
        parser.add_argument("path")
        parser.add_argument("--state", choices=list(IMPORT_STATES), default="draft")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--user", help="e-mail of the person recorded in the audit log")

    def handle(self, *args, kind, path, state, dry_run, user, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(email=user).first()
            if actor is None:
                raise CommandError(f"no user with the e-mail {user}")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"no such file: {path}")
        extension = "xlsx" if file.suffix.lower() == ".xlsx" else "csv"
        try:
            rows = read_rows(file.read_bytes(), extension=extension)
        except FileProblem as error:
            raise CommandError(str(error)) from error
        result = import_table(table=check_table(kind, rows), state=state, by=actor, dry_run=dry_run)
        for problem in result.problems:
            self.stderr.write(f"row {problem.row}, {problem.column or '-'}: {problem.message}")
        if result.problems:
            raise CommandError(f"{len(result.problems)} problem(s); nothing was imported")
        if dry_run:
            self.stdout.write(f"dry run: {result.rows} row(s) checked, no problem")
        else:
            self.stdout.write(f"imported: {result.created} created, {result.updated} updated")
