"""Forum-week peak: N focal points create, edit and submit pledges while M visitors browse.

    .venv/bin/python bench/forum_week.py --database sqlite --focal 10 --visitors 40 --duration 60
    .venv/bin/python bench/forum_week.py --database postgres ...   # scratch database, dropped after

The site runs as in production (gunicorn with deploy/gunicorn.conf.py, production settings). Each
focal point signs in over HTTP, then loops through the workspace pledge editor as a browser would
(every form opened with GET, then posted with its CSRF token and fields): a new draft (basics
step), its alignment with the Compacts (an objective is required to submit), three saves of the
basics step with the summary "edit 1" … "edit 3", submit for review, and the pledge's own workspace
page (it must be 200 at once). Visitors browse the public pages over keep-alive connections.

Afterwards what the server acknowledged (each write answered with a redirect) is counted in the
database: every pledge once, none lost, its last summary and status kept, and one audit entry per
acknowledged write (pledge.create, four pledge.update, pledge.submit: 6 for a full cycle). A write
refused with a 4xx is an error; the first few refusals' validation messages are printed.
With --rss the resident memory of the web processes is sampled (used for the soak run).
"""

import argparse
import random
import re
import shlex
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    Browser,
    Site,
    error_messages,
    find_form,
    record_result,
    rss_mb,
    summary,
)

