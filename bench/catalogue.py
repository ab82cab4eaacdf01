"""Benchmark of the public catalogue, a pledge page and the statistics page (not a timed test).

For each database (SQLite file, PostgreSQL database `lc_bench`) and each size, it seeds a fresh
database with `manage.py seed_demo`, runs gunicorn (2 workers, production settings) on loopback,
and drives it with a closed-loop load generator (threads with keep-alive connections) for a fixed
time per scenario. On SQLite it then serves the same file with Datasette and times the equivalent
catalogue query (`_search=` + the same filters + `_facet=`), to report our throughput as a ratio.

    .venv/bin/pip install -e '.[bench]'          # datasette
    .venv/bin/python bench/catalogue.py --sizes 5000 --databases sqlite postgresql
    .venv/bin/python bench/catalogue.py --sizes 500000 --databases sqlite --seconds 20

Results are appended to bench/README.md as a Markdown table (and printed). Everything listens on
127.0.0.1 only, every run is bounded by --seconds, and the servers are stopped at the end.
"""

import argparse
import datetime
import http.client
import os
import platform
import random
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = ROOT / "var" / "bench"
README = ROOT / "bench" / "README.md"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/lc_bench")

# (a): a text query plus three facet filters
# Pages carry the language in their address (/en/…); an unprefixed one answers with a redirect.
CATALOGUE = "/en/pledges/?q=housing&objective=GCM-15&population=refugees&kind=pledge"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def database_env(database: str, size: int) -> tuple[dict, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(WORK / "static"),
        "LOCALCOMPACTS_VAR_DIR": str(WORK),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "src"),
        # as deploy/localcompacts.env.example: keep connections between requests
        "DB_CONN_MAX_AGE": "60",
    }
    if database == "sqlite":
        path = WORK / f"lc_bench_{size}.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
        return env, str(path)
    env["DATABASE_URL"] = PG_URL
    return env, PG_URL


