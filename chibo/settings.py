"""Django settings for chibo, read from environment variables.

Variables: DATABASE_URL (default: SQLite file var/chibo.sqlite3), SECRET_KEY (default: generated
once into var/secret_key), DEBUG ("1"/"true" to enable; off by default), ALLOWED_HOSTS
(comma-separated; default 127.0.0.1,localhost), CHIBO_VAR_DIR (default: ./var), EMAIL_URL-style
settings are not used yet: mail goes to the console backend unless EMAIL_HOST is set.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("CHIBO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY from the environment, else from var/secret_key (created on first run)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
CSRF_FAILURE_VIEW = "chibo.core.views.csrf_failure"  # the Vietnamese 403 page

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "treebeard",
    "simple_history",
    "chibo.core",
    "chibo.org",
    "chibo.members",
    "chibo.meetings",
    "chibo.evaluation",
    "chibo.reports",
    "chibo.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless English was chosen in the footer; not the browser's Accept-Language.
    "chibo.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "chibo.core.middleware.HtmxLoginRedirectMiddleware",  # after HtmxMiddleware
    "chibo.core.middleware.MethodNotAllowedPageMiddleware",
    "chibo.core.middleware.MissingRuleSetMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "chibo.urls"
WSGI_APPLICATION = "chibo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "chibo.meetings.context_processors.unread_notices",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'chibo.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT: chibo's queries are short, and PostgreSQL's JIT spent 0.5 s compiling the scoped
    # search it estimated as expensive (docs/benchmarks.md). CHIBO_PG_OPTIONS overrides.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", os.environ.get("CHIBO_PG_OPTIONS", "-c jit=off")
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers go on while the demo builder or a secretary writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["chibo.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static", ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and _env_bool("CHIBO_MANIFEST_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "chibo@localhost")

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if _env_bool("CHIBO_HTTPS"):
    # Behind a TLS-terminating proxy in production (see README, "Production").
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Page sizes of paginated lists.
CHIBO_PAGE_SIZE = 50
# Longest search text accepted; longer input is refused with a message, not searched.
CHIBO_SEARCH_MAX_LENGTH = 100

# Meeting documents (issue 3): largest upload and the file types accepted (extension → MIME).
CHIBO_DOCUMENT_MAX_BYTES = int(os.environ.get("CHIBO_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))
CHIBO_DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "txt": "text/plain",
}
# Which side of the minutes' signature line the chair stands on (DOCUMENT-LAYOUT.md): "right"
# (THƯ KÝ left, CHỦ TRÌ right, the common template) or "left".
CHIBO_MINUTES_CHAIR_SIDE = os.environ.get("CHIBO_MINUTES_CHAIR_SIDE", "right")
# How many years after the current one meetings may be planned (typos such as 2062 refused).
CHIBO_PLAN_YEARS_AHEAD = int(os.environ.get("CHIBO_PLAN_YEARS_AHEAD", 1))

# Reports (issue 5): exports run as background tasks (django-tasks with its database backend;
# `chibo db_worker` runs them, and `make run` starts one beside the server). Set
# CHIBO_TASKS_IMMEDIATE=1 to run them inside the request instead (tests, a quick look).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("CHIBO_TASKS_IMMEDIATE") == "1"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
# Days a finished export can be downloaded before it is deleted (`chibo reports`).
CHIBO_EXPORT_DAYS = int(os.environ.get("CHIBO_EXPORT_DAYS", 7))
# Matplotlib writes its font cache here, not in the user's home directory.
os.environ.setdefault("MPLCONFIGDIR", str(VAR_DIR / "matplotlib"))
# Cells listed as the weakest and as the most exemplary on a dashboard (a product default).
CHIBO_REPORT_LIST_SIZE = 10
# The first dashboard of a day queues the refresh of the recent roll-ups when the daily
# `chibo reports` has not run (reports.freshness).
CHIBO_REPORTS_AUTO_REFRESH = True
# Seconds the province's comparison figures are cached for the dashboards below it (0: none).
CHIBO_REPORTS_PROVINCE_SECONDS = int(os.environ.get("CHIBO_REPORTS_PROVINCE_SECONDS", 60))
