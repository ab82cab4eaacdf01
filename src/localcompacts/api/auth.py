"""Who is calling: a bearer token (`Authorization: Bearer lc_…`) or nobody (anonymous, public data).

A request with an Authorization header that is not a valid, active token is refused with 401 rather
than silently treated as anonymous, so a revoked token is noticed at once.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, Throttled
from ninja.security import HttpBearer

from localcompacts.accounts.models import User

from .models import ApiToken
from .selectors import api_token_authenticate
from .services import api_token_mark_used
from .throttling import AnonymousThrottle

# Failed authentications count against the caller's anonymous (per-IP) limit, so guessing is slow.
FAILED_AUTH_THROTTLE = AnonymousThrottle()


@dataclass(frozen=True)
class Caller:
    """`request.auth` of every operation: the user (maybe anonymous) and their token, if any."""

    user: User | AnonymousUser
    token: ApiToken | None = None

    def __bool__(self) -> bool:  # ninja stops at the first truthy authentication result
        return True


class ApiRequest(HttpRequest):
    """The request as an operation sees it: ninja has set `auth` to the `Caller` (a type only)."""

    auth: Caller


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Caller | None:
        value = request.headers.get(self.header)
        if not value:
            return None
        scheme, _, secret = value.partition(" ")
        if scheme.lower() != "bearer":
            self.refuse(request)
        return self.authenticate(request, secret.strip())

    def refuse(self, request: HttpRequest) -> NoReturn:
        if not FAILED_AUTH_THROTTLE.allow_request(request):
            wait = FAILED_AUTH_THROTTLE.wait()
            # Whole seconds, as ninja's Throttled declares (Retry-After rounds up the same way).
            raise Throttled(wait=None if wait is None else math.ceil(wait))
        raise AuthenticationError()

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        api_token = api_token_authenticate(token)
        if api_token is None:
            self.refuse(request)
        api_token_mark_used(token=api_token)
        return Caller(user=api_token.user, token=api_token)


def anonymous(request: HttpRequest) -> Caller:
    """The fallback: no Authorization header means the public's view of the data."""
    return Caller(user=AnonymousUser())


Authenticator = Callable[[HttpRequest], Caller | None]
API_AUTH: list[Authenticator] = [TokenAuth(), anonymous]
# Writes: a token is required; without one the answer is 401 before the body is even read.
WRITE_AUTH: list[Authenticator] = [TokenAuth()]


def caller_user(request: ApiRequest) -> User | AnonymousUser:
    return request.auth.user
