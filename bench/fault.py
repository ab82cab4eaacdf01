"""Fault tests against the real processes.

worker: queue E e-mails in the outbox, start `manage.py db_worker` against a slow loopback SMTP
server, `kill -9` it when a third has arrived, start a new worker, and count what the SMTP server
received: every e-mail must arrive, and none twice.

    .venv/bin/python bench/fault.py worker --emails 150

report: seed P published pledges, request the yearly report (`publication_request`, which enqueues
`build_publication`), start `manage.py db_worker`, `kill -9` it while the edition is RUNNING (in
the layout stage by default), start a new worker, and recover as production does: the periodic
task `requeue_stuck_publications` re-enqueues editions without a heartbeat for 10 minutes; the
script calls the function it runs (`publications_requeue_stuck`) at once with its clock set 10
minutes ahead instead of waiting. The edition must end done, with exactly one file, no temporary
file left, and a PDF that opens and has pages.

    .venv/bin/python bench/fault.py report --pledges 500

database: M visitors browse a gunicorn site on PostgreSQL while the PostgreSQL cluster restarts.
The site must answer 503 (not 500) while the database is away and 200 again afterwards, without
restarting gunicorn.

    .venv/bin/python bench/fault.py database --pg-port 5432 --cluster main
    # what we ran: a private cluster, so other users of the shared server were not disturbed:
    #   pg_createcluster 15 lcbench -p 5499 -- --auth=trust
    #   pg_ctlcluster --skip-systemctl-redirect 15 lcbench start
    .venv/bin/python bench/fault.py database --pg-port 5499 --cluster lcbench
"""

import argparse
import asyncio
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Browser, Site, record_result, wait_for  # noqa: E402


class SlowMailbox:
    """An SMTP sink that takes `delay` seconds per message, so a kill lands mid-way."""

    def __init__(self, delay: float):
        self.delay = delay
        self.recipients: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        await asyncio.sleep(self.delay)
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def worker_fault(args) -> int:
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        smtp_port = probe.getsockname()[1]
    mailbox = SlowMailbox(args.delay)
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with Site(args.database, name="faultworker", pg_port=args.pg_port) as site:
            site.env["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_port}"
            site.create()
            site.apply_env()
            from localcompacts.core.email import queue_email, send_outgoing
            from localcompacts.core.models import OutgoingEmail

            for index in range(args.emails):
                queue_email(
                    key=f"fault:{index}",
                    to=f"person{index}@bench.example.org",
                    template="core/email/test",
                    context={"name": f"Person {index}"},
                )
            started = time.monotonic()
            worker = site.start_worker()
            wait_for(
                lambda: len(mailbox.recipients) >= args.emails // 3, timeout=300, interval=0.05
            )
            received_at_kill = len(mailbox.recipients)
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
            site.processes.pop("worker", None)
            time.sleep(1)
            site.start_worker()

            def drained() -> bool:
                from django_tasks_db.models import DBTaskResult

                return not DBTaskResult.objects.filter(status="READY").exists()

            wait_for(drained, timeout=600, interval=0.5)
            site.stop("worker")
            # The task that was running at the kill stays RUNNING in django-tasks-db; its message
            # is still PENDING in the outbox. `retry_unsent_email` (every 5 minutes, for messages
            # older than 2 minutes) sends it; here we run the same function at once.
            pending = list(
                OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).values_list(
                    "pk", flat=True
                )
            )
            retried = sum(1 for pk in pending if send_outgoing(pk))
            elapsed = time.monotonic() - started
            counts: dict[str, int] = {}
            for recipient in mailbox.recipients:
                counts[recipient] = counts.get(recipient, 0) + 1
            figures = {
                "database": args.database,
                "emails": args.emails,
                "received_before_kill": received_at_kill,
                "pending_after_restart": len(pending),
                "sent_by_retry": retried,
                "delivered_distinct": len(counts),
                "missing": args.emails - len(counts),
                "delivered_twice": sum(1 for n in counts.values() if n > 1),
                "outbox_sent": OutgoingEmail.objects.filter(
                    status=OutgoingEmail.Status.SENT
                ).count(),
                "seconds": round(elapsed, 1),
            }
            record_result(
                "fault: worker killed while sending e-mail",
                shlex.join(["bench/fault.py", *sys.argv[1:]]),
                figures,
            )
            return 0 if figures["missing"] == 0 and figures["delivered_twice"] == 0 else 1
    finally:
        controller.stop()


