"""Endorsements on the workspace home (`core.workspace_panels`)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.workspace import SECRETARIAT, WorkspacePanel

from .models import Endorsement

PANELS = {
    "governments.endorsements": WorkspacePanel(
        title=_("Endorsements to verify"),
        url_name="endorsement_review:queue",
        roles={SECRETARIAT},
        description=_("Signatures of the Marrakech Mayors Declaration."),
        waiting=lambda user: Endorsement.objects.pending().count(),
    ),
}
