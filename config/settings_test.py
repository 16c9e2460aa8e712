"""Settings for the test suite: the production settings with test-only shortcuts.

The database still comes from DATABASE_URL, so the same suite runs on SQLite and PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests do not run collectstatic, so the manifest storage would have nothing to read.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Persistent connections would keep the test database open between tests that stop PostgreSQL.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Tests serve static files from the app and project folders, never from a collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The test client and the browser tests' live server speak plain http; the tests of the security
# headers send X-Forwarded-Proto: https, or switch the redirect back on.
SECURE_SSL_REDIRECT = False
# client.login() authenticates without a request, which django-axes refuses; the lockout tests
# switch it back on.
AXES_ENABLED = False
# Facet counts are keyed by the archive's version, which goes up after a commit: inside a test's
# transaction it never does, so tests count facets afresh unless they turn the cache on.
FACET_CACHE_SECONDS = 0
# Whole public pages are kept under the archive's version too, for the same reason turned off but
# where a test turns them on (tests/interviews/test_http_caching.py).
PAGE_CACHE_SECONDS = 0
# No statement_timeout unless a test asks for one: a SET inside a test's transaction is undone
# with it, so it would be sent again on every request and count in the tests of query counts.
PUBLIC_STATEMENT_TIMEOUT_MS = 0
# Uploads go to a folder of this test run's own, never to the checkout's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="archive-test-media-"))  # noqa: F405
