"""Settings shared by every environment.

The environment is read once, here at the top; the rest of the file only uses
the values below. Optional services switch on only when their variable is set.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

ENV_SECRET_KEY = os.environ.get("SECRET_KEY", "")
ENV_ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
ENV_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ENV_ELASTICSEARCH = {
    "url": os.environ.get("ELASTICSEARCH_URL", ""),
    "api_key": os.environ.get("ELASTICSEARCH_API_KEY", ""),
    "username": os.environ.get("ELASTICSEARCH_USERNAME", ""),
    "password": os.environ.get("ELASTICSEARCH_PASSWORD", ""),
    "ca_certs": os.environ.get("ELASTICSEARCH_CA_CERTS", ""),
    "index": os.environ.get("ELASTICSEARCH_INDEX", "ctpn-resources"),
    "replicas": int(os.environ.get("ELASTICSEARCH_REPLICAS", "0") or 0),
}


def _check_elasticsearch_url(url: str) -> None:
    """A malformed address would fail on the first search; refuse to start instead.
    The value is not quoted in the error: it may hold a password."""
    for address in filter(None, (part.strip() for part in url.split(","))):
        parts = urlsplit(address)
        try:
            port = parts.port
        except ValueError:
            port = None
        if parts.scheme not in ("http", "https") or not parts.hostname or not port:
            raise ImproperlyConfigured(
                "ELASTICSEARCH_URL: each address needs a scheme, a host and a port, "
                "like http://127.0.0.1:9200 (several are separated by commas)."
            )


_check_elasticsearch_url(ENV_ELASTICSEARCH["url"])

ENV_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
ENV_EMAIL_URL = {
    "host": os.environ.get("EMAIL_HOST", ""),
    "port": int(os.environ.get("EMAIL_PORT", "587") or 587),
    "user": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": os.environ.get("EMAIL_USE_TLS", "true").lower() in {"1", "true", "yes"},
    "from": os.environ.get("DEFAULT_FROM_EMAIL", "CTPN Knowledge Exchange <noreply@localhost>"),
}
ENV_MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "")
ENV_STATIC_ROOT = os.environ.get("STATIC_ROOT", "")
# How many reverse proxies in front of the portal append to X-Forwarded-For.
# 0 (the default) trusts no header: rate limits count the connecting address.
ENV_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)
# Days the anonymised search counts are kept (insights.analytics); 0 records none.
ENV_SEARCH_ANALYTICS_DAYS = max(0, int(os.environ.get("SEARCH_ANALYTICS_DAYS", "") or 90))

# Application definition

INSTALLED_APPS = [
    "portal",
    "home",
    "resources",
    "members",
    "search",
    "insights",
    "alerts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    # Content Security Policy (portal.security); the app brings its settings checks.
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # No django.contrib.admin: Wagtail's admin is the only one, and Django's
    # admin would bring a login view that skips allauth's limits and MFA.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    # allauth's sessions page ("last seen 3 minutes ago") loads humanize.
    "django.contrib.humanize",
    # Its sitemap.xml template, for resources.sitemaps.
    "django.contrib.sitemaps",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every response, a cached page's too; documents' own headers.
    "portal.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous public pages from the cache (portal.page_cache): after the language is known,
    # before anything reads the session or the user.
    "portal.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth's usersessions tracking, written at most every MEMBERS_SESSION_ACTIVITY_SECONDS.
    "members.middleware.SessionActivityMiddleware",
    "members.middleware.MembershipMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# A server's connection is kept for a minute and checked before a request reuses it, so a
# PostgreSQL restart costs the requests made while it is down (503, portal.errors) and no
# more; a server that does not answer is given up on after DATABASE_CONNECT_TIMEOUT seconds.
DATABASE_CONNECT_TIMEOUT = 3
DATABASES = {
    "default": dj_database_url.parse(
        ENV_DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=60 if ENV_DATABASE_URL else 0,
        conn_health_checks=bool(ENV_DATABASE_URL),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # ?connect_timeout=... in DATABASE_URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "members.password_validation.MaximumLengthValidator", "OPTIONS": {"max_length": 256}},
]

LANGUAGE_CODE = "en"
# Interface languages: chosen with a cookie by Django's set_language view, no URL prefixes.
LANGUAGES = [("en", "English"), ("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(ENV_STATIC_ROOT) if ENV_STATIC_ROOT else VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(ENV_MEDIA_ROOT) if ENV_MEDIA_ROOT else VAR_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A request body (files aside) larger than this is refused with a 400 (Django's default, stated).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640

# Email: SMTP when EMAIL_HOST is set, otherwise printed to the console.
DEFAULT_FROM_EMAIL = ENV_EMAIL_URL["from"]
if ENV_EMAIL_URL["host"]:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = ENV_EMAIL_URL["host"]
    EMAIL_PORT = ENV_EMAIL_URL["port"]
    EMAIL_HOST_USER = ENV_EMAIL_URL["user"]
    EMAIL_HOST_PASSWORD = ENV_EMAIL_URL["password"]
    EMAIL_USE_TLS = ENV_EMAIL_URL["use_tls"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Accounts: nobody signs up without an invitation; members log in with their
# email address. Every login, reset and invitation goes through allauth, with
# its rate limits and second factor; Wagtail's own login and reset are off.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "members.forms.InvitedSignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# A reset for an unknown address sends nothing (allauth would offer a signup
# link, and signup is closed); the page reads the same either way.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# allauth's defaults (login_failed "10/m/ip,5/5m/key", reset "20/m/ip,5/m/key", ...)
# stay; the portal adds its own for opening and accepting invitation links.
ACCOUNT_RATE_LIMITS = {"invitation_accept": "10/m/ip,30/h/ip"}
ALLAUTH_TRUSTED_PROXY_COUNT = ENV_TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CTPN Knowledge Exchange"
# Accept the code of the neighbouring 30-second period too: phone clocks drift and a code
# typed at the end of its period is otherwise refused. allauth still accepts each code once.
MFA_TOTP_TOLERANCE = 1
USERSESSIONS_TRACK_ACTIVITY = True
# A session's "last seen" (the account's sessions screen) is written at most this often,
# not on every request (members.middleware.SessionActivityMiddleware): it is at most this stale.
MEMBERS_SESSION_ACTIVITY_SECONDS = 300
MEMBERS_INVITATION_DAYS = 14

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Wagtail
WAGTAIL_SITE_NAME = "CTPN Knowledge Exchange"
WAGTAILADMIN_BASE_URL = ENV_BASE_URL
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Privacy is "members" or named groups; shared passwords are switched off everywhere.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Documents always go through Django so that collection privacy is checked.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# Every document is downloaded, never shown inline as if it were a page of the portal.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# The upload form also reads each file: its content must be of the type its extension says.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.uploads.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# An unreadable file that starts like an image is refused with a message (portal.uploads).
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.uploads.ImageForm"
# Wagtail's database search, without its per-save rescan of the whole index (search/admin_search.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_search"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin shows initials, not avatars fetched from another site with a hash of each address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The public API (portal.api): page size and how deep paging may go.
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_OFFSET_MAX = 10_000
WAGTAILADMIN_COMMENTS_ENABLED = True
# Review emails ("Secretariat review" workflow): submissions go to the Secretariat
# group's members, once each (with superusers included, each reviewer would get a
# second, workflow-level copy); approvals and change requests go to the submitter.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Wagtail's own small tasks run at once; search index updates go through a durable
# queue in the database, run by `manage.py db_worker --queue-name search`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "search": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["search"]},
}

# Search: Elasticsearch when ELASTICSEARCH_URL is set, else the database backend.
# The alias readers query; versioned indexes behind it are named "<alias>-<timestamp>".
ELASTICSEARCH = {
    "URL": ENV_ELASTICSEARCH["url"],
    "API_KEY": ENV_ELASTICSEARCH["api_key"],
    "USERNAME": ENV_ELASTICSEARCH["username"],
    "PASSWORD": ENV_ELASTICSEARCH["password"],
    "CA_CERTS": ENV_ELASTICSEARCH["ca_certs"],
    "INDEX": ENV_ELASTICSEARCH["index"],
    "REPLICAS": ENV_ELASTICSEARCH["replicas"],
    "TIMEOUT": 5,
}
# After Elasticsearch fails, searches go to the database for this many seconds
# before Elasticsearch is tried again (so an outage does not slow every request).
SEARCH_FALLBACK_SECONDS = 30
SEARCH_PAGE_SIZE = 10
SEARCH_MAX_PAGE_SIZE = 50
SEARCH_MAX_RESULT_WINDOW = 10_000
# Search pages on Elasticsearch say its own time in a Server-Timing header (the benchmark
# harness reads it). Off by default: readers need not see how long the index took.
SEARCH_SERVER_TIMING = False
# Attachment text extraction, in a separate process with these limits.
SEARCH_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
SEARCH_ATTACHMENT_MAX_PAGES = 300
SEARCH_ATTACHMENT_MAX_CHARS = 1_000_000
SEARCH_ATTACHMENT_SECONDS = 20
SEARCH_ATTACHMENT_MEMORY_MB = 512
# Search analytics for the secretariat (insights.analytics): daily counts of anonymised queries,
# kept this many days; a query is listed in the report only once searched this many times in
# the period, so a one-off search (most likely to carry a name) is never shown.
SEARCH_ANALYTICS_DAYS = ENV_SEARCH_ANALYTICS_DAYS
SEARCH_ANALYTICS_MIN_SEARCHES = 2

# Saved-search alert emails (alerts.digest, `manage.py send_search_alerts`): a run looks at what
# was first published up to this long before it, so pages still being published and indexed
# are not passed over; an email lists at most ALERTS_MAX_ITEMS, then links to the rest.
ALERTS_SETTLE_SECONDS = 300
ALERTS_MAX_ITEMS = 50

# How long an anonymous visitor's copy of a public page is kept (portal.page_cache);
# any publish or privacy change makes earlier copies unreachable at once.
PAGE_CACHE_SECONDS = 300

# Listings
LISTING_PAGE_SIZE = 12
LISTING_MAX_PAGE_SIZE = 48

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Nothing is framed; Wagtail's preview panel sets SAMEORIGIN on its own responses.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script reads these cookies (the admin takes its CSRF token from the page).
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content Security Policy (portal.security; docs/deployment.md, "Security headers").
# Public pages, accounts and the API: the portal's own files only, nothing inline.
# "data:" images: the authenticator app's QR code (allauth) is one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin (under /admin/) writes inline scripts and styles into its pages, and
# shows the page being edited in a same-origin preview frame.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-ancestors": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # runserver logs request lines with query strings (invitation keys): errors only.
        "django.server": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        # One line per Elasticsearch request otherwise.
        "elastic_transport": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
