"""Middleware for running the site in production: request ids and access logs, a
Permissions-Policy header, 503 instead of 500 while the database is away, idle session expiry,
and the choice of a read replica for anonymous reads of the public catalogue."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError

from localcompacts.core.urls_i18n import unprefixed

from .logcontext import request_id_var, user_id_var
from .routers import use_replica

access_log = logging.getLogger("localcompacts.request")
REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class RequestLogMiddleware:
    """Honours a sane incoming `X-Request-ID` (a proxy's) or makes one, returns it on the response,
    and writes one structured log line per request with user id, method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Not reset afterwards: Django logs 5xx responses just after the middleware returns, and
        # each thread serves one request at a time, so the next request overwrites them.
        request_id_var.set(request_id)
        user_id_var.set(None)
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        status = response.status_code
        level = logging.INFO
        if status == 503:
            level = logging.WARNING  # database away or worker stale: expected to pass
        elif status >= 500:
            level = logging.ERROR
        access_log.log(
            level,
            "%s %s %s %sms",
            request.method,
            request.path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
            },
        )
        return response


def _user_id(request):
    """The user id if authentication already ran; never loads the session just to log it."""
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        return user.pk
    return user_id_var.get()


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses (camera, geolocation, payment…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", None)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = ", ".join(
                f"{feature}=({' '.join(allow)})" for feature, allow in policy.items()
            )
        return response


DATABASE_ERRORS = (OperationalError, InterfaceError)


def is_database_outage(exception) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers 503 (with Retry-After) rather than a 500 traceback;
    `handler500` (operations.views.server_error) does the same for errors raised in middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            from .views import service_unavailable

            logging.getLogger("localcompacts.database").warning(
                "database unavailable: %s", exception.__class__.__name__
            )
            return service_unavailable(request)
        return None


class IdleSessionTimeoutMiddleware:
    """Logs out staff, reviewers and focal points after SESSION_IDLE_TIMEOUT seconds without a
    request: their sessions reach the admin and the workspaces. The last-activity stamp is written
    at most once a minute so that browsing does not write the session on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        timeout = getattr(settings, "SESSION_IDLE_TIMEOUT", 0)
        if timeout and user is not None and user.is_authenticated:
            user_id_var.set(user.pk)
            if _is_privileged(user):
                now = int(time.time())
                last = request.session.get("last_activity")
                if last is not None and now - int(last) > timeout:
                    logout(request)
                elif last is None or now - int(last) >= 60:
                    request.session["last_activity"] = now
        return self.get_response(request)


def _is_privileged(user) -> bool:
    return bool(
        user.is_staff
        or user.is_superuser
        or getattr(user, "is_reviewer", False)
        or getattr(user, "is_focal_point", False)
    )


class ReadReplicaMiddleware:
    """Sends the ORM reads of anonymous GET/HEAD requests under DATABASE_REPLICA_PATHS to the read
    replica (when DATABASE_REPLICA_URL is set). Signed-in people always read the primary, so they
    see their own writes at once; so does anyone who has just written (a POST, a sign-up…): the
    response to a write sets a short-lived cookie (`READ_PRIMARY_COOKIE`, for
    DATABASE_REPLICA_READ_YOUR_WRITES_SECONDS, longer than the replication lag measured in
    bench/README.md), and requests carrying it read the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _replica_eligible(request):
            response = self.get_response(request)
        else:
            with use_replica():
                response = self.get_response(request)
        if _wrote(request, response):
            response.set_cookie(
                READ_PRIMARY_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


READ_PRIMARY_COOKIE = "lc_read_primary"


def _wrote(request, response) -> bool:
    """Any unsafe request counts as a write (a refused form wrote nothing, but reading the primary
    for a few seconds costs little and needs no knowledge of what the view did)."""
    return getattr(settings, "DATABASE_REPLICA_ENABLED", False) and request.method not in (
        "GET",
        "HEAD",
        "OPTIONS",
    )


def _replica_eligible(request) -> bool:
    if not getattr(settings, "DATABASE_REPLICA_ENABLED", False):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    prefixes = tuple(getattr(settings, "DATABASE_REPLICA_PATHS", ()))
    # Pages carry a language prefix (/fr/pledges/); the configured paths are written without.
    path = unprefixed(request.path) or request.path
    if not prefixes or not path.startswith(prefixes):
        return False
    if READ_PRIMARY_COOKIE in request.COOKIES:  # this browser has just written: read your writes
        return False
    # A session cookie means someone may be signed in: read the primary.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES
