import pytest
from django.test import Client
from django.urls import reverse

from localcompacts.core.models import AuditEntry
from tests.factories import ReviewerFactory, UserFactory

from ..urls import url_in

LOGIN = reverse("accounts:login")


def test_login_and_logout_with_email_and_password(db):
    UserFactory(email="fatou@example.org")
    client = Client()
    response = client.post(
        LOGIN, {"username": "Fatou@Example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:account")).status_code == 302


def test_repeated_failures_lock_out_with_a_translated_page(db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="locked@example.org")
    client = Client()
    for _attempt in range(2):
        response = client.post(LOGIN, {"username": "locked@example.org", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "locked@example.org", "password": "wrong"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed attempts" in html
    assert "a wrong password was entered 3 times" in html
    assert "Try again in 60 minutes." in html
    assert "<script" not in html.split("<main", 1)[1]
    # Even the right password is refused while locked.
    response = client.post(
        LOGIN, {"username": "locked@example.org", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    french = Client(headers={"accept-language": "fr"})
    response = french.post(
        url_in("fr", "accounts:login"),
        {"username": "locked@example.org", "password": "correct horse battery"},
    )
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


def test_admin_login_goes_through_our_login_page(db):
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_audit_log_is_for_admins_only(db, role_clients, secretariat):
    AuditEntry.objects.create(action="test.action", target_type="x", target_id="1")
    url = reverse("admin:core_auditentry_changelist")
    assert role_clients["secretariat"].get(url).status_code == 200
    for role in ["anonymous", "owner_focal_point", "other_focal_point", "reviewer"]:
        response = role_clients[role].get(url)
        assert response.status_code == 302, role
        assert "test.action" not in response.content.decode()
    # The secretariat workspace links to it; reviewers do not get the link.
    workspace = role_clients["secretariat"].get(reverse("secretariat:secretariat")).content.decode()
    assert url in workspace
    account = role_clients["reviewer"].get(reverse("accounts:account")).content.decode()
    assert url not in account


@pytest.mark.parametrize("path", ["accounts:account", "accounts:apply", "accounts:login"])
def test_pages_have_no_inline_script(client, path, db):
    ReviewerFactory(email="r2@example.org")
    html = client.get(reverse(path), follow=True).content.decode()
    main = html.split("<main", 1)[1]
    assert "<script" not in main


def test_admin_changes_to_people_and_focal_points_are_audited(
    admin_client, secretariat, focal_point, government
):
    from localcompacts.governments.models import FocalPoint

    url = reverse("admin:accounts_user_change", args=[focal_point.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "groups"}
    data.update(
        {"full_name": "Fatou Ndiaye", "date_joined_0": "2026-01-01", "date_joined_1": "10:00"}
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="user.changed_in_admin")
    assert entry.actor == secretariat and "full_name" in entry.data["fields"]

    link = FocalPoint.objects.get(user=focal_point)
    gov_url = reverse("admin:governments_localgovernment_change", args=[government.pk])
    page = admin_client.get(gov_url)
    data = {
        "name": government.name,
        "slug": government.slug,
        "kind": government.kind,
        "country": government.country_id,
        "population": government.population,
        "latitude": government.latitude,
        "longitude": government.longitude,
        "focal_points-TOTAL_FORMS": "1",
        "focal_points-INITIAL_FORMS": "1",
        "focal_points-0-id": link.pk,
        "focal_points-0-government": government.pk,
        "focal_points-0-user": focal_point.pk,
        "focal_points-0-position": link.position,
        "focal_points-0-DELETE": "on",
    }
    response = admin_client.post(gov_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert AuditEntry.objects.filter(action="focal_point.removed", actor=secretariat).exists()


def _guess(email: str, ip: str, password: str = "wrong") -> int:  # noqa: S107 — a wrong guess
    return (
        Client().post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip).status_code
    )


def test_a_guessing_run_that_moves_address_is_still_stopped_for_that_account(db, settings):
    """Per (account, address) after AXES_FAILURE_LIMIT; per account over every address after
    AXES_ACCOUNT_FAILURE_LIMIT."""
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 6
    UserFactory(email="target@example.org")
    UserFactory(email="bystander@example.org")
    answers = [_guess("target@example.org", f"198.51.100.{n}") for n in range(6)]
    assert answers[:5] == [200] * 5  # one guess per address: never three from one
    assert answers[5] == 429
    # Locked from a fresh address too, even with the right password; others are not.
    assert _guess("target@example.org", "203.0.113.50", "correct horse battery") == 429
    assert _guess("bystander@example.org", "198.51.100.1", "correct horse battery") == 302


def test_the_secretariat_unlocks_an_account_from_every_address_audited(
    db, settings, admin_client, secretariat
):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 4
    user = UserFactory(email="target@example.org")
    for n in range(4):
        _guess("target@example.org", f"198.51.100.{n}")
    assert _guess("target@example.org", "203.0.113.50", "correct horse battery") == 429
    locked = AccessAttempt.objects.filter(username="target@example.org")
    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "unlock_accounts", "_selected_action": [locked.first().pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username__iexact="target@example.org").exists()
    entry = AuditEntry.objects.get(action="user.unlocked")
    assert entry.target_id == str(user.pk) and entry.actor == secretariat
    assert entry.data["records"] == 5
    assert _guess("target@example.org", "203.0.113.50", "correct horse battery") == 302
