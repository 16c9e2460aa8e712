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
