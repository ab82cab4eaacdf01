"""The one family of domain errors: every refusal a person can meet derives from `DomainError`.

A service raises `DomainError` (or a subclass) with a translated message; the two edges map it
once each: views turn it into a form error or a message, the API into a JSON body with the
error's HTTP status (`localcompacts.api.errors`). Subclasses only set a default `code` and `status`:

    raise TransitionError(_("Only submitted pledges can be published."))   # 409, code "state"
    raise DomainError(_("That file is not a spreadsheet."), code="file", status=400)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DomainError(Exception):
    """A request the domain refuses. `message` is translated and meant for the person."""

    code: str = "invalid"
    status: int = 400

    def __init__(
        self,
        message: StrOrPromise = "",
        *,
        code: str | None = None,
        status: int | None = None,
        errors: dict | list | None = None,
    ):
        super().__init__(message)
        self.message = str(message)
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        # Field-level detail when there is some ({"field": ["problem", ...]} or a list of rows).
        self.errors = errors

    def __str__(self) -> str:
        if self.message or not isinstance(self.errors, dict):
            return self.message
        # Field errors only: their problems, for logs and tracebacks.
        return " ".join(str(problem) for problems in self.errors.values() for problem in problems)


class ConflictError(DomainError):
    """The request is well-formed but the current state refuses it (409)."""

    code = "conflict"
    status = 409


class PermissionDeniedError(DomainError):
    """A signed-in person without the right to act on an object they may see (403)."""

    code = "permission"
    status = 403
