"""The newsletter on the workspace home (`core.workspace_panels`)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.workspace import FOCAL_POINT, SECRETARIAT, WorkspacePanel

from .models import Issue, IssueStatus

PANELS = {
    "newsletter.follows": WorkspacePanel(
        title=_("My follows"),
        url_name="follows:mine",
        roles={FOCAL_POINT},
        description=_("Pledges, governments, objectives and searches you follow."),
    ),
    "newsletter.issues": WorkspacePanel(
        title=_("Newsletter"),
        url_name="admin:newsletter_issue_changelist",
        roles={SECRETARIAT},
        description=_("Draft, schedule and follow issues of the digest."),
        waiting=lambda user: Issue.objects.filter(status=IssueStatus.DRAFT).count(),
    ),
}
