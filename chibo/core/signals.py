"""Signal receivers of core: tell the user they are logged out."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.utils.translation import gettext as _


@receiver(user_logged_out)
def say_logged_out(sender, request, user, **kwargs):
    """Leave a message for the login page the user lands on after logging out."""
    if request is not None:
        messages.info(request, _("You have logged out."))
