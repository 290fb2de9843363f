"""Tandem settings — one module, read from the environment.

Every variable is documented in the README's configuration table. Development
defaults are safe for a laptop; ``TANDEM_PRODUCTION=1`` switches on the
production posture (secure cookies, HSTS, SMTP, MFA for everyone who coordinates,
no debug) and then demands a real ``SECRET_KEY``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("TANDEM_PRODUCTION")
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when TANDEM_PRODUCTION=1.")
    # Development only: a fixed key keeps sessions valid across restarts.
    SECRET_KEY = "dev-insecure-tandem-key-change-me-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Django's admin, with its login through allauth and a second factor required.
    "tandem.core.admin_config.TandemAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "django_htmx",
    "csp",
    # domain apps
    "tandem.people",
    "tandem.programmes",
    "tandem.audit",
    "tandem.privacy",
    "tandem.mail",
    "tandem.recruitment",
    "tandem.applications",
    "tandem.documents",
    "tandem.matching",
    "tandem.tandems",
    "tandem.training",
    "tandem.alumni",
    "tandem.evaluation",
    "tandem.surveys",
    "tandem.operations",
    # UI apps
    "tandem.core",
    "tandem.manage",
    "tandem.portal",
    "tandem.public",
    "tandem.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tandem.core.middleware.SessionSecurityMiddleware",
    "tandem.core.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tandem.core.uploads.RequestSizeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "tandem.core.middleware.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "csp.context_processors.nonce",
                "tandem.core.context_processors.site",
            ],
        },
    }
]

# --- database -------------------------------------------------------------
DEFAULT_SQLITE = f"sqlite:///{REPO_DIR / 'var' / 'tandem.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_SQLITE),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and one writer work side by side (web workers, task worker);
            # synchronous=NORMAL is safe with WAL and spares an fsync per transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Every transaction takes the write lock when it begins, so two answers at the
            # same instant queue up instead of one failing with "database is locked" after
            # reading what the other is about to change.
            "transaction_mode": "IMMEDIATE",
            # Seconds a connection waits for the write lock before giving up.
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ----------------------------------------------------------------
# allauth keeps its rate limits and the used TOTP codes (replay protection) in the cache,
# so every web worker must see the same one: the database cache by default (its table is
# made by `migrate`, see tandem/core/migrations), Redis when CACHE_URL=redis://… is set.
CACHE_TABLE = "tandem_cache"


def cache_from_url(url: str) -> dict:
    if not url:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    if url.split(":", 1)[0] in {"redis", "rediss", "unix"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tandem"),
        }
    raise ImproperlyConfigured("CACHE_URL must start with redis://, rediss:// or unix://.")


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}

# --- accounts -------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Everyone gives their name at sign-up (letters and e-mails name people, never addresses).
ACCOUNT_SIGNUP_FORM_CLASS = "tandem.people.forms.SignupNameForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address in the browser that signed up logs the person in and resumes
# where they came from (an invitation link, the application form).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tandem] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_ADAPTER = "tandem.people.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Tandem")
# Demo accounts skip the second factor on a development install only.
TANDEM_DEMO_SKIPS_MFA = not PRODUCTION
# Rate limits of logins (allauth, kept in the shared cache). Failed logins count per
# address first (5 in 5 minutes lock that address, not the place it is typed at) and
# only then per IP address, with a ceiling high enough that one person behind an
# institution's single address cannot lock out colleagues, yet stops guessing across
# many accounts. Attempts beyond an address's limit no longer count against the IP.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,60/5m/ip",
    "login": "300/m/ip",
}
# Behind a reverse proxy every request comes from the proxy's address, and the per-IP
# limit would count everyone together: name how many proxies set X-Forwarded-For.
# Production runs behind one (see the README's deployment); development has none.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if PRODUCTION else "0"))
# Staff sessions end this many seconds after they begin (default 8 hours).
TANDEM_STAFF_SESSION_SECONDS = int(os.environ.get("TANDEM_STAFF_SESSION_SECONDS", str(8 * 3600)))
# The admin at /admin/ (operators only; login via allauth with the second factor).
TANDEM_ADMIN = env_bool("TANDEM_ADMIN", True)
TANDEM_RETENTION_MONTHS = int(os.environ.get("TANDEM_RETENTION_MONTHS", "6"))
# Surveys show results only where at least this many answered (never below 3).
TANDEM_SURVEY_K = max(3, int(os.environ.get("TANDEM_SURVEY_K", "5")))


def months_by_kind(value: str) -> dict[str, int]:
    """``"tandem_texts=6,consultation_notes=3"`` -> months per retention kind."""
    months = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        kind, _sep, number = item.partition("=")
        if not number.strip().isdigit():
            raise ImproperlyConfigured(
                f"TANDEM_RETENTION_BY_KIND: {item!r} is not kind=months (months a whole number)."
            )
        months[kind.strip()] = int(number)
    return months


# Months after a round's end per kind of text (tandem_texts, consultation_notes,
# interview_notes and the kinds later apps declare); a kind not named here keeps
# TANDEM_RETENTION_MONTHS.
TANDEM_RETENTION_BY_KIND = months_by_kind(os.environ.get("TANDEM_RETENTION_BY_KIND", ""))
# Organisations are created by the platform's operators (staff); self-service only if on.
TANDEM_SELF_SERVICE_ORGANISATIONS = env_bool("TANDEM_SELF_SERVICE_ORGANISATIONS")
# Online meeting links (tandem.core.meeting_links): "" = pasted by hand, "jitsi" or "bbb".
TANDEM_MEETING_PROVIDER = os.environ.get("TANDEM_MEETING_PROVIDER", "")
TANDEM_JITSI_URL = os.environ.get("TANDEM_JITSI_URL", "")
TANDEM_BBB_URL = os.environ.get("TANDEM_BBB_URL", "")
TANDEM_BBB_SECRET = os.environ.get("TANDEM_BBB_SECRET", "")
# The private key that signs Open Badges credentials (tandem.alumni.badges): a PEM file
# outside the media folder, made by ``manage.py create_badge_key`` or on first use.
TANDEM_BADGE_KEY_PATH = Path(
    os.environ.get("TANDEM_BADGE_KEY_PATH", REPO_DIR / "var" / "keys" / "badge-signing-key.pem")
)

# Where people report barriers (the accessibility statement and every page's footer).
TANDEM_ACCESSIBILITY_CONTACT = os.environ.get(
    "TANDEM_ACCESSIBILITY_CONTACT", "barrierefreiheit@example.org"
)

# --- e-mail ---------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tandem <tandem@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")

# --- background tasks -----------------------------------------------------
# TASKS_BACKEND: "database" (default; django-tasks' database queue, worker `manage.py
# run_worker`) or "rq" (Redis at TASKS_REDIS_URL through django-tasks-rq, worker
# `manage.py run_rq_worker`); any other value is taken as a backend's dotted path.
TASKS_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
_tasks_backend = os.environ.get("TASKS_BACKEND", "database")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS.get(_tasks_backend, _tasks_backend)}}

# The worker (manage.py run_worker) writes a heartbeat to the shared cache this often; one
# silent for TANDEM_WORKER_STALE_SECONDS counts as gone: /healthz says so, and the tasks it
# left running go back to the queue (at most TANDEM_TASK_MAX_ATTEMPTS claims, then failed).
TANDEM_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("TANDEM_WORKER_HEARTBEAT_SECONDS", "30"))
TANDEM_WORKER_STALE_SECONDS = int(os.environ.get("TANDEM_WORKER_STALE_SECONDS", "300"))
TANDEM_TASK_MAX_ATTEMPTS = int(os.environ.get("TANDEM_TASK_MAX_ATTEMPTS", "3"))
# How often a worker recovers stuck tasks and prunes finished results older than N days.
TANDEM_TASK_MAINTENANCE_SECONDS = int(os.environ.get("TANDEM_TASK_MAINTENANCE_SECONDS", "600"))
TANDEM_TASK_RESULTS_DAYS = int(os.environ.get("TANDEM_TASK_RESULTS_DAYS", "14"))

if TASKS["default"]["BACKEND"] == TASKS_BACKENDS["rq"]:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("TASKS_REDIS_URL", "redis://127.0.0.1:6379/1")}}

# --- i18n -----------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [REPO_DIR / "locale"]
# English dates as "1 Dec 2026" (tandem/formats/en); German uses Django's formats.
FORMAT_MODULE_PATH = ["tandem.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")

# --- static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", REPO_DIR / "var" / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", REPO_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- security -------------------------------------------------------------
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

FORM_RENDERER = "tandem.core.forms.TandemFormRenderer"

# --- upload limits --------------------------------------------------------
# A whole request, files included (the largest field, slides, takes 10 MB); larger ones get
# a page that says so (tandem.core.uploads). Form data without files: Django's 2.5 MB.
TANDEM_MAX_UPLOAD_MB = int(os.environ.get("TANDEM_MAX_UPLOAD_MB", "12"))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))
# Uploads above this size go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FILE_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))
