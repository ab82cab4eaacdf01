import re

from django.test import Client
from django.urls import reverse

from localcompacts.core.models import AuditEntry, OutgoingEmail
from tests.factories import UserFactory


def test_password_reset_goes_through_the_outbox_in_the_persons_language(db):
    user = UserFactory(email="awa@example.org", preferred_language="es")
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": "AWA@example.org"})
    assert response.status_code == 302
    mail = OutgoingEmail.objects.get(to="awa@example.org")
    assert mail.language == "es"
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", mail.body_text).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase")
    assert AuditEntry.objects.filter(action="user.password_reset", target_id=str(user.pk)).exists()
    # Unknown addresses get the same answer and no e-mail.
    client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert OutgoingEmail.objects.count() == 1


def test_change_password(focal_point_client, focal_point):
    url = reverse("accounts:password_change")
    bad = focal_point_client.post(
        url,
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    assert bad.status_code == 200
    assert "Your old password was entered incorrectly" in bad.content.decode()
    response = focal_point_client.post(
        url,
        {
            "old_password": "correct horse battery",
            "new_password1": "another long passphrase",
            "new_password2": "another long passphrase",
        },
    )
    assert response.status_code == 302
    focal_point.refresh_from_db()
    assert focal_point.check_password("another long passphrase")
    assert AuditEntry.objects.filter(action="user.password_changed", actor=focal_point).exists()
    # Still logged in after the change.
    assert focal_point_client.get(reverse("accounts:account")).status_code == 200


def test_account_page_shows_role_governments_and_links(focal_point_client, government):
    html = focal_point_client.get(reverse("accounts:account")).content.decode()
    assert "Focal point" in html
    assert government.name in html
    assert reverse("declaration:endorse") in html
    assert reverse("accounts:password_change") in html
    assert reverse("accounts:two_factor") not in html
