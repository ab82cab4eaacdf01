"""Rate limits: per token for authenticated calls, per client IP address for anonymous ones.

Fixed windows (`API_THROTTLE_TOKEN`, `API_THROTTLE_ANON`, e.g. "600/min") counted in the `shared`
cache (see `core.ratelimit`), so a limit holds across server processes.
"""

import abc
import threading
import time
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from localcompacts.core.ratelimit import count_hit

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period.strip()]


class FixedWindowThrottle(BaseThrottle, abc.ABC):
    clock = staticmethod(time.time)  # tests pin it, so that no window ends in the middle of a test

    def __init__(self) -> None:
        self._state = threading.local()  # one instance serves every request thread

    @abc.abstractmethod
    def identify(self, request: HttpRequest) -> tuple[str, str] | None:
        """(scope, identity) of the caller, or None when this throttle does not apply."""

    def allow_request(self, request: HttpRequest) -> bool:
        found = self.identify(request)
        if found is None:
            return True
        setting, ident = found
        limit, period = parse_rate(getattr(settings, setting))
        now = self.clock()
        window = int(now // period)
        key = f"api-throttle:{setting}:{ident}:{period}:{window}"
        if count_hit(key, period=period) > limit:
            self._state.wait = (window + 1) * period - now
            return False
        return True

    def wait(self) -> float | None:
        wait: float | None = getattr(self._state, "wait", None)
        return wait


class TokenThrottle(FixedWindowThrottle):
    def identify(self, request: HttpRequest) -> tuple[str, str] | None:
        token = getattr(getattr(request, "auth", None), "token", None)
        return None if token is None else ("API_THROTTLE_TOKEN", str(token.pk))


class AnonymousThrottle(FixedWindowThrottle):
    def identify(self, request: HttpRequest) -> tuple[str, str] | None:
        if getattr(getattr(request, "auth", None), "token", None) is not None:
            return None
        return ("API_THROTTLE_ANON", self.get_ident(request) or "unknown")


API_THROTTLES: list[BaseThrottle] = [TokenThrottle(), AnonymousThrottle()]


def check_rates(app_configs: object = None, **kwargs: Any) -> list[CheckMessage]:
    """System check: the configured rates must parse, or every API call would fail."""
    problems: list[CheckMessage] = []
    for name in ("API_THROTTLE_ANON", "API_THROTTLE_TOKEN"):
        try:
            count, _period = parse_rate(str(getattr(settings, name)))
            if count < 1:
                raise ValueError
        except (KeyError, ValueError):
            problems.append(
                Error(f"{name} must look like '60/min' (N/s, N/min, N/hour, N/day).", id="api.E001")
            )
    return problems
