"""Rate-limit counters live in the `shared` cache, which production keeps in the database."""

import pytest
from django.core.cache import caches
from django.db import connection

from localcompacts.config.settings.base import cache_from_url
from localcompacts.core.ratelimit import count_hit


def test_counts_hits_per_window_key(settings):
    caches["shared"].clear()
    assert [count_hit("k:1", period=60) for _ in range(3)] == [1, 2, 3]
    assert count_hit("k:2", period=60) == 1


@pytest.mark.django_db(transaction=True)
def test_database_counter_is_shared_by_every_process(settings):
    """Two cache objects (as two server processes would have) see one count in the table that
    `migrate` created."""
    settings.CACHES = {**settings.CACHES, "shared": cache_from_url("db://localcompacts_cache")}
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    assert "localcompacts_cache" in connection.introspection.table_names()
    from django.core.cache.backends.db import DatabaseCache

    other_process = DatabaseCache("localcompacts_cache", {})
    other_process.clear()
    assert count_hit("api:anon:1.2.3.4", period=60) == 1
    assert other_process.incr("api:anon:1.2.3.4") == 2
    assert count_hit("api:anon:1.2.3.4", period=60) == 3


@pytest.mark.parametrize(
    "url, backend",
    [
        ("locmem://x", "locmem.LocMemCache"),
        ("db://t", "db.DatabaseCache"),
        ("redis://127.0.0.1:6379/1", "redis.RedisCache"),
    ],
)
def test_shared_cache_url(url, backend):
    assert cache_from_url(url)["BACKEND"].endswith(backend)


def test_unknown_shared_cache_url_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        cache_from_url("memcached://x")
