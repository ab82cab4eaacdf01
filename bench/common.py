"""Shared pieces of the load and fault scripts: a throw-away site (its own SQLite file or a scratch
PostgreSQL database), the real production processes (gunicorn with deploy/gunicorn.conf.py, the
db_worker), loopback HTTP clients, figures, and the results table in bench/README.md.

Everything talks to 127.0.0.1 only, and every loop is bounded in time and count.
"""

import datetime
import html.parser
import http.client
import json
import os
import platform
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
README = ROOT / "bench" / "README.md"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Site:
    """A scratch site: environment, database, processes. Use as a context manager."""

    def __init__(self, database: str = "sqlite", name: str = "bench", pg_port: int = 5432):
        self.tmp = Path(tempfile.mkdtemp(prefix=f"lc-{name}-"))
        self.database = database
        self.pg_port = pg_port
        # BENCH_PG_PREFIX keeps scratch databases of parallel runs apart (e.g. "lc_ops_").
        self.pg_name = os.environ.get("BENCH_PG_PREFIX", "lc_operations_") + name
        self.port = free_port()
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_"))
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.production",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": f"{HOST},localhost",
                "SECURE_SSL_REDIRECT": "false",
                "LOCALCOMPACTS_VAR_DIR": str(self.tmp),
                "STATIC_ROOT": str(self.tmp / "static"),
                "LOG_LEVEL": "WARNING",
                "EMAIL_URL": "console://",
                "PYTHONPATH": str(ROOT / "src"),
            }
        )
        if database == "postgres":
            self.env["DATABASE_URL"] = f"postgres://postgres@{HOST}:{pg_port}/{self.pg_name}"
            self.env["DB_CONN_MAX_AGE"] = "60"

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def apply_env(self) -> None:
        """Make this process use the scratch site too (for seeding and counting with the ORM)."""
        os.environ.update(self.env)
        for key in list(os.environ):
            if key.startswith("DATABASE_") and key not in self.env:
                del os.environ[key]
        sys.path.insert(0, str(ROOT / "src"))
        import django

        django.setup()

    def manage(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def create(self) -> None:
        if self.database == "postgres":
            psql = ["psql", "-h", HOST, "-p", str(self.pg_port), "-U", "postgres", "-q", "-c"]
            subprocess.run([*psql, f"DROP DATABASE IF EXISTS {self.pg_name}"], check=True)
            subprocess.run([*psql, f"CREATE DATABASE {self.pg_name}"], check=True)
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")

    def start_web(self, workers: int = 2, threads: int = 4) -> None:
        env = {
            **self.env,
            "PORT": str(self.port),
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        self.processes["web"] = subprocess.Popen(
            [GUNICORN, "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            env=env,
            cwd=ROOT,
            stdout=open(self.tmp / "web.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: get(self.url + "/healthz")[0] == 200, timeout=60)

    def start_worker(self, env: dict | None = None) -> subprocess.Popen:
        process = subprocess.Popen(
            [
                PYTHON,
                str(ROOT / "manage.py"),
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.2",
            ],
            env={**self.env, **(env or {})},
            cwd=ROOT,
            stdout=open(self.tmp / "worker.log", "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        self.processes["worker"] = process
        return process

    def stop(self, name: str, sig=signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for name in list(self.processes):
            self.stop(name)
        if self.database == "postgres":
            from django.db import connections

            connections.close_all()
            subprocess.run(
                [
                    "psql",
                    "-h",
                    HOST,
                    "-p",
                    str(self.pg_port),
                    "-U",
                    "postgres",
                    "-q",
                    "-c",
                    f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)",
                ],
                check=False,
            )


def wait_for(predicate, timeout: float, interval: float = 0.25) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(interval)
    raise TimeoutError("condition not met in time")


def get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Browser:
    """One visitor: a keep-alive HTTP connection with cookies (enough for Django's login form).

    Redirects are not followed; `headers` holds the last response's headers (lower-case names)."""

    def __init__(self, base: str, timeout: float = 30):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        self.connection = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes, float]:
        """`body` values may be lists (several checkboxes of one name)."""
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        started = time.perf_counter()
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                payload = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        self.headers = {header.lower(): value for header, value in response.getheaders()}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, payload, time.perf_counter() - started

    def login(self, email: str, password: str) -> int:
        self.request("GET", "/en/accounts/login/")
        status, _, _ = self.request(
            "POST",
            "/en/accounts/login/",
            {
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
                "username": email,
                "password": password,
            },
        )
        return status


class Form:
    """One HTML form as a browser would submit it: `values` (what is filled in or checked now) and
    `choices` (every value a checkbox, radio button or select of that name offers)."""

    def __init__(self, action: str):
        self.action = action
        self.values: dict[str, list[str]] = {}
        self.choices: dict[str, list[str]] = {}


class _FormParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.select_first: str | None = None
        self.select_multiple = False
        self.selected = False
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attr = {k: v if v is not None else "" for k, v in attrs}
        if tag == "form":
            self.form = Form(attr.get("action", ""))
            self.forms.append(self.form)
            return
        if self.form is None or "name" not in attr:
            if tag == "option" and self.select is not None:
                self._option(attr)
            return
        name = attr["name"]
        if tag == "input":
            kind = attr.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                self.form.choices.setdefault(name, []).append(attr.get("value", "on"))
                if "checked" in attr:
                    self.form.values.setdefault(name, []).append(attr.get("value", "on"))
                return
            self.form.values.setdefault(name, []).append(attr.get("value", ""))
        elif tag == "select":
            self.select, self.select_first, self.selected = name, None, False
            self.select_multiple = "multiple" in attr
            self.form.choices.setdefault(name, [])
        elif tag == "textarea":
            self.textarea = name
            self.form.values[name] = [""]

    def _option(self, attr):
        value = attr.get("value", "")
        self.form.choices[self.select].append(value)
        if self.select_first is None:
            self.select_first = value
        if "selected" in attr:
            self.form.values.setdefault(self.select, []).append(value)
            self.selected = True

    def handle_data(self, data):
        if self.textarea is not None:
            self.form.values[self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline that follows <textarea> (Django writes one).
            value = self.form.values[self.textarea][0]
            self.form.values[self.textarea][0] = value.removeprefix("\r").removeprefix("\n")
            self.textarea = None
        elif tag == "select" and self.select is not None:
            # A single select with nothing marked sends its first option; a multiple one nothing.
            if not self.selected and not self.select_multiple and self.select_first is not None:
                self.form.values[self.select] = [self.select_first]
            self.select = None
        elif tag == "form":
            self.form = None


def find_form(page: bytes, *, field: str = "", action: str = "") -> Form:
    """The first form on the page with an input named `field` and whose action contains `action`."""
    parser = _FormParser()
    parser.feed(page.decode("utf-8", "replace"))
    for form in parser.forms:
        if (not field or field in form.values or field in form.choices) and action in form.action:
            return form
    raise LookupError(f"no form with field {field!r} and action {action!r} on the page")


def error_messages(page: bytes) -> list[str]:
    """Validation and refusal messages of a rendered page (Django's error lists, role=alert)."""
    text = page.decode("utf-8", "replace")
    found = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', text, re.S)
    found += re.findall(r'<p class="message message-error" role="alert">(.*?)</p>', text, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", f).split()) for f in found]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(latencies: list[float]) -> dict:
    return {
        "requests": len(latencies),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1) if latencies else 0,
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0,
    }


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (gunicorn's workers), in MB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def record_result(section: str, command: str, figures: dict, note: str = "") -> None:
    """Append one row to the section's table in bench/README.md (creating the section if needed)."""
    print(json.dumps({"section": section, **figures}, indent=2))
    date = datetime.datetime.now(tz=datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    cells = "; ".join(f"{k}={v}" for k, v in figures.items())
    row = f"| {date} | {machine()} | `{command}` | {cells} | {note} |"
    text = README.read_text() if README.exists() else "# Benchmarks\n"
    marker = f"<!-- results:{section} -->"
    if marker not in text:
        text += (
            f"\n### Results: {section}\n\n{marker}\n"
            "| date | machine | command | figures | note |\n| --- | --- | --- | --- | --- |\n"
        )
    head, tail = text.split(marker, 1)
    lines = tail.split("\n")
    # The table starts right after the marker: header, rule, then rows; append after the last row.
    end = 1
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    lines.insert(end, row)
    README.write_text(head + marker + "\n".join(lines))
