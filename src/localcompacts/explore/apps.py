from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExploreConfig(AppConfig):
    name = "localcompacts.explore"
    verbose_name = _("Map and statistics")

    def ready(self):
        from localcompacts.core.figures import PUBLIC_FIGURES, PublicFigure

        from .selectors import compute_statistics, count_headline_figures, whole_world_map

        # Figures over every published pledge, kept up to date by the worker (core.figures).
        PUBLIC_FIGURES.register("explore.world-map", PublicFigure(whole_world_map))
        PUBLIC_FIGURES.register("explore.statistics", PublicFigure(compute_statistics))
        PUBLIC_FIGURES.register(
            "explore.headline", PublicFigure(count_headline_figures, per_language=False)
        )
