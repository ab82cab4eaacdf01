"""Operational state that the readiness check reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a periodic task ran on the worker: proves that the scheduler enqueues and a
    worker executes (the worker itself is a third-party command we do not modify)."""

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    beat_at = models.DateTimeField(_("last beat"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
