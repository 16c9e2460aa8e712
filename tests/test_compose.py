"""compose.yaml: the production topology of docs/deployment.md, read as Docker Compose reads it.

No Docker engine runs the tests: they check that the file is valid YAML with the topology's
services, that every variable it gives the site is one the site reads, and that the proxy's
template gets every value it needs.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SITE_SERVICES = ("app1", "app2", "migrate")
# Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME:?error}.
INTERPOLATION = re.compile(r"\$\{(\w+)(?::[-?][^}]*)?\}")

# Run in a fresh interpreter: which environment variables loading the settings and
# gunicorn.conf.py reads, with the environment a compose service gives them.
RECORD_READS = """
import json, os, runpy, sys

class RecordingEnvironment(dict):
    read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

os.environ = RecordingEnvironment(os.environ)
import config.settings
runpy.run_path("gunicorn.conf.py")
print(json.dumps(sorted(RecordingEnvironment.read)))
"""


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())


def interpolated(value: str) -> str:
    """The value as compose would set it, with a stand-in for each variable from .env."""
    return INTERPOLATION.sub(lambda match: f"{match.group(1).lower()}-value", str(value))


def variables_read_with(environment: dict[str, str]) -> set[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "GUNICORN_"))
    }
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", RECORD_READS],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_compose_yaml_is_the_topology_of_the_deployment_guide(compose):
    assert set(compose["services"]) == {
        "proxy",
        "app1",
        "app2",
        "migrate",
        "redis",
        "db-primary",
        "db-replica",
    }
    assert compose["services"]["app1"] == compose["services"]["app2"]
    assert compose["services"]["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    guide = (PROJECT_ROOT / "docs" / "deployment.md").read_text()
    for service in compose["services"]:
        assert f"`{service}`" in guide, f"docs/deployment.md does not describe {service}"


@pytest.mark.parametrize("service", SITE_SERVICES)
def test_every_variable_compose_gives_the_site_is_one_it_reads(compose, service):
    environment = {
        name: interpolated(value)
        for name, value in compose["services"][service]["environment"].items()
    }
    read = variables_read_with(environment)
    assert set(environment) - read == set()


def test_the_site_reads_the_primary_and_the_replica_it_is_given(compose):
    environment = compose["services"]["app1"]["environment"]
    assert "@db-primary:5432/" in environment["DATABASE_URL"]
    assert "@db-replica:5432/" in environment["DATABASE_REPLICA_URL"]
    # The release step migrates the primary alone.
    assert compose["services"]["migrate"]["environment"]["DATABASE_REPLICA_URL"] == ""


def test_the_proxy_template_gets_every_value_it_uses(compose):
    proxy = compose["services"]["proxy"]
    template = PROJECT_ROOT / "deploy" / "nginx" / "archive.conf.template"
    mounted = {volume.split(":")[0] for volume in proxy["volumes"]}
    assert f"./{template.relative_to(PROJECT_ROOT)}" in mounted
    uses = set(re.findall(r"\$\{(\w+)\}", template.read_text()))
    assert uses == set(proxy["environment"])
    upstreams = {proxy["environment"]["APP_1"], proxy["environment"]["APP_2"]}
    assert upstreams == {"app1:8000", "app2:8000"}


def test_the_site_trusts_the_proxy_and_nothing_else(compose):
    proxy_address = compose["services"]["proxy"]["networks"]["archive"]["ipv4_address"]
    environment = compose["services"]["app1"]["environment"]
    assert environment["DJANGO_TRUSTED_PROXIES"] == proxy_address
    assert environment["GUNICORN_FORWARDED_ALLOW_IPS"] == proxy_address


def test_the_files_compose_mounts_are_in_the_repository(compose):
    for service in compose["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./") and not source.endswith("/tls"):
                assert (PROJECT_ROOT / source).is_file(), source
