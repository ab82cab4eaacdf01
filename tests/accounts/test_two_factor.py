import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from localcompacts.core.models import AuditEntry

TWO_FACTOR = reverse("accounts:two_factor")


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    """django-otp makes you wait after a wrong code; test_wrong_codes_are_throttled turns it on."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def _code(device, steps_ahead=0) -> str:
    value = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead
    )
    return f"{value:0{device.digits}d}"


def _turn_on(client, user) -> TOTPDevice:
    assert client.post(TWO_FACTOR, {"action": "start"}).status_code == 302
    page = client.get(TWO_FACTOR)
    html = page.content.decode()
    assert reverse("accounts:two_factor_qr") in html
    assert 'autocomplete="one-time-code"' in html
    qr = client.get(reverse("accounts:two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    device = TOTPDevice.objects.get(user=user)
    wrong = client.post(TWO_FACTOR, {"action": "confirm", "code": "000000"})
    assert wrong.status_code == 400
    assert client.post(TWO_FACTOR, {"action": "confirm", "code": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_reviewer_turns_on_two_factor_and_login_then_asks_for_a_code(reviewer_client, reviewer):
    device = _turn_on(reviewer_client, reviewer)
    assert AuditEntry.objects.filter(action="user.two_factor_enabled", actor=reviewer).exists()
    # The QR code is not shown again once confirmed.
    assert reviewer_client.get(reverse("accounts:two_factor_qr")).status_code == 404

    client = Client()
    response = client.post(
        reverse("accounts:login") + "?next=/accounts/",
        {
            "username": reviewer.email,
            "password": "correct horse battery",
            "next": reverse("accounts:account"),
        },
    )
    assert response["Location"] == reverse("accounts:login_code")
    # Not logged in yet.
    assert client.get(reverse("accounts:account")).status_code == 302
    bad = client.post(reverse("accounts:login_code"), {"code": "123456"})
    assert bad.status_code == 400 and "not right" in bad.content.decode()
    response = client.post(reverse("accounts:login_code"), {"code": _code(device, 1)})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:account")
    assert client.get(reverse("accounts:account")).status_code == 200


def test_wrong_codes_are_throttled(reviewer_client, reviewer, settings):
    device = _turn_on(reviewer_client, reviewer)
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    client = Client()
    client.post(
        reverse("accounts:login"), {"username": reviewer.email, "password": "correct horse battery"}
    )
    client.post(reverse("accounts:login_code"), {"code": "123456"})
    response = client.post(reverse("accounts:login_code"), {"code": _code(device, 1)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.content.decode()


def test_code_page_without_a_password_step_goes_back_to_login(db):
    response = Client().get(reverse("accounts:login_code"))
    assert response["Location"] == reverse("accounts:login")


def test_turning_two_factor_off_needs_a_code(admin_client, secretariat):
    device = _turn_on(admin_client, secretariat)
    refused = admin_client.post(TWO_FACTOR, {"action": "disable", "code": "000000"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=secretariat).exists()
    admin_client.post(TWO_FACTOR, {"action": "disable", "code": _code(device, 1)})
    assert not TOTPDevice.objects.filter(user=secretariat).exists()
    assert AuditEntry.objects.filter(action="user.two_factor_disabled").exists()


def test_focal_points_do_not_get_two_factor(focal_point_client):
    assert focal_point_client.get(TWO_FACTOR).status_code == 404
    assert focal_point_client.post(TWO_FACTOR, {"action": "start"}).status_code == 404
