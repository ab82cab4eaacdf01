"""The secretariat's account pages on the workspace home (`core.workspace_panels`)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.workspace import SECRETARIAT, WorkspacePanel

from .models import FocalPointRequest, FocalPointRequestStatus

PANELS = {
    "accounts.requests": WorkspacePanel(
        title=_("Focal-point requests"),
        url_name="secretariat:requests",
        roles={SECRETARIAT},
        waiting=lambda user: FocalPointRequest.objects.filter(
            status=FocalPointRequestStatus.PENDING
        ).count(),
    ),
    "accounts.secretariat": WorkspacePanel(
        title=_("People and roles"),
        url_name="secretariat:secretariat",
        roles={SECRETARIAT},
        description=_("Invite reviewers; the audit log."),
    ),
}
