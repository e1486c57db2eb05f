"""Site-wide views: home page and the error pages (always Vietnamese, never a stack trace)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from chibo.org.selectors import scope_roots


@login_required
def home(request):
    """Home: the units in the user's scope, their roles and quick links."""
    from chibo.members.selectors import member_for_user
    from chibo.org.selectors import grants_of

    context = {
        "roots": scope_roots(actor=request.user),
        "grants": grants_of(request.user),
        "own_member": member_for_user(actor=request.user),
    }
    return render(request, "core/home.html", context)


def _error(request, status: int, title: str, message: str):
    """Render the shared error page with `status`."""
    return render(
        request,
        "core/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def page_not_found(request, exception=None):
    """404: the page or object does not exist, or is outside the user's scope."""
    return _error(
        request,
        404,
        _("Page not found"),
        _("The page you asked for does not exist, or you do not have access to it."),
    )


def permission_denied(request, exception=None):
    """403: the user may see the object but not do this."""
    return _error(request, 403, _("Not allowed"), _("You do not have permission to do this."))


def bad_request(request, exception=None):
    """400: the request was malformed."""
    return _error(
        request,
        400,
        _("Invalid request"),
        _("The request could not be understood. Please go back and try again."),
    )


def method_not_allowed(request, exception=None):
    """405: a form-only address opened as a page (see MethodNotAllowedPageMiddleware)."""
    return _error(
        request,
        405,
        _("Method not allowed"),
        _("This address only accepts a form submission. Go back and use the button on the page."),
    )


def csrf_failure(request, reason=""):
    """403 from the CSRF check (settings.CSRF_FAILURE_VIEW): a form kept open too long, or a
    lost cookie. `reason` is Django's technical English and is not shown."""
    return _error(
        request,
        403,
        _("Session expired"),
        _("Your session has expired or the form is out of date. Reload the page and try again."),
    )


def server_error(request):
    """500: an unexpected error; the details go to the log, not to the user."""
    return render(request, "core/error_500.html", status=500)


def no_rule_set(request):
    """500 with an explanation: no rule set is in force for the date a page needs (the
    administrator must close the gap between the rule sets' dates in the admin)."""
    return _error(
        request,
        500,
        _("No rule set in force"),
        _(
            "No rule set covers the date of this record, so it cannot be judged. An "
            "administrator must add or extend a rule set (Administration → Rule sets)."
        ),
    )
