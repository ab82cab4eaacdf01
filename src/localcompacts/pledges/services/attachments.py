"""Supporting documents of a pledge: checked by content and size, at most five per pledge."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from localcompacts.accounts.models import User
from localcompacts.core import audit
from localcompacts.core.uploads import check_upload, safe_filename

from ..audit import PledgeAction
from ..models import Pledge, PledgeAttachment
from ..permissions import can_manage_attachments
from .editing import PledgeEditError


def attachment_add(*, pledge: Pledge, by: User, uploaded: "File[bytes]") -> PledgeAttachment:
    """Raises ValidationError for a bad file, PledgeEditError when the pledge cannot take one."""
    kind = check_upload(uploaded)
    with transaction.atomic():
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if not can_manage_attachments(by, locked):
            raise PledgeEditError(_("Files can be added only while the pledge is being edited."))
        if locked.attachments.count() >= PledgeAttachment.MAX_PER_PLEDGE:
            raise ValidationError(
                _("A pledge can have at most %(limit)s files. Remove one first.")
                % {"limit": PledgeAttachment.MAX_PER_PLEDGE},
                code="too_many",
            )
        name = safe_filename(uploaded.name, kind)
        attachment = PledgeAttachment(
            pledge=locked, name=name, kind=kind.code, size=uploaded.size, uploaded_by=by
        )
        # The stored name is ours, never the person's: nothing they type reaches the file system.
        attachment.file.save(f"{locked.pk}-{kind.code}.{kind.extension}", uploaded, save=False)
        attachment.save()
        audit.record(actor=by, action=PledgeAction.ATTACHMENT_ADDED, target=locked, file=name)
    return attachment


def attachment_remove(*, attachment: PledgeAttachment, by: User) -> None:
    with transaction.atomic():
        if not can_manage_attachments(by, attachment.pledge):
            raise PledgeEditError(_("Files can be removed only while the pledge is being edited."))
        audit.record(
            actor=by,
            action=PledgeAction.ATTACHMENT_REMOVED,
            target=attachment.pledge,
            file=attachment.name,
        )
        attachment.file.delete(save=False)
        attachment.delete()
