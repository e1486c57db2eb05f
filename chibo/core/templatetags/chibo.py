"""Template filters of chibo: `{% load chibo %}`."""

from django import template

from chibo.core.text import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's name in Vietnamese order (core.text.person_name)."""
    return _person_name(user)
