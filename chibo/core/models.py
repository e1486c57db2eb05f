"""Core models: the append-only audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One business action by one actor: who did what to which object, when.

    Append-only: entries are created by `core.services.audit_record()` and never changed;
    the admin shows them read-only.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80)
    target_type = models.CharField(_("object type"), max_length=80, blank=True)
    target_id = models.CharField(_("object id"), max_length=40, blank=True)
    target_repr = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.target_repr}"
