"""Authentication, sessions, second factor, login throttling and browser security headers."""

from datetime import timedelta

from dekkend.conf import env_bool, env_int

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "dekkend.accounts.validators.DemoPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "dekkend.accounts.backends.DekkendModelBackend",
]

# Sessions end after a period without activity and, regardless of activity, after a working day.
DEKKEND_SESSION_IDLE_TIMEOUT = timedelta(
    minutes=env_int("DEKKEND_SESSION_IDLE_MINUTES", 30, help="Minutes without activity before a session ends.")
)
DEKKEND_SESSION_ABSOLUTE_TIMEOUT = timedelta(
    hours=env_int("DEKKEND_SESSION_ABSOLUTE_HOURS", 10, help="Hours after sign-in at which a session always ends.")
)
# Django's database sessions with the per-request read prepared (accounts/sessions.py).
SESSION_ENGINE = "dekkend.accounts.sessions"
SESSION_COOKIE_AGE = int(DEKKEND_SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Every staff role signs in with a second factor (TOTP) when this is on; production forces it.
DEKKEND_REQUIRE_SECOND_FACTOR = env_bool(
    "DEKKEND_REQUIRE_SECOND_FACTOR", False, help="Require TOTP for staff roles (always on in production)."
)
OTP_TOTP_ISSUER = "Dekkend"

# Login throttling: after 5 failures a username/address pair waits 15 minutes.
AXES_FAILURE_LIMIT = env_int("DEKKEND_LOGIN_FAILURE_LIMIT", 5, help="Failed logins before a pause.")
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dekkend.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "dekkend.accounts.client_ip.client_ip"
DEKKEND_PROXY_COUNT = 0  # production reads DEKKEND_PROXY_COUNT (default 1: the TLS proxy)

# Content Security Policy: only our own origin; no inline scripts; nothing from the internet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
