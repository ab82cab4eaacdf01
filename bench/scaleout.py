"""Scale-out on loopback: the production topology of docs/deploy.md ("Scaling out"), with failures.

    .venv/bin/python bench/scaleout.py                       # 50 focal points, 200 visitors, 5 min
    .venv/bin/python bench/scaleout.py --focal 10 --visitors 40 --duration 60   # a quick run

It starts, each as its own process on 127.0.0.1 and a free port:
- a PostgreSQL **primary** and a **streaming replica** (two new clusters made with initdb and
  pg_basebackup in a temporary folder; the replica reads WAL from the primary);
- **Redis** (rate-limit counters, SHARED_CACHE_URL) and **moto's S3 server** (the default storage);
- an SMTP sink that records every message it receives;
- **two gunicorn app servers** (deploy/gunicorn.conf.py, production settings) behind **nginx**
  (Debian's package) as load balancer, **two `db_worker`s** and the periodic enqueuer.

Then the forum-week traffic of bench/forum_week.py (focal points create, edit and submit pledges in
the workspace editor; visitors browse public pages) runs through nginx, while the secretariat asks
for a report edition every 15 s. Half-way, one app server (its whole process group) and one worker
are killed with `kill -9`; 20 s later both are started again, as systemd would.

Checked and printed (and appended to bench/README.md):
- 5xx answers: those nginx logged for the killed server within 2 s of the kill (in flight) are
  counted apart; any other 5xx is a failure;
- writes: every acknowledged pledge once, with its last summary and status, and one audit entry
  per acknowledged write (bench/forum_week.py `verify`);
- e-mail: every outbox message sent, and received by the SMTP sink exactly once (by Message-ID);
- reports: every edition built (by either worker) downloads as a PDF through *each* app server;
- the share of rows read that the replica served, and the replication lag (time until a commit on
  the primary is visible on the replica, probed every second).
"""

import argparse
import contextlib
import email
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    GUNICORN,
    HOST,
    PYTHON,
    ROOT,
    Browser,
    free_port,
    get,
    record_result,
    summary,
    wait_for,
)
from forum_week import (  # noqa: E402
    PASSWORD,
    PUBLIC_PATHS,
    Stats,
    focal_loop,
    seed,
    verify,
    visitor_loop,
)

DATABASE = "localcompacts"


def postgres_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        sys.exit(f"{name} not found: install Debian's postgresql package")
    return str(found[-1])


def as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL's server programs refuse to run as root: run them as the postgres user."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


