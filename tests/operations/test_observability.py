"""Request ids, JSON logs, readiness, the 503 page when the database is away, task results in the admin."""

import datetime
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from localcompacts.operations.jsonlog import JsonFormatter, RequestContextFilter
from localcompacts.operations.models import Heartbeat
from localcompacts.operations.tasks import WORKER, worker_heartbeat

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_request_id_is_honoured_or_made(anonymous_client):
    given = anonymous_client.get("/healthz", HTTP_X_REQUEST_ID="proxy-abc.123")
    assert given["X-Request-ID"] == "proxy-abc.123"
    made = anonymous_client.get("/healthz", HTTP_X_REQUEST_ID="<script>bad id</script>")
    assert made["X-Request-ID"] != "<script>bad id</script>"
    assert len(made["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_one_json_access_log_line_per_request(focal_point_client, focal_point, caplog):
    caplog.set_level(logging.INFO, logger="localcompacts.request")
    focal_point_client.get(reverse("explore:home"), HTTP_X_REQUEST_ID="req-42")
    records = [r for r in caplog.records if r.name == "localcompacts.request"]
    assert len(records) == 1
    RequestContextFilter().filter(records[0])
    line = JsonFormatter().format(records[0])
    assert "\n" not in line
    data = json.loads(line)
    assert data["request_id"] == "req-42"
    assert data["user_id"] == focal_point.pk
    assert data["method"] == "GET"
    assert data["path"] == reverse("explore:home")
    assert data["status"] == 200
    assert data["duration_ms"] >= 0
    assert data["level"] == "INFO"


def test_json_formatter_keeps_exceptions_on_one_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", ("here",), None)
        record.exc_info = sys.exc_info()
    data = json.loads(JsonFormatter().format(record))
    assert data["message"] == "failed here"
    assert "ValueError: broken" in data["exception"]


@pytest.mark.django_db
def test_readyz_needs_a_recent_worker_heartbeat(anonymous_client, settings):
    response = anonymous_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["worker"] == "no heartbeat yet"

    Heartbeat.objects.create(
        name=WORKER,
        beat_at=timezone.now() - datetime.timedelta(seconds=settings.READYZ_HEARTBEAT_MAX_AGE + 5),
    )
    response = anonymous_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"


@pytest.mark.django_db
def test_real_worker_runs_the_scheduled_heartbeat(anonymous_client, task_worker):
    from localcompacts.core.scheduling import enqueue_due

    assert "localcompacts.operations.tasks.worker_heartbeat" in [
        name for name in enqueue_due() if "heartbeat" in name
    ]
    task_worker()
    response = anonymous_client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    # The worker runs every due periodic job, some after the heartbeat: allow a few seconds.
    assert body.pop("heartbeat_age_seconds") <= 5
    assert body == {"status": "ok", "database": "ok", "worker": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert worker_heartbeat.module_path.endswith("worker_heartbeat")


DB_DOWN_SCRIPT = """
import django, json
django.setup()
from django.urls import reverse
from django.test import Client
out = {}
for url in [reverse("explore:home"), reverse("pledges:catalogue"), "/readyz"]:
    r = Client(raise_request_exception=False).get(url)
    out[url] = {"status": r.status_code, "body": r.content.decode()[:20000],
                "retry": r.get("Retry-After"), "csp": r.get("Content-Security-Policy", "")}
print(json.dumps(out))
"""


def test_pages_answer_503_not_500_when_the_database_is_unreachable():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere?connect_timeout=2",
        "PYTHONPATH": str(ROOT / "src"),
    }
    result = subprocess.run(
        [sys.executable, "-c", DB_DOWN_SCRIPT], capture_output=True, text=True, env=env, timeout=90
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    for url in [reverse("explore:home"), reverse("pledges:catalogue")]:
        assert outcome[url]["status"] == 503, (url, result.stderr[-3000:])
        assert outcome[url]["retry"] == "30"
        assert "Temporarily unavailable" in outcome[url]["body"]
        assert "Traceback" not in outcome[url]["body"]
        assert "frame-ancestors 'none'" in outcome[url]["csp"]
    assert outcome["/readyz"]["status"] == 503


@pytest.mark.django_db
def test_failed_tasks_are_visible_to_the_secretariat_in_the_admin(admin_client, secretariat):
    secretariat.is_staff = True
    secretariat.is_superuser = True
    secretariat.save()
    index = admin_client.get("/admin/")
    assert index.status_code == 200
    assert "/admin/django_tasks_database/dbtaskresult/" in index.content.decode()
    failed = admin_client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert failed.status_code == 200
    html = index.content.decode()
    assert "/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED" in html
    assert "/admin/core/outgoingemail/?status__exact=failed" in html
    assert admin_client.get("/admin/core/outgoingemail/").status_code == 200
