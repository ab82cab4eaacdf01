"""The audit log: services call `record()` inside their transaction, naming an `AuditAction`.

Every audited action is a member of an `AuditAction` enum declared by the app that owns the
entity, named `entity.verb` with the verb in the past tense ("pledge.submitted",
"endorsement.verified", "government.imported"; "user.changed_in_admin" for admin edits). The
`@audit_actions` decorator checks the naming rule and that no value is declared twice, so a
misnamed action fails at import time; `record()` refuses a plain string.

    @audit_actions
    class PledgeAction(AuditAction):
        SUBMITTED = "pledge.submitted", _("Pledge submitted")

    record(actor=user, action=PledgeAction.SUBMITTED, target=pledge)
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

ACTION_NAME = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)*\.[a-z_]+ed$")
# Irregular past tenses that the "-ed" rule does not cover.
IRREGULAR_PAST = {
    "sent",
    "built",
    "withdrawn",
    "read",
    "set",
    "reset",
    "begun",
    "undone",
    "written",
}
# Where it happened may follow the verb: "user.changed_in_admin".
QUALIFIERS = ("_in_admin",)


def is_action_name(value: str) -> bool:
    for qualifier in QUALIFIERS:
        value = value.removesuffix(qualifier)
    verb = value.rsplit(".", 1)[-1]
    return bool(ACTION_NAME.match(value)) or (
        "." in value and verb.split("_")[-1] in IRREGULAR_PAST
    )


class AuditAction(models.TextChoices):
    """Base of every app's audit actions; members must be named `entity.verb_in_past_tense`."""

    @classmethod
    def _check_names(cls):
        bad = [m.value for m in cls if not is_action_name(m.value)]
        if bad:
            raise ValueError(f"{cls.__name__}: audit actions not named entity.verb_past: {bad}")


_ACTION_CLASSES: list[type[AuditAction]] = []


def audit_actions(cls: type[AuditAction]) -> type[AuditAction]:
    """Class decorator: check the naming rule and make the actions known to the admin's filter."""
    cls._check_names()
    values = {m.value for c in _ACTION_CLASSES for m in c}
    clash = values & {m.value for m in cls}
    if clash:
        raise ValueError(f"{cls.__name__}: audit actions declared twice: {sorted(clash)}")
    _ACTION_CLASSES.append(cls)
    return cls


def all_actions() -> list[AuditAction]:
    return [member for cls in _ACTION_CLASSES for member in cls]


def record(*, actor, action: AuditAction, target: models.Model, **data) -> AuditEntry:
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit action {action!r} is not an AuditAction member")
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action.value,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        data=data,
    )


@audit_actions
class MailAction(AuditAction):
    """The outbox's own records: addresses it stops mailing (core.bounces)."""

    ADDRESS_BOUNCED = "email_address.bounced", _("E-mail address bounced (no more mail)")
    ADDRESS_COMPLAINED = "email_address.complained", _("Spam complaint (no more mail)")