class Cluster:
    """A PostgreSQL cluster of our own in `folder` on `port` (a primary, or a replica of one)."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.data = folder / "data"
        self.sockets = folder / "sockets"

    def start(self) -> None:
        subprocess.run(
            as_postgres(
                [
                    postgres_bin("pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.folder / "server.log"),
                    "-w",
                    "-t",
                    "120",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            as_postgres([postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )

    def settings(self, extra: str) -> str:
        return (
            f"port = {self.port}\nlisten_addresses = '{HOST}'\n"
            f"unix_socket_directories = '{self.sockets}'\n{extra}"
        )

    def sql(self, statement: str, database: str = "postgres") -> str:
        result = subprocess.run(
            ["psql", "-h", HOST, "-p", str(self.port), "-U", "postgres", "-d", database]
            + ["-tAc", statement],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()


def make_primary(folder: Path, port: int) -> Cluster:
    cluster = Cluster(folder, port)
    for path in (folder, cluster.sockets):
        path.mkdir(parents=True, exist_ok=True)
        shutil.chown(path, "postgres") if os.geteuid() == 0 else None
    subprocess.run(
        as_postgres(
            [postgres_bin("initdb"), "-D", str(cluster.data), "-U", "postgres"]
            + ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
        ),
        check=True,
        capture_output=True,
    )
    with (cluster.data / "postgresql.conf").open("a") as conf:
        conf.write(
            cluster.settings(
                "wal_level = replica\nmax_wal_senders = 4\nmax_connections = 300\n"
                "hot_standby = on\nshared_buffers = 256MB\n"
            )
        )
    cluster.start()
    cluster.sql(f"CREATE DATABASE {DATABASE}")
    return cluster


def make_replica(primary: Cluster, folder: Path, port: int) -> Cluster:
    cluster = Cluster(folder, port)
    for path in (folder, cluster.sockets):
        path.mkdir(parents=True, exist_ok=True)
        shutil.chown(path, "postgres") if os.geteuid() == 0 else None
    subprocess.run(
        as_postgres(
            [postgres_bin("pg_basebackup"), "-h", HOST, "-p", str(primary.port), "-U", "postgres"]
            + ["-D", str(cluster.data), "-R", "-X", "stream"]
        ),
        check=True,
        capture_output=True,
    )
    with (cluster.data / "postgresql.conf").open("a") as conf:
        conf.write(cluster.settings("hot_standby = on\n"))  # the last setting of a name wins
    cluster.start()
    wait_for(lambda: primary.sql("SELECT count(*) FROM pg_stat_replication") == "1", timeout=60)
    return cluster


class SmtpSink:
    """An SMTP server (aiosmtpd) that keeps the Message-ID of every message it is given."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.message_ids: list[str] = []
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's name
                message = email.message_from_bytes(envelope.content)
                with sink.lock:
                    sink.message_ids.append(message.get("Message-ID", ""))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname=HOST, port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format balancer '$msec $status $upstream_addr $upstream_status $request_method $uri';
    access_log {tmp}/nginx-access.log balancer;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    client_max_body_size 30m;
    upstream app {{
        server {host}:{port_a} max_fails=1 fail_timeout=10s;
        server {host}:{port_b} max_fails=1 fail_timeout=10s;
        keepalive 64;
        keepalive_timeout 30s;  # shorter than gunicorn's (deploy/gunicorn.conf.py)
    }}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto http;
            proxy_set_header X-Forwarded-For $remote_addr;
            # Idempotent requests go to the other server when one is down; a POST is never sent
            # twice (nginx's default), so a write in flight on a killed server fails visibly.
            proxy_next_upstream error timeout http_502;
            proxy_read_timeout 65s;
        }}
    }}
}}
"""


class Topology:
    """Every process of the run, started and stopped together."""

    def __init__(self, tmp: Path, args):
        self.tmp, self.args = tmp, args
        self.processes: dict[str, subprocess.Popen] = {}
        self.ports = {name: free_port() for name in ("primary", "replica", "redis", "s3", "lb")}
        self.ports |= {"app_a": free_port(), "app_b": free_port()}
        self.primary = self.replica = None

    def env(self, sink_port: int) -> dict:
        primary = f"postgres://postgres@{HOST}:{self.ports['primary']}/{DATABASE}"
        replica = f"postgres://postgres@{HOST}:{self.ports['replica']}/{DATABASE}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_"))}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.production",
                "SECRET_KEY": "scaleout-" + os.urandom(24).hex(),
                "ALLOWED_HOSTS": f"{HOST},localhost",
                "SECURE_SSL_REDIRECT": "false",
                "LOCALCOMPACTS_VAR_DIR": str(self.tmp / "var"),
                "STATIC_ROOT": str(self.tmp / "static"),
                "LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(ROOT / "src"),
                "DATABASE_URL": primary,
                "DATABASE_REPLICA_URL": replica,
                "DB_CONN_MAX_AGE": "60",
                "SHARED_CACHE_URL": f"redis://{HOST}:{self.ports['redis']}/0",
                "S3_BUCKET": "localcompacts",
                "S3_ENDPOINT_URL": f"http://{HOST}:{self.ports['s3']}",
                "S3_REGION": "us-east-1",
                "S3_ACCESS_KEY_ID": "scaleout",
                "S3_SECRET_ACCESS_KEY": "scaleout",
                "EMAIL_URL": f"smtp://{HOST}:{sink_port}",
                "SITE_URL": f"http://{HOST}:{self.ports['lb']}",
            }
        )
        return env

    def spawn(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        """Start a process in its own process group (so `kill -9` can take all of it)."""
        log = (self.tmp / f"{name}.log").open("a")
        process = subprocess.Popen(  # noqa: S603 — our own programs
            command,
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def start_databases(self) -> None:
        self.primary = make_primary(self.tmp / "primary", self.ports["primary"])
        self.replica = make_replica(self.primary, self.tmp / "replica", self.ports["replica"])

    def start_services(self) -> None:
        self.spawn(
            "redis",
            [shutil.which("redis-server") or "redis-server", "--port", str(self.ports["redis"])]
            + ["--bind", HOST, "--save", "", "--appendonly", "no"],
        )
        self.spawn("s3", [PYTHON, "-m", "moto.server", "-H", HOST, "-p", str(self.ports["s3"])])
        wait_for(lambda: get(f"http://{HOST}:{self.ports['s3']}/")[0] < 500, timeout=60)
        import boto3

        boto3.client(
            "s3",
            endpoint_url=f"http://{HOST}:{self.ports['s3']}",
            region_name="us-east-1",
            aws_access_key_id="scaleout",
            aws_secret_access_key="scaleout",  # noqa: S106 — the loopback test server's
        ).create_bucket(Bucket="localcompacts")

    def start_app(self, name: str, env: dict) -> None:
        port = self.ports[name]
        self.spawn(
            name,
            [GUNICORN, "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            {
                **env,
                "PORT": str(port),
                "GUNICORN_WORKERS": str(self.args.web_workers),
                "GUNICORN_THREADS": str(self.args.threads),
            },
        )
        wait_for(lambda: get(f"http://{HOST}:{port}/healthz")[0] == 200, timeout=90)

    def start_worker(self, name: str, env: dict) -> None:
        self.spawn(
            name,
            [PYTHON, str(ROOT / "manage.py"), "db_worker", "--queue-name", "*"]
            + ["--interval", "0.5", "--worker-id", name],
            env,
        )

    def start_balancer(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            sys.exit("nginx not found: apt install nginx-light (or nginx)")
        for folder in ("nginx-body", "nginx-proxy", "nginx-fastcgi", "nginx-uwsgi", "nginx-scgi"):
            (self.tmp / folder).mkdir(exist_ok=True)
            (self.tmp / folder).chmod(0o777)
        conf = self.tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                tmp=self.tmp,
                host=HOST,
                port=self.ports["lb"],
                port_a=self.ports["app_a"],
                port_b=self.ports["app_b"],
            )
        )
        self.spawn("nginx", [nginx, "-c", str(conf), "-p", str(self.tmp)])
        wait_for(lambda: get(f"http://{HOST}:{self.ports['lb']}/healthz")[0] == 200, timeout=30)

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for name, process in list(self.processes.items()):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            self.processes.pop(name, None)
        for cluster in (self.replica, self.primary):
            if cluster is not None:
                cluster.stop()


def read_counters(cluster: Cluster) -> tuple[int, int]:
    """Rows read (returned + fetched) and committed transactions in our database on a server."""
    query = "SELECT tup_returned + tup_fetched, xact_commit FROM pg_stat_database WHERE datname = "
    row = cluster.sql(query + f"'{DATABASE}'")
    rows, commits = row.split("|")
    return int(rows), int(commits)


def probe_lag(topology: Topology, stop: threading.Event, lags: list[float]) -> None:
    """Every second: commit on the primary (a position in the WAL), then time how long until the
    replica has replayed that position."""
    import psycopg

    primary = psycopg.connect(
        f"host={HOST} port={topology.ports['primary']} user=postgres dbname={DATABASE}",
        autocommit=True,
    )
    replica = psycopg.connect(
        f"host={HOST} port={topology.ports['replica']} user=postgres dbname={DATABASE}",
        autocommit=True,
    )
    primary.execute("CREATE TABLE IF NOT EXISTS bench_lag_probe (at timestamptz)")
    while not stop.is_set():
        started = time.perf_counter()
        primary.execute("INSERT INTO bench_lag_probe VALUES (now())")
        lsn = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        while not stop.is_set():
            replayed = replica.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)
            ).fetchone()[0]
            if replayed:
                lags.append(time.perf_counter() - started)
                break
            time.sleep(0.005)
        stop.wait(1)
    primary.close()
    replica.close()


def secretariat_loop(base: str, email_address: str, deadline: float, stats: Stats, asked: list):
    """Ask for a report edition every 15 s (a new period each time, so each is a new edition)."""
    from common import find_form

    browser = Browser(base)
    try:
        signed_in = browser.login(email_address, PASSWORD) == 302
    except Exception as error:  # noqa: BLE001 — report it
        stats.errors.append(f"secretariat login: {error!r}")
        return
    if not signed_in:
        stats.errors.append("secretariat login failed")
        return
    day = 1
    while time.monotonic() < deadline:
        try:
            status, body, seconds = browser.request("GET", "/en/publications/")
            stats.hit(status, seconds)
            form = find_form(body, action="/en/publications/request/")
            values = {
                **form.values,
                "kind": "report",
                "language": "en",
                "date_from": "2026-01-01",
                "date_to": f"2026-11-{day:02d}",
            }
            status, _, seconds = browser.request("POST", "/en/publications/request/", values)
            stats.hit(status, seconds)
            if status == 302:
                asked.append(browser.headers.get("location", ""))
            day += 1
        except Exception as error:  # noqa: BLE001 — report it, keep going
            stats.errors.append(f"report request: {error!r}")
        time.sleep(15)


def in_flight_5xx(log: Path, killed_port: int, killed_at: float) -> tuple[int, int, list[str]]:
    """nginx's 5xx answers: (in flight on the killed server at the kill, any other, samples)."""
    in_flight, other, samples = 0, 0, []
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) < 6 or not parts[1].startswith("5"):
            continue
        at = float(parts[0])
        if f":{killed_port}" in parts[2] and abs(at - killed_at) <= 2:
            in_flight += 1
        else:
            other += 1
            if len(samples) < 5:
                samples.append(line)
    return in_flight, other, samples


