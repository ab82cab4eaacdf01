"""Write (or, with --check, compare) the committed snapshot of the API's OpenAPI document."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from localcompacts.api.openapi import SNAPSHOT, openapi_document


class Command(BaseCommand):
    help = "Refresh src/localcompacts/api/openapi.json from the code (or --check it is current)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="fail if the snapshot is stale")

    def handle(self, *args: str, check: bool, **options: object) -> None:
        document = openapi_document()
        if check:
            if not SNAPSHOT.exists() or SNAPSHOT.read_text(encoding="utf-8") != document:
                raise CommandError("openapi.json is out of date: run `make openapi` and commit it.")
            self.stdout.write("openapi.json is current.")
            return
        SNAPSHOT.write_text(document, encoding="utf-8")
        self.stdout.write(f"wrote {SNAPSHOT}")
