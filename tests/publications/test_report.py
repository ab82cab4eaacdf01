"""The yearly report: generated on the worker, PDF and HTML from the same snapshot."""

import datetime
import io
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from localcompacts.publications.models import Publication, PublicationStatus
from localcompacts.publications.services import (
    publication_request,
    publications_requeue_stuck,
)

from .conftest import EXPECTED_2025

YEAR_2025 = {"date_from": datetime.date(2025, 1, 1), "date_to": datetime.date(2025, 12, 31)}


def _request(secretariat, **kwargs):
    return publication_request(
        kind="report", by=secretariat, **{"language": "en", **YEAR_2025, **kwargs}
    )


@pytest.fixture
def built(report_world, secretariat, task_worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication, created = _request(secretariat)
    assert created
    assert publication.status == PublicationStatus.QUEUED
    task_worker()
    publication.refresh_from_db()
    return publication


@pytest.mark.needs("noto-fonts")
def test_pdf_holds_the_figures_names_bookmarks_and_fonts(built):
    assert built.status == PublicationStatus.DONE, built.error
    assert built.progress == 100
    reader = PdfReader(default_storage.open(built.file_name))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in ("Dakar", "東京都", "Welcome centre in Dakar", "Refugee self-reliance fund"):
        assert name in text
    assert "Published in 2024" not in text and "Still a draft" not in text
    assert "Key figures" in text and "Annex: every pledge and practice" in text
    figures_page = next(
        p.extract_text() for p in reader.pages if "Joint pledges" in p.extract_text()
    )
    for label, key in (
        ("Pledges and practices", "actions"),
        ("Declaration signatories", "signatories"),
        ("Joint pledges", "joint"),
    ):
        assert re.search(rf"{label}\s*{EXPECTED_2025[key]}\b", figures_page), label
    # Contents with page numbers, a running footer, bookmarks and embedded fonts.
    assert re.search(r"Key figures\s*\.*\s*3", text)
    assert f"Page 2 / {len(reader.pages)}" in text
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Key figures" in titles and "Charts" in titles
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(font["/BaseFont"]))
    families = {f.split("+", 1)[-1] for f in fonts}
    assert {"Noto-Sans", "Noto-Sans-CJK-SC", "Noto-Sans-Arabic"} <= families, families


def test_html_report_shows_the_same_figures(built, anonymous_client):
    response = anonymous_client.get(reverse("publications:html", kwargs={"pk": built.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    shown = dict(re.findall(r'data-figure="(\w+)">(\d+)<', html))
    assert {k: int(v) for k, v in shown.items()} == EXPECTED_2025 == built.data["figures"]
    assert "東京都" in html and "عمّان" in html
    assert "<svg" in html and "GCM-23" in html  # all 23 objectives are charted
    assert "<script>" not in html


def test_identical_data_reuses_the_edition_and_changed_data_makes_a_new_one(
    built, secretariat, report_world
):
    again, created = _request(secretariat)
    assert (again.pk, created) == (built.pk, False)
    other_language, created = _request(secretariat, language="fr")
    assert created and other_language.cache_key != built.cache_key
    pledge = report_world["pledges"][0]
    pledge.title = "Welcome centre in Dakar, renamed"
    pledge.save()
    changed, created = _request(secretariat)
    assert created and changed.pk != built.pk


def test_a_generation_killed_midway_is_retried_and_leaves_one_file(
    report_world, secretariat, task_worker, django_capture_on_commit_callbacks
):
    publication, _created = _request(secretariat)  # enqueued on commit: never here, as if lost
    # What a worker killed during rendering leaves: a running edition, a partial local temporary
    # file, and nothing in the storage (the PDF is stored only when complete).
    import tempfile
    from pathlib import Path

    partial = Path(tempfile.gettempdir()) / f"lc-publication-{publication.cache_key}-0123abcd.pdf"
    partial.write_bytes(b"%PDF-1.7 partial")
    Publication.objects.filter(pk=publication.pk).update(
        status=PublicationStatus.RUNNING,
        attempts=1,
        progress=35,
        heartbeat_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert publications_requeue_stuck() == [publication.pk]
    task_worker()
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DONE and publication.attempts == 2
    assert default_storage.listdir("publications")[1] == [f"{publication.cache_key}.pdf"]
    assert publication.file_name == f"publications/{publication.cache_key}.pdf"
    assert not partial.exists()
    assert PdfReader(io.BytesIO(default_storage.open(publication.file_name).read())).pages
    # A duplicate run (a re-enqueue racing the first) changes nothing.
    from localcompacts.publications.services import publication_build

    assert publication_build(publication_id=publication.pk) == "nothing to do"
    assert default_storage.listdir("publications")[1] == [f"{publication.cache_key}.pdf"]


def test_a_failed_generation_is_logged_and_asking_again_retries_it(
    report_world, secretariat, task_worker, django_capture_on_commit_callbacks, monkeypatch
):
    from localcompacts.core.models import AuditEntry
    from localcompacts.core.workflow import transitions_of
    from localcompacts.publications import services

    def broken(*args, **kwargs):
        raise RuntimeError("the printer is on fire")

    working = services.render_report_pdf
    monkeypatch.setattr(services, "render_report_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        publication, _created = _request(secretariat)
    with pytest.raises(RuntimeError):
        services.publication_build(publication_id=publication.pk)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.FAILED
    assert "printer" in publication.error
    # Not monkeypatch.undo(): that would also undo the task_worker fixture's own patch.
    monkeypatch.setattr(services, "render_report_pdf", working)
    with django_capture_on_commit_callbacks(execute=True):
        again, created = _request(secretariat)
    assert again.pk == publication.pk and created
    task_worker()
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DONE and publication.error == ""
    steps = [(t.action, t.to_state, t.actor) for t in transitions_of(publication)]
    assert steps == [
        ("start", "running", None),
        ("fail", "failed", None),
        ("retry", "queued", secretariat),
        ("start", "running", None),
        ("finish", "done", None),
    ]
    assert AuditEntry.objects.filter(action="publication.requested").count() == 2
    assert AuditEntry.objects.get(action="publication.generated").data["size"] > 0
