"""Production profile (``DEKKEND_ENV=production``): secrets and hosts from the environment only."""

from django.core.exceptions import ImproperlyConfigured

from dekkend.conf import env, env_int, env_list

from .base import SECRET_KEY

if SECRET_KEY.startswith("development-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "", help="Comma-separated host names the site answers to (production).")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host name(s) of the site in production.")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

# TLS is terminated at the proxy, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, help="HSTS max-age in production.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-dekkend-session"
CSRF_COOKIE_NAME = "__Host-dekkend-csrftoken"

# The login lock-out counts per username and client address; behind the proxy the client
# address comes from X-Forwarded-For (dekkend.accounts.client_ip).
DEKKEND_PROXY_COUNT = env_int(
    "DEKKEND_PROXY_COUNT", 1, help="Reverse proxies in front of Dekkend that add X-Forwarded-For (0 in development)."
)

DEKKEND_REQUIRE_SECOND_FACTOR = True

STORAGES = {
    "default": {"BACKEND": "dekkend.core.storage.UploadStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO", help="Root log level.")},
}
