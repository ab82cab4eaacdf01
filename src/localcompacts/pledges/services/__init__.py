"""Every write to pledges: one module per workflow, keyword-only functions, one transaction each.

from localcompacts.pledges import services
pledge, created = services.pledge_create_draft(government=..., by=user, token=uuid, title=...)
services.pledge_update_draft(pledge=pledge, by=user, changes={...})
services.pledge_transition(pledge=pledge, action="submit", by=user)   # TransitionError if illegal
"""

from .attachments import attachment_add, attachment_remove
from .comments import comment_add
from .editing import PledgeEditError, pledge_create_draft, pledge_update_draft
from .review import pledge_transition
from .revisions import apply_revision, pledge_start_revision

__all__ = [
    "PledgeEditError",
    "apply_revision",
    "attachment_add",
    "attachment_remove",
    "comment_add",
    "pledge_create_draft",
    "pledge_start_revision",
    "pledge_transition",
    "pledge_update_draft",
]
