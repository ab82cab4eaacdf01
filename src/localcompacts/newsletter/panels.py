"""The newsletter on the workspace home (`core.workspace_panels`)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.workspace import SECRETARIAT, WorkspacePanel

from .models import Issue, IssueStatus

PANELS = {
    "newsletter.issues": WorkspacePanel(
        title=_("Newsletter"),
        url_name="admin:newsletter_issue_changelist",
        roles={SECRETARIAT},
        description=_("Draft, schedule and follow issues of the digest."),
        waiting=lambda user: Issue.objects.filter(status=IssueStatus.DRAFT).count(),
    ),
}
