"""Settings for the interview archive, read from the environment.

Every variable is documented in `.env.example`. With nothing set the site runs in
production mode on a local SQLite file and refuses to start without a secret key;
`DJANGO_DEBUG=1` is the development switch.
"""

import datetime
import os
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import csp.constants
import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.deprecation import RemovedInDjango60Warning

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode (DJANGO_DEBUG off) needs a long random "
            "secret key: export DJANGO_SECRET_KEY=... (see .env.example), or set DJANGO_DEBUG=1 "
            "for local development."
        )
    # A fixed key is harmless in development and keeps sessions valid across restarts.
    SECRET_KEY = "django-insecure-development-key-only-used-when-DJANGO_DEBUG-is-on"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "localhost,127.0.0.1"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if USING_POSTGRES and not env_bool("DJANGO_POSTGRES_JIT"):
    # PostgreSQL compiles a query whose estimated cost is high, and a page's query can look
    # costly while it reads a few rows (the bounded search stops early): the compilation then
    # took 0.7 s of a 30 ms search. A page's queries are short; JIT is for reports.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "axes",
    "reversion",
    "people",
    "interviews",
]
if USING_POSTGRES:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("django.contrib.staticfiles"), "django.contrib.postgres"
    )

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the database: a NUL byte in the path, a header, the query string
    # or a form is a 400 that says so (PostgreSQL refuses NUL in text: it would be a 500).
    "config.malformed_input.MalformedInputMiddleware",
    # Before anything that reads the database (sessions, users): sets PostgreSQL's
    # statement_timeout for the request, and answers a statement cancelled by it with a 503.
    "config.statement_timeout.StatementTimeoutMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Needs request.user; fills request.POST before CsrfViewMiddleware reads it in process_view,
    # which Django calls only once every middleware's request phase has run.
    "config.request_limits.RequestLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a database that does not answer into the 503 page (templates/503.html).
    "config.outage.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# A streaming read replica of the PostgreSQL database (optional), e.g.
# postgres://user:pw@replica-host:5432/name: public page reads go there, while writes, the admin,
# migrations and a client's reads for READ_YOUR_WRITES_SECONDS after it wrote go to the primary
# (config/db_router.py). Without it the router sends everything to "default", as with no router.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL must be a replica of DATABASE_URL, on the same kind of "
            "database (a PostgreSQL hot standby of a PostgreSQL primary)."
        )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    # A replica that does not answer sends its reads to the primary (config/db_router.py): a
    # host gone from the network must not hold a request for libpq's default (no limit).
    DATABASES["replica"]["OPTIONS"]["connect_timeout"] = 2
    # The tests read the replica alias as the test database itself (Django's test mirror).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]
# Before anything that reads the database: the request's database is chosen first.
MIDDLEWARE.insert(
    MIDDLEWARE.index("config.statement_timeout.StatementTimeoutMiddleware"),
    "config.db_router.ReadReplicaMiddleware",
)
# Seconds a client that wrote (a comment) reads the primary: longer than the replica's lag.
READ_YOUR_WRITES_SECONDS = int(os.environ.get("DJANGO_READ_YOUR_WRITES_SECONDS", "10"))

# django-axes checks every login attempt before Django's own backend does.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Imported comment times are stored as the source page printed them, read as UTC.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded recordings and figure images (interviews.Recording, interviews.Figure), stored through
# STORAGES["default"]: this folder by default.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
# Whether the site answers MEDIA_URL itself, from MEDIA_ROOT, with Range requests
# (config/media_serving.py): in development, or where no web server in front does it. In the
# documented production setup nginx serves /media/ (deploy/nginx/archive.conf.template).
MEDIA_SERVED_BY_APP = DEBUG or env_bool("DJANGO_SERVE_MEDIA")
# Where uploads are kept (docs/media.md): "filesystem" (MEDIA_ROOT, the default) or "s3", an
# S3-compatible object store through django-storages, configured by the AWS_* variables below.
MEDIA_STORAGE_ORIGINS: list[str] = []  # where browsers fetch stored media, if not this site


def s3_media_origins(options: dict) -> list[str]:
    """The https origins an object store serves its files from, for the CSP's media-src."""
    if options["custom_domain"]:
        return [f"https://{options['custom_domain']}"]
    bucket = options["bucket_name"]
    if options["endpoint_url"]:
        endpoint = urlsplit(options["endpoint_url"])
        # Path-style (endpoint/bucket/key) or virtual-hosted (bucket.endpoint/key) addresses.
        return [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{bucket}.{endpoint.netloc}",
        ]
    region = options["region_name"]
    hosts = [f"{bucket}.s3.amazonaws.com"] + (
        [f"{bucket}.s3.{region}.amazonaws.com"] if region else []
    )
    return [f"https://{host}" for host in hosts]


MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem").strip().lower() or "filesystem"
if MEDIA_STORAGE == "s3":
    try:
        import storages.backends.s3  # noqa: F401
    except ImportError as error:
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_STORAGE=s3 needs django-storages and boto3, which are optional: "
            "pip install 'interview-archive[s3]' (see docs/media.md)."
        ) from error
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip():
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME, the bucket uploads go to "
            "(see docs/media.md)."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"].strip(),
            # None: Amazon S3 itself; else any S3-compatible store (MinIO, Ceph, R2, ...).
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME", "").strip() or None,
            # Public media, served by the store (or a CDN in front of it) by plain URLs that
            # never expire: the pages are cached, a signed URL would go stale in them.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "default_acl": os.environ.get("AWS_DEFAULT_ACL", "").strip() or None,
            "location": os.environ.get("AWS_LOCATION", "").strip(),
            # Never overwrite: a name already taken gets a suffix, as on the file system.
            "file_overwrite": False,
        },
    }
    # Keys come from boto3's usual places: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the
    # environment, a profile, or the machine's role.
    MEDIA_STORAGE_ORIGINS = s3_media_origins(STORAGES["default"]["OPTIONS"])
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured(
        f"DJANGO_MEDIA_STORAGE is {MEDIA_STORAGE!r}: it must be 'filesystem' (the default) or 's3'."
    )
# The largest recording an editor may upload; an upload streams to a temporary file on disk
# (Django's TemporaryFileUploadHandler past FILE_UPLOAD_MAX_MEMORY_SIZE), never whole in memory.
MEDIA_MAX_UPLOAD_BYTES = int(
    os.environ.get("DJANGO_MEDIA_MAX_UPLOAD_BYTES", str(500 * 1024 * 1024))
)
# Hosts an external recording's URL may name (https only). The Content-Security-Policy's
# media-src allows exactly these besides the site itself; none by default.
MEDIA_EXTERNAL_HOSTS = [host.lower() for host in env_list("DJANGO_MEDIA_EXTERNAL_HOSTS")]
# A figure's image (interviews/figures.py) may be this large as uploaded; it is re-encoded at
# most FIGURE_MAX_WIDTH wide, far smaller. Under the admin's request limit above, so that the
# form's own message, not a 413 page, answers a file over it.
FIGURE_MAX_UPLOAD_BYTES = int(
    os.environ.get("DJANGO_FIGURE_MAX_UPLOAD_BYTES", str(15 * 1024 * 1024))
)

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# JSON that keeps times to the microsecond, for the edit history and for backups.
SERIALIZATION_MODULES = {"exactjson": "config.exact_json"}

# Request bodies: Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE 2.5 MB, 1,000 fields) hold
# for every form, the public comment form and the admin login included. Only a signed-in staff
# member posting to the admin gets these larger ones (config/request_limits.py): the transcript
# import takes a 2 MB paste with its preview, an interview's change form has fields for every turn.
ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE = int(
    os.environ.get("DJANGO_ADMIN_DATA_UPLOAD_MAX_MEMORY_SIZE", str(16 * 1024 * 1024))
)
ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS = int(
    os.environ.get("DJANGO_ADMIN_DATA_UPLOAD_MAX_NUMBER_FIELDS", "50000")
)

# The import preview shows a long transcript this many turns at a time; an unfinished import is
# kept this many days after its last change (listed in the admin as "Unfinished imports").
IMPORT_PREVIEW_TURNS_PER_PAGE = 100
IMPORT_DRAFT_DAYS = 7
# An import may start from a file: a PDF or a Word document is larger than the text it holds
# (fonts, pictures), so it may be this large; the admin's request limit above must exceed it.
IMPORT_MAX_FILE_BYTES = int(os.environ.get("DJANGO_IMPORT_MAX_FILE_BYTES", str(15 * 1024 * 1024)))
# ...or from a link, fetched by the server (interviews/importing/sources/fetch.py): only public
# addresses, unless the host is named here (comma-separated host names, for an intranet site or
# the tests' local server); at most this long and this large.
IMPORT_FETCH_ALLOWED_HOSTS = frozenset(
    host.strip().lower()
    for host in os.environ.get("DJANGO_IMPORT_FETCH_ALLOWED_HOSTS", "").split(",")
    if host.strip()
)
IMPORT_FETCH_TIMEOUT_SECONDS = float(os.environ.get("DJANGO_IMPORT_FETCH_TIMEOUT_SECONDS", "10"))
IMPORT_FETCH_MAX_BYTES = int(os.environ.get("DJANGO_IMPORT_FETCH_MAX_BYTES", str(5 * 1024 * 1024)))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A URL typed without a scheme is taken as https, in every form: Django 6's default, already now.
# Django 5 calls the setting deprecated as soon as it is set (6.0 drops it, its value becoming the
# default): expected, so not shown. Remove both with the upgrade.
FORMS_URLFIELD_ASSUME_HTTPS = True
warnings.filterwarnings(
    "ignore",
    message="The FORMS_URLFIELD_ASSUME_HTTPS transitional setting is deprecated",
    category=RemovedInDjango60Warning,
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = os.environ.get("DJANGO_REFERRER_POLICY", "same-origin")
# HTTPS only, in production: plain http is redirected (a request is secure when the proxy says
# so in X-Forwarded-Proto), cookies never travel over http, and browsers remember to use https
# (HSTS). DJANGO_DEBUG turns all of it off, for http://127.0.0.1 in development.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Off unless asked: the preload list is a commitment for the whole domain, hard to undo.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site only,
# nothing inline, no plugins, no framing. The pages and the admin load only their own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.constants.SELF],
        "script-src": [csp.constants.SELF],
        "style-src": [csp.constants.SELF],
        "img-src": [csp.constants.SELF],
        "font-src": [csp.constants.SELF],
        "connect-src": [csp.constants.SELF],
        # Recordings: the site's own files, and external ones from the allowed hosts only.
        "media-src": [
            csp.constants.SELF,
            *MEDIA_STORAGE_ORIGINS,
            *(f"https://{host}" for host in MEDIA_EXTERNAL_HOSTS),
        ],
        "object-src": [csp.constants.NONE],
        "base-uri": [csp.constants.SELF],
        "form-action": [csp.constants.SELF],
        "frame-ancestors": [csp.constants.NONE],
    }
}

