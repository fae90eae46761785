"""Settings of the KPU news portal, read from the environment (see README, "Settings")."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
DEFAULT_SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"


def env_bool(name, default):
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default, minimum=1):
    value = os.environ.get(name, str(default)).strip()
    if not value.isdigit() or int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {value!r}.")
    return int(value)


def env_seconds(name, default):
    value = os.environ.get(name, str(default)).strip()
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1
    if not 0 < seconds < 3600:
        raise ImproperlyConfigured(f"{name} must be a number of seconds such as 1 or 0.5, not {value!r}.")
    return seconds


def parse_database_url(name, default=None):
    url = os.environ.get(name, default)
    if not url:
        return None
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} is malformed ({exc}). Example: postgres://user@host:5432/kpuportal"
        ) from exc
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name} names no database engine: {url!r}")
    if config["ENGINE"].endswith("sqlite3"):
        # Writers queue for SQLite's one write lock; wait for it rather than fail a busy moment.
        config.setdefault("OPTIONS", {}).setdefault("timeout", 20)
    return config


DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# Development only: every satker's site also answers at http://<slug>.localhost:8000/ (browsers
# resolve *.localhost to this machine without DNS; satker/directory_cache.py).
SATKER_LOCALHOST_SITES = DEBUG
if SATKER_LOCALHOST_SITES:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost"]
# The national portal's address, for absolute links (canonical, share, feeds); https in production.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "https://www.kpu.go.id").rstrip("/")
if not DEBUG and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured(f"SITE_URL must start with https:// when DJANGO_DEBUG is off, not {SITE_URL!r}.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ckeditor",
    "taggit",
    "satker",
    "news",
    "news.pages",
    "news.commissioners",
    "news.elections",
    "pagecache",
    "legacy",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "viewcount",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "api",
    "ops",
]

MIDDLEWARE = [
    "ops.requestlog.RequestLogMiddleware",  # first: every answer gets a request id and a log line
    "django.middleware.security.SecurityMiddleware",
    "ops.headers.PermissionsPolicyMiddleware",
    "ops.headers.PortalCSPMiddleware",  # django-csp, relaxed for the admin only (docs/security.md)
    "ops.outage.OutageMiddleware",  # database away: 503 page; disk full: 507 (docs/security.md)
    "corsheaders.middleware.CorsMiddleware",  # before anything that answers: preflights too (docs/api.md)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kpuportal.replica.PublicReadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "satker.middleware.SatkerSiteMiddleware",
    "legacy.middleware.OldLinkMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "satker.twofactor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "kpuportal.urls"
WSGI_APPLICATION = "kpuportal.wsgi.application"

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
                "satker.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": parse_database_url("DATABASE_URL", DEFAULT_SQLITE_URL)}
if replica := parse_database_url("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = replica
DATABASE_ROUTERS = ["kpuportal.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kpuportal",
            # Redis away: fail fast and read as a cache miss, so pages keep working (docs/security.md).
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# View counter (docs/view-counter.md). With REDIS_URL, counts are batched in Redis.
VIEWCOUNT_WINDOW_MINUTES = env_int("KPU_VIEW_WINDOW_MINUTES", 30)
VIEWCOUNT_FLUSH_SECONDS = env_int("KPU_VIEW_FLUSH_SECONDS", 60)
# Beacons one visitor id may send a minute (a flood from one browser).
VIEWCOUNT_VISITOR_RATE = env_int("KPU_VIEW_VISITOR_RATE", 30)
# Beacons for one article from one network (IPv4 address, IPv6 /64) a minute: above the 2,000
# distinct readers one carrier-NAT address may bring to a hot article, far below a script's
# 20,000 made-up visitor ids (docs/view-counter.md, "Limits").
VIEWCOUNT_NETWORK_RATE = env_int("KPU_VIEW_NETWORK_RATE", 5000)
# Beacons from one network a minute over all articles: one carrier address on an election night.
VIEWCOUNT_NETWORK_TOTAL_RATE = env_int("KPU_VIEW_NETWORK_TOTAL_RATE", 10000)
VIEWCOUNT_REDIS_PREFIX = "kpuportal:viewcount"
# The benchmark's do-nothing view (bench/views.py) is routed only when this is on.
KPU_BENCH = env_bool("KPU_BENCH", default=False)
if KPU_BENCH:  # outermost: counts every query of a request, for bench/run.py's table
    MIDDLEWARE.insert(0, "bench.querycount.QueryCountMiddleware")

# Public pages are kept this many seconds at most (0: off); any change to their content
# invalidates them at once (pagecache/pages.py), so this only bounds how late view counts show.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
# With Redis, cached pages are also kept in each process's memory, in front of Django, up to
# this many megabytes per process (0: off); pagecache/frontcache.py.
FRONT_CACHE_MB = env_int("FRONT_CACHE_MB", 24, minimum=0)
# Response headers that belong to one request, never replayed from that memory (besides the
# request id, which it makes afresh).
FRONT_CACHE_PER_REQUEST_HEADERS = ["X-Bench-Queries"] if KPU_BENCH else []

# The edge: Varnish servers in front of the app servers (docs/deployment.md, pagecache/edge.py).
# With their addresses set, public pages tell the edge their tags and how long it may keep them,
# and every change purges the tags it touches on each of them. Without: no edge headers, no purges.
EDGE_VARNISH_URLS = env_list("KPU_EDGE_VARNISH_URLS", "")
EDGE_PURGER = os.environ.get(
    "KPU_EDGE_PURGER", "pagecache.purgers.VarnishPurger" if EDGE_VARNISH_URLS else "pagecache.purgers.NoPurger"
)
# How long the edge keeps a page at most; sooner when a scheduled article is due, or at midnight
# in the site's zone (the date shown on the page).
EDGE_TTL_SECONDS = env_int("KPU_EDGE_TTL_SECONDS", 6 * 3600)
EDGE_PURGE_TIMEOUT = env_seconds("KPU_EDGE_PURGE_TIMEOUT", 1.0)
# The headers that carry a page's tags: Varnish's xkey; add "Surrogate-Key" or "Cache-Tag" for a
# CDN that reads them. A longer tag list falls back to the tag every page carries.
EDGE_TAG_HEADERS = env_list("KPU_EDGE_TAG_HEADERS", "xkey")
EDGE_TAGS_MAX_LENGTH = env_int("KPU_EDGE_TAGS_MAX_LENGTH", 4000)
# Purges a Varnish did not take are kept and sent again; past this many tags for one server its
# whole cache is declared stale instead (one purge of the tag every page carries).
EDGE_PENDING_MAX_TAGS = env_int("KPU_EDGE_PENDING_MAX_TAGS", 500)
# When the content of a generation key changes by itself (a scheduled article goes public).
PAGE_NEXT_CHANGE = "news.scheduling.next_publication"

# Open read API under /api/v1/ (docs/api.md): read-only, anonymous, rate-limited per client IP.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("KPU_API_RATE", "120/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Portal Berita KPU",
    "DESCRIPTION": "Read-only news of the 553 KPU satker. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from our own static files (drf-spectacular-sidecar): no CDN, no validator call.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia"))]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))  # bench/ collects elsewhere
STATICFILES_DIRS = [BASE_DIR / "static"]
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
# Uploaded media in S3-compatible object storage (django-storages) when a bucket is named;
# the local file system otherwise (docs/deployment.md). boto3 reads AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY from the environment itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # MinIO, Ceph, a cloud's S3
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None  # a CDN in front of the bucket
    AWS_QUERYSTRING_AUTH = False  # public news images: plain URLs that browsers and CDNs cache
    AWS_DEFAULT_ACL = None  # the bucket's policy decides who reads
    AWS_S3_FILE_OVERWRITE = False  # a new upload never replaces another article's image
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=DEBUG)  # off when nginx or object storage serves /media/

# Uploads: the image validator enforces its own 10 MB limit with a clear message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TAGGIT_CASE_INSENSITIVE = True

# CKEditor 4 (django-ckeditor): admin-only, see README "Security". The server-side
# sanitizer (news/sanitize.py) decides what HTML is stored, never the editor.
CKEDITOR_CONFIGS = {
    "default": {
        "language": "id",
        "versionCheck": False,
        "height": 420,
        "width": "100%",
        "toolbar": [
            ["Format", "Bold", "Italic", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "Iframe"],
            ["PasteFromWord", "Undo", "Redo", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": "exportpdf",
        # Uploads go by XHR to news/newsroom/editor_upload.py, which checks CSRF, staff and the image.
        "extraPlugins": "uploadimage",
        "filebrowserUploadMethod": "xhr",
        "filebrowserBrowseUrl": "",  # no server browser: it would list other satkers' files
        "pasteFromWordRemoveFontStyles": True,
        "removeDialogTabs": "image:advanced;link:advanced;iframe:advanced",
    }
}

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # every page: the editor uploads by XHR (news/newsroom/editor_upload.py), not in a frame
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The reader's address behind a proxy (ops/clientip.py), for the lock-out, the audit trail, the view
# counter and the API rate limit: a request.META key such as HTTP_X_REAL_IP. KPU_VIEW_CLIENT_IP_HEADER
# is its older, view-counter-only name, still read when the new one is unset.
KPU_CLIENT_IP_HEADER = (
    os.environ.get("KPU_CLIENT_IP_HEADER") or os.environ.get("KPU_VIEW_CLIENT_IP_HEADER") or "REMOTE_ADDR"
).strip()
# "X-Real-IP" would never match, and every reader would silently be the proxy again.
if KPU_CLIENT_IP_HEADER != "REMOTE_ADDR" and not (
    KPU_CLIENT_IP_HEADER.startswith("HTTP_")
    and KPU_CLIENT_IP_HEADER.replace("_", "").isalnum()
    and KPU_CLIENT_IP_HEADER.isupper()
):
    raise ImproperlyConfigured(
        "KPU_CLIENT_IP_HEADER must be REMOTE_ADDR or a request.META key such as HTTP_X_REAL_IP, "
        f"not {KPU_CLIENT_IP_HEADER!r}."
    )

# Staff accounts (docs/newsroom.md, "Accounts"): lock-out after repeated failed logins, and TOTP
# two-factor login, optional unless KPU_REQUIRE_2FA is on.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_VERBOSE = False  # no start-up banner on every manage.py command
# By username and address together, never one alone: a guesser elsewhere cannot lock an editor out,
# and one office's shared address does not lock its colleagues (satker/lockout.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "ops.clientip.client_ip"  # the reader's address behind nginx, not the proxy's
AXES_COOLOFF_TIME = "satker.lockout.cool_off"  # 1, 5, 15, then 30 minutes per repeated lock-out
# Each attempt row expires by itself: axes' other clean-up deletes every row older than the asking
# request's cool-off, which would end a longer lock-out elsewhere early.
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_HANDLER = "satker.lockout.LockoutHandler"  # remembers a lock-out for a day, so the next one is longer
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock-out ends when its page says
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "satker.lockout.lockout_response"  # templates/newsroom/lockout.html, in minutes
KPU_REQUIRE_2FA = env_bool("KPU_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "Portal Berita KPU"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy (django-csp; docs/security.md): no inline script or style on public pages.
# JSON-LD <script type="application/ld+json"> is data, not script: CSP does not apply to it.
# ops/headers.py relaxes style-src for the admin and CKEditor only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],  # imported bodies may show images from the old sites
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com"],  # news/sanitize.py
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SILENCED_SYSTEM_CHECKS = [
    # CKEditor 4 is unsupported upstream; kept by the owner's choice and contained.
    # See README, "Security: the editor".
    "ckeditor.W001",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.requestlog.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
