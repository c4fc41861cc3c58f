"""Settings for Newsroom, read from the environment only (twelve-factor).

Every variable is read in the block below; the rest of the module derives
Django settings from those values. README.md lists the variables.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- The environment ---------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
EMAIL_URL = os.environ.get("EMAIL_URL", "console:")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Newsroom <newsroom@localhost>")
REDIS_URL = os.environ.get("REDIS_URL", "")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "de")
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Berlin")
USE_HTTPS = env_bool("USE_HTTPS", not DEBUG)
# Name of the header a trusted reverse proxy sets to the client address,
# e.g. "X-Forwarded-For". Empty: use the socket address.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
# Staff must confirm every admin login with a code from an authenticator app
# (TOTP). Off: only staff who set up an app give a code.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", False)
# Longest a page may be served from the server-side page cache, in seconds;
# publishing or editing refreshes the affected pages at once anyway. 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How long browsers and CDNs may keep a public page (Cache-Control max-age, s-maxage).
PAGE_MAX_AGE = int(os.environ.get("PAGE_MAX_AGE", "60"))
# "Popular now": the window of views it looks at, and how fast old views fade.
POPULAR_WINDOW_HOURS = int(os.environ.get("POPULAR_WINDOW_HOURS", "48"))
POPULAR_HALF_LIFE_HOURS = float(os.environ.get("POPULAR_HALF_LIFE_HOURS", "12"))
# Counted article views wait in each app process this many seconds and are then
# written together, one row update per article and hour. 0 writes every view at once.
VIEWS_FLUSH_SECONDS = float(os.environ.get("VIEWS_FLUSH_SECONDS", "5"))
# Only for manage.py benchmark: adds a bare "hello world" view as a yardstick.
BENCHMARK_HELLO = env_bool("BENCHMARK_HELLO", False)
# Serve uploaded media from Django itself (small sites, the demo). Default on.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Send the Content-Security-Policy as report-only, to try a change of it: browsers
# block nothing and report what it would block. (Not named CSP_REPORT_ONLY here:
# django-csp takes a setting of that name for its old configuration.)
CSP_REPORT_ONLY_MODE = env_bool("CSP_REPORT_ONLY", False)
# -----------------------------------------------------------------------------

if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-key-only"  # noqa: S105

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",  # django.contrib.admin, with newsroom/admin_site.py
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "articles.apps.TagsConfig",  # django-taggit, with a translated name
    "django_ckeditor_5",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "foundation.apps.FoundationConfig",
    "newsroom.apps.NewsroomConfig",
    "articles.apps.ArticlesConfig",
    "comments.apps.CommentsConfig",
    "newsletter.apps.NewsletterConfig",
    "wordpress.apps.WordpressConfig",
    "demo.apps.DemoConfig",
]

MIDDLEWARE = [
    # First: load balancers call /healthz by IP address and over plain HTTP.
    "foundation.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so pages answered from it get the policies too.
    "foundation.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before the page cache: odd ?page= addresses get their 301 or 404, and
    # tracking parameters are taken off, before a cached page is looked up.
    "foundation.addresses.PageAddressMiddleware",
    # Before sessions: a cached page is answered without touching them, and
    # on the way out it sees every cookie and Vary header the others added.
    "foundation.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, so it sees a 404 before APPEND_SLASH does.
    "articles.middleware.OldPathMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after it: request.user learns whether a one-time code verified the session.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After AuthenticationMiddleware (axes wants it last): a login refused because
    # the client must wait becomes the login page with a 429 (newsroom/login_throttle.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
# A translated page instead of Django's English one (public forms use csrf_retry instead).
CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the background worker go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    # Each process keeps its own pages and widgets; what decides whether they
    # are fresh (the change stamps) and every limit live in the database, which
    # all processes share (foundation/), so no setting makes them per process.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time --------------------------------------------------------
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True

# --- Static files and uploads --------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644
# Largest image an editor may upload, in bytes and in pixels per side.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_SIDE = 8000
MAX_IMAGE_PIXELS = 40_000_000  # and in all (8000×5000), read from the header before decoding
IMAGE_RENDITION_WIDTHS = (480, 960, 1440)

# --- E-mail ------------------------------------------------------------------


def email_settings(url: str) -> dict:
    """Translate EMAIL_URL (smtp://user:pass@host:port?tls=1, console:, ...) to settings."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "submission": "django.core.mail.backends.smtp.EmailBackend",
    }
    if scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL has an unknown scheme: {scheme!r}")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    result = {"EMAIL_BACKEND": backends[scheme]}
    if scheme == "file":
        result["EMAIL_FILE_PATH"] = parts.path or str(BASE_DIR / "sent-mail")
    if backends[scheme].endswith("smtp.EmailBackend"):
        result.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or {"smtps": 465, "submission": 587}.get(scheme, 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=scheme == "smtps" or env_truthy(options.get("ssl")),
            EMAIL_USE_TLS=scheme == "submission" or env_truthy(options.get("tls")),
            EMAIL_TIMEOUT=int(options.get("timeout", 20)),
        )
    return result


