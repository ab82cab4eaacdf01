"""The open-data dump: one zip with a CSV per table, the pledges as JSON, the data dictionary,
the licence (CC BY 4.0) and the generation date. Rebuilt nightly (`tasks.rebuild_open_data_dump`)."""

import datetime
import tempfile
import zipfile
from operator import attrgetter
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from localcompacts.compacts.models import Objective
from localcompacts.core.storage import StoredFile, delete_file, files_in, store_file
from localcompacts.core.translation import name_fields
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import Endorsement, LocalGovernment
from localcompacts.pledges.selectors import pledge_list_public
from localcompacts.progress.selectors import with_latest_report

from .columns import (
    ENDORSEMENT_COLUMNS,
    GOVERNMENT_COLUMNS,
    PLEDGE_COLUMNS,
    PROGRESS_COLUMNS,
    Column,
)
from .exports import csv_chunks, iterate, json_chunks

LICENCE = """Local Compacts open data
========================

This dataset is made available under the Creative Commons Attribution 4.0 International licence
(CC BY 4.0): https://creativecommons.org/licenses/by/4.0/legalcode

You are free to share (copy and redistribute the material in any medium or format) and adapt
(remix, transform, and build upon the material) for any purpose, even commercially, under the
following terms:

- Attribution: you must give appropriate credit ("Local Compacts, Call to Local Action for Migrants
  and Refugees"), provide a link to the licence, and indicate if changes were made. You may do so in
  any reasonable manner, but not in any way that suggests the licensor endorses you or your use.
- No additional restrictions: you may not apply legal terms or technological measures that legally
  restrict others from doing anything the licence permits.

No warranties are given. The full legal code is at the address above.
"""

OBJECTIVE_COLUMNS = [
    Column("code", "", lambda o: o.code),
    Column("compact", "", lambda o: o.compact),
    Column("number", "", lambda o: o.number),
    *(Column(name, "", attrgetter(name)) for name in name_fields()),
]
FORUM_COLUMNS = [
    Column("slug", "", lambda f: f.slug),
    Column("name", "", lambda f: f.name),
    Column("kind", "", lambda f: f.kind),
    Column("start_date", "", lambda f: f.start_date.isoformat()),
    Column("end_date", "", lambda f: f.end_date.isoformat()),
    Column("place", "", lambda f: f.place),
]


OPEN_DATA_FOLDER = "open-data"
DUMP_PREFIX = "localcompacts-open-data-"
KEEP_DUMPS = 7


def open_data_dumps() -> list[StoredFile]:
    """The dumps in the default storage, oldest first (their names carry the date)."""
    return [
        dump
        for dump in files_in(OPEN_DATA_FOLDER)
        if dump.filename.startswith(DUMP_PREFIX) and dump.filename.endswith(".zip")
    ]


def latest_open_data_dump() -> StoredFile | None:
    dumps = open_data_dumps()
    return dumps[-1] if dumps else None


def data_dictionary_rows() -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    for table, columns in (
        ("pledges", PLEDGE_COLUMNS),
        ("governments", GOVERNMENT_COLUMNS),
        ("endorsements", ENDORSEMENT_COLUMNS),
        ("progress", PROGRESS_COLUMNS),
    ):
        rows.extend((table, c.name, str(c.description), c.example) for c in columns)
    return rows


def _write_stream(archive: zipfile.ZipFile, name: str, chunks) -> None:
    with archive.open(name, "w", force_zip64=True) as member:
        for chunk in chunks:
            member.write(chunk)


def build_open_data_dump(*, now: datetime.datetime | None = None) -> StoredFile:
    """Write today's dump into a local temporary file, hand it to the default storage when complete
    (`core.storage`: the web servers serve it from there) and keep the last seven."""
    now = now or timezone.now()
    with tempfile.TemporaryDirectory(prefix="lc-open-data-") as workdir:
        temporary = Path(workdir) / "dump.zip"
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            _write_stream(
                archive, "pledges.csv", csv_chunks(iterate(pledge_list_public()), PLEDGE_COLUMNS)
            )
            _write_stream(
                archive,
                "progress.csv",
                csv_chunks(
                    iterate(pledge_list_public(), annotate=with_latest_report), PROGRESS_COLUMNS
                ),
            )
            governments = LocalGovernment.objects.select_related("country").order_by("name", "pk")
            _write_stream(
                archive, "governments.csv", csv_chunks(iterate(governments), GOVERNMENT_COLUMNS)
            )
            endorsements = (
                Endorsement.objects.public()
                .select_related("government")
                .order_by("signed_on", "pk")
            )
            _write_stream(
                archive, "endorsements.csv", csv_chunks(iterate(endorsements), ENDORSEMENT_COLUMNS)
            )
            _write_stream(
                archive,
                "objectives.csv",
                csv_chunks(Objective.objects.order_by("compact", "number"), OBJECTIVE_COLUMNS),
            )
            _write_stream(
                archive,
                "forums.csv",
                csv_chunks(ReviewForum.objects.order_by("start_date"), FORUM_COLUMNS),
            )
            meta = {
                "generated_at": now.isoformat(timespec="seconds"),
                "licence": "CC-BY-4.0",
                "source": settings.SITE_URL,
            }
            _write_stream(
                archive,
                "pledges.json",
                json_chunks(iterate(pledge_list_public()), PLEDGE_COLUMNS, meta=meta),
            )
            dictionary = [
                Column(n, "", lambda r, i=i: r[i])
                for i, n in enumerate(("table", "column", "description", "example"))
            ]
            _write_stream(
                archive, "data-dictionary.csv", csv_chunks(data_dictionary_rows(), dictionary)
            )
            archive.writestr("LICENCE.txt", LICENCE)
            archive.writestr(
                "README.txt",
                f"Local Compacts open data\nGenerated: {now.isoformat(timespec='seconds')}\n"
                f"Source: {settings.SITE_URL}\nLicence: CC BY 4.0 (LICENCE.txt)\n"
                "Tables: pledges.csv (published pledges and practices), governments.csv, "
                "endorsements.csv (verified Marrakech Mayors Declaration signatures), objectives.csv, "
                "progress.csv (latest accepted progress report, evidence level, traffic light), "
                "forums.csv; pledges.json; data-dictionary.csv describes every column.\n",
            )
        stored = store_file(f"{OPEN_DATA_FOLDER}/{DUMP_PREFIX}{now:%Y-%m-%d}.zip", temporary)
    for old in open_data_dumps()[:-KEEP_DUMPS]:
        delete_file(old.name)
    return stored
