"""Forms of the org app: the search box."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The unit-and-member search box; refuses over-long input with a clear message."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=settings.CHIBO_SEARCH_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": _(
                "Search text is too long: at most %(limit_value)d characters "
                "(you typed %(show_value)d)."
            ),
        },
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Search units and members"),
                "autocomplete": "off",
            }
        ),
    )
