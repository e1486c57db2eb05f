"""Template filter of the site's nav: does the user follow early warnings?"""

from django import template

from chibo.evaluation.permissions import WARNING_ROLES
from chibo.org.selectors import grants_of

register = template.Library()


@register.filter
def follows_warnings(user) -> bool:
    """True if `user` is a superuser or holds a WARNING_ROLES grant (issue 4: warnings are
    for the units' leaders and superiors), for the nav's "Cảnh báo" link.

    Uses `org.selectors.grants_of`, cached on the user for the request: free on the pages
    that already read the grants (nearly all), one query on the others, so the link is on
    every page.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser and user.is_active:
        return True
    return any(grant.role in WARNING_ROLES for grant in grants_of(user))