PASSWORD = "bench-password-not-secret-42"  # noqa: S105
# Pages carry the language in their address (/en/…); an unprefixed one answers with a redirect.
PUBLIC_PATHS = [
    "/en/",
    "/en/pledges/",
    "/en/pledges/?q=welcome",
    "/en/pledges/?page=2",
    "/en/governments/",
    "/en/forums/",
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


DESCRIPTION = (
    "The city opens a one-stop welcome desk for newcomers in the town hall, staffed by two "
    "caseworkers and volunteer interpreters. It gives advice on housing, schools, health care and "
    "work permits, runs weekly language classes with the adult education centre, and refers people "
    "to the partner associations. Opening hours include two evenings a week for those who work. "
    "Every visit is counted so that the council can report on the numbers each year."
)
WORKSPACE_PLEDGE = re.compile(r"/workspace/pledges/(\d+)/")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.write_latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.errors: list[str] = []
        self.refused_writes = 0
        self.refusals: list[str] = []
        # title -> what the server acknowledged (302) for that pledge: pk, summary, status, and
        # how many writes (each one an audit entry).
        self.created: dict[str, dict] = {}

    def hit(self, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1


class WriteRefused(Exception):
    pass


def submit_form(browser, stats: Stats, page: str, changes, *, field="", action="") -> str:
    """Open `page`, fill in its form as shown plus `changes` (a dict, or a function of the form
    giving one), post it as a browser would (CSRF token from the form); the server must answer with
    a redirect, whose target is returned."""
    status, body, seconds = browser.request("GET", page)
    stats.hit(status, seconds)
    if status != 200:
        raise WriteRefused(f"GET {page}: HTTP {status}")
    form = find_form(body, field=field, action=action)
    target = form.action or page
    if callable(changes):
        changes = changes(form)
    status, body, seconds = browser.request("POST", target, {**form.values, **changes})
    stats.hit(status, seconds)
    if status != 302:
        if 400 <= status < 500:
            with stats.lock:
                stats.refused_writes += 1
                if len(stats.refusals) < 5:
                    messages = "; ".join(error_messages(body)) or body[:300].decode(
                        errors="replace"
                    )
                    stats.refusals.append(f"POST {target}: HTTP {status}: {messages}")
        raise WriteRefused(f"POST {target}: HTTP {status}")
    return browser.headers.get("location", "")


def pledge_cycle(browser, stats: Stats, title: str) -> None:
    """What a focal point does in the workspace editor: a new draft (basics), its alignment with
    the Compacts (required to submit), three saves of the basics with a new summary each, submit,
    then the pledge's own workspace page."""
    location = submit_form(
        browser,
        stats,
        "/en/workspace/pledges/new/",
        {
            "kind": "pledge",
            "title": title,
            "summary": "edit 0",
            "description": DESCRIPTION,
            "language": "en",
            "pledge_type": "policy",
        },
        field="token",
    )
    match = WORKSPACE_PLEDGE.search(location)
    if match is None:
        raise WriteRefused(f"new draft redirected to {location!r}")
    pk = int(match[1])
    expected = {"pk": pk, "summary": "edit 0", "status": "draft", "writes": 1}
    with stats.lock:
        stats.created[title] = expected
    editor = f"/en/workspace/pledges/{pk}/edit"
    submit_form(
        browser,
        stats,
        f"{editor}/alignment/",
        lambda form: {"objectives": form.choices["objectives"][:1]},
        field="objectives",
    )
    expected["writes"] += 1
    for edit in (1, 2, 3):
        submit_form(
            browser,
            stats,
            f"{editor}/basics/",
            {"summary": f"edit {edit}", "stay": "1"},
            field="summary",
        )
        expected["summary"] = f"edit {edit}"
        expected["writes"] += 1
    location = submit_form(
        browser, stats, f"{editor}/review/", {"comment": ""}, action="/transition/submit/"
    )
    expected["status"] = "submitted"
    expected["writes"] += 1
    status, _, seconds = browser.request("GET", location or f"/en/workspace/pledges/{pk}/")
    stats.hit(status, seconds)
    if status != 200:
        raise WriteRefused(f"own draft {pk}: HTTP {status}")


def focal_loop(site, user, deadline, stats: Stats, index: int) -> None:
    browser = Browser(site.url)
    try:
        signed_in = browser.login(user.email, PASSWORD) == 302
    except Exception as error:  # noqa: BLE001 — a timeout is a failure to report, not a crash
        stats.errors.append(f"login of {user.email}: {error!r}")
        return
    if not signed_in:
        stats.errors.append(f"login failed for {user.email}")
        return
    number = 0
    while time.monotonic() < deadline:
        title = f"FW-{index}-{number} Housing first for newcomers"
        number += 1
        started = time.perf_counter()
        try:
            pledge_cycle(browser, stats, title)
        except Exception as error:  # noqa: BLE001 — report every failure, keep the others running
            stats.errors.append(f"focal {index}, {title}: {error!r}")
            continue
        with stats.lock:
            stats.write_latencies.append(time.perf_counter() - started)


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
    """Count in the database what the server acknowledged: each pledge once, with its last
    acknowledged summary and status, and one audit entry per acknowledged write (pledge.create,
    pledge.update for the alignment and each edit, pledge.submit)."""
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
    audit = AuditEntry.objects.filter(
        target_type="pledges.pledge", target_id__in=[str(p.pk) for p in rows]
    ).count()
    return {
        "pledges_created": len(stats.created),
        "pledges_submitted": sum(1 for e in stats.created.values() if e["status"] == "submitted"),
        "rows_found": rows.count(),
        "lost": len(lost),
        "duplicated": duplicates,
        "stale_edits": len(stale),
        "audit_entries": audit,
        "audit_expected": sum(e["writes"] for e in stats.created.values()),
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
        paths += [f"/en/governments/{g.slug}/" for g in data["governments"][:20]]
        site.start_web(workers=args.workers, threads=args.threads)
        web_pid = site.processes["web"].pid
        # Warm up once so the first figures are not the import time.
        Browser(site.url).request("GET", "/en/pledges/")
        rss_start = rss_mb(web_pid)
        stats = Stats()
        started = time.monotonic()
        deadline = started + args.duration
        threads = [
            threading.Thread(target=focal_loop, args=(site, u, deadline, stats, i))
            for i, (u, _g) in enumerate(data["focal_points"])
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
            "writes_refused_4xx": stats.refused_writes,
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
        for refusal in stats.refusals:
            print("refused:", refusal)
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
