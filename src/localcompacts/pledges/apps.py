from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "localcompacts.pledges"
    verbose_name = _("Pledges and practices")

    def ready(self):
        from localcompacts.core.caching import PUBLIC_STATE_PARTS, PublicStatePart
        from localcompacts.core.workflow import workflow_for
        from localcompacts.operations.backup import CONTENT_MODELS

        from . import workflow  # noqa: F401 — registers the pledge workflow
        from .models import Pledge
        from .search import ensure_sqlite_index

        post_migrate.connect(ensure_sqlite_index, sender=self)
        # Public pages change when a public pledge does (drafts saved every second do not count;
        # a deleted pledge is counted by the fingerprint itself).
        PUBLIC_STATE_PARTS.register(
            "pledges.public_updated_at",
            PublicStatePart.latest(
                Pledge, "updated_at", status__in=workflow_for(Pledge).group("public")
            ),
            position=10,
        )
        CONTENT_MODELS.register("pledges", Pledge)  # a database holding any is "not empty"
        # The whole catalogue's facet counts and size: kept up to date by the worker.
        from localcompacts.core.figures import PUBLIC_FIGURES, PublicFigure

        from .selectors import whole_catalogue_count, whole_catalogue_facets

        PUBLIC_FIGURES.register("pledges.catalogue-facets", PublicFigure(whole_catalogue_facets))
        PUBLIC_FIGURES.register(
            "pledges.catalogue-count", PublicFigure(whole_catalogue_count, per_language=False)
        )
        from localcompacts.core.workspace import register_panels

        from .panels import PANELS

        register_panels(PANELS, position=10)  # the workspace home's pages
