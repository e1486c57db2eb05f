"""App config of `meetings`: planning, preparing, holding and recording cell meetings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Configuration of the meetings app."""

    name = "chibo.meetings"
    verbose_name = _("Meetings")
