import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from localcompacts.core.uploads import KINDS, check_upload, safe_filename

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), "docx"),
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>"}), "xlsx"),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            "odt",
        ),
    ],
)
def test_real_files_are_recognised_by_content(content, kind):
    assert check_upload(SimpleUploadedFile("whatever.bin", content)).code == kind


def test_renamed_executable_is_refused():
    elf = SimpleUploadedFile("report.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 64)
    with pytest.raises(ValidationError, match="not a real"):
        check_upload(elf)
    script = SimpleUploadedFile("letter.pdf", b"#!/bin/sh\nrm -rf /\n")
    with pytest.raises(ValidationError):
        check_upload(script, allowed={"pdf"})


def test_allowed_types_are_enforced():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("photo.png", PNG), allowed={"pdf"})


def test_oversize_and_empty_files_are_refused(settings):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (26 * 1024 * 1024))
    with pytest.raises(ValidationError, match="limit is 25 MB"):
        check_upload(big)
    with pytest.raises(ValidationError, match="empty"):
        check_upload(SimpleUploadedFile("empty.pdf", b""))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lettre signée — Dakar.pdf", "Lettre signée Dakar.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\x\\تقرير.pdf", "تقرير.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("报告.exe", "报告.pdf"),
        ("", "file.pdf"),
    ],
)
def test_unicode_names_are_kept_but_made_safe(name, expected):
    assert safe_filename(name, KINDS["pdf"]) == expected
