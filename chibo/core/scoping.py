"""Scope errors shared by every app's selectors.

A selector that is asked for an object outside the actor's scope raises `NotInScope`, a
subclass of Http404: the user sees "not found", exactly as for an object that does not exist,
so that scope never leaks which objects exist elsewhere.
"""

from django.http import Http404


class NotInScope(Http404):
    """The object does not exist or lies outside the actor's scope (answers 404)."""