def report_fault(args) -> int:
    import datetime

    with Site(args.database, name="faultreport", pg_port=args.pg_port) as site:
        site.create()
        site.apply_env()
        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult
        from pypdf import PdfReader

        from localcompacts.demo.seed import seed_demo
        from localcompacts.pledges.models import Pledge
        from localcompacts.publications import services
        from localcompacts.publications.models import Publication, PublicationStatus

        seed_demo(governments=args.governments, pledges=args.pledges, seed=2018)
        # Every pledge published in 2025, so the yearly report tells them all (as publications.py).
        Pledge.objects.update(
            status="published",
            published_at=datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC),
        )
        started = time.monotonic()
        publication, _created = services.publication_request(
            kind="report",
            language="en",
            by=None,
            date_from=datetime.date(2025, 1, 1),
            date_to=datetime.date(2025, 12, 31),
        )
        from django.core.files.storage import default_storage

        def state() -> tuple[str, int, str]:
            return Publication.objects.values_list("status", "progress", "stage").get(
                pk=publication.pk
            )

        worker = site.start_worker()
        deadline = time.monotonic() + 600
        status, progress, stage = state()
        while not (status == PublicationStatus.RUNNING and progress >= args.kill_at):
            if status in (PublicationStatus.DONE, PublicationStatus.FAILED):
                print(f"the edition was {status} before the kill: seed more pledges")
                return 1
            if time.monotonic() > deadline:
                print("the edition did not start in time")
                return 1
            time.sleep(0.05)
            status, progress, stage = state()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        killed_at = time.monotonic() - started
        site.processes.pop("worker", None)
        status, progress, stage = state()  # as the killed worker left it
        status_at_kill = f"{status} {progress}% ({stage})"
        killed_while_running = status == PublicationStatus.RUNNING
        temporary_at_kill = len(services.rendering_leftovers(publication))
        site.start_worker()
        # What the periodic task would find 10 minutes later (it runs every 5 minutes).
        later = timezone.now() + services.STUCK_AFTER + datetime.timedelta(seconds=1)
        requeued = services.publications_requeue_stuck(now=later)
        recovery_started = time.monotonic()

        def finished() -> bool:
            return state()[0] in (PublicationStatus.DONE, PublicationStatus.FAILED)

        wait_for(finished, timeout=900, interval=0.5)
        recovered_in = time.monotonic() - recovery_started
        site.stop("worker")
        publication.refresh_from_db()
        files = sorted(default_storage.listdir(services.PUBLICATIONS_FOLDER)[1])
        leftovers = services.rendering_leftovers(publication)
        expected_file = services.publication_file_name(publication).rpartition("/")[2]
        pages = 0
        if publication.status == PublicationStatus.DONE and expected_file in files:
            pages = len(PdfReader(default_storage.open(publication.file_name)).pages)
        figures = {
            "database": args.database,
            "pledges": publication.data["figures"]["actions"],
            "status_at_kill": status_at_kill,
            "killed_while_running": killed_while_running,
            "killed_after_s": round(killed_at, 1),
            "temporary_files_at_kill": temporary_at_kill,
            "killed_task_left_running": DBTaskResult.objects.filter(status="RUNNING").count(),
            "requeued": len(requeued),
            "status": publication.status,
            "attempts": publication.attempts,
            "files": len(files),
            "file_is_the_edition": files == [expected_file],
            "temporary_files_left": len(leftovers),
            "pdf_pages": pages,
            "pdf_mb": round((publication.file_size or 0) / 1e6, 2),
            "rebuild_s": round(recovered_in, 1),
            "seconds": round(time.monotonic() - started, 1),
        }
        record_result(
            "fault: worker killed while generating a report",
            shlex.join(["bench/fault.py", *sys.argv[1:]]),
            figures,
        )
        ok = (
            killed_while_running
            and publication.status == PublicationStatus.DONE
            and files == [expected_file]
            and not leftovers
            and pages > 0
        )
        return 0 if ok else 1


