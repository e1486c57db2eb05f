"""App config of `reports`: indicators, dashboards and exports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Configuration of the reports app: connects the signals that keep the roll-ups fresh."""

    name = "chibo.reports"
    verbose_name = _("Reports")

    def ready(self):
        """Connect the signal receivers."""
        from chibo.reports import signals  # noqa: F401  (connects receivers)
