from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompactsConfig(AppConfig):
    name = "localcompacts.compacts"
    verbose_name = _("Compacts and reference taxonomies")
