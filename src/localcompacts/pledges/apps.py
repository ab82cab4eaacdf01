from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "localcompacts.pledges"
    verbose_name = _("Pledges and practices")

    def ready(self):
        from . import workflow  # noqa: F401 — registers the pledge workflow
        from .search import ensure_sqlite_index

        post_migrate.connect(ensure_sqlite_index, sender=self)
