"""Rate limits and cached page parts against a real Redis server (started on loopback by
`tests/services.py`), as production runs them with SHARED_CACHE_URL=redis://… on several servers.

The database-table cache stays the default (`config.settings.production`); these tests prove the
Redis alternative the deployment guide offers."""

import threading

import pytest
import redis
from django.core.cache import caches
from django.urls import reverse

from localcompacts.config.settings.base import cache_from_url
from localcompacts.core.caching import cached_while_unchanged
from localcompacts.core.ratelimit import count_hit

from ..newsletter.test_subscribe import form_data


@pytest.fixture
def redis_caches(settings, redis_url):
    """Both caches in Redis (database 1 for page parts, 2 for counters), emptied first."""
    settings.CACHES = {
        "default": cache_from_url(f"{redis_url}/1"),
        "shared": cache_from_url(f"{redis_url}/2"),
    }
    client = redis.Redis.from_url(f"{redis_url}/2")  # where the counters are
    client.flushall()
    yield client
    client.flushall()


def test_counters_are_shared_by_every_process_and_atomic(redis_caches, redis_url):
    """A second cache object (another server process) sees the same counter; hits from many
    threads at once are all counted (Redis' INCR is atomic, unlike the database cache)."""
    from django.core.cache.backends.redis import RedisCache

    other_process = RedisCache(f"{redis_url}/2", {})
    assert count_hit("api:anon:192.0.2.1", period=60) == 1
    assert other_process.incr("api:anon:192.0.2.1") == 2

    def hammer():
        for _ in range(50):
            count_hit("burst", period=60)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert caches["shared"].get("burst") == 400
    assert redis_caches.ttl(caches["shared"].make_and_validate_key("burst")) <= 61


def test_the_api_throttle_counts_in_redis(redis_caches, anonymous_client, settings):
    settings.API_THROTTLE_ANON = "3/min"
    for _ in range(3):
        assert anonymous_client.get("/api/v1/sdgs").status_code == 200
    assert anonymous_client.get("/api/v1/sdgs").status_code == 429
    assert any(b"api" in key for key in redis_caches.keys("*"))


def test_newsletter_sign_ups_are_limited_through_redis(redis_caches, anonymous_client, settings):
    settings.NEWSLETTER_SUBSCRIBE_RATE_PER_HOUR = 2
    url = reverse("newsletter:subscribe")
    for n in range(2):
        assert anonymous_client.post(url, form_data(email=f"p{n}@example.org")).status_code == 302
    assert anonymous_client.post(url, form_data(email="p9@example.org")).status_code == 429
    assert any(b"mail-form" in key for key in redis_caches.keys("*"))


def test_page_parts_are_cached_in_redis_until_public_content_changes(redis_caches, db):
    from localcompacts.core.caching import note_public_change

    calls = []

    def compute():
        calls.append(1)
        return {"figure": len(calls)}

    assert cached_while_unchanged("statistics", compute) == {"figure": 1}
    assert cached_while_unchanged("statistics", compute) == {"figure": 1}
    note_public_change()
    assert cached_while_unchanged("statistics", compute) == {"figure": 2}
    assert len(calls) == 2
