from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "localcompacts.newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        # The built-in digest sources (pledges, review forums) register themselves on import.
        from . import (
            digest,  # noqa: F401
            workflow,  # noqa: F401 — registers the issue workflow
        )
