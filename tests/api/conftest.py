import pytest

from localcompacts.api.services import api_token_create


@pytest.fixture(autouse=True)
def _fresh_throttle_counters(monkeypatch):
    """A clock pinned 30 s into a minute and an hour: no rate-limit window ends halfway through a
    test (the counters start empty: tests/conftest.py clears every cache)."""
    from localcompacts.api.throttling import FixedWindowThrottle

    monkeypatch.setattr(FixedWindowThrottle, "clock", staticmethod(lambda: 1_800_000_030.0))


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def focal_point_token(focal_point):
    return api_token_create(user=focal_point, name="city dashboard")[1]


@pytest.fixture
def other_focal_point_token(other_focal_point):
    return api_token_create(user=other_focal_point, name="other city")[1]


@pytest.fixture
def reviewer_token(reviewer):
    return api_token_create(user=reviewer, name="review desk")[1]
