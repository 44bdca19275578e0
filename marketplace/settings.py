"""Settings for the batik-centre marketplace.

Everything is read from the environment through one reader (django-environ). Every
variable has a safe development default and is listed in ``.env.example``; the
embedded default (SQLite file, local media, console e-mail, local-memory cache) needs
none. With ``DEBUG`` off, ``SECRET_KEY`` and ``ALLOWED_HOSTS`` have no default and
start-up stops with a clear message. Integrations switch on when their variables are
set: ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL``, ``AWS_STORAGE_BUCKET_NAME`` (S3),
``STRIPE_SECRET_KEY`` (with its publishable key and webhook secret).
"""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403 - Oscar's documented settings base

# Imports no model at load time: the dashboard menu calls it per user.
from marketplace.audit.nav import audit_trail_access
from marketplace.media.s3 import s3_media_settings
from marketplace.oscar_apps.order.statuses import ORDER_STATUS_PIPELINE, OrderStatus

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file is optional; real environment variables win over it.
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"), overwrite=False)

DEBUG = env.bool("DEBUG", default=True)


def _required_in_production(name: str, development_default):
    """Return the variable, or the development default while DEBUG is on.

    With DEBUG off a missing value stops start-up: a production shop must never run
    on a published secret key or accept any Host header.
    """
    if name in env.ENVIRON:
        return env(name) if name != "ALLOWED_HOSTS" else env.list(name)
    if DEBUG:
        return development_default
    raise ImproperlyConfigured(
        f"{name} must be set when DEBUG is off (see .env.example for what it means)."
    )


SECRET_KEY = _required_in_production(
    "SECRET_KEY", "django-insecure-development-only-key-never-use-in-production"
)
ALLOWED_HOSTS = _required_in_production(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -------------------------------------------------------------------
# Oscar's apps, with our forks in place of the ones whose behaviour we change. Forks
# keep Oscar's app labels; their folders say they are ours.
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # Sign-in protection: lockout after failed logins, TOTP second factor, CSP.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # Ground floor: who, and the request guards and audit trail everybody may use.
    "marketplace.centres.apps.CentresConfig",
    "marketplace.media.apps.MediaConfig",
    "marketplace.security.apps.SecurityConfig",
    "marketplace.audit.apps.AuditConfig",
    # Low floor: the payment gateway and exchange rates.
    "marketplace.payments.apps.PaymentsConfig",
    # Oscar, with forks.
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "marketplace.oscar_apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "marketplace.oscar_apps.shipping.apps.ShippingConfig",
    "catalogue_ext.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "marketplace.oscar_apps.partner.apps.PartnerConfig",
    "marketplace.oscar_apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "marketplace.oscar_apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "marketplace.oscar_apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "marketplace.oscar_apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "marketplace.oscar_apps.dashboard.orders.apps.OrdersDashboardConfig",
    "marketplace.oscar_apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    # Top floor: what happens to it.
    "marketplace.storefront.apps.StorefrontConfig",
    "marketplace.trace.apps.TraceConfig",
    "marketplace.demo.apps.DemoConfig",
    "marketplace.accounts.apps.AccountsConfig",
    "marketplace.sales.apps.SalesConfig",
    "marketplace.backoffice.apps.BackofficeConfig",
    "marketplace.stock.apps.StockConfig",
    "marketplace.listings.apps.ListingsConfig",
    "marketplace.workshop.apps.WorkshopConfig",
    # Oscar's third-party parts.
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
]

SITE_ID = 1

