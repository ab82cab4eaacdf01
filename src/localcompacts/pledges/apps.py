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

        from django.db.models.signals import post_delete

        from localcompacts.core.caching import note_public_change

        from .models import Pledge

        # A deleted pledge leaves no later `updated_at` behind: count it (core.caching).
        post_delete.connect(note_public_change, sender=Pledge, dispatch_uid="pledge-deleted-public")

        from localcompacts.newsletter.digest import DIGEST_SOURCES

        from .digest import NEW_PLEDGES

        DIGEST_SOURCES.register("pledges", NEW_PLEDGES, position=10)
