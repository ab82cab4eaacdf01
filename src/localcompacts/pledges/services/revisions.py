"""Changes to a published pledge: a draft copy goes through review while the original stays public."""

from django.db import transaction
from django.utils.translation import gettext as _

from localcompacts.accounts.models import User
from localcompacts.core import audit
from localcompacts.core.models import StateTransition
from localcompacts.core.people import Person

from ..audit import PledgeAction
from ..models import Pledge, PledgeOwner, PledgeStatus
from ..permissions import can_propose_changes
from .editing import (
    INDICATOR_FIELDS,
    M2M_FIELDS,
    SCALAR_FIELDS,
    TRANSLATION_FIELDS,
    PledgeEditError,
    sync_indicators,
    sync_translations,
)

FINAL = (PledgeStatus.PUBLISHED, PledgeStatus.DECLINED, PledgeStatus.WITHDRAWN)


def open_revision(pledge: Pledge) -> Pledge | None:
    return pledge.revisions.exclude(status__in=FINAL).first()


def pledge_start_revision(*, pledge: Pledge, by: User) -> Pledge:
    """The open draft of changes to a published pledge, created from it on first use."""
    with transaction.atomic():
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if not can_propose_changes(by, locked):
            raise PledgeEditError(_("Only the owners of a published pledge can propose changes."))
        existing = open_revision(locked)
        if existing is not None:
            return existing
        copy = Pledge.objects.create(
            revision_of=locked,
            status=PledgeStatus.DRAFT,
            created_by=by,
            announced_at=locked.announced_at,
            **{name: getattr(locked, name) for name in SCALAR_FIELDS},
        )
        _copy_relations(source=locked, target=copy)
        audit.record(
            actor=by, action=PledgeAction.REVISION_STARTED, target=locked, revision=copy.pk
        )
    return copy


def _copy_relations(*, source: Pledge, target: Pledge) -> None:
    for name in M2M_FIELDS:
        getattr(target, name).set(getattr(source, name).all())
    PledgeOwner.objects.filter(pledge=target).delete()
    PledgeOwner.objects.bulk_create(
        PledgeOwner(pledge=target, government_id=o.government_id, is_lead=o.is_lead)
        for o in source.ownerships.all()
    )
    sync_indicators(
        target,
        [{name: getattr(i, name) for name in INDICATOR_FIELDS} for i in source.indicators.all()],
    )
    sync_translations(
        target,
        [
            {name: getattr(t, name) for name in TRANSLATION_FIELDS}
            for t in source.translations.all()
        ],
    )


def apply_revision(*, revision: Pledge, by: Person | None = None) -> Pledge:
    """Called by the workflow when reviewers publish a revision: the original takes its content,
    its comments, attachments and timeline; the copy is removed. Runs in the caller's transaction."""
    assert revision.revision_of_id is not None  # only a revision of a pledge is applied
    original = Pledge.objects.select_for_update().get(pk=revision.revision_of_id)
    for name in SCALAR_FIELDS:
        setattr(original, name, getattr(revision, name))
    original.save()
    _copy_relations(source=revision, target=original)
    revision.comments.update(pledge=original)
    revision.attachments.update(pledge=original)
    StateTransition.objects.filter(
        content_type__app_label="pledges", content_type__model="pledge", object_id=revision.pk
    ).update(object_id=original.pk)
    audit.record(
        actor=by, action=PledgeAction.REVISION_APPLIED, target=original, revision=revision.pk
    )
    revision.delete()
    return original
