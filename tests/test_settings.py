"""Settings read from the environment, checked in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VARIABLES = (
    "DATABASE_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
)

SHOW_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "NAME": str(settings.DATABASES["default"]["NAME"]),
    "CONN_MAX_AGE": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "postgres_app": "django.contrib.postgres" in settings.INSTALLED_APPS,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def load_settings(**environment):
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_mode_runs_with_a_development_key_on_a_local_sqlite_file():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["DEBUG"] is True
    assert settings["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["NAME"] == str(PROJECT_ROOT / "db.sqlite3")
    assert settings["postgres_app"] is False


def test_production_settings_with_a_key():
    result = load_settings(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="archive.example.org, www.archive.example.org",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://archive.example.org",
    )
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["archive.example.org", "www.archive.example.org"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://archive.example.org"]
    assert settings["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings["CONN_MAX_AGE"] > 0
    assert settings["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize("debug", ["0", "false", "no", ""])
def test_debug_is_off_unless_switched_on(debug):
    result = load_settings(DJANGO_DEBUG=debug, DJANGO_SECRET_KEY="x" * 50)
    assert json.loads(result.stdout)["DEBUG"] is False


def test_a_postgres_url_switches_engine_and_adds_contrib_postgres():
    result = load_settings(
        DJANGO_DEBUG="1", DATABASE_URL="postgres://archive:secret@db.internal:5432/archive"
    )
    settings = json.loads(result.stdout)
    assert settings["ENGINE"] == "django.db.backends.postgresql"
    assert settings["NAME"] == "archive"
    assert settings["postgres_app"] is True


def clean_environment(**environment) -> dict[str, str]:
    """This process's environment without any setting of the site's, plus `environment`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_")) and k != "DATABASE_URL"
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings")
    return env


def run_python(*arguments: str, **environment) -> subprocess.CompletedProcess:
    """python ARGUMENTS in the project, with only `environment` set of the site's variables."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT_ROOT,
        env=clean_environment(**environment),
        capture_output=True,
        text=True,
        timeout=120,
    )


def load_settings_value(*expressions: str, **environment) -> list:
    """The values of `settings.EXPRESSION`, read in a fresh interpreter with that environment."""
    code = "import json\nfrom django.conf import settings\n" + "print(json.dumps([{}]))".format(
        ", ".join(f"settings.{expression}" for expression in expressions)
    )
    result = run_python("-c", code, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# What README.md ("Production") and .env.example document for a production server.
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "kq3-Jx8vN2pW_rT5yZ0aB7cD1eF4gH6iJ9kL2mN5oP8qR1sT4uV7wX0yZ3aB6cD9eF",
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
    "DATABASE_URL": "postgres://archive:secret@db.internal:5432/interview_archive",
    "DJANGO_SECURE_HSTS_PRELOAD": "1",
}


def test_production_settings_pass_the_deployment_checks_without_a_warning():
    result = run_python(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENVIRONMENT
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


SECURITY_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
)


def test_production_is_https_only_by_default():
    values = load_settings_value(*SECURITY_SETTINGS, DJANGO_SECRET_KEY="x" * 50)

    assert values == [True, True, True, 31_536_000, True, False]


def test_development_serves_plain_http():
    values = load_settings_value(*SECURITY_SETTINGS, DJANGO_DEBUG="1")

    assert values == [False, False, False, 0, False, False]


def test_each_https_setting_can_be_changed_from_the_environment():
    values = load_settings_value(
        *SECURITY_SETTINGS,
        "SECURE_REFERRER_POLICY",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_HSTS_SECONDS="3600",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        DJANGO_SECURE_HSTS_PRELOAD="1",
        DJANGO_REFERRER_POLICY="strict-origin-when-cross-origin",
    )

    assert values == [False, False, False, 3600, False, True, "strict-origin-when-cross-origin"]


def test_the_page_cache_shares_the_redis_of_the_other_caches_under_its_own_prefix():
    [caches] = load_settings_value(
        "CACHES", DJANGO_DEBUG="1", DJANGO_CACHE_URL="redis://cache.internal:6379/2"
    )

    assert caches["pages"]["LOCATION"] == caches["default"]["LOCATION"]
    assert caches["pages"]["BACKEND"] == caches["default"]["BACKEND"]
    assert caches["default"]["BACKEND"] == "config.degrading_cache.DegradingRedisCache"
    assert caches["pages"]["KEY_PREFIX"] == "pages"


def test_the_page_cache_is_the_processs_memory_by_default_and_sized_by_the_environment():
    caches, seconds, s_maxage = load_settings_value(
        "CACHES",
        "PAGE_CACHE_SECONDS",
        "PUBLIC_PAGE_S_MAXAGE",
        DJANGO_DEBUG="1",
        DJANGO_PAGE_CACHE_ENTRIES="50",
        DJANGO_PAGE_CACHE_SECONDS="120",
        DJANGO_PUBLIC_PAGE_S_MAXAGE="30",
    )

    assert caches["pages"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert caches["pages"]["OPTIONS"] == {"MAX_ENTRIES": 50}
    assert (seconds, s_maxage) == (120, 30)


PRIMARY_URL = "postgres://archive:pw@db-primary:5432/archive"
REPLICA_URL = "postgres://archive:pw@db-replica:5432/archive"


def test_a_replica_url_adds_a_replica_of_the_primary_and_no_url_adds_none():
    replica, primary = load_settings_value(
        'DATABASES["replica"]',
        'DATABASES["default"]',
        DJANGO_DEBUG="1",
        DATABASE_URL=PRIMARY_URL,
        DATABASE_REPLICA_URL=REPLICA_URL,
    )
    assert (replica["HOST"], replica["NAME"]) == ("db-replica", "archive")
    # JIT off on both; the replica gives up connecting after 2 s (its reads then go to the primary).
    assert replica["OPTIONS"] == {**primary["OPTIONS"], "connect_timeout": 2}
    assert replica["CONN_MAX_AGE"] == primary["CONN_MAX_AGE"]
    # In the tests the replica alias reads the test database itself.
    assert replica["TEST"]["MIRROR"] == "default"
    (aliases,) = load_settings_value(
        "DATABASES.keys().__len__()",
        DJANGO_DEBUG="1",
        DATABASE_URL=PRIMARY_URL,
        DATABASE_REPLICA_URL="",
    )
    assert aliases == 1


def test_a_replica_of_another_kind_of_database_is_refused():
    result = run_python(
        "-c",
        "import django; django.setup()",
        DJANGO_DEBUG="1",
        DATABASE_REPLICA_URL=REPLICA_URL,
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL must be a replica of DATABASE_URL" in result.stderr