# Admin login throttling (django-axes): after this many failed attempts for one username from
# one address, that pair is locked out for the cool-off time; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.admin_lockout.login_locked_out"
# The username as posted, cut to the length axes can store (a longer one is a form error first).
AXES_USERNAME_CALLABLE = "config.admin_lockout.login_username"
# The client's address behind the proxies below, as the comment rate limit reads it too.
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
# Not the start-up banner: management commands print to the same standard output.
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
    },
}

INTERVIEWS_PER_PAGE = 20

# Proxies (IP addresses) whose X-Forwarded-For names the client, for the comment rate limit and
# the login throttling; without them, behind a proxy, every visitor has the proxy's address.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")

# Reader comments: how many a client may post per window ("count/seconds"), then 429.
COMMENT_RATE_LIMIT = os.environ.get("DJANGO_COMMENT_RATE_LIMIT", "5/600")

# The cache (facet counts, comment rate limits): the process's own memory, unless
# DJANGO_CACHE_URL names a shared one, e.g. redis://127.0.0.1:6379/1. Facet counts are keyed by
# the archive's version, so they are right with either; rate limits need a shared cache as soon
# as there is more than one worker.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip()
# The "pages" cache holds whole public pages for anonymous readers (interviews/http_caching.py):
# in Redis beside the rest, under its own prefix, so that every instance serves what one rendered;
# otherwise in the process's memory, at most DJANGO_PAGE_CACHE_ENTRIES pages (least recently used
# go first). Pages are keyed by the archive's version: a change makes the next request miss, and
# the old pages are left to expire.
PAGE_CACHE_ENTRIES = int(os.environ.get("DJANGO_PAGE_CACHE_ENTRIES", "300"))
# Redis through config.degrading_cache: while it does not answer, a read is a miss and a write
# is dropped, so pages render uncached instead of failing (the comment rate limit then counts
# per process, config/ratelimit.py).
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "config.degrading_cache.DegradingRedisCache",
            "LOCATION": CACHE_URL,
        },
        "pages": {
            "BACKEND": "config.degrading_cache.DegradingRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "pages",
        },
    }
elif CACHE_URL in ("", "locmem://"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
        },
    }
else:
    raise ImproperlyConfigured(
        f"DJANGO_CACHE_URL={CACHE_URL!r} is not a cache this site knows: use redis://host:port/db "
        "or leave it unset for the process's own memory."
    )
# Seconds the rendered turns and comment thread of an interview's page are kept, under the
# archive's version (any change renders them anew); 0 renders them on every request.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("DJANGO_FRAGMENT_CACHE_SECONDS", "600"))
# Seconds facet counts are kept; 0 counts them on every request.
FACET_CACHE_SECONDS = int(os.environ.get("DJANGO_FACET_CACHE_SECONDS", "600"))
# Seconds a browser or a shared cache may keep a public page (lists, feeds) without asking again.
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("DJANGO_PUBLIC_PAGE_MAX_AGE", "60"))
# Seconds a shared cache (a proxy, a CDN) may keep a public page without asking again.
PUBLIC_PAGE_S_MAXAGE = int(os.environ.get("DJANGO_PUBLIC_PAGE_S_MAXAGE", "300"))
# Seconds a public page rendered for an anonymous reader is kept in the "pages" cache and served
# to the next one (under the archive's version); 0 renders every page, which stays public.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
# A search ranks, counts and facets no more than this many matching interviews, the first the
# index finds; a search that matches more says so and asks for another word or a filter.
SEARCH_RANK_CANDIDATES = int(os.environ.get("DJANGO_SEARCH_RANK_CANDIDATES", "1000"))
# PostgreSQL's statement_timeout, in milliseconds, for the database work of a reader's request
# and of the admin's (config/statement_timeout.py); 0 sets no limit. Management commands have
# none. A reader's page that hits it is a 503 that says so, not an outage page.
PUBLIC_STATEMENT_TIMEOUT_MS = int(os.environ.get("DJANGO_PUBLIC_STATEMENT_TIMEOUT_MS", "3000"))
ADMIN_STATEMENT_TIMEOUT_MS = int(os.environ.get("DJANGO_ADMIN_STATEMENT_TIMEOUT_MS", "0"))
