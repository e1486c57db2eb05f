"""Site-wide middleware: the interface language, htmx after a logout, the 405 page, a
missing rule set."""

import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import QueryDict
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

from chibo.core import views

logger = logging.getLogger(__name__)

_REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class LanguageMiddleware:
    """Vietnamese unless the user chose English with the language switch (`set_language`).

    Replaces Django's LocaleMiddleware, which follows the browser's Accept-Language: a
    secretary whose phone is set to English would get an English page she never asked for.
    Only the language cookie counts, and only for a language of settings.LANGUAGES; the
    browser's preferences are ignored.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # As LocaleMiddleware does; the page differs by the cookie, so caches must know.
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class HtmxLoginRedirectMiddleware:
    """An htmx request whose session has expired: send the whole page to the login form.

    login_required answers with a redirect to the login page, which htmx would follow and swap
    into the results box. Instead the browser is told (HX-Redirect) to load the login page;
    `next` points at the page the user was on (HX-Current-URL, same site only), not at the
    fragment htmx asked for. Must come after django_htmx's HtmxMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code in _REDIRECT_STATUSES
            and "Location" in response
        ):
            parts = urlsplit(response["Location"])
            if parts.path == resolve_url(settings.LOGIN_URL):
                query = QueryDict(parts.query, mutable=True)
                current = request.htmx.current_url_abs_path
                if current:
                    query[REDIRECT_FIELD_NAME] = current
                return HttpResponseClientRedirect(
                    urlunsplit(parts._replace(query=query.urlencode(safe="/")))
                )
        return response


class MethodNotAllowedPageMiddleware:
    """Give the empty 405 answer of a POST-only URL opened by GET (e.g. the logout URL typed
    in the address bar) the Vietnamese error page; the status and the Allow header stay."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            page = views.method_not_allowed(request)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response


class MissingRuleSetMiddleware:
    """Answer a request that needs a rule set where none is in force (an administrator left
    a gap between the dates of the sets) with a page that says so, instead of a bare 500.

    `core.rules.rules_in_force` raises `RuleSet.DoesNotExist`; the log keeps the traceback.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        """Render the explanation page (status 500) for RuleSet.DoesNotExist; else None."""
        from chibo.core.models import RuleSet

        if isinstance(exception, RuleSet.DoesNotExist):
            logger.error("No rule set in force: %s", exception, exc_info=exception)
            return views.no_rule_set(request)
        return None
