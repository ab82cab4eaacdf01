"""The life of a newsletter issue, one table (see `core.workflow`).

    draft → scheduled (the secretariat, once the English subject and body are written)
    scheduled → sending (the periodic task, when the time has come: `by=None`)
    sending → sent (the worker, after the last batch: `by=None`)

A digest is created already sending (`services.compose_digest`): there is no earlier state to
leave. The services that take the system steps keep their locking: each locks the issue row
(`dispatch_due_issues` the due ones, `send_issue_batch` its issue) and takes the transition inside
that same transaction, so a crashed or doubled worker still sends each issue at most once.
"""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.workflow import Transition, Workflow, by_system, register

from .audit import IssueAction
from .models import Issue, IssueStatus

S = IssueStatus


def can_schedule_issue(user, issue: Issue) -> bool:
    return user.is_secretariat


def _not_written(issue: Issue):
    if not (issue.subject_en and issue.body_en):
        return _("Write at least the English subject and body first.")
    return None


ISSUE_WORKFLOW = Workflow(
    name="newsletter_issue",
    transitions=[
        Transition(
            S.DRAFT,
            S.SCHEDULED,
            "schedule",
            can_schedule_issue,
            label=_("Schedule"),
            check=_not_written,
            recorded_as=IssueAction.SCHEDULED,
        ),
        Transition(
            S.SCHEDULED,
            S.SENDING,
            "start_sending",
            by_system,
            recorded_as=IssueAction.SENDING_STARTED,
        ),
        Transition(S.SENDING, S.SENT, "finish", by_system, recorded_as=IssueAction.SENT),
    ],
    final_states={S.SENT},
    groups={"editable": {S.DRAFT}},
    messages={"state": _("Only draft issues can be scheduled.")},
)
register(Issue, ISSUE_WORKFLOW)