def env_truthy(value: str | None) -> bool:
    return (value or "").lower() in {"1", "true", "yes", "on"}


globals().update(email_settings(EMAIL_URL))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ----------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Security ----------------------------------------------------------------
SECURE_SSL_REDIRECT = USE_HTTPS
SESSION_COOKIE_SECURE = USE_HTTPS
CSRF_COOKIE_SECURE = USE_HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if USE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = USE_HTTPS
SECURE_HSTS_PRELOAD = USE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if USE_HTTPS else None
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Content-Security-Policy and Permissions-Policy ----------------------------
# What pages may load and run (django-csp, foundation/csp.py): only the site's own
# scripts and styles, no inline code, images also from the media host, no frames.


def origin_of(url: str) -> list[str]:
    """The scheme and host of an absolute URL as a CSP source; none for a path on this site."""
    parts = urlsplit(url)
    if not parts.netloc:
        return []
    return [f"{parts.scheme}://{parts.netloc}" if parts.scheme else parts.netloc]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *origin_of(MEDIA_URL)],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": reverse_lazy("csp_report"),
        "report-to": "csp",
    },
}
CONTENT_SECURITY_POLICY_REPORT_ONLY = None
if CSP_REPORT_ONLY_MODE:
    CONTENT_SECURITY_POLICY_REPORT_ONLY, CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY, None
# Directives replaced under a path: CKEditor 5 in the admin sets styles inline.
CONTENT_SECURITY_POLICY_PATHS = {"/admin/": {"style-src": [SELF, UNSAFE_INLINE]}}

# Browser features no page of the site uses, turned off for it and for anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    ]
}

# --- Logins ------------------------------------------------------------------
# django-axes records failed logins in the database, which every process shares;
# newsroom/login_throttle.py decides who waits. A client waits after 5 failures
# for one account, or 20 for any accounts: a minute, doubling with each further
# failure, up to a day. Never for an account alone: a stranger could then lock
# an editor out. Superusers lift a wait in the admin (Axes › Access attempts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a client that must wait gets no password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "newsroom.login_throttle.LoginThrottle"
AXES_VERBOSE = False  # no banner on every manage.py command
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = 5  # for one account from one client
LOGIN_FAILURES_PER_CLIENT = 20  # for one client, whatever the accounts
AXES_COOLOFF_TIME = 24  # hours a failure is remembered after the client's latest
# Tries refused while the client waits are not checked, and do not lengthen the wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login forgets that account's failures from that client.
AXES_RESET_ON_SUCCESS = True
# CLIENT_IP_HEADER or the socket address, never a header the client sets (foundation/clients.py).
AXES_CLIENT_IP_CALLABLE = "newsroom.login_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.login_throttle.locked_out_response"
AXES_DISABLE_ACCESS_LOG = True  # no lasting record of every login and its address
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "csrfmiddlewaretoken"]
# Two-factor login (django-otp): the name authenticator apps show beside the account.
OTP_TOTP_ISSUER = SITE_NAME

# --- Logging -----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Rich text editor (CKEditor 5, served from our own static files) ----------
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:editor_upload"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "article": {
        "licenseKey": "GPL",
        "language": "de",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "imageUpload",
                "insertTable",
                "|",
                "undo",
                "redo",
                "sourceEditing",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Heading 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Heading 3",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Heading 4",
                    "class": "ck-heading_heading4",
                },
            ]
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:alignLeft",
                "imageStyle:alignRight",
                "imageStyle:alignCenter",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
    },
}

# --- Newsroom ----------------------------------------------------------------
ARTICLES_PER_PAGE = 12
# Each app process reads the change stamps from the database when the change
# signal moves, and at least this often in any case (see foundation/stamps.py).
CHANGES_RECHECK_SECONDS = 1.0

# --- Comments ----------------------------------------------------------------
COMMENTS_MAX_DEPTH = 4  # levels of replies; deeper replies join the deepest level
COMMENTS_MAX_LENGTH = 5000  # characters of comment text
COMMENTS_MIN_SECONDS = 3  # between showing the form and sending it; faster is a robot
COMMENTS_FORM_MAX_AGE = 2 * 24 * 3600  # seconds a rendered form stays valid
COMMENTS_IP_RETENTION_DAYS = 30  # erase_comment_ips erases addresses older than this
