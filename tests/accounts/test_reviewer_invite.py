import re

from django.test import Client
from django.urls import reverse

from localcompacts.accounts.models import PartnerOrganisation, Role, User
from localcompacts.core.models import AuditEntry, OutgoingEmail

INVITE = reverse("secretariat:invite_reviewer")


def test_secretariat_invites_a_reviewer(admin_client, secretariat):
    unhcr = PartnerOrganisation.objects.get(acronym="UNHCR")
    response = admin_client.post(
        INVITE,
        {
            "full_name": "Rania Haddad",
            "email": "Rania@unhcr.example.org",
            "organisation": unhcr.pk,
            "language": "fr",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="rania@unhcr.example.org")
    assert user.role == Role.REVIEWER and user.partner_organisation == unhcr
    assert not user.has_usable_password()
    mail = OutgoingEmail.objects.get(to="rania@unhcr.example.org")
    assert mail.language == "fr"
    assert AuditEntry.objects.filter(action="user.invited", actor=secretariat).exists()
    # The link lets them choose a password.
    path = re.search(r"/[a-z-]+/accounts/password/reset/\S+/", mail.body_text).group(0)
    client = Client()
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "review carefully please", "new_password2": "review carefully please"},
    )
    user.refresh_from_db()
    assert user.check_password("review carefully please")


def test_inviting_an_existing_address_is_refused(admin_client, reviewer):
    mmc = PartnerOrganisation.objects.get(acronym="MMC")
    response = admin_client.post(
        INVITE,
        {"full_name": "X", "email": reviewer.email, "organisation": mmc.pk, "language": "en"},
    )
    assert response.status_code == 400
    assert "already has an account" in response.content.decode()