def database_fault(args) -> int:
    with Site("postgres", name="faultdb", pg_port=args.pg_port) as site:
        site.create()
        site.apply_env()
        from django.db import connections

        from localcompacts.pledges.models import Pledge, PledgeStatus

        for index in range(30):
            Pledge.objects.create(title=f"Pledge {index}", status=PledgeStatus.PUBLISHED)
        connections.close_all()
        site.start_web(workers=2, threads=4)
        timeline: list[tuple[float, int]] = []
        lock = threading.Lock()
        started = time.monotonic()
        deadline = started + args.duration

        def visitor(index: int) -> None:
            browser = Browser(site.url, timeout=20)
            paths = ["/", "/pledges/", "/governments/", "/healthz"]
            number = 0
            while time.monotonic() < deadline:
                path = paths[(index + number) % len(paths)]
                number += 1
                try:
                    status, _, _ = browser.request("GET", path)
                except Exception:  # noqa: BLE001 — a refused connection is a result too
                    status = 0
                with lock:
                    timeline.append((time.monotonic() - started, status))
                time.sleep(0.05)

        threads = [threading.Thread(target=visitor, args=(i,)) for i in range(args.visitors)]
        for thread in threads:
            thread.start()
        time.sleep(args.restart_after)
        restart_at = time.monotonic() - started
        subprocess.run(
            [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                args.version,
                args.cluster,
                "restart",
                "-m",
                "fast",
            ],
            check=True,
        )
        back_at = time.monotonic() - started
        for thread in threads:
            thread.join()
        statuses: dict[int, int] = {}
        for _, status in timeline:
            statuses[status] = statuses.get(status, 0) + 1
        failures = [t for t, s in timeline if s != 200]
        after = [s for t, s in timeline if t > back_at + 5]
        figures = {
            "visitors": args.visitors,
            "requests": len(timeline),
            "restart_at_s": round(restart_at, 1),
            "restart_took_s": round(back_at - restart_at, 1),
            "status_200": statuses.get(200, 0),
            "status_503": statuses.get(503, 0),
            "status_500": statuses.get(500, 0),
            "other_failures": sum(n for s, n in statuses.items() if s not in (200, 503, 500)),
            "non_200_window_s": round(max(failures) - min(failures), 1) if failures else 0,
            "all_200_from_5s_after_restart": all(s == 200 for s in after),
            "gunicorn_restarted": False,
        }
        record_result(
            "fault: PostgreSQL restart under load",
            shlex.join(["bench/fault.py", *sys.argv[1:]]),
            figures,
        )
        ok = figures["status_500"] == 0 and figures["all_200_from_5s_after_restart"]
        return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="scenario", required=True)
    worker = sub.add_parser("worker")
    worker.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    worker.add_argument("--pg-port", type=int, default=5432)
    worker.add_argument("--emails", type=int, default=150)
    worker.add_argument("--delay", type=float, default=0.05)
    report = sub.add_parser("report")
    report.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    report.add_argument("--pg-port", type=int, default=5432)
    report.add_argument("--pledges", type=int, default=500)
    report.add_argument("--governments", type=int, default=150)
    report.add_argument(
        "--kill-at", type=int, default=35, help="kill once progress reaches this (35: layout)"
    )
    database = sub.add_parser("database")
    database.add_argument("--pg-port", type=int, default=5432)
    database.add_argument("--version", default="15")
    database.add_argument("--cluster", default="main")
    database.add_argument("--visitors", type=int, default=10)
    database.add_argument("--duration", type=int, default=40)
    database.add_argument("--restart-after", type=int, default=10)
    args = parser.parse_args()
    args.duration = min(getattr(args, "duration", 0), 600)
    scenarios = {"worker": worker_fault, "report": report_fault, "database": database_fault}
    return scenarios[args.scenario](args)


if __name__ == "__main__":
    sys.exit(main())
