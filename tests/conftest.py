"""Shared test set-up: plain static files, a fast password hasher, the small province tree.

Browser tests (tests/e2e) drive Chromium through Playwright's sync API, which runs an event
loop in the test thread; Django's ORM then refuses to run unless async-unsafe calls are
allowed (docs: STACK.md "Browser tests").
"""

import os

import pytest
from django.test import Client

from tests.factories import make_tree

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Serve static files without collectstatic; hash passwords fast (MD5, tests only)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree(db):
    """The small province of `tests.factories.make_tree` (two communes, users for every role)."""
    return make_tree()


@pytest.fixture
def client_for(db):
    """Return a function giving a test client logged in as `user` (anonymous when None)."""

    def _client(user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return _client
