"""What every write operation shares: who may write, how refusals are answered, idempotency.

Writes call the same services, forms and permission predicates as the web pages; their refusals
(`core.errors.DomainError`, `PermissionDenied`) are answered by `errors`. This module turns a
form's errors into field errors and keeps retries idempotent.
"""

import datetime
import json
import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.forms import BaseForm
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError

from localcompacts.accounts.models import User

from .auth import ApiRequest
from .errors import ApiInvalid, FieldProblem, error_body
from .models import IdempotencyKey

IDEMPOTENCY_TTL = datetime.timedelta(hours=24)
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def require_user(request: ApiRequest) -> User:
    """The token's user; writes are never anonymous (401)."""
    user = request.auth.user
    if not user.is_authenticated:
        raise AuthenticationError()
    return user


def form_errors(form: BaseForm, prefix: str = "") -> list[FieldProblem]:
    errors: list[FieldProblem] = []
    for name, messages in form.errors.items():
        field = "" if name == "__all__" else f"{prefix}{name}"
        errors.extend({"field": field, "message": str(message)} for message in messages)
    return errors


def creation_token(user: User, key: str | None) -> uuid.UUID:
    """The editor's one-time form token: derived from the idempotency key when there is one, so a
    retried create finds the pledge the first attempt made (even while it is still running)."""
    if not key:
        return uuid.uuid4()
    return uuid.uuid5(uuid.NAMESPACE_URL, f"localcompacts:api:{user.pk}:{key}")


def idempotency_key(request: HttpRequest) -> str | None:
    key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
    if not key:
        return None
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ApiInvalid(
            [
                {
                    "field": IDEMPOTENCY_HEADER,
                    "message": _("At most %(n)s printable characters.") % {"n": MAX_KEY_LENGTH},
                }
            ]
        )
    return key


def idempotent(
    request: HttpRequest, user: User, run: Callable[[], tuple[int, object]]
) -> JsonResponse:
    """Run `run()` (→ (status, JSON-ready body)) once per Idempotency-Key and user for 24 hours.

    A retry with the same key gets the first answer again (header `Idempotent-Replayed: true`); the
    same key on another operation is refused with 422. Only successful answers are kept, so a
    request that failed can be corrected and sent again with the same key.
    """
    key = idempotency_key(request)
    signature = f"{request.method} {request.path}"[:300]
    if key is None:
        status, body = run()
        return JsonResponse(body, status=status, safe=False)
    cutoff = timezone.now() - IDEMPOTENCY_TTL
    IdempotencyKey.objects.filter(user=user, key=key, created_at__lt=cutoff).delete()
    stored = IdempotencyKey.objects.filter(user=user, key=key).first()
    if stored is None:
        status, body = run()
        if 200 <= status < 300:
            try:
                with transaction.atomic():
                    IdempotencyKey.objects.create(
                        user=user,
                        key=key,
                        request=signature,
                        status=status,
                        body=json.loads(json.dumps(body, default=str)),
                    )
            except IntegrityError:  # a concurrent retry stored its answer first
                stored = IdempotencyKey.objects.filter(user=user, key=key).first()
        if stored is None:
            return JsonResponse(body, status=status, safe=False)
    if stored.request != signature:
        return JsonResponse(
            error_body(
                422,
                _("This Idempotency-Key was already used for another request."),
                [{"field": IDEMPOTENCY_HEADER, "message": _("Use a new key for a new request.")}],
            ),
            status=422,
        )
    response = JsonResponse(stored.body, status=stored.status, safe=False)
    response["Idempotent-Replayed"] = "true"
    return response


IDEMPOTENCY_PARAMETER = {
    "parameters": [
        {
            "in": "header",
            "name": IDEMPOTENCY_HEADER,
            "required": False,
            "description": "Your unique key for this request (e.g. a UUID): a retry with the same "
            "key within 24 hours answers with the first result instead of creating again.",
            "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
        }
    ]
}
