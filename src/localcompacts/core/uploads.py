"""Uploaded files are checked by content, size and name, stored outside the static root, and only
ever served through permission-checked views with a safe content type.

    kind = check_upload(uploaded_file, allowed={"pdf"})      # raises ValidationError
    safe = safe_filename(uploaded_file.name, kind)
    return protected_file_response(field_file, download_name=safe, kind=kind)
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    code: str
    extension: str
    content_type: str
    label: str


KINDS = {
    "pdf": FileKind("pdf", "pdf", "application/pdf", "PDF"),
    "png": FileKind("png", "png", "image/png", "PNG"),
    "jpeg": FileKind("jpeg", "jpg", "image/jpeg", "JPEG"),
    "docx": FileKind(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "DOCX",
    ),
    "xlsx": FileKind(
        "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
    ),
    "odt": FileKind("odt", "odt", "application/vnd.oasis.opendocument.text", "ODT"),
}
DOCUMENT_KINDS = frozenset(KINDS)


def detect_kind(uploaded) -> str | None:
    """The file's real type from its first bytes (and, for Office/ODF, its zip contents)."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                    if mimetype == KINDS["odt"].content_type:
                        return "odt"
                if "[Content_Types].xml" in names:
                    if "word/document.xml" in names:
                        return "docx"
                    if "xl/workbook.xml" in names:
                        return "xlsx"
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            uploaded.seek(0)
    return None


def check_upload(uploaded, *, allowed=DOCUMENT_KINDS, max_bytes: int | None = None) -> FileKind:
    """Refuse files that are too large, empty, or not really of an allowed type (whatever their name)."""
    max_bytes = max_bytes or settings.MAX_ATTACHMENT_BYTES
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(uploaded.size / 1_048_576, 1), "limit": max_bytes // 1_048_576},
            code="too_large",
        )
    kind = detect_kind(uploaded)
    if kind is None or kind not in allowed:
        labels = ", ".join(KINDS[k].label for k in sorted(allowed))
        raise ValidationError(
            _("This file is not a real %(types)s file. Upload one of: %(types)s.")
            % {"types": labels},
            code="bad_type",
        )
    return KINDS[kind]


def safe_filename(name: str | None, kind: FileKind, *, max_length: int = 120) -> str:
    """Keep the person's name for the file (any script) but nothing that could act as a path or markup."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").split("/")[-1])
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] in "LNZ" or ch in "-_.()")
    stem = re.sub(r"\s+", " ", stem).strip(" .") or "file"
    return f"{stem[:max_length]}.{kind.extension}"


def protected_file_response(field_file, *, download_name: str, kind: FileKind) -> FileResponse:
    """Serve a stored upload as a download with its checked type; never inline HTML or scripts."""
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=download_name,
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
