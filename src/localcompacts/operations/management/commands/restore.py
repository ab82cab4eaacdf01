from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from localcompacts.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Bring back a `manage.py backup` archive: the database and the uploaded files. Refuses a "
        "database that already holds users, governments or pledges unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that is not empty."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        if not options["archive"].is_file():
            raise CommandError(f"No such archive: {options['archive']}")
        try:
            manifest = restore_backup(
                archive_path=options["archive"], force=options["force"], alias=options["database"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {manifest['engine']} snapshot of {manifest['created_at']} "
            f"and {manifest['media']['files']} media file(s)"
        )
