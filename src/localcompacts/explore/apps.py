from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExploreConfig(AppConfig):
    name = "localcompacts.explore"
    verbose_name = _("Map and statistics")
