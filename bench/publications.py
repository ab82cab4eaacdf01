"""Benchmarks of publications and data exchange (not tests): run once, record in bench/README.md.

    .venv/bin/python bench/publications.py seed --pledges 500000 --db var/bench/export.sqlite3
    .venv/bin/python bench/publications.py export --format csv --db var/bench/export.sqlite3
    .venv/bin/python bench/publications.py seed --pledges 1000 --db var/bench/report.sqlite3
    .venv/bin/python bench/publications.py pdf --db var/bench/report.sqlite3
    .venv/bin/python bench/publications.py import --rows 5000 --db var/bench/report.sqlite3

Each measurement runs in its own process, so the peak resident memory it prints (ru_maxrss)
belongs to that operation alone. Uses a separate SQLite file (never the development database).
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(db: str) -> None:
    Path(db).parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(db).resolve()}"
    os.environ["DEBUG"] = "false"  # no query log growing in memory
    os.environ.setdefault("LOCALCOMPACTS_VAR_DIR", str(Path(db).resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localcompacts.config.settings.dev")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def report(name: str, rows: int, seconds: float, extra: str = "", *, cpu=None, peak=None) -> None:
    """One results-table row: wall time, CPU time of this process (less sensitive to a busy
    machine), peak resident memory."""
    cpu = cpu_seconds() if cpu is None else cpu
    peak = peak_mb() if peak is None else peak
    print(f"| {name} | {rows:,} | {seconds:.1f} s | {cpu:.1f} s | {peak:.0f} MB | {extra} |")


def seed(args) -> None:
    import datetime

    from django.core.management import call_command

    from localcompacts.demo.seed import seed_demo
    from localcompacts.pledges.models import Pledge

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    result = seed_demo(governments=args.governments, pledges=args.pledges, seed=2018)
    # Every pledge published in 2025, so the report and the exports see them all.
    Pledge.objects.update(
        status="published",
        published_at=datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC),
    )
    report("seed", result["pledges"], time.monotonic() - started)


def export(args) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict
    from django.test import RequestFactory

    from localcompacts.pledges.catalogue import CatalogueQuery
    from localcompacts.pledges.selectors import pledge_catalogue
    from localcompacts.publications.views import export_pledges

    request = RequestFactory().get(f"/publications/export/pledges.{args.format}?{args.params}")
    request.user = AnonymousUser()
    started = time.monotonic()
    response = export_pledges(request, args.format)
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    seconds, cpu, peak = time.monotonic() - started, cpu_seconds(), peak_mb()
    # Counted afterwards: the count reads the table through the site's memory map, which would
    # otherwise show in the export's peak memory.
    rows = pledge_catalogue(CatalogueQuery.from_params(QueryDict(args.params))).count()
    report(
        f"export {args.format} {args.params or ''}".strip(),
        rows,
        seconds,
        f"{size / 1e6:.0f} MB file",
        cpu=cpu,
        peak=peak,
    )


def pdf(args) -> None:
    import datetime

    from django.core.files.storage import default_storage

    from localcompacts.core.storage import delete_file
    from localcompacts.publications.services import publication_build, publication_request

    started = time.monotonic()
    publication, _created = publication_request(
        kind="report",
        language="en",
        by=None,
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 12, 31),
    )
    requested = time.monotonic() - started
    publication.status = "queued"
    publication.save()
    delete_file(publication.file_name)
    publication_build(publication_id=publication.pk)
    publication.refresh_from_db()
    from pypdf import PdfReader

    pages = len(PdfReader(default_storage.open(publication.file_name)).pages)
    report(
        "report PDF",
        publication.data["figures"]["actions"],
        time.monotonic() - started,
        f"request (snapshot + hash) {requested:.1f} s; {pages} pages, {publication.file_size / 1e6:.1f} MB",
    )


def import_rows(args) -> None:
    import csv
    import io

    from localcompacts.pledges.selectors import pledge_list_public
    from localcompacts.publications.exchange.columns import PLEDGE_COLUMNS
    from localcompacts.publications.exchange.exports import csv_chunks, iterate
    from localcompacts.publications.exchange.importing import check_table, read_rows
    from localcompacts.publications.exchange.services import import_table

    text = b"".join(csv_chunks(iterate(pledge_list_public()[: args.rows]), PLEDGE_COLUMNS)).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    run = int(time.time())  # new ids each run: the benchmark measures creating pledges
    for number, row in enumerate(rows):
        row["external_id"] = f"BENCH-{run}-{number}"
        row["matches"] = ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    started = time.monotonic()
    table = check_table("pledges", read_rows(data, extension="csv"))
    checked = time.monotonic() - started
    result = import_table(table=table, state="draft", by=None, dry_run=False)
    assert result.ok and result.created == len(rows), result.problems[:5]
    report(
        "import CSV (validate + write)",
        len(rows),
        time.monotonic() - started,
        f"validation alone {checked:.1f} s",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["seed", "export", "pdf", "import"])
    parser.add_argument("--db", default="var/bench/publications.sqlite3")
    parser.add_argument("--pledges", type=int, default=1000)
    parser.add_argument("--governments", type=int, default=2000)
    parser.add_argument("--format", default="csv", choices=["csv", "xlsx", "json"])
    parser.add_argument("--params", default="", help="catalogue filters, e.g. kind=practice")
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    setup(args.db)
    {"seed": seed, "export": export, "pdf": pdf, "import": import_rows}[args.what](args)


if __name__ == "__main__":
    main()
