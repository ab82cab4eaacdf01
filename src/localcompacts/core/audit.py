"""Record changes in the audit log. Services call `record()` inside their transaction."""

from django.db import models

from .models import AuditEntry


def record(*, actor, action: str, target: models.Model, **data) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        data=data,
    )
