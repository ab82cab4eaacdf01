from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from localcompacts.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one compressed archive with a consistent database snapshot (SQLite online backup or "
        "pg_dump -Fc), the uploaded files and a manifest. Default: BACKUP_DIR/localcompacts-<UTC>.tar.gz"
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Path of the archive to write.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            path = create_backup(output=options["output"], alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
