"""App config of `core`: scoping, audit, text helpers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Configuration of the core app."""

    name = "chibo.core"
    verbose_name = _("Core")

    def ready(self):
        """Connect the signal receivers."""
        from chibo.core import signals  # noqa: F401
