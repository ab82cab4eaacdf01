from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Deterministic demo data (`seed_demo`) and the demo accounts (`demo_accounts`).

    The top layer below `config`: it composes the other apps' models and services directly.
    """

    name = "localcompacts.demo"
    verbose_name = _("Demo data")
