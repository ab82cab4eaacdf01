"""CPU time per request of the catalogue scenarios, in one process (no HTTP, no load generator).

Wall-clock benchmarks on a shared machine move with everyone else's work; the CPU time a request
costs this process (`time.process_time()` around Django's test client, averaged over many requests
after a warm-up) barely does, so it compares two versions of the code fairly. `--profile` prints
the top of a cProfile of the same requests.

    .venv/bin/python bench/catalogue.py --sizes 5000 --databases sqlite --seed-only
    .venv/bin/python bench/request_cpu.py --size 5000 [--requests 300] [--profile]
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/lc_w19_bench \
        .venv/bin/python bench/request_cpu.py --size 5000 --database postgresql

It reads the database `bench/catalogue.py` seeded (same names) with the production settings.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from catalogue import CATALOGUE, WORK, database_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--database", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--paths", nargs="*", help="default: (a), 20 pledge pages, statistics")
    parser.add_argument("--only", choices=["a", "b", "c"], help="one scenario")
    options = parser.parse_args()
    env, _target = database_env(options.database, options.size)
    env["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    env["SECRET_KEY"] = secrets.token_urlsafe(60)
    os.environ.update(env)
    WORK.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest of this tree

    from localcompacts.pledges.models import Pledge

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    pledges = [p.get_absolute_url() for p in Pledge.objects.published().order_by("-id")[:20]]
    scenarios = (
        [("path", options.paths)]
        if options.paths
        else [
            ("(a) catalogue", [CATALOGUE]),
            ("(b) pledge page", pledges),
            ("(c) statistics", ["/statistics/"]),
        ]
    )
    if options.only:
        scenarios = [scenarios["abc".index(options.only)]]
    for name, paths in scenarios:
        for path in paths:  # warm-up: caches, template loader, connections
            for _ in range(3):
                assert client.get(path).status_code == 200, path
        profiler = cProfile.Profile() if options.profile else None
        times, sizes = [], []
        for n in range(options.requests):
            path = paths[n % len(paths)]
            started = time.process_time()
            if profiler:
                profiler.enable()
            response = client.get(path)
            if profiler:
                profiler.disable()
            times.append(time.process_time() - started)
            sizes.append(len(response.content))
        print(
            f"{name}: {len(times)} requests, CPU ms per request: "
            f"mean {statistics.mean(times) * 1000:.2f}, median {statistics.median(times) * 1000:.2f}, "
            f"page {statistics.mean(sizes) / 1024:.0f} KiB",
            flush=True,
        )
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(options.top)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(options.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
