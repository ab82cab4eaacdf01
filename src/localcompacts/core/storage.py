"""Files the site generates (report editions, the open-data dump), kept in Django's default storage.

Everything a visitor downloads goes through `default_storage`, never a local path: with object
storage (S3) and several servers, the worker that wrote a file and the web server that serves it
are different machines, and only the storage is common to both. Uploads (attachments, evidence,
endorsement letters) are `FileField`s and use the same storage.

A generated file is written to a local temporary file first and handed to the storage once
complete, so a reader never sees half a file: on disk `FileSystemStorage` writes to a temporary
name and renames, on S3 an object appears only when its upload finishes.
"""

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse


@dataclass(frozen=True)
class StoredFile:
    """A file in the default storage: its storage name ("open-data/x.zip") and size in bytes."""

    name: str
    size: int

    @property
    def filename(self) -> str:
        """The last part of the name, as a download is called."""
        return posixpath.basename(self.name)


def store_file(name: str, source: Path) -> StoredFile:
    """Put the finished local file `source` into the storage under `name`, replacing an older file
    of that name; returns the name the storage used (a storage may add a suffix when two writers
    store the same name at the same moment — callers keep the returned name)."""
    if default_storage.exists(name):
        default_storage.delete(name)
    with source.open("rb") as handle:
        stored = default_storage.save(name, File(handle, name=posixpath.basename(name)))
    return StoredFile(stored, default_storage.size(stored))


def stored_file_exists(name: str) -> bool:
    return bool(name) and default_storage.exists(name)


def delete_file(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)


def files_in(folder: str) -> list[StoredFile]:
    """The files directly in `folder` of the storage, sorted by name ([] when it doesn't exist)."""
    try:
        _folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [
        StoredFile(posixpath.join(folder, name), default_storage.size(posixpath.join(folder, name)))
        for name in sorted(names)
    ]


def delete_older_than(folder: str, *, before) -> int:
    """Delete the files directly in `folder` last changed before `before` (an aware datetime);
    returns how many (temporary files a flow kept and nobody came back for)."""
    deleted = 0
    for stored in files_in(folder):
        if default_storage.get_modified_time(stored.name) < before:
            default_storage.delete(stored.name)
            deleted += 1
    return deleted


def walk_files(folder: str = "") -> Iterator[str]:
    """Every file name in the storage under `folder`, depth first (backups copy them all)."""
    try:
        folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(names):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        yield from walk_files(posixpath.join(folder, sub) if folder else sub)


def download_response(name: str, *, filename: str, content_type: str) -> FileResponse:
    """Stream a stored file to the browser as an attachment (from disk or object storage alike)."""
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
