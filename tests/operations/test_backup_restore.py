"""backup -> restore gives back identical data and files, on SQLite and on PostgreSQL.

The backup runs in the test process against the test database; the restore runs in a fresh
interpreter (`manage.py restore`) into an empty scratch database, which is then dumped with
`manage.py dumpdata` and compared with the original, row for row.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from localcompacts.core.audit import record
from localcompacts.operations.backup import read_manifest
from localcompacts.pledges.audit import PledgeAction

from ..factories import FocalPointUserFactory, LocalGovernmentFactory, PledgeFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def dump_here() -> list:
    out = io.StringIO()
    call_command("dumpdata", format="json", stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda o: (o["model"], str(o["pk"])))


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """A transactional test's flush removes what migrations loaded; load it again."""
    import importlib

    from django.apps import apps

    from localcompacts.compacts.loading import load_taxonomies

    from ..browser.conftest import REFERENCE_LOADERS

    load_taxonomies(apps)
    for module in REFERENCE_LOADERS:
        importlib.import_module(module).load(apps, None)


def manage(*args, database_url: str, var_dir: Path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.test",
            "DATABASE_URL": database_url,
            "LOCALCOMPACTS_VAR_DIR": str(var_dir),
        }
    )
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )


@pytest.fixture
def scratch_database_url(tmp_path):
    """An empty database of the same engine as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    yield f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_gives_identical_data_and_files(
    tmp_path, settings, scratch_database_url
):
    settings.MEDIA_ROOT = tmp_path / "media"
    government = LocalGovernmentFactory(name="Dakar", slug="dakar")
    focal_point = FocalPointUserFactory(email="focal@example.org", government=government)
    for index in range(3):
        pledge = PledgeFactory(
            owners=[government], title=f"Welcome centre {index} — Dakar, Sénégal"
        )
    record(actor=focal_point, action=PledgeAction.UPDATED, target=pledge, note="ünïcode ✓")
    letter = settings.MEDIA_ROOT / "endorsements" / "2026" / "letter.pdf"
    letter.parent.mkdir(parents=True)
    letter.write_bytes(b"%PDF-1.4 signed letter\n%%EOF\n")
    original = dump_here()

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    manifest = read_manifest(archive)
    assert manifest["engine"] == connection.vendor
    assert manifest["media"] == {
        "included": True,
        "storage": "django.core.files.storage.FileSystemStorage",
        "files": 1,
        "bytes": letter.stat().st_size,
    }
    assert "operations.0001_heartbeat" in manifest["migrations"]
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "media/endorsements/2026/letter.pdf" in names
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    restored_var = tmp_path / "restored-var"
    restored_media = restored_var / "test-media"  # MEDIA_ROOT of the test profile
    result = manage(
        "restore", str(archive), database_url=scratch_database_url, var_dir=restored_var
    )
    assert result.returncode == 0, result.stderr
    assert "1 media file" in result.stdout

    dumped = manage(
        "dumpdata", "--format", "json", database_url=scratch_database_url, var_dir=restored_var
    )
    assert dumped.returncode == 0, dumped.stderr
    restored = sorted(json.loads(dumped.stdout), key=lambda o: (o["model"], str(o["pk"])))
    assert restored == original
    assert (restored_media / "endorsements/2026/letter.pdf").read_bytes() == letter.read_bytes()

    # Restoring again over the now non-empty database needs --force.
    again = manage("restore", str(archive), database_url=scratch_database_url, var_dir=restored_var)
    assert again.returncode != 0
    assert "not empty" in again.stderr
    forced = manage(
        "restore",
        str(archive),
        "--force",
        database_url=scratch_database_url,
        var_dir=restored_var,
    )
    assert forced.returncode == 0, forced.stderr


def test_backup_and_restore_cover_object_storage(
    tmp_path, object_storage, s3_endpoint, scratch_database_url
):
    """Files in an S3 bucket go into the archive and come back into another bucket on restore."""
    import boto3
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    LocalGovernmentFactory(name="Dakar", slug="dakar")
    letter = b"%PDF-1.4 signed letter\n%%EOF\n"
    default_storage.save("endorsements/2026/letter.pdf", ContentFile(letter))
    default_storage.save("publications/abc.pdf", ContentFile(b"%PDF-1.7 edition"))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    manifest = read_manifest(archive)
    assert manifest["media"]["files"] == 2
    assert manifest["media"]["storage"] == "storages.backends.s3.S3Storage"

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=f"{object_storage}-restored")
    os.environ.update(
        S3_BUCKET=f"{object_storage}-restored",
        S3_ENDPOINT_URL=s3_endpoint,
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID="test",
        S3_SECRET_ACCESS_KEY="test",
    )
    try:
        result = manage(
            "restore", str(archive), database_url=scratch_database_url, var_dir=tmp_path / "var"
        )
    finally:
        for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_REGION", "S3_ACCESS_KEY_ID"):
            os.environ.pop(name, None)
        os.environ.pop("S3_SECRET_ACCESS_KEY", None)
    assert result.returncode == 0, result.stderr
    restored = client.get_object(
        Bucket=f"{object_storage}-restored", Key="media/endorsements/2026/letter.pdf"
    )
    assert restored["Body"].read() == letter
    keys = client.list_objects_v2(Bucket=f"{object_storage}-restored")["Contents"]
    assert sorted(o["Key"] for o in keys) == [
        "media/endorsements/2026/letter.pdf",
        "media/publications/abc.pdf",
    ]


def test_restore_refuses_a_database_with_content(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    LocalGovernmentFactory(name="Dakar", slug="dakar")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_refuses_a_tampered_or_foreign_archive(tmp_path):
    bad = tmp_path / "bad.tar.gz"
    with tarfile.open(bad, "w:gz") as tar:
        data = json.dumps({"format": 1, "engine": "oracle"}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="oracle"):
        call_command("restore", str(bad))
    with pytest.raises(CommandError, match="No such archive"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))
