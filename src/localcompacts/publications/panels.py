"""Publications and imports on the workspace home (`core.workspace_panels`)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.workspace import REVIEWER, SECRETARIAT, WorkspacePanel

PANELS = {
    "publications.list": WorkspacePanel(
        title=_("Publications"),
        url_name="publications:list",
        roles={REVIEWER},
        description=_("Request a new edition of the report; download past editions."),
    ),
    "publications.import": WorkspacePanel(
        title=_("Import pledges and governments"),
        url_name="publications:import",
        roles={SECRETARIAT},
    ),
}
