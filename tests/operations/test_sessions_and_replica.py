import time

import pytest
from django.test import RequestFactory
from django.urls import reverse

from localcompacts.governments.models import LocalGovernment
from localcompacts.operations.middleware import _replica_eligible
from localcompacts.operations.routers import ReplicaRouter, use_replica


def _age_session(client, seconds):
    session = client.session
    session["last_activity"] = int(time.time()) - seconds
    session.save()


@pytest.mark.django_db
def test_idle_reviewer_session_expires(reviewer_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 1800
    assert reviewer_client.get(reverse("explore:home")).context["user"].is_authenticated
    _age_session(reviewer_client, 1801)
    response = reviewer_client.get(reverse("explore:home"))
    assert not response.context["user"].is_authenticated
    assert "_auth_user_id" not in reviewer_client.session


@pytest.mark.django_db
def test_active_focal_point_session_stays(focal_point_client, settings):
    settings.SESSION_IDLE_TIMEOUT = 1800
    _age_session(focal_point_client, 1700)
    assert focal_point_client.get(reverse("explore:home")).context["user"].is_authenticated
    # The request refreshed the stamp.
    assert int(time.time()) - focal_point_client.session["last_activity"] < 5


@pytest.mark.django_db
def test_idle_admin_session_expires_and_admin_asks_to_log_in_again(admin_client, secretariat):
    secretariat.is_staff = True
    secretariat.save()
    assert admin_client.get("/admin/").status_code == 200
    _age_session(admin_client, 4000)
    response = admin_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_replica_router_reads_public_tables_only_inside_the_replica_scope():
    router = ReplicaRouter()
    from localcompacts.accounts.models import User

    assert router.db_for_read(LocalGovernment) == "default"
    with use_replica():
        assert router.db_for_read(LocalGovernment) == "replica"
        assert router.db_for_read(User) == "default"
        assert router.db_for_write(LocalGovernment) == "default"
    assert router.allow_migrate("replica", "governments") is False
    assert router.allow_migrate("default", "governments") is True


def test_only_anonymous_reads_of_public_paths_use_the_replica(settings):
    settings.DATABASE_REPLICA_ENABLED = True
    # The setting names paths without the language prefix that pages carry.
    settings.DATABASE_REPLICA_PATHS = ["/pledges/", "/api/"]
    factory = RequestFactory()
    assert _replica_eligible(factory.get(reverse("pledges:catalogue")))
    settings.DATABASE_REPLICA_ENABLED = False
    assert not _replica_eligible(factory.get(reverse("pledges:catalogue")))
    settings.DATABASE_REPLICA_ENABLED = True
    assert not _replica_eligible(factory.post(reverse("pledges:catalogue")))
    assert not _replica_eligible(factory.get(reverse("workspace:dashboard")))
    signed_in = factory.get(reverse("pledges:catalogue"))
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert not _replica_eligible(signed_in)


REPLICA_SCRIPT = """
import django, json
django.setup()
from django.urls import reverse
from django.test import Client
from django.db import connections
from localcompacts.pledges.models import Pledge, PledgeStatus
from localcompacts.accounts.models import User

# Different rows in the two databases, so we can tell which one a page read.
Pledge.objects.using("default").create(title="Only on the primary", status=PledgeStatus.PUBLISHED)
Pledge.objects.using("replica").create(title="Only on the replica", status=PledgeStatus.PUBLISHED)
reviewer = User.objects.create(email="r@example.org", role="reviewer")
anonymous = Client().get(reverse("pledges:catalogue")).content.decode()
signed_in = Client()
signed_in.force_login(reviewer)
mine = signed_in.get(reverse("pledges:catalogue")).content.decode()

# Replication lag: a pledge published on the primary has not reached the replica. Anonymous
# visitors get the replica's page with the replica's validator (not a fresh ETag on stale content).
visitor = Client()
before = visitor.get(reverse("pledges:catalogue"))
Pledge.objects.using("default").create(title="Published during the lag", status=PledgeStatus.PUBLISHED)
during = visitor.get(reverse("pledges:catalogue"))
# The change reaches the replica: the validator moves with the content.
Pledge.objects.using("replica").create(title="Published during the lag", status=PledgeStatus.PUBLISHED)
after = visitor.get(reverse("pledges:catalogue"))

# Read your writes: an anonymous visitor who has just written (a newsletter sign-up here) reads
# the primary for a while, then the replica again.
writer = Client()
sign_up = writer.post(reverse("newsletter:subscribe"), {})
after_write = writer.get(reverse("pledges:catalogue")).content.decode()
print(json.dumps({
    "anonymous_replica": "Only on the replica" in anonymous,
    "anonymous_primary": "Only on the primary" in anonymous,
    "signed_in_replica": "Only on the replica" in mine,
    "signed_in_primary": "Only on the primary" in mine,
    "etag_unchanged_during_lag": before["ETag"] == during["ETag"],
    "stale_page_during_lag": "Published during the lag" not in during.content.decode(),
    "etag_moves_after_replication": after["ETag"] != during["ETag"],
    "fresh_page_after_replication": "Published during the lag" in after.content.decode(),
    "write_sets_read_primary_cookie": "lc_read_primary" in sign_up.cookies,
    "writer_reads_primary": "Only on the primary" in after_write,
}))
"""


def test_anonymous_catalogue_reads_the_replica_signed_in_people_the_primary(tmp_path):
    """Two real SQLite databases stand for a primary and its replica (each migrated)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    primary = f"sqlite:///{tmp_path / 'primary.sqlite3'}"
    replica = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    base_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base_env.update(
        {
            "DJANGO_SETTINGS_MODULE": "localcompacts.config.settings.test",
            "PYTHONPATH": str(root / "src"),
        }
    )
    for url in (primary, replica):
        subprocess.run(
            [sys.executable, str(root / "manage.py"), "migrate", "--noinput"],
            env={**base_env, "DATABASE_URL": url},
            check=True,
            capture_output=True,
            timeout=300,
        )
    result = subprocess.run(
        [sys.executable, "-c", REPLICA_SCRIPT],
        env={**base_env, "DATABASE_URL": primary, "DATABASE_REPLICA_URL": replica},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "anonymous_replica": True,
        "anonymous_primary": False,
        "signed_in_replica": False,
        "signed_in_primary": True,
        "etag_unchanged_during_lag": True,
        "stale_page_during_lag": True,
        "etag_moves_after_replication": True,
        "fresh_page_after_replication": True,
        "write_sets_read_primary_cookie": True,
        "writer_reads_primary": True,
    }
