"""One archive per backup: a consistent database snapshot, the uploaded files and a manifest.

    localcompacts-20261127T230000Z.tar.gz
      manifest.json         what is inside, from which engine and schema, with checksums
      database.sqlite3      SQLite: the online backup API (a consistent copy while the site runs)
      database.pgdump       PostgreSQL: `pg_dump -Fc` (one consistent snapshot, compressed)
      media/...             every file of the default storage (uploads, report editions, open
                            data), on disk or in object storage alike (`core.storage`)

The database is copied first and the media after it: uploads are never changed in place, so every
file the snapshot refers to is in the archive. Restoring writes the files back through the same
storage, so a backup taken on disk restores into a bucket and the other way round.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from localcompacts.core.errors import DomainError
from localcompacts.core.models import AuditEntry
from localcompacts.core.registry import ExtensionPoint
from localcompacts.core.storage import store_file, walk_files

FORMAT_VERSION = 1
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
# Models whose rows only people create (not reference data loaded by migrations): a database
# holding any of them is "not empty" for restore. Apps register theirs from `ready()`; the audit
# log is core's and always counts.
CONTENT_MODELS: ExtensionPoint = ExtensionPoint(
    "operations.content_models", "Models whose rows make a database 'not empty' for restore"
)


class BackupError(DomainError):
    """A backup or restore that cannot be done; the message says why (for the operator)."""

    code = "backup"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed (Debian/Ubuntu: apt install postgresql-client)."
        )
    return path


def _pg_env_and_args(db: dict) -> tuple[dict, list[str]]:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return env, args


def _dump_database(alias: str, workdir: Path) -> tuple[str, Path]:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        target = workdir / SQLITE_MEMBER
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "sqlite", target
    if connection.vendor == "postgresql":
        target = workdir / POSTGRES_MEMBER
        db = connection.settings_dict
        env, args = _pg_env_and_args(db)
        command = [_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", *args]
        result = subprocess.run(  # noqa: S603 — fixed program, arguments from settings, no shell
            [*command, "-f", str(target), str(db["NAME"])], env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[-2000:]}")
        return "postgresql", target
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def _add_stored_file(archive: tarfile.TarFile, name: str, size: int) -> None:
    """Copy one file of the default storage into the archive, streamed."""
    info = tarfile.TarInfo(f"media/{name}")
    info.size = size
    info.mode = 0o600
    with default_storage.open(name, "rb") as handle:
        archive.addfile(info, handle)


def create_backup(*, output: Path | None = None, alias: str = "default") -> Path:
    """Write the archive and return its path."""
    now = timezone.now()
    if output is None:
        backup_dir = Path(settings.BACKUP_DIR)
        backup_dir.mkdir(parents=True, exist_ok=True)
        output = backup_dir / f"localcompacts-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lc-backup-") as tmp:
        workdir = Path(tmp)
        engine, dump = _dump_database(alias, workdir)
        media_files = {name: default_storage.size(name) for name in walk_files()}
        applied = MigrationRecorder(connections[alias]).applied_migrations()
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.astimezone(datetime.UTC).isoformat(),
            "engine": engine,
            "database": {
                "member": dump.name,
                "sha256": _sha256(dump),
                "bytes": dump.stat().st_size,
            },
            "migrations": sorted(f"{app}.{name}" for app, name in applied),
            "media": {
                "included": True,
                "storage": settings.STORAGES["default"]["BACKEND"],
                "files": len(media_files),
                "bytes": sum(media_files.values()),
            },
        }
        (workdir / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(workdir / "manifest.json", arcname="manifest.json")
            archive.add(dump, arcname=dump.name)
            for name, size in media_files.items():
                _add_stored_file(archive, name, size)
        partial.rename(output)  # never leave a half-written archive under the final name
    output.chmod(0o600)
    return output


def read_manifest(archive_path: Path) -> dict:
    with tarfile.open(archive_path, "r:gz") as archive:
        member = archive.extractfile("manifest.json")
        if member is None:
            raise BackupError("The archive has no manifest.json.")
        return json.loads(member.read())


def database_has_content(alias: str = "default") -> bool:
    connection = connections[alias]
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in [AuditEntry._meta.db_table, *(m._meta.db_table for m in CONTENT_MODELS)]:
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 — model tables
                if cursor.fetchone():
                    return True
    return False


def restore_backup(*, archive_path: Path, force: bool = False, alias: str = "default") -> dict:
    """Replace the database (and put back the media files) from an archive; returns its manifest."""
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    connection = connections[alias]
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This archive holds a {manifest['engine']} database; this site uses {connection.vendor}."
        )
    if not force and database_has_content(alias):
        raise BackupError("The database is not empty; use --force to replace its contents.")
    with tempfile.TemporaryDirectory(prefix="lc-restore-") as tmp:
        workdir = Path(tmp)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(workdir, filter="data")
        dump = workdir / manifest["database"]["member"]
        if _sha256(dump) != manifest["database"]["sha256"]:
            raise BackupError("The database snapshot does not match its checksum.")
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            db = connection.settings_dict
            connection.close()
            env, args = _pg_env_and_args(db)
            command = [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "-d",
                str(db["NAME"]),
                str(dump),
            ]
            result = subprocess.run(  # noqa: S603 — fixed program, no shell
                command, env=env, capture_output=True, text=True
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()[-2000:]}")
        restored_media = workdir / "media"
        if restored_media.is_dir():
            for path in sorted(p for p in restored_media.rglob("*") if p.is_file()):
                store_file(path.relative_to(restored_media).as_posix(), path)
    return manifest
