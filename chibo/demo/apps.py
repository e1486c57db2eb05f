"""App config of `demo`: the synthetic demo province."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Configuration of the demo app."""

    name = "chibo.demo"
    verbose_name = _("Demo data")
