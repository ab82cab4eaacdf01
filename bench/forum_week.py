"""Forum-week peak: N focal points create, edit and submit pledges while M visitors browse.

    .venv/bin/python bench/forum_week.py --database sqlite --focal 10 --visitors 40 --duration 60
    .venv/bin/python bench/forum_week.py --database postgres ...   # scratch database, dropped after

The site runs as in production (gunicorn with deploy/gunicorn.conf.py, production settings). Each
focal point signs in over HTTP, then loops: create a draft pledge, edit it three times, submit it
(through `write_*` below), and open its own draft over HTTP (it must be 200 at once). Visitors
browse the public pages over keep-alive connections. Afterwards every pledge a focal point
created is counted in the database: none lost, none duplicated, every last edit kept.

The pledge submission UI is being built elsewhere: the writes go through the ORM in the shape a
service has (one transaction, audit entry). To drive the real endpoints later, replace `write_*`
with HTTP calls made by `focal.browser` (a logged-in `common.Browser`).
With --rss the resident memory of the web processes is sampled (used for the soak run).
"""

import argparse
import random
import shlex
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Browser, Site, record_result, rss_mb, summary  # noqa: E402

PASSWORD = "bench-password-not-secret-42"  # noqa: S105
PUBLIC_PATHS = [
    "/",
    "/pledges/",
    "/pledges/?q=welcome",
    "/pledges/?page=2",
    "/governments/",
    "/forums/",
]


def seed(focal_count: int, published: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from localcompacts.accounts.models import Role, User
    from localcompacts.compacts.models import Country
    from localcompacts.governments.models import FocalPoint, LocalGovernment
    from localcompacts.pledges.models import Pledge, PledgeOwner, PledgeStatus

    country = Country.objects.order_by("iso3").first()
    password = make_password(PASSWORD)
    governments, focal_points = [], []
    for index in range(max(focal_count, 20)):
        government = LocalGovernment.objects.create(
            name=f"Bench City {index}", slug=f"bench-city-{index}", country=country
        )
        governments.append(government)
        if index < focal_count:
            user = User.objects.create(
                email=f"focal{index}@bench.example.org",
                full_name=f"Focal {index}",
                role=Role.FOCAL_POINT,
                password=password,
            )
            FocalPoint.objects.create(user=user, government=government, position="Officer")
            focal_points.append((user, government))
    now = timezone.now()
    for index in range(published):
        pledge = Pledge.objects.create(
            title=f"Open a welcome centre, phase {index}",
            summary="Services, language classes and advice for newcomers.",
            status=PledgeStatus.PUBLISHED,
            published_at=now,
        )
        PledgeOwner.objects.create(
            pledge=pledge, government=governments[index % len(governments)], is_lead=True
        )
    published_urls = [p.get_absolute_url() for p in Pledge.objects.published()[:50]]
    return {"focal_points": focal_points, "governments": governments, "published": published_urls}


def write_create(*, user, government, title: str) -> int:
    from django.db import transaction

    from localcompacts.core.audit import record
    from localcompacts.pledges.models import Pledge, PledgeOwner

    with transaction.atomic():
        pledge = Pledge.objects.create(title=title, summary="edit 0")
        PledgeOwner.objects.create(pledge=pledge, government=government, is_lead=True)
        record(actor=user, action="pledge.create", target=pledge)
    return pledge.pk


def write_edit(*, user, pk: int, edit: int) -> None:
    from django.db import transaction

    from localcompacts.core.audit import record
    from localcompacts.pledges.models import Pledge

    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pk)
        pledge.summary = f"edit {edit}"
        pledge.save(update_fields=["summary", "updated_at"])
        record(actor=user, action="pledge.edit", target=pledge, edit=edit)


