"""Who is calling: a bearer token (`Authorization: Bearer lc_…`) or nobody (anonymous, public data).

A request with an Authorization header that is not a valid, active token is refused with 401 rather
than silently treated as anonymous, so a revoked token is noticed at once.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError, Throttled
from ninja.security import HttpBearer

from .models import ApiToken
from .selectors import api_token_authenticate
from .services import api_token_mark_used
from .throttling import AnonymousThrottle

# Failed authentications count against the caller's anonymous (per-IP) limit, so guessing is slow.
FAILED_AUTH_THROTTLE = AnonymousThrottle()


@dataclass(frozen=True)
class Caller:
    """`request.auth` of every operation: the user (maybe anonymous) and their token, if any."""

    user: object
    token: ApiToken | None = None

    def __bool__(self) -> bool:  # ninja stops at the first truthy authentication result
        return True


class TokenAuth(HttpBearer):
    def __call__(self, request):
        value = request.headers.get(self.header)
        if not value:
            return None
        scheme, _, secret = value.partition(" ")
        if scheme.lower() != "bearer":
            self.refuse(request)
        return self.authenticate(request, secret.strip())

    def refuse(self, request):
        if not FAILED_AUTH_THROTTLE.allow_request(request):
            raise Throttled(wait=FAILED_AUTH_THROTTLE.wait())
        raise AuthenticationError()

    def authenticate(self, request, token: str):
        api_token = api_token_authenticate(token)
        if api_token is None:
            self.refuse(request)
        api_token_mark_used(token=api_token)
        return Caller(user=api_token.user, token=api_token)


def anonymous(request):
    """The fallback: no Authorization header means the public's view of the data."""
    return Caller(user=AnonymousUser())


API_AUTH = [TokenAuth(), anonymous]
# Writes: a token is required; without one the answer is 401 before the body is even read.
WRITE_AUTH = [TokenAuth()]


def caller_user(request):
    return request.auth.user