MIDDLEWARE = [
    # First: an oversize body is refused (413) before anything reads it.
    "marketplace.security.middleware.RequestSizeLimitMiddleware",
    "marketplace.security.middleware.NulCharacterMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "marketplace.security.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "marketplace.security.middleware.RateLimitMiddleware",
    "marketplace.audit.middleware.AuditContextMiddleware",
    "marketplace.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    # Last, as django-axes asks: turns a lockout into our 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Our templates first: they override the few Oscar templates we change.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT spent seconds compiling the catalogue's facet queries (measured on
    # 10,000 products: 9 s of JIT for a 0.5 s query); short web queries never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serves runserver's threads and several gunicorn workers in the bench. With
    # its default deferred BEGIN, a transaction that reads and then writes (placing an
    # order) failed at once with "database is locked" whenever another held the write
    # lock: the bench's checkouts on SQLite failed 2 of 12. IMMEDIATE takes the write
    # lock at BEGIN, waiting up to ``timeout`` seconds for it; WAL lets readers go on.
    sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    sqlite_options.setdefault("timeout", 20)
    sqlite_options.setdefault("init_command", "PRAGMA journal_mode=WAL")
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env("REDIS_URL", default="")
# Several shops (or a benchmark, or tests) can share one Redis under different prefixes.
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", default="marketplace")
# Seconds the catalogue's facet counts stay cached at most (0: not cached). Writes
# through Django drop them at once (catalogue_ext/facet_cache.py), but only in
# processes that share the cache: with several gunicorn workers and no Redis, each
# worker's local memory would keep counts another worker's write made stale. So the
# default caches them with Redis, or in development (one runserver process), not in
# production on local memory.
FACET_CACHE_SECONDS = env.int("FACET_CACHE_SECONDS", default=600 if REDIS_URL or DEBUG else 0)
if REDIS_URL:
    # Shared by every app server: cached fragments, sessions and rate-limit counters
    # live here, so any server can answer any request.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Room for a few thousand product cards per process (Django's default: 300).
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Auth ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = (
    # First: refuses a locked-out login before any password is checked.
    "marketplace.security.lockout.LockoutBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "customer:login"

# Lockout after repeated failed logins (django-axes; see README "Security"). Failures
# are counted per (login name, client IP) in the database, which every worker shares,
# so a lockout holds across processes with or without Redis. Counting per pair rather
# than per account keeps an attacker from locking a shop owner out from elsewhere;
# the per-IP rate limit on the login URLs below caps spraying many accounts.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "marketplace.security.lockout.login_name"
AXES_CLIENT_IP_CALLABLE = "marketplace.security.client_ip.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "marketplace.security.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept (data minimisation)
AXES_VERBOSE = False

# The optional TOTP second factor (django-otp): issuer shown in authenticator apps,
# and the paths that ask for the code once per session from users who turned it on.
OTP_TOTP_ISSUER = "Batik Nusantara"
OTP_ENFORCED_PATH_PREFIXES = ["/dashboard/", "/admin/"]

# --- Language, time, money ----------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

OSCAR_SHOP_NAME = "Batik Nusantara"
OSCAR_SHOP_TAGLINE = _("Batik from Indonesia's batik centres, traced to its maker")
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "IDR"
# Rupiah are shown without decimals (Rp150.000); dollars with cents.
OSCAR_CURRENCY_FORMAT = {
    "IDR": {"format": "¤#,##0", "currency_digits": False},
    "USD": {"format_type": "standard"},
}
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="toko@batik.example")
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "country")
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405
    {
        "label": _("Audit trail"),
        "icon": "fas fa-history",
        "url_name": "audit:list",
        "access_fn": audit_trail_access,
    },
]

# Order statuses and how they may follow each other (see order/statuses.py).
OSCAR_ORDER_STATUS_PIPELINE = ORDER_STATUS_PIPELINE
OSCAR_INITIAL_ORDER_STATUS = OrderStatus.AUTHORISED

# --- Payments -----------------------------------------------------------------------
# Card payments go to Stripe when all three keys are set; with none set they go to
# localstripe, the offline fake (started by `manage.py run_demo` and the tests) at
# LOCALSTRIPE_URL. Setting only some of the keys is a mistake and stops start-up.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
_stripe_keys = [STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET]
if any(_stripe_keys) and not all(_stripe_keys):
    raise ImproperlyConfigured(
        "Set all of STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET "
        "for real Stripe, or none of them for the offline fake (see .env.example)."
    )
STRIPE_OFFLINE = not all(_stripe_keys)
if STRIPE_OFFLINE:
    STRIPE_SECRET_KEY = "sk_test_localstripe"
    STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    STRIPE_WEBHOOK_SECRET = "whsec_localstripe"
    STRIPE_API_BASE = env("LOCALSTRIPE_URL", default="http://127.0.0.1:8420").rstrip("/")
    STRIPE_JS_URL = f"{STRIPE_API_BASE}/js.stripe.com/v3/"
else:
    STRIPE_API_BASE = ""  # Stripe's own API
    STRIPE_JS_URL = "https://js.stripe.com/v3/"

