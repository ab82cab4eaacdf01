"""Writes for governments and declaration endorsements: one transaction each, audited.

Verifying and rejecting are transitions of the endorsement workflow (`governments.workflow`);
these functions are its thin wrappers, raising `EndorsementError` when the table refuses.
"""

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from localcompacts.core.audit import record
from localcompacts.core.email import queue_email
from localcompacts.core.errors import ConflictError
from localcompacts.core.people import Person
from localcompacts.core.uploads import check_upload, safe_filename
from localcompacts.core.workflow import TransitionError, apply_transition

from .audit import EndorsementAction
from .models import Endorsement, EndorsementStatus, FocalPoint, LocalGovernment


class EndorsementError(ConflictError):
    """A refused endorsement step; the message is translated and meant for the person (409)."""


def endorsement_submit(
    *,
    government: LocalGovernment,
    by: Person,
    signatory_name: str,
    signatory_title: str,
    signed_on: datetime.date,
    letter: UploadedFile,
) -> Endorsement:
    """A focal point endorses the Marrakech Mayors Declaration for their government."""
    kind = check_upload(letter, allowed={"pdf"})
    with transaction.atomic():
        # Lock the government row so two clicks or two tabs create one endorsement.
        LocalGovernment.objects.select_for_update().get(pk=government.pk)
        if not FocalPoint.objects.filter(user_id=by.pk, government=government).exists():
            raise EndorsementError(_("You do not act for this government."))
        existing = (
            Endorsement.objects.filter(government=government)
            .exclude(status=EndorsementStatus.REJECTED)
            .first()
        )
        if existing is not None:
            if existing.status == EndorsementStatus.VERIFIED:
                raise EndorsementError(_("This government has already endorsed the declaration."))
            raise EndorsementError(
                _("An endorsement of this government is already awaiting verification.")
            )
        if signed_on > timezone.localdate():
            raise EndorsementError(_("The date signed cannot be in the future."))
        endorsement = Endorsement(
            government=government,
            signatory_name=signatory_name.strip(),
            signatory_title=signatory_title.strip(),
            signed_on=signed_on,
            submitted_by_id=by.pk,
        )
        endorsement.letter.save(safe_filename(letter.name, kind), letter, save=False)
        endorsement.save()
        record(
            actor=by,
            action=EndorsementAction.SUBMITTED,
            target=endorsement,
            government=government.pk,
            signatory=endorsement.signatory_name,
            signed_on=signed_on.isoformat(),
        )
    return endorsement


def _lock_pending(endorsement: Endorsement) -> Endorsement:
    locked = (
        Endorsement.objects.select_for_update().select_related("government").get(pk=endorsement.pk)
    )
    if locked.status != EndorsementStatus.PENDING:
        raise EndorsementError(_("Only endorsements awaiting verification can be decided."))
    return locked


def notify_focal_points(endorsement: Endorsement, *, event: str, template: str) -> None:
    people = (
        FocalPoint.objects.filter(government=endorsement.government, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )
    # Lazy: reversed when each e-mail is rendered, with the recipient's language prefix.
    url = reverse_lazy("declaration:endorsement", kwargs={"pk": endorsement.pk})
    for link in people:
        queue_email(
            key=f"endorsement-{event}:{endorsement.pk}:{link.user_id}",
            to=link.user.email,
            language=link.user.preferred_language,
            template=template,
            context={
                "person": link.user,
                "endorsement": endorsement,
                "government": endorsement.government.name,
                "path": url,
            },
        )


def _decide(endorsement: Endorsement, action: str, *, by: Person, reason: str = "") -> Endorsement:
    """Take a transition of the endorsement workflow (`governments.workflow`)."""
    try:
        apply_transition(endorsement, action, by=by, comment=reason)
    except TransitionError as error:
        raise EndorsementError(error.message, code=error.code) from error
    return endorsement


def endorsement_verify(*, endorsement: Endorsement, by: Person) -> Endorsement:
    return _decide(endorsement, "verify", by=by)


def endorsement_reject(*, endorsement: Endorsement, by: Person, reason: str) -> Endorsement:
    return _decide(endorsement, "reject", by=by, reason=reason)


def endorsement_withdraw(*, endorsement: Endorsement, by: Person) -> None:
    """The government's focal point takes back an endorsement before it is verified.

    The row and its letter are deleted; the audit entry keeps who withdrew what and when.
    """
    with transaction.atomic():
        endorsement = _lock_pending(endorsement)
        if not FocalPoint.objects.filter(user_id=by.pk, government=endorsement.government).exists():
            raise EndorsementError(_("You do not act for this government."))
        record(
            actor=by,
            action=EndorsementAction.WITHDRAWN,
            target=endorsement,
            government=endorsement.government_id,
            signatory=endorsement.signatory_name,
        )
        letter = endorsement.letter
        storage, name = letter.storage, letter.name
        endorsement.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def government_keep_former_slug(*, government: LocalGovernment, old_slug: str) -> None:
    """Remember `old_slug` after `government`'s slug changed, so its old address redirects; a slug
    that comes back into use is no longer a former one. Part of the caller's (audited) change."""
    from .models import FormerSlug

    with transaction.atomic():
        FormerSlug.objects.filter(slug=government.slug).delete()
        if old_slug and old_slug != government.slug:
            FormerSlug.objects.update_or_create(slug=old_slug, defaults={"government": government})
