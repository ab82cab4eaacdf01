from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "localcompacts.publications"
    verbose_name = _("Publications and data exchange")

    def ready(self):
        from localcompacts.core.workspace import register_panels

        from . import checks, workflow  # noqa: F401 — the font check; the publication workflow
        from .panels import PANELS

        register_panels(PANELS, position=60)  # the workspace home's pages