# Bank transfer (domestic buyers): the order's stock is held this long for the
# money to arrive; `manage.py expire_unpaid_orders` (cron) releases it afterwards.
BANK_TRANSFER_HOLD_HOURS = env.int("BANK_TRANSFER_HOLD_HOURS", default=24)
BANK_TRANSFER_ACCOUNT = env(
    "BANK_TRANSFER_ACCOUNT",
    default="Bank Demo 0123-4567-89 a.n. Koperasi Batik Nusantara (demo account)",
)
# Card payments still unsettled after this long are checked against Stripe by
# expire_unpaid_orders (a safety net should a webhook never arrive).
CARD_PAYMENT_STALE_MINUTES = env.int("CARD_PAYMENT_STALE_MINUTES", default=60)

# VAT (PPN): 12% × 11/12 = 11% effective on ordinary goods since 2025 (DOMAIN.md);
# domestic prices include it, export sales are zero-rated.
PPN_RATE = Decimal("0.11")

# Sales reports and settlements (marketplace/sales, README "Sales and settlements").
# Order statuses whose lines count as sales — money received; not "Awaiting
# payment", "Payment authorised" or "Cancelled".
SALES_REPORTED_ORDER_STATUSES = ("Paid", "Shipped", "Complete")
# Marketplace commission for centres without a rate of their own (a fraction).
SALES_DEFAULT_COMMISSION_RATE = Decimal("0.10")
# Buyers shipping here are domestic; everyone else is export.
SALES_HOME_COUNTRY = "ID"

# Dashboard menu: Oscar's, plus the artisan's workshop and the centre manager's review.
# Who sees an entry is decided by the roles (marketplace/oscar_apps/dashboard/nav.py).
OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION = "marketplace.oscar_apps.dashboard.nav.access_fn"
OSCAR_DASHBOARD_NAVIGATION = [  # noqa: F405 - Oscar's default menu comes first
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405
    {
        "label": _("My workshop"),
        "icon": "fas fa-store",
        "children": [
            {"label": _("Overview"), "url_name": "dashboard:workshop-index"},
            {"label": _("My stock"), "url_name": "dashboard:workshop-stock"},
            {"label": _("My products"), "url_name": "dashboard:workshop-product-list"},
            {"label": _("My orders"), "url_name": "dashboard:workshop-order-list"},
            {"label": _("My earnings"), "url_name": "dashboard:workshop-earnings"},
            {"label": _("Import stock (CSV)"), "url_name": "dashboard:workshop-stock-import"},
        ],
    },
    {
        "label": _("Listings to review"),
        "icon": "fas fa-clipboard-check",
        "url_name": "dashboard:listing-review-list",
    },
]

# The shop's public address, printed into trace QR codes and hang-tags (e.g.
# https://batik.example.id). Empty: the address the request came in on.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="")

# Browse and search run on the database (see README "Search"): Haystack stays
# installed because Oscar imports it, but no view of ours reads its index.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# --- Files --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Uploaded images: refused above these limits (see marketplace/media/images.py).
MEDIA_IMAGE_MAX_BYTES = env.int("MEDIA_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
MEDIA_IMAGE_MAX_PIXELS = env.int("MEDIA_IMAGE_MAX_PIXELS", default=40_000_000)

# Media in S3 or an S3-compatible store when a bucket is named. The settings are the
# global AWS_* ones django-storages reads whenever it builds an S3Storage, so
# sorl-thumbnail (which builds its own from the class path) uses the same endpoint.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    vars().update(
        s3_media_settings(
            bucket_name=AWS_STORAGE_BUCKET_NAME,
            endpoint_url=env("AWS_S3_ENDPOINT_URL", default=""),
            region_name=env("AWS_S3_REGION_NAME", default=""),
            custom_domain=env("AWS_S3_CUSTOM_DOMAIN", default=""),
            querystring_auth=env.bool("AWS_QUERYSTRING_AUTH", default=True),
            addressing_style=env("AWS_S3_ADDRESSING_STYLE", default=""),
        )
    )
    _media_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# sorl-thumbnail, behind Oscar's {% oscar_thumbnail %} (basket, checkout, dashboard;
# catalogue pages use the renditions made at upload instead). Each thumbnail is made
# once: its name and size are kept in the database and the cache (10 years), so later
# requests neither read the original nor write to storage.
THUMBNAIL_DEBUG = False
THUMBNAIL_PRESERVE_FORMAT = True
THUMBNAIL_QUALITY = 85
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_CACHE_TIMEOUT = 60 * 60 * 24 * 365 * 10

# --- E-mail -------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL
# Every e-mail leaves through a Celery task (marketplace/core/mail.py), which hands it
# to the backend EMAIL_URL names and retries while the mail server is down.
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # noqa: F405 - set from EMAIL_CONFIG just above
EMAIL_BACKEND = "marketplace.core.mail.TaskEmailBackend"

