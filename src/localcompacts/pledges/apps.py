from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "localcompacts.pledges"
    verbose_name = _("Pledges and practices")

    def ready(self):
        from localcompacts.operations.backup import CONTENT_MODELS

        from .models import Pledge

        CONTENT_MODELS.register("pledges", Pledge)  # a database holding any is "not empty"

        from . import workflow  # noqa: F401 — registers the pledge workflow
        from .search import ensure_sqlite_index

        post_migrate.connect(ensure_sqlite_index, sender=self)

        from django.db.models.signals import post_delete

        from localcompacts.core.caching import note_public_change

        from .models import Pledge

        # A deleted pledge leaves no later `updated_at` behind: count it (core.caching).
        post_delete.connect(note_public_change, sender=Pledge, dispatch_uid="pledge-deleted-public")

        from localcompacts.core.caching import PUBLIC_STATE_PARTS, PublicStatePart
        from localcompacts.core.workflow import workflow_for

        # Public pages change when a public pledge does (drafts saved every second do not count).
        PUBLIC_STATE_PARTS.register(
            "pledges.public_updated_at",
            PublicStatePart.latest(
                Pledge, "updated_at", status__in=workflow_for(Pledge).group("public")
            ),
            position=10,
        )
