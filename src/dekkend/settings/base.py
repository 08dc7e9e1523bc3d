"""Core Django settings: applications, database, templates, language, static files, tasks."""

from pathlib import Path

import dj_database_url

from dekkend.conf import env, env_int

SRC_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(
    env("DEKKEND_VAR_DIR", str(BASE_DIR / "var"), help="Folder for the SQLite database, uploads and other state.")
)

DEKKEND_ENV = env("DEKKEND_ENV", "development", help="development, test or production.")
DEBUG = DEKKEND_ENV == "development"

SECRET_KEY = env(
    "SECRET_KEY",
    "development-only-not-secret-change-me-in-production-0123456789",
    help="Django's secret key; production refuses to start with the default.",
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "dekkend.core",
    "dekkend.accounts",
    "dekkend.audit",
    "dekkend.organisations",
    "dekkend.pupils",
    "dekkend.referrals",
    "dekkend.network",
    "dekkend.admissions",
    "dekkend.basicsupport",
    "dekkend.monitoring",
    "dekkend.plans",
    "dekkend.finance",
    "dekkend.steunpunt",
    "dekkend.imports",
    "dekkend.complaints",
    "dekkend.api",
    "dekkend.web",
    "dekkend.demo",
]

MIDDLEWARE = [
    "dekkend.core.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dekkend.core.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dekkend.core.middleware.ResolvedUserMiddleware",
    # Secure by default: every page needs a sign-in unless its view says @login_not_required
    # (the public pages are listed in web/tests/test_public_pages.py; the API authenticates itself).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "dekkend.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "dekkend.core.middleware.NoStoreForSignedInMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dekkend.urls"
WSGI_APPLICATION = "dekkend.wsgi.application"
ASGI_APPLICATION = "dekkend.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "dekkend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dekkend.web.context_processors.navigation",
            ],
        },
    },
]

# One switch: DATABASE_URL. SQLite by default (demo, quick tests), PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        env(
            "DATABASE_URL",
            f"sqlite:///{VAR_DIR / 'dekkend.sqlite3'}",
            help="Database URL: sqlite:///path or postgres://user:password@host:5432/name.",
        ),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, help="Seconds a database connection is reused."),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions make concurrent writers queue instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No just-in-time compiling: PostgreSQL starts it for statements estimated as costly, such
    # as the monitoring aggregates over an SWV's placements, where compiling took 100-150 ms,
    # more than the statements themselves (docs/monitoring.md, performance).
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "dekkend" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "dekkend" / "static", VAR_DIR / "static-vendor"]
# Uploads live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = VAR_DIR / "uploads"
STORAGES = {
    "default": {"BACKEND": "dekkend.core.storage.UploadStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {
    "default": {
        "BACKEND": env(
            "DEKKEND_TASK_BACKEND",
            "django_tasks_db.DatabaseBackend",
            help="Task backend: the database-backed queue by default (run `manage db_worker`).",
        )
    }
}
DEKKEND_TASK_LEASE_MINUTES = env_int(
    "DEKKEND_TASK_LEASE_MINUTES",
    30,
    help="Minutes after which a task still marked running is taken to have lost its worker and is queued again.",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING", help="Root log level.")},
}
