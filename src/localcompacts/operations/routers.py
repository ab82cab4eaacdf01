"""Optional read replica: when DATABASE_REPLICA_URL is set, the public catalogue and API read from
it for anonymous visitors (see middleware.ReadReplicaMiddleware); everything else uses the primary."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


@contextmanager
def use_replica():
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and model._meta.app_label in settings.REPLICA_READ_APPS:
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
