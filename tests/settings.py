"""Settings of the test run: chibo.settings with a throw-away CHIBO_VAR_DIR.

pytest-django imports the settings while pytest loads its initial conftests, before any
conftest.py runs, so tests/conftest.py cannot redirect CHIBO_VAR_DIR in time; pyproject.toml
names this module as DJANGO_SETTINGS_MODULE instead. The tests then never read or write the
developer's var/ (a `make run` collecting static files into var/static while the tests run
used to break them): the secret key, STATIC_ROOT and MEDIA_ROOT live in a temporary directory
removed at exit.
"""

import atexit
import os
import shutil
import tempfile

_VAR_DIR = tempfile.mkdtemp(prefix="chibo-tests-")
atexit.register(shutil.rmtree, _VAR_DIR, ignore_errors=True)
os.environ["CHIBO_VAR_DIR"] = _VAR_DIR
# STATIC_ROOT and MEDIA_ROOT default to directories under CHIBO_VAR_DIR.
os.environ.pop("STATIC_ROOT", None)
os.environ.pop("MEDIA_ROOT", None)

from chibo.settings import *  # noqa: E402, F403

# Exports run inside the request in tests (the database worker is tested on its own).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Dashboards do not queue the daily refresh in tests (query counts are pinned); tested apart.
CHIBO_REPORTS_AUTO_REFRESH = False
# The province's comparison figures are not cached between requests in tests (each test
# builds its own province with the same paths).
CHIBO_REPORTS_PROVINCE_SECONDS = 0