def main() -> int:  # noqa: PLR0915 — one run, told in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--focal", type=int, default=50)
    parser.add_argument("--visitors", type=int, default=200)
    parser.add_argument("--duration", type=int, default=300)
    parser.add_argument("--published", type=int, default=300)
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn processes per server")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--restart-after", type=int, default=20)
    parser.add_argument("--drain", type=int, default=420, help="max seconds to wait for the queue")
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    load_at_start = load_average()

    tmp = Path(tempfile.mkdtemp(prefix="lc-scaleout-"))
    tmp.chmod(0o755)
    (tmp / "var").mkdir()
    topology = Topology(tmp, args)
    try:
        with SmtpSink() as sink:
            topology.start_databases()
            topology.start_services()
            env = topology.env(sink.port)
            subprocess.run(
                [PYTHON, str(ROOT / "manage.py"), "migrate", "--noinput"],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            subprocess.run(
                [PYTHON, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            # This process seeds and counts through the ORM, on the primary.
            os.environ.update(env)
            import django

            sys.path.insert(0, str(ROOT / "src"))
            django.setup()
            data = seed(args.focal, args.published)
            from django.contrib.auth.hashers import make_password

            from localcompacts.accounts.models import Role, User

            secretariat = User.objects.create(
                email="secretariat@bench.example.org",
                full_name="Secretariat",
                role=Role.SECRETARIAT,
                password=make_password(PASSWORD),
            )
            topology.start_app("app_a", env)
            topology.start_app("app_b", env)
            topology.start_worker("worker_1", env)
            topology.start_worker("worker_2", env)
            topology.spawn(
                "scheduler",
                [PYTHON, str(ROOT / "manage.py"), "enqueue_periodic", "--loop"],
                env,
            )
            topology.start_balancer()
            base = f"http://{HOST}:{topology.ports['lb']}"
            paths = PUBLIC_PATHS + data["published"]
            paths += [f"/en/governments/{g.slug}/" for g in data["governments"][:20]]
            for path in ("/en/pledges/", "/en/", "/en/governments/"):
                Browser(base).request("GET", path)  # warm both servers' imports
                Browser(base).request("GET", path)

            before = {
                name: read_counters(c)
                for name, c in (("primary", topology.primary), ("replica", topology.replica))
            }
            stats, asked, lags = Stats(), [], []
            stop_probe = threading.Event()
            prober = threading.Thread(target=probe_lag, args=(topology, stop_probe, lags))
            prober.start()
            started = time.monotonic()
            deadline = started + args.duration
            site = type("Site", (), {"url": base})()
            threads = [
                threading.Thread(target=focal_loop, args=(site, u, deadline, stats, i))
                for i, (u, _g) in enumerate(data["focal_points"])
            ]
            threads += [
                threading.Thread(target=visitor_loop, args=(site, paths, deadline, stats, i))
                for i in range(args.visitors)
            ]
            threads.append(
                threading.Thread(
                    target=secretariat_loop,
                    args=(base, secretariat.email, deadline, stats, asked),
                )
            )
            for thread in threads:
                thread.start()
            time.sleep(args.duration / 2)
            killed_at = time.time()
            topology.kill("app_b")
            topology.kill("worker_2")
            print(f"killed app_b and worker_2 with SIGKILL at +{time.monotonic() - started:.0f} s")
            time.sleep(args.restart_after)
            topology.start_app("app_b", env)
            topology.start_worker("worker_2", env)
            print(f"restarted app_b and worker_2 at +{time.monotonic() - started:.0f} s")
            for thread in threads:
                thread.join(timeout=max(1, deadline - time.monotonic() + 120))
            elapsed = time.monotonic() - started
            stop_probe.set()
            prober.join()
            after = {
                name: read_counters(c)
                for name, c in (("primary", topology.primary), ("replica", topology.replica))
            }

            # Let the workers finish: the outbox empty, every edition asked for built (a task a
            # killed worker held is picked up again by the periodic jobs, within their slots).
            from localcompacts.core.models import OutgoingEmail
            from localcompacts.publications.models import Publication, PublicationStatus

            drain_deadline = time.monotonic() + args.drain
            pending_states = [PublicationStatus.QUEUED, PublicationStatus.RUNNING]
            while time.monotonic() < drain_deadline:
                pending_mail = OutgoingEmail.objects.filter(status="pending").count()
                pending_reports = Publication.objects.filter(status__in=pending_states).count()
                if not pending_mail and not pending_reports:
                    break
                time.sleep(5)
            time.sleep(3)  # the SMTP sink has the last messages

            sent = OutgoingEmail.objects.filter(status="sent").count()
            ids = list(sink.message_ids)
            received_unique = len(set(ids))
            reports = list(Publication.objects.filter(status=PublicationStatus.DONE))
            downloads_ok = 0
            for publication in reports:
                for name in ("app_a", "app_b"):
                    status, body = get(
                        f"http://{HOST}:{topology.ports[name]}/en/publications/{publication.pk}/download/",
                        timeout=60,
                    )
                    downloads_ok += status == 200 and body.startswith(b"%PDF")
            builders = _report_workers()
            in_flight, other_5xx, samples = in_flight_5xx(
                tmp / "nginx-access.log", topology.ports["app_b"], killed_at
            )
            primary_rows = after["primary"][0] - before["primary"][0]
            replica_rows = after["replica"][0] - before["replica"][0]
            lag = summary(lags)
            figures = {
                "focal_points": args.focal,
                "visitors": args.visitors,
                "seconds": round(elapsed),
                "load_start": load_at_start,
                "load_end": load_average(),
                "requests": len(stats.latencies),
                "throughput_rps": round(len(stats.latencies) / elapsed, 1),
                **{f"http_{k}": v for k, v in summary(stats.latencies).items()},
                "client_5xx": sum(n for s, n in stats.statuses.items() if s >= 500),
                "nginx_5xx_in_flight_on_killed": in_flight,
                "nginx_5xx_other": other_5xx,
                **verify(stats),
                "emails_sent": sent,
                "emails_received": len(ids),
                "emails_duplicated": len(ids) - received_unique,
                "emails_pending": OutgoingEmail.objects.filter(status="pending").count(),
                "reports_asked": len(asked),
                "reports_built": len(reports),
                "reports_pending": Publication.objects.filter(status__in=pending_states).count(),
                "report_downloads_ok": f"{downloads_ok}/{2 * len(reports)}",
                "report_builders": ",".join(builders) or "?",
                "replica_share_of_rows_read": round(
                    replica_rows / max(1, primary_rows + replica_rows), 3
                ),
                "replica_commits": after["replica"][1] - before["replica"][1],
                "replication_lag_p50_ms": lag["p50_ms"],
                "replication_lag_p95_ms": lag["p95_ms"],
                "replication_lag_max_ms": lag["max_ms"],
                "errors": len(stats.errors),
            }
            for error in stats.errors[:10]:
                print("error:", error)
            for line in samples:
                print("5xx:", line)
            command = shlex.join(["bench/scaleout.py", *sys.argv[1:]])
            record_result("scale-out on loopback", command, figures, args.note)
            ok = (
                other_5xx == 0
                and len(stats.errors) <= in_flight  # the writes in flight on the killed server
                and figures["lost"] == 0
                and figures["duplicated"] == 0
                and figures["stale_edits"] == 0
                and figures["audit_entries"] == figures["audit_expected"]
                and figures["emails_duplicated"] == 0
                and figures["emails_pending"] == 0
                and received_unique == sent
                and downloads_ok == 2 * len(reports)
                and len(reports) > 0
            )
            print("PASS" if ok else "FAIL")
            return 0 if ok else 1
    finally:
        from django.db import connections

        with contextlib.suppress(Exception):
            connections.close_all()
        topology.stop_all()
        if os.environ.get("KEEP_SCALEOUT_TMP"):
            print("kept", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _report_workers() -> list[str]:
    """Which workers built the editions (the task queue records the worker of each task)."""
    from django_tasks_db.models import DBTaskResult

    workers = set()
    for ids in DBTaskResult.objects.filter(
        task_path__contains="publication", status="SUCCESSFUL"
    ).values_list("worker_ids", flat=True):
        workers.update(ids)
    return sorted(workers)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