def write_submit(*, user, pk: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from localcompacts.core.audit import record
    from localcompacts.pledges.models import Pledge, PledgeStatus

    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pk)
        pledge.status = PledgeStatus.SUBMITTED
        pledge.submitted_at = timezone.now()
        pledge.save(update_fields=["status", "submitted_at", "updated_at"])
        record(actor=user, action="pledge.submit", target=pledge)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.write_latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.errors: list[str] = []
        self.created: dict[str, dict] = {}

    def hit(self, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1


def focal_loop(site, user, government, deadline, stats: Stats, index: int) -> None:
    from django.db import connection
    from django.utils.text import slugify

    browser = Browser(site.url)
    if browser.login(user.email, PASSWORD) != 302:
        stats.errors.append(f"login failed for {user.email}")
        return
    number = 0
    try:
        while time.monotonic() < deadline:
            title = f"FW-{index}-{number} Housing first for newcomers"
            started = time.perf_counter()
            pk = write_create(user=user, government=government, title=title)
            for edit in (1, 2, 3):
                write_edit(user=user, pk=pk, edit=edit)
            write_submit(user=user, pk=pk)
            with stats.lock:
                stats.write_latencies.append(time.perf_counter() - started)
                stats.created[title] = {"pk": pk, "summary": "edit 3", "status": "submitted"}
            status, _, seconds = browser.request("GET", f"/pledges/{pk}/{slugify(title)[:80]}/")
            stats.hit(status, seconds)
            if status != 200:
                stats.errors.append(f"own pledge {pk}: HTTP {status}")
            number += 1
    except Exception as error:  # noqa: BLE001 — report every failure, keep the others running
        stats.errors.append(f"focal {index}: {error!r}")
    finally:
        connection.close()


def visitor_loop(site, paths, deadline, stats: Stats, seed_value: int) -> None:
    rng = random.Random(seed_value)
    browser = Browser(site.url)
    while time.monotonic() < deadline:
        path = rng.choice(paths)
        try:
            status, _, seconds = browser.request("GET", path)
        except Exception as error:  # noqa: BLE001
            stats.errors.append(f"GET {path}: {error!r}")
            continue
        stats.hit(status, seconds)
        time.sleep(rng.uniform(0, 0.2))  # think time


def verify(stats: Stats) -> dict:
    from django.db.models import Count

    from localcompacts.core.models import AuditEntry
    from localcompacts.pledges.models import Pledge

    rows = Pledge.objects.filter(title__startswith="FW-")
    by_title = {p.title: p for p in rows}
    duplicates = rows.values("title").annotate(n=Count("pk")).filter(n__gt=1).count()
    lost = [t for t in stats.created if t not in by_title]
    stale = [
        t
        for t, expected in stats.created.items()
        if t in by_title
        and (by_title[t].summary != expected["summary"] or by_title[t].status != expected["status"])
    ]
    audit = AuditEntry.objects.filter(target_id__in=[str(p.pk) for p in rows]).count()
    return {
        "pledges_created": len(stats.created),
        "rows_found": rows.count(),
        "lost": len(lost),
        "duplicated": duplicates,
        "stale_edits": len(stale),
        "audit_entries": audit,
        "audit_expected": len(stats.created) * 5,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--focal", type=int, default=10)
    parser.add_argument("--visitors", type=int, default=40)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--published", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rss", action="store_true", help="sample web memory (soak)")
    parser.add_argument(
        "--warmup", type=int, default=0, help="seconds of load before the memory baseline"
    )
    parser.add_argument("--section", default="forum-week peak")
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    args.duration = min(args.duration, 3600)

    with Site(args.database, name="forumweek", pg_port=args.pg_port) as site:
        site.create()
        site.apply_env()
        data = seed(args.focal, args.published)
        paths = PUBLIC_PATHS + data["published"]
        paths += [f"/governments/{g.slug}/" for g in data["governments"][:20]]
        site.start_web(workers=args.workers, threads=args.threads)
        web_pid = site.processes["web"].pid
        # Warm up once so the first figures are not the import time.
        Browser(site.url).request("GET", "/pledges/")
        rss_start = rss_mb(web_pid)
        stats = Stats()
        started = time.monotonic()
        deadline = started + args.duration
        threads = [
            threading.Thread(target=focal_loop, args=(site, u, g, deadline, stats, i))
            for i, (u, g) in enumerate(data["focal_points"])
        ] + [
            threading.Thread(target=visitor_loop, args=(site, paths, deadline, stats, i))
            for i in range(args.visitors)
        ]
        rss_samples = [rss_start]
        rss_baseline = None
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            time.sleep(5)
            if args.rss:
                rss_samples.append(rss_mb(web_pid))
                if rss_baseline is None and time.monotonic() - started >= args.warmup:
                    rss_baseline = rss_samples[-1]
            if time.monotonic() > deadline + 120:
                stats.errors.append("threads did not stop in time")
                break
        elapsed = time.monotonic() - started
        figures = {
            "database": args.database,
            "focal_points": args.focal,
            "visitors": args.visitors,
            "seconds": round(elapsed),
            "throughput_rps": round(len(stats.latencies) / elapsed, 1),
            **{f"http_{k}": v for k, v in summary(stats.latencies).items()},
            "write_cycle_p95_ms": summary(stats.write_latencies)["p95_ms"],
            "status_5xx": sum(n for s, n in stats.statuses.items() if s >= 500),
            "status_4xx": sum(n for s, n in stats.statuses.items() if 400 <= s < 500),
            **verify(stats),
            "errors": len(stats.errors),
        }
        if args.rss:
            rss_samples.append(rss_mb(web_pid))
            figures["web_rss_mb_start"] = rss_samples[0]
            figures["web_rss_mb_after_warmup"] = rss_baseline
            figures["web_rss_mb_end"] = rss_samples[-1]
            figures["web_rss_mb_max"] = max(rss_samples)
            if rss_baseline:
                growth = (rss_samples[-1] - rss_baseline) / rss_baseline * 100
                figures["growth_after_warmup_pct"] = round(growth, 1)
        for error in stats.errors[:10]:
            print("error:", error)
        command = shlex.join(["bench/forum_week.py", *sys.argv[1:]])
        record_result(args.section, command, figures, args.note)
        ok = (
            figures["status_5xx"] == 0
            and figures["lost"] == 0
            and figures["duplicated"] == 0
            and figures["stale_edits"] == 0
            and figures["audit_entries"] == figures["audit_expected"]
            and not stats.errors
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
