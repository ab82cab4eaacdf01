"""Concurrency: W writers x U read-modify-write updates on the same few pledges.

    .venv/bin/python bench/concurrency.py --database sqlite --writers 20 --updates 100
    .venv/bin/python bench/concurrency.py --database postgres

Each update is one transaction in the shape of a service: lock the pledge (`select_for_update`;
on SQLite the IMMEDIATE transaction takes the write lock at BEGIN), read its counter, write the
counter + 1, write an audit entry. A lost update would leave the sum of the counters below
W x U; a writer that hits "database is locked" (or any other error) is counted and reported.
Writers are threads, each with its own database connection (as gunicorn's threads have).
"""

import argparse
import shlex
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Site, record_result, summary  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--updates", type=int, default=100)
    parser.add_argument("--pledges", type=int, default=5)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    with Site(args.database, name="concurrency", pg_port=args.pg_port) as site:
        site.create()
        site.apply_env()
        from django.db import OperationalError, connection, transaction

        from localcompacts.core.audit import record
        from localcompacts.core.models import AuditEntry
        from localcompacts.pledges.models import Pledge

        pks = [
            Pledge.objects.create(title=f"Shared pledge {i}", summary="0").pk
            for i in range(args.pledges)
        ]
        latencies, errors, locked = [], [], []
        lock = threading.Lock()
        deadline = time.monotonic() + args.timeout

        def writer(index: int) -> None:
            try:
                for update in range(args.updates):
                    if time.monotonic() > deadline:
                        errors.append("timeout")
                        return
                    pk = pks[(index + update) % len(pks)]
                    started = time.perf_counter()
                    try:
                        with transaction.atomic():
                            pledge = Pledge.objects.select_for_update().get(pk=pk)
                            pledge.summary = str(int(pledge.summary) + 1)
                            pledge.save(update_fields=["summary", "updated_at"])
                            record(actor=None, action="bench.increment", target=pledge)
                    except OperationalError as error:
                        with lock:
                            (locked if "locked" in str(error) else errors).append(str(error))
                        continue
                    with lock:
                        latencies.append(time.perf_counter() - started)
            finally:
                connection.close()

        started = time.monotonic()
        threads = [threading.Thread(target=writer, args=(i,)) for i in range(args.writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        total = sum(
            int(s) for s in Pledge.objects.filter(pk__in=pks).values_list("summary", flat=True)
        )
        expected = args.writers * args.updates
        figures = {
            "database": args.database,
            "writers": args.writers,
            "updates_each": args.updates,
            "seconds": round(elapsed, 1),
            "commits_per_s": round(len(latencies) / elapsed, 1),
            **{f"tx_{k}": v for k, v in summary(latencies).items()},
            "expected_total": expected,
            "counted_total": total,
            "lost_updates": expected - total - len(locked) - len(errors),
            "audit_entries": AuditEntry.objects.filter(action="bench.increment").count(),
            "database_is_locked": len(locked),
            "other_errors": len(errors),
        }
        for error in (locked + errors)[:5]:
            print("error:", error)
        record_result("concurrency", shlex.join(["bench/concurrency.py", *sys.argv[1:]]), figures)
        ok = (
            total == expected and not locked and not errors and figures["audit_entries"] == expected
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
