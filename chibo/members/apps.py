"""App config of `members`: party members, their dated statuses and positions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """Configuration of the members app."""

    name = "chibo.members"
    verbose_name = _("Party members")
