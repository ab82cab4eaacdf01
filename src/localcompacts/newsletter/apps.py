from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "localcompacts.newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from localcompacts.core.bounces import DELIVERY_PROBLEM_HANDLERS
        from localcompacts.core.workspace import register_panels

        from . import workflow  # noqa: F401 — registers the issue workflow
        from .panels import PANELS
        from .services import subscribers_delivery_problem

        register_panels(PANELS, position=70)  # the workspace home's pages
        DELIVERY_PROBLEM_HANDLERS.register("newsletter.subscribers", subscribers_delivery_problem)