# --- Background work (Celery) -------------------------------------------------------
# Eager by default: tasks run inline, no broker or worker needed. Production:
# CELERY_TASK_ALWAYS_EAGER=False and a Redis broker (CELERY_BROKER_URL or REDIS_URL).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
# A task whose worker dies mid-way is delivered again; tasks are written to allow it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic tasks, run by one `celery -A marketplace beat` process.
CELERY_BEAT_SCHEDULE: dict = {
    # Bank-transfer holds run out and abandoned card payments are settled (the
    # command `expire_unpaid_orders` does the same from cron).
    "expire-unpaid-orders": {
        "task": "marketplace.oscar_apps.checkout.tasks.expire_unpaid_orders",
        "schedule": 10 * 60.0,  # seconds
    },
}

# --- Request size -------------------------------------------------------------------
# Bodies above these sizes are refused with 413 before they are read (see
# marketplace/security/middleware.py); the paths listed take uploads (dashboard,
# admin) and get the larger limit. Django's own limits stop oversize form data
# and too many fields or files.
REQUEST_MAX_BODY_BYTES = env.int("REQUEST_MAX_BODY_BYTES", default=1024 * 1024)
UPLOAD_MAX_BODY_BYTES = env.int("UPLOAD_MAX_BODY_BYTES", default=10 * 1024 * 1024)
UPLOAD_PATH_PREFIXES = env.list("UPLOAD_PATH_PREFIXES", default=["/dashboard/", "/admin/"])
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# --- Rate limits --------------------------------------------------------------------
# Requests per client IP per window, counted in the shared cache (Redis when REDIS_URL
# is set, so limits hold across workers). A rule matches Django URL names ("app:name")
# or path regular expressions and only the methods it lists; the answer is 429 with
# Retry-After. Apply a rule to a new view with @rate_limit("rule") or by adding its URL
# name here. RATE_LIMIT_SCALE multiplies every allowance (e.g. 10 for a load test).
RATE_LIMITS_ENABLED = env.bool("RATE_LIMITS_ENABLED", default=True)
RATE_LIMIT_SCALE = env.float("RATE_LIMIT_SCALE", default=1.0)
RATE_LIMITS = {
    "login": {
        "rate": "20/10m",
        "methods": ["POST"],
        "url_names": ["customer:login", "dashboard:login", "admin:login"],
    },
    "register": {"rate": "10/h", "methods": ["POST"], "url_names": ["customer:register"]},
    "password-reset": {"rate": "5/h", "methods": ["POST"], "url_names": ["password-reset"]},
    "second-factor": {"rate": "10/10m", "methods": ["POST"], "url_names": ["accounts:otp-verify"]},
    "search": {"rate": "60/m", "methods": ["GET"], "url_names": ["search:search"]},
    "basket-add": {"rate": "30/m", "methods": ["POST"], "url_names": ["basket:add"]},
    "contact": {
        "rate": "10/h",
        "methods": ["POST"],
        "url_names": ["catalogue:reviews-add", "customer:alert-create"],
    },
    "trace-json": {"rate": "120/m", "methods": ["GET"], "url_names": ["trace:json"]},
    "data-export": {"rate": "10/h", "methods": ["GET"], "url_names": ["accounts:data-export"]},
    "account-delete": {"rate": "10/h", "methods": ["POST"], "url_names": ["accounts:delete"]},
}

# --- Content-Security-Policy (django-csp 4) -----------------------------------------
# Everything is served from this site except Stripe.js and the media store. Scripts
# need this request's nonce (our base template's one inline script carries it) or
# come from 'self'/Stripe; Oscar's few inline event handlers are allowed by their
# exact hashes only (marketplace/security/csp.py). Styles allow inline attributes:
# Oscar's templates and widgets set style="" in many places.
# STRIPE_JS_URL and STRIPE_API_BASE also feed the policy at response time, so a test
# or demo that points them at localstripe on 127.0.0.1:<port> is allowed by the CSP.
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *env.list("CSP_IMG_SRC", default=[])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Security -----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 14)
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Client IPs (rate limits, lockout, audit): REMOTE_ADDR, or the address this many
# trusted proxies back in X-Forwarded-For when the shop runs behind them.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    OSCAR_BASKET_COOKIE_SECURE = True
    OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    if env.bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging ------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
