from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "localcompacts.newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from localcompacts.core.bounces import DELIVERY_PROBLEM_HANDLERS

        from . import workflow  # noqa: F401 — registers the issue workflow
        from .services import subscribers_delivery_problem

        DELIVERY_PROBLEM_HANDLERS.register("newsletter.subscribers", subscribers_delivery_problem)
