"""One shape for every error the API answers: {"code", "message", "errors": [{"field", "message"}]}.

Every refusal of the domain is a `core.errors.DomainError`; it is mapped here once, with its own
HTTP status (409 for conflicts, 403 for a transition the person may not take, 422 for a body
that breaks a rule…) and its field errors.
"""

import math
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from localcompacts.core.errors import DomainError

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "throttled",
}


class FieldProblem(TypedDict):
    """One entry of an error body's `errors`: the field ("" for the whole request) and why."""

    field: str
    message: str


class ErrorBody(TypedDict):
    code: str
    message: str
    errors: list[FieldProblem]


class ApiInvalid(DomainError):
    """The request body is well-formed but a rule refused it: 422 with field errors."""

    status = 422

    def __init__(self, errors: list[FieldProblem], message: str | None = None) -> None:
        super().__init__(message or "", errors=errors)


def validation_errors(error: DjangoValidationError) -> list[FieldProblem]:
    """A Django ValidationError (per field or not) as the API's field errors."""
    if hasattr(error, "error_dict"):
        return [
            {"field": "" if name == "__all__" else name, "message": str(message)}
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "message": str(message)} for message in error.messages]


def domain_errors(error: DomainError) -> list[FieldProblem]:
    """A domain error's field detail ({"field": [problems]} or a list of {"field", "message"})."""
    if isinstance(error.errors, dict):
        return [
            {"field": "" if name == "__all__" else name, "message": str(message)}
            for name, messages in error.errors.items()
            for message in messages
        ]
    return list(error.errors or [])


def error_body(status: int, message: str, errors: list[FieldProblem] | None = None) -> ErrorBody:
    return {"code": CODES.get(status, "error"), "message": str(message), "errors": errors or []}


def error_response(
    status: int, message: str, errors: list[FieldProblem] | None = None
) -> JsonResponse:
    return JsonResponse(error_body(status, message, errors), status=status)


def too_large_message() -> str:
    """Why a body was refused, with the limit in MiB (`DATA_UPLOAD_MAX_MEMORY_SIZE`)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576
    return _("The request body is larger than %(limit)s MiB; send less at a time.") % {
        "limit": f"{limit:g}"
    }


# Operations take their query parameters in schemas named so; those names are not parameters.
PARAMETER_GROUPS = {"filters", "paging"}


def _field(location: list[str | int]) -> str:
    # ninja locations look like ["query", "filters", "year", 0]: report "year.0", as it was sent.
    parts = [str(part) for part in location[1:] if part not in PARAMETER_GROUPS]
    return ".".join(parts or [str(part) for part in location])


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> JsonResponse:
        errors: list[FieldProblem] = [
            {"field": _field(list(error.get("loc", []))), "message": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        return error_response(422, _("Some parameters are not valid."), errors)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
        response = error_response(401, _("The API token is missing, unknown or revoked."))
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> JsonResponse:
        response = error_response(429, _("Too many requests; wait before trying again."))
        if exc.wait is not None:  # ninja sets it too for throttles; not for failed authentication
            response["Retry-After"] = str(max(1, math.ceil(exc.wait)))
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
        return error_response(exc.status_code, str(exc))

    # Django raises these while ninja reads the body; left alone they reach Django's handler (a
    # logged traceback, an HTML page under DEBUG). One JSON answer for every operation instead.
    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> JsonResponse:
        return error_response(413, too_large_message())

    @api.exception_handler(SuspiciousOperation)
    def unreadable(request: HttpRequest, exc: SuspiciousOperation) -> JsonResponse:
        return error_response(400, _("The request cannot be read."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> JsonResponse:
        return error_response(404, _("Not found."))

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> JsonResponse:
        return error_response(404, _("Not found."))

    @api.exception_handler(DomainError)
    def refused(request: HttpRequest, exc: DomainError) -> JsonResponse:
        message = exc.message or (_("Some fields are not valid.") if exc.status == 422 else "")
        return error_response(exc.status, message, domain_errors(exc))

    @api.exception_handler(DjangoValidationError)
    def rule_refused(request: HttpRequest, exc: DjangoValidationError) -> JsonResponse:
        return error_response(422, _("Some fields are not valid."), validation_errors(exc))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> JsonResponse:
        return error_response(403, str(exc) or _("You are not allowed to do this."))
