"""Someone asks to become a focal point, the secretariat approves, they choose a password and log in."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.core.models import OutgoingEmail

from .conftest import BROWSER

pytestmark = BROWSER


def test_application_approval_and_first_login(live_server, browser, secretariat):
    applicant = browser.new_page()
    applicant.goto(live_server.url + reverse("accounts:login"))
    applicant.get_by_role("link", name="Ask to become the focal point").click()
    applicant.get_by_label("Your full name").fill("Awa Ndiaye")
    applicant.get_by_label("Your position").fill("Head of the integration office")
    applicant.get_by_label("Your work e-mail address").fill("awa@example.org")
    applicant.get_by_label("Name of the government").fill("Thiès")
    applicant.get_by_label("Country").select_option("SEN")
    applicant.get_by_label("Latitude").fill("14.79")
    applicant.get_by_label("Longitude").fill("-16.93")
    applicant.get_by_role("button", name="Send the request").click()
    expect(applicant.get_by_role("heading", level=1)).to_have_text("Request sent")

    admin = browser.new_page()
    admin.goto(live_server.url + reverse("accounts:login") + "?next=/workspace/requests/")
    admin.get_by_label("E-mail address").fill(secretariat.email)
    admin.get_by_label("Password").fill("correct horse battery")
    admin.get_by_role("button", name="Log in").click()
    admin.get_by_role("link", name="Awa Ndiaye").click()
    admin.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("Awa Ndiaye is now a focal point")).to_be_visible()

    mail = OutgoingEmail.objects.get(key__startswith="focal-point-request-approved:")
    path = re.search(r"/[a-z-]+/accounts/password/reset/\S+/", mail.body_text).group(0)
    applicant.goto(live_server.url + path)
    applicant.get_by_label(re.compile(r"^New password:?$")).fill("thies-welcomes-everyone")
    applicant.get_by_label("New password confirmation").fill("thies-welcomes-everyone")
    applicant.get_by_role("button", name="Save the password").click()
    applicant.get_by_role("link", name="Log in").last.click()
    applicant.get_by_label("E-mail address").fill("awa@example.org")
    applicant.get_by_label("Password").fill("thies-welcomes-everyone")
    applicant.get_by_role("button", name="Log in").click()
    applicant.get_by_role("link", name="My account").click()
    expect(applicant.get_by_role("link", name="Thiès")).to_be_visible()