def seed(database: str, size: int, env: dict, target: str) -> float:
    """A fresh database with `size` pledges (governments: one per five pledges, at least 300)."""
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
    else:
        name = urllib.parse.urlparse(PG_URL).path.lstrip("/")
        admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
        run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], env)
        run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], env)
    manage = [str(BIN / "python"), "manage.py"]
    dev = {**env, "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.dev"}
    started = time.monotonic()
    run([*manage, "migrate", "--noinput", "-v0"], dev)
    run(
        [*manage, "seed_demo", "--pledges", str(size), "--governments", str(max(300, size // 5))],
        dev,
        stdout=subprocess.DEVNULL,
    )
    if database == "postgresql":
        run(["psql", PG_URL, "-qc", "VACUUM ANALYZE"], env)
    else:
        with sqlite3.connect(target) as connection:
            connection.execute("ANALYZE")
    run([*manage, "collectstatic", "--noinput", "-v0"], env)
    return time.monotonic() - started


def seeded_before(database: str, size: int, env: dict, target: str) -> bool:
    """Whether an earlier run left a database with `size` pledges to measure again."""
    if database == "sqlite":
        if not Path(target).exists():
            return False
        with sqlite3.connect(target) as connection:
            found = connection.execute("SELECT COUNT(*) FROM pledges_pledge").fetchone()[0]
    else:
        result = subprocess.run(
            ["psql", PG_URL, "-tAc", "SELECT COUNT(*) FROM pledges_pledge"],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            return False
        found = int(result.stdout.strip() or 0)
    return found == size


def wait_for(port: int, path: str = "/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on {port} did not start")


def load(port: int, paths: list[str], seconds: float, concurrency: int) -> dict:
    """Closed loop: `concurrency` clients, each sending the next request when the last returns."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed_value: int) -> None:
        rng = random.Random(seed_value)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Language": "en"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    with lock:
                        errors[0] += 1
            except (OSError, http.client.HTTPException):
                with lock:
                    errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "median_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else float("nan"),
        "rps": len(latencies) / elapsed,
    }


def warm_up(port: int, paths: list[str], concurrency: int) -> None:
    """2 s of load, and every page asked twice per server process at least: the steady state a
    forum week reaches, where each page is kept once built (scenario (d) shows first builds)."""
    load(port, paths, 2, concurrency)
    for _ in range(4):  # connections land on either of the 2 workers: ask each page 4 times
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for path in paths:
            connection.request("GET", path, headers={"Accept-Language": "en"})
            connection.getresponse().read()
        connection.close()


def start(args, env) -> subprocess.Popen:
    return subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def pledge_paths(env: dict, count: int = 200) -> list[str]:
    code = (
        "import django; django.setup();"
        "from localcompacts.pledges.models import Pledge;"
        f"print(' '.join(p.get_absolute_url() for p in Pledge.objects.published().order_by('?')[:{count}]))"
    )
    dev = {**env, "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.dev"}
    out = subprocess.run(
        [str(BIN / "python"), "-c", code], env=dev, cwd=ROOT, check=True, capture_output=True
    )
    return out.stdout.decode().split()


def compute_figures(env: dict) -> None:
    """What the worker does after a change: the whole-catalogue figures in English (the first
    visitor of a fresh database would otherwise compute them in the request)."""
    code = (
        "import django; django.setup();"
        "from localcompacts.core.figures import refresh_figures; refresh_figures('en')"
    )
    run([str(BIN / "python"), "-c", code], env)


def varied_catalogue_paths(count: int = 200) -> list[str]:
    """Distinct filter sets (a word, an objective, a kind): pages nobody asked for before, so
    the kept-page cache does not answer them the first time."""
    words = ["housing", "health", "language", "jobs", "school", "welcome", "legal", "data"]
    rng = random.Random(7)
    paths = set()
    while len(paths) < count:
        paths.add(
            f"/en/pledges/?q={rng.choice(words)}&objective=GCM-{rng.randint(1, 23)}"
            f"&kind={rng.choice(['pledge', 'practice'])}"
        )
    return sorted(paths)


FIGURE_PAGES = ["/en/pledges/", "/en/map/", "/en/statistics/", "/en/"]


def after_a_change(port: int, env: dict, limit: float = 300) -> dict:
    """Change public content, then ask for the pages built from whole-catalogue figures until the
    worker has recomputed them all (each page has its validator back): the slowest answer in the
    meantime is what a visitor paid for the recomputation (issue: never over 1 s)."""
    for path in FIGURE_PAGES:  # current figures to start from
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        connection.request("GET", path)
        connection.getresponse().read()
    change = (
        "import django; django.setup();"
        "from localcompacts.core.caching import note_public_change; note_public_change()"
    )
    run([str(BIN / "python"), "-c", change], env)
    began = time.monotonic()
    slowest, requests, fresh = 0.0, 0, set()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    while len(fresh) < len(FIGURE_PAGES) and time.monotonic() - began < limit:
        for path in FIGURE_PAGES:
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            slowest = max(slowest, time.perf_counter() - started)
            requests += 1
            if response.getheader("ETag"):
                fresh.add(path)
        time.sleep(0.2)
    return {
        "requests": requests,
        "errors": len(FIGURE_PAGES) - len(fresh),
        "median_ms": float("nan"),
        "p95_ms": slowest * 1000,  # the slowest answer while the worker recomputed
        "rps": float("nan"),
        "fresh_after_s": time.monotonic() - began,
    }


def datasette_catalogue_path(target: str) -> str:
    """The same query as (a) in Datasette: full-text search, the same three filters, facets."""
    with sqlite3.connect(target) as connection:
        objective = connection.execute(
            "SELECT id FROM compacts_objective WHERE code='GCM-15'"
        ).fetchone()[0]
        group = connection.execute(
            "SELECT id FROM compacts_populationgroup WHERE code='refugees'"
        ).fetchone()[0]
    # Integers read from our own database just above; Datasette runs this read-only.
    where = (
        f"id IN (SELECT pledge_id FROM pledges_pledge_objectives WHERE objective_id={objective}) "  # noqa: S608
        f"AND id IN (SELECT pledge_id FROM pledges_pledge_population_groups "
        f"WHERE populationgroup_id={group})"
    )
    query = urllib.parse.urlencode(
        [
            ("_search", "housing"),
            ("status", "published"),
            ("kind", "pledge"),
            ("_where", where),
            ("_facet", "kind"),
            ("_facet", "pledge_type"),
            ("_facet", "announced_at_id"),
            ("_facet", "language"),
            ("_size", "20"),
        ]
    )
    return f"/{Path(target).stem}/pledges_pledge?{query}"


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory} RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def load_average() -> str:
    """The machine's 1-, 5- and 15-minute load averages: every row says what else was running."""
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=float, default=15, help="per scenario")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a database seeded by an earlier run"
    )
    parser.add_argument(
        "--seed-only", action="store_true", help="seed (and time it), measure later with --reuse"
    )
    options = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    options.load_at_start = load_average()
    print(f"load average at start (1 / 5 / 15 min): {options.load_at_start}", flush=True)
    rows = []
    for size in options.sizes:
        for database in options.databases:
            env, target = database_env(database, size)
            print(f"== {database}, {size} pledges: seeding …", flush=True)
            if options.reuse and seeded_before(database, size, env, target):
                run([str(BIN / "python"), "manage.py", "migrate", "-v0"], env)
                run([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], env)
            else:
                seeded = seed(database, size, env, target)
                print(f"   seeded in {seeded:.0f} s", flush=True)
            if options.seed_only:
                continue
            started = time.monotonic()
            compute_figures(env)
            print(f"   whole-catalogue figures computed in {time.monotonic() - started:.0f} s")
            pledges = pledge_paths(env)
            port = free_port()
            server = start(
                [
                    str(BIN / "gunicorn"),
                    "--workers",
                    "2",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--log-level",
                    "warning",
                    "localcompacts.config.wsgi",
                ],
                env,
            )
            worker = start(
                [str(BIN / "python"), "manage.py", "db_worker", "--queue-name", "*"], env
            )
            try:
                wait_for(port, "/healthz")
                for name, paths in [
                    ("(a) text query + 3 facet filters", [CATALOGUE]),
                    ("(b) pledge page", pledges),
                    ("(c) statistics", ["/en/statistics/"]),
                ]:
                    warm_up(port, paths, options.concurrency)
                    result = load(port, paths, options.seconds, options.concurrency)
                    result["load"] = f"{os.getloadavg()[0]:.2f}"
                    rows.append((database, size, name, result))
                    print(f"   {name}: {result}", flush=True)
                # Pages never asked for before: what the first visitor of a filter set waits.
                name = "(d) 200 distinct filter sets at random (each page built on first asking)"
                result = load(port, varied_catalogue_paths(), options.seconds, options.concurrency)
                result["load"] = f"{os.getloadavg()[0]:.2f}"
                rows.append((database, size, name, result))
                print(f"   {name}: {result}", flush=True)
                name = "(e) after a change: slowest page while the worker recomputes (p95 column)"
                result = after_a_change(port, env)
                result["load"] = f"{os.getloadavg()[0]:.2f}"
                name += f"; new figures served after {result['fresh_after_s']:.0f} s"
                rows.append((database, size, name, result))
                print(f"   {name}: {result}", flush=True)
            finally:
                stop(server)
                stop(worker)
            if database == "sqlite" and not options.no_datasette:
                datasette = shutil.which("datasette", path=str(BIN)) or shutil.which("datasette")
                if not datasette:
                    print("   datasette not installed: pip install -e '.[bench]'")
                    continue
                port = free_port()
                server = start(
                    [
                        datasette,
                        "serve",
                        "--immutable",
                        target,
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                        "--setting",
                        "sql_time_limit_ms",
                        "20000",
                        "--setting",
                        "facet_time_limit_ms",
                        "20000",
                    ],
                    env,
                )
                try:
                    wait_for(port, "/-/versions.json")
                    path = datasette_catalogue_path(target)
                    load(port, [path], 2, options.concurrency)
                    result = load(port, [path], options.seconds, options.concurrency)
                    result["load"] = f"{os.getloadavg()[0]:.2f}"
                    rows.append((database, size, "(a) same query in Datasette", result))
                    print(f"   Datasette: {result}", flush=True)
                finally:
                    stop(server)
    if rows:
        report(rows, options)


def report(rows, options) -> None:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = "python bench/catalogue.py " + " ".join(sys.argv[1:])
    lines = [
        "",
        f"### {now}",
        "",
        f"- machine: {machine()}",
        f"- command: `{command}`",
        f"- load: {options.concurrency} keep-alive clients on loopback, closed loop, "
        f"{options.seconds:g} s per scenario after a warm-up (2 s, then each of its pages asked 4 "
        "times: kept pages are the steady state; (d) shows pages built on first asking); gunicorn, "
        "2 sync workers, a db_worker, production settings; anonymous requests without validators "
        "(no 304s)",
        f"- machine load average (1 / 5 / 15 min): {options.load_at_start} at the start, "
        f"{load_average()} at the end; the last column is the 1-minute load after each scenario "
        "(the server and the load generator themselves add about 2 on this 2-core machine)",
        "",
        "| database | pledges | scenario | requests | errors | median ms | p95 ms | req/s | load |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    ours = {}
    for database, size, name, r in rows:
        lines.append(
            f"| {database} | {size:,} | {name} | {r['requests']} | {r['errors']} | "
            f"{r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['rps']:.1f} | {r.get('load', '')} |"
        )
        if name.startswith("(a) text"):
            ours[(database, size)] = r["rps"]
        if "Datasette" in name and r["rps"] and (database, size) in ours:
            ratio = ours[(database, size)] / r["rps"]
            lines.append(
                f"| {database} | {size:,} | ratio ours / Datasette for (a) | | | | | "
                f"**{ratio:.2f}×** | |"
            )
            print(f"ratio ours / Datasette for (a), {database}, {size:,}: {ratio:.2f}×", flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    print(f"load average at the end (1 / 5 / 15 min): {load_average()}", flush=True)
    with README.open("a") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
