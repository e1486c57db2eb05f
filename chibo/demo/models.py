"""Marker of demo data: the builder refuses to touch a database holding anything else."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """One build of the synthetic demo province: its seed, scale, months of meetings, time
    and row counts."""

    seed = models.IntegerField(_("seed"))
    scale = models.CharField(_("scale"), max_length=20)
    #: Months of meetings built (`chibo demo --months`; builds before the option held 12).
    months = models.PositiveSmallIntegerField(_("months of meetings"), default=12)
    built_at = models.DateTimeField(_("built at"), auto_now_add=True)
    seconds = models.FloatField(_("build time (s)"), default=0)
    counts = models.JSONField(_("row counts"), default=dict)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("demo dataset")
        verbose_name_plural = _("demo datasets")

    def __str__(self) -> str:
        return f"demo {self.scale} seed={self.seed} months={self.months}"
