"""The site's address (links in e-mail, pledge citations) follows the port it is served on."""

import os
import subprocess
import sys

from django.urls import reverse

from localcompacts.config.settings.base import site_url
from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory


def test_site_url_comes_from_site_url_then_port():
    assert site_url({}) == "http://127.0.0.1:8000"
    assert site_url({"PORT": "8201"}) == "http://127.0.0.1:8201"
    assert site_url({"PORT": "8201", "SITE_URL": "https://compacts.example.org/"}) == (
        "https://compacts.example.org"
    )


def test_make_serve_port_reaches_the_settings_and_the_printed_address():
    """`make serve` exports PORT to every command it runs; the settings derive SITE_URL from it."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(PORT="8201", DJANGO_SETTINGS_MODULE="localcompacts.config.settings.dev")
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed.strip() == "http://127.0.0.1:8201"
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "Makefile")) as makefile:
        assert "serve: export PORT := $(PORT)" in makefile.read()


def test_citation_and_mail_links_use_the_site_address(client, settings, government):
    settings.SITE_URL = "http://127.0.0.1:8201"
    pledge = PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government])
    html = client.get(pledge.get_absolute_url()).content.decode()
    assert (
        "http://127.0.0.1:8201" + reverse("pledges:detail-short", kwargs={"pk": pledge.pk}) in html
    )
    assert "127.0.0.1:8000" not in html
