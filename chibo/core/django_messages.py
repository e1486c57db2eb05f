"""Django's own messages that its Vietnamese catalogue leaves untranslated (Django 5.2).

This module is never imported at run time: it exists only so that `makemessages` extracts
these exact msgids into chibo/locale/vi/LC_MESSAGES/django.po, where they get their
Vietnamese. Our catalogue (LOCALE_PATHS) is merged over Django's, so the translation applies
wherever Django uses the msgid. The msgids must match Django's source character for character
(tests/core/test_error_pages.py checks that Django's catalogues lack them).

Messages Django's catalogue already translates (the other password validators and their help
texts, "This field is required.", ...) are not repeated here.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_MESSAGES = [
    # django/core/validators.py, ProhibitNullCharactersValidator: a NUL byte in any form field.
    gettext_noop("Null characters are not allowed."),
    # django/contrib/admin/templates/admin/base.html
    gettext_noop("Skip to main content"),
    # django/contrib/admin/templates/admin/change_list.html (facet counts, errors)
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Error:"),
    # django/contrib/admin/templates/admin/color_theme_toggle.html
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
]

DJANGO_PLURAL_MESSAGES = [
    # django/contrib/auth/password_validation.py, MinimumLengthValidator: Django 5.2 changed
    # "%(min_length)d" to "%d", and the Vietnamese catalogue still has the old msgid.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,  # any number: only the msgids matter here
    ),
    # django/contrib/admin/templates/admin/change_form.html and change_list.html: Django 5
    # made this a plural; the Vietnamese catalogue has the two old singular msgids.
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1),
]
