"""App config of `org`: the party organisation tree and role grants."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    """Configuration of the org app."""

    name = "chibo.org"
    verbose_name = _("Organisation")
