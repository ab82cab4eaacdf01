"""Time `manage.py seed_demo` at several sizes and report rows/s and peak memory.

    .venv/bin/python bench/seed.py                     # 5,000 and 500,000 pledges on SQLite
    .venv/bin/python bench/seed.py --sizes 5000 --postgres postgres://postgres@127.0.0.1:5432/lc_bench_seed

Each size runs in a fresh database (a scratch SQLite file under var/bench/, or a recreated
PostgreSQL database) in a child process; peak memory is the child's maximum resident set size.
"""

import argparse
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GOVERNMENTS_PER_PLEDGE = 0.2  # 1,500 pledges : 300 governments, as in the default demo


def run(args, env):
    return subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


def fresh_database(url: str | None, size: int) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.dev"}
    if url:
        parsed = urlparse(url)
        name = parsed.path.lstrip("/")
        admin = url.replace(f"/{name}", "/postgres")
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
        env["DATABASE_URL"] = url
    else:
        path = ROOT / "var" / "bench" / f"seed-{size}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
    run(["migrate", "--noinput", "-v0"], env)
    return env


def count_rows(env) -> int:
    """Rows seed_demo wrote: governments, endorsements, pledges, their owners, tags and indicators."""
    script = (
        "from localcompacts.pledges.models import Pledge, PledgeOwner, Indicator;"
        "from localcompacts.governments.models import LocalGovernment, Endorsement;"
        "through = [f.remote_field.through for f in Pledge._meta.many_to_many"
        " if f.remote_field.through._meta.auto_created];"
        "models = [Pledge, PledgeOwner, Indicator, LocalGovernment, Endorsement, *through];"
        "print(sum(m.objects.count() for m in models))"
    )
    return int(run(["shell", "-c", script], env).stdout.strip().splitlines()[-1])


def measure(size: int, url: str | None) -> dict:
    env = fresh_database(url, size)
    governments = max(2, int(size * GOVERNMENTS_PER_PLEDGE) if size <= 1500 else 300 + size // 100)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    run(
        ["seed_demo", "--pledges", str(size), "--governments", str(governments), "--seed", "2018"],
        env,
    )
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rows = count_rows(env)
    return {
        "database": "PostgreSQL" if url else "SQLite",
        "pledges": size,
        "governments": governments,
        "rows": rows,
        "seconds": seconds,
        "rows_per_second": rows / seconds,
        "peak_mib": max(peak_kib, before) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", nargs="+", type=int, default=[5000, 500_000])
    parser.add_argument(
        "--postgres", help="also run on this PostgreSQL URL (database is recreated)"
    )
    options = parser.parse_args()
    print(
        f"# seed_demo benchmark — {platform.node()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}"
    )
    print("| database | pledges | governments | rows written | seconds | rows/s | peak RSS (MiB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for url in [None, options.postgres] if options.postgres else [None]:
        for size in options.sizes:
            r = measure(size, url)
            print(
                f"| {r['database']} | {r['pledges']:,} | {r['governments']:,} | {r['rows']:,} | "
                f"{r['seconds']:.1f} | {r['rows_per_second']:,.0f} | {r['peak_mib']:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
