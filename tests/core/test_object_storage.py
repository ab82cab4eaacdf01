"""Every file the site keeps goes through the default storage, proven against a real S3-compatible
server (moto's server mode, started on loopback by `tests/services.py`): report editions built on
the worker, the open-data dump, uploaded attachments; each downloads through the site, and the
object is really in the bucket."""

import datetime
import io
import zipfile

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from localcompacts.pledges import services as pledge_services
from localcompacts.publications.exchange.opendata import build_open_data_dump
from localcompacts.publications.models import PublicationStatus
from localcompacts.publications.services import publication_request

from ..pledges.helpers import draft

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _keys(endpoint: str, bucket: str) -> list[str]:
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", []))


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def task_worker(task_worker, monkeypatch):
    """As in tests/publications: keep the test transaction's connection open on PostgreSQL."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return task_worker


def test_the_storage_is_the_bucket(object_storage):
    name = default_storage.save("probe/hello.txt", io.BytesIO(b"hello"))
    assert default_storage.open(name).read() == b"hello"
    assert type(default_storage._wrapped).__name__ == "S3Storage"


def test_a_report_built_on_the_worker_is_stored_in_the_bucket_and_downloads_through_the_site(
    object_storage,
    s3_endpoint,
    secretariat,
    government,
    anonymous_client,
    task_worker,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        publication, created = publication_request(
            kind="report",
            language="en",
            by=secretariat,
            date_from=datetime.date(2025, 1, 1),
            date_to=datetime.date(2025, 12, 31),
        )
    assert created
    task_worker()
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DONE, publication.error
    assert _keys(s3_endpoint, object_storage) == [f"media/{publication.file_name}"]
    response = anonymous_client.get(reverse("publications:download", args=[publication.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert PdfReader(io.BytesIO(_body(response))).pages


def test_the_open_data_dump_is_stored_in_the_bucket_keeps_seven_and_downloads(
    object_storage, s3_endpoint, anonymous_client, government
):
    for day in range(1, 10):
        dump = build_open_data_dump(now=datetime.datetime(2026, 11, day, 3, tzinfo=datetime.UTC))
    keys = _keys(s3_endpoint, object_storage)
    assert len(keys) == 7
    assert (
        keys[-1] == f"media/{dump.name}" == "media/open-data/localcompacts-open-data-2026-11-09.zip"
    )
    response = anonymous_client.get(reverse("publications:open-data"))
    assert response.status_code == 200
    assert "localcompacts-open-data-2026-11-09.zip" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(_body(response))) as archive:
        assert "pledges.csv" in archive.namelist()


def test_an_uploaded_attachment_is_stored_in_the_bucket_and_downloads_for_its_owner(
    object_storage, s3_endpoint, government, focal_point, focal_point_client, anonymous_client
):
    pledge = draft(government=government, by=focal_point, title="Draft with a plan")
    attachment = pledge_services.attachment_add(
        pledge=pledge, by=focal_point, uploaded=SimpleUploadedFile("plan.pdf", PDF)
    )
    assert _keys(s3_endpoint, object_storage) == [f"media/{attachment.file.name}"]
    url = attachment.get_absolute_url()
    response = focal_point_client.get(url)
    assert response.status_code == 200
    assert _body(response) == PDF
    assert anonymous_client.get(url).status_code == 404
