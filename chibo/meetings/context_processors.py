"""Template context of every page from the meetings app: the unread notice count of the nav."""

from django.utils.functional import SimpleLazyObject

from chibo.meetings.selectors import unread_notice_count


def unread_notices(request) -> dict:
    """`unread_notices`: how many of the user's notices are unread, for the nav badge.

    Lazy: the count is read (one query) only when a template uses it, at most once a page;
    pages that do not show it, and anonymous users, cost nothing. A view that already knows
    the count may pass its own `unread_notices`, which wins over this one.
    """
    return {"unread_notices": SimpleLazyObject(lambda: _count(request))}


def _count(request) -> int:
    """The unread count of the request's user (0 without one)."""
    user = getattr(request, "user", None)
    if user is None:
        return 0
    return unread_notice_count(actor=user)
