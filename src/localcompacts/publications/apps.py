from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "localcompacts.publications"
    verbose_name = _("Publications and data exchange")

    def ready(self):
        from localcompacts.newsletter.digest import DIGEST_SOURCES

        from .digest import NEW_PUBLICATIONS

        DIGEST_SOURCES.register("publications", NEW_PUBLICATIONS, position=40)

        from . import workflow  # noqa: F401 — registers the publication workflow
