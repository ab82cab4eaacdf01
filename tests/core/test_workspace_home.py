"""The workspace home: each role sees its pages, with what waits for it, from one extension point."""

import pytest
from django.urls import reverse

from localcompacts.core.registry import ExtensionError
from localcompacts.core.workspace import (
    FOCAL_POINT,
    REVIEWER,
    SECRETARIAT,
    WORKSPACE_PANELS,
    WorkspacePanel,
)
from localcompacts.pledges import services
from tests.pledges.helpers import draft, submitted


def test_each_role_sees_its_sections(role_clients, government, focal_point, reviewer):
    draft(government=government, by=focal_point, title="Unfinished")
    returned = submitted(government=government, by=focal_point, title="Sent back")
    services.pledge_transition(
        pledge=returned, action="request_changes", by=reviewer, comment="Add a budget please."
    )
    home = reverse("workspace:home")
    owner = role_clients["owner_focal_point"].get(home).content.decode()
    assert "My pledges and drafts" in owner and "Progress reports due" in owner
    assert "Pledges to review" not in owner and "Reporting rounds" not in owner
    # the change request is linked from the home, with the reviewer's words
    assert reverse("workspace:pledge", kwargs={"pk": returned.pk}) in owner
    assert "Add a budget please." in owner
    reviewing = role_clients["reviewer"].get(home).content.decode()
    assert "Pledges to review" in reviewing and "Progress reports to review" in reviewing
    assert "Reporting rounds" not in reviewing and "My pledges" not in reviewing
    secretariat = role_clients["secretariat"].get(home).content.decode()
    for title in (
        "Pledges to review",
        "Reporting rounds",
        "Import pledges and governments",
        "Newsletter",
        "Focal-point requests",
        "Endorsements to verify",
        "Publications",
    ):
        assert title in secretariat
    assert role_clients["anonymous"].get(home).status_code == 302


def test_counts_say_what_waits(role_clients, government, focal_point):
    draft(government=government, by=focal_point, title="One")
    draft(government=government, by=focal_point, title="Two")
    html = role_clients["owner_focal_point"].get(reverse("workspace:home")).content.decode()
    assert "2 waiting for you" in html


def test_a_member_without_a_workspace_role_gets_404(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("workspace:home")).status_code == 404


def test_roles_are_known_and_keys_unique():
    for _key, panel in WORKSPACE_PANELS.items():
        assert panel.roles and set(panel.roles) <= {FOCAL_POINT, REVIEWER, SECRETARIAT}
        panel.url()  # every url name resolves
    with pytest.raises(ExtensionError):
        WORKSPACE_PANELS.register(
            "pledges.review",
            WorkspacePanel(title="x", url_name="workspace:review", roles={REVIEWER}),
        )
