"""PDF reports for every script (issue 15, item 9): the yearly report with Arabic and Chinese
pledge titles embeds fonts covering them, is a tagged PDF with its language set, and a script no
installed font covers is reported in the edition's status instead of printing as boxes.

These tests need the Noto fonts (Debian: fonts-noto-core, fonts-noto-cjk; `.ci/run` installs
them). Without them they are skipped with the reason shown, except under CI=true, where a missing
font is a failure.
"""

import datetime
import os
import subprocess

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from localcompacts.pledges.models import PledgeStatus
from localcompacts.publications.fonts import uncovered_scripts
from localcompacts.publications.models import PublicationStatus
from localcompacts.publications.services import publication_request

from ..factories import PledgeFactory

TITLES = ("خطة عمّان لإدماج اللاجئين", "城市移民融合计划")
TOTO = "\U0001e290\U0001e291\U0001e292"  # Toto letters (Unicode 14): no Debian font has them


def _fc_list(pattern: str) -> str:
    try:
        return subprocess.run(
            ["fc-list", pattern, "family"], capture_output=True, text=True, timeout=10
        ).stdout
    except OSError:
        return ""


def _require_noto_fonts():
    missing = [
        name
        for name, pattern in (("Noto Sans CJK", ":lang=zh-cn"), ("Noto Arabic", ":lang=ar"))
        if "Noto" not in _fc_list(pattern)
    ]
    if not missing:
        return
    reason = (
        f"fc-list finds no {' or '.join(missing)} font (install fonts-noto-core, fonts-noto-cjk)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def scripts_world(report_world):
    _require_noto_fonts()
    amman, tokyo = report_world["amman"], report_world["tokyo"]
    for title, owner, language in zip(TITLES, (amman, tokyo), ("ar", "zh"), strict=True):
        PledgeFactory(
            title=title,
            language=language,
            owners=[owner],
            objectives=["GCM-16"],
            status=PledgeStatus.PUBLISHED,
            published_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC),
        )
    return report_world


def _build(secretariat, task_worker, capture, **params):
    with capture(execute=True):
        publication, _created = publication_request(
            kind="report",
            by=secretariat,
            language="en",
            date_from=datetime.date(2025, 1, 1),
            date_to=datetime.date(2025, 12, 31),
            **params,
        )
    task_worker()
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DONE, publication.error
    return publication


def _fonts(reader: PdfReader) -> set[str]:
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return fonts


def test_the_report_embeds_fonts_for_arabic_and_chinese_and_is_a_tagged_pdf(
    scripts_world, secretariat, task_worker, django_capture_on_commit_callbacks
):
    publication = _build(secretariat, task_worker, django_capture_on_commit_callbacks)
    reader = PdfReader(default_storage.open(publication.file_name))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "城市移民融合计划" in text
    fonts = _fonts(reader)
    assert any("Arabic" in font for font in fonts), fonts
    assert any("CJK" in font for font in fonts), fonts
    assert any(font.startswith("Noto-Sans") and "CJK" not in font for font in fonts), fonts
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged: a structure tree screen readers follow
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert publication.font_warnings == []


def test_a_script_without_a_font_is_reported_to_the_secretariat(
    scripts_world,
    secretariat,
    admin_client,
    anonymous_client,
    task_worker,
    django_capture_on_commit_callbacks,
):
    if _fc_list(f":charset={ord(TOTO[0]):x}").strip():
        pytest.skip("an installed font covers the Toto script used as the uncovered example")
    PledgeFactory(
        title=f"Archive {TOTO}",
        owners=[scripts_world["dakar"]],
        objectives=["GCM-16"],
        status=PledgeStatus.PUBLISHED,
        published_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC),
    )
    publication = _build(secretariat, task_worker, django_capture_on_commit_callbacks)
    assert publication.font_warnings == [{"script": "TOTO", "characters": 3, "sample": TOTO}]
    status = reverse("publications:status", kwargs={"pk": publication.pk})
    page = admin_client.get(status).content.decode()
    assert "prints as empty boxes" in page and "Toto: 3 characters" in page
    assert "empty boxes" not in anonymous_client.get(status).content.decode()


def test_covered_text_has_no_font_problem():
    _require_noto_fonts()
    assert uncovered_scripts("Montréal Москва القاهرة 北京 東京 서울 Αθήνα תל אביב") == []
