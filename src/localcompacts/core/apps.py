from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "localcompacts.core"
    verbose_name = _("Site")

    def ready(self):
        # Periodic tasks register themselves when their module is imported.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")

        from django.db.models.signals import post_migrate

        post_migrate.connect(create_cache_tables, sender=self)

        # `manage.py check` (and so CI and deploys) fails when an extension point lacks a
        # registration it requires; reading such a point fails too (core.registry).
        from django.core import checks

        from .registry import check_extension_points

        checks.register(check_extension_points)

        # Bounces and complaints reported by the e-mail provider's webhook (core.bounces).
        from anymail.signals import tracking

        from .bounces import on_tracking_event

        tracking.connect(on_tracking_event, dispatch_uid="core.bounces")


def create_cache_tables(using="default", **kwargs) -> None:
    """`migrate` also creates the tables of database caches (the production `shared` cache), so
    deploying needs no extra `createcachetable` step."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
