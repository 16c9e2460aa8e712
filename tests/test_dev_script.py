"""`./dev`, run as the README shows it, with the virtualenv these tests run in (DEV_VENV).

./dev installs requirements only when its stamp in the virtualenv is stale; a virtualenv it did
not make has no stamp, and the tests would have it install from the network: they skip instead.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)

pytestmark = pytest.mark.skipif(
    not (VENV / ".requirements.sha256").exists(),
    reason=f"{VENV} was not set up by ./dev (no .requirements.sha256): it would install",
)


def dev(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    # A fresh clone's environment: no settings module or debug flag from the test run.
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DEV_VENV": str(VENV),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    return subprocess.run(
        [str(ROOT / "dev"), *args],
        cwd=tmp_path,  # ./dev works from its own checkout whatever the caller's directory
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_the_commands(tmp_path):
    result = dev("help", tmp_path=tmp_path)
    assert result.returncode == 0
    for command in ("serve [--keep] [PORT]", "test [PYTEST ARGS]", "reload-sample", "manage ARGS"):
        assert command in result.stdout


def test_manage_runs_manage_py_in_development_mode(tmp_path):
    result = dev("manage", "check", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_manage_without_a_command_says_what_to_give(tmp_path):
    result = dev("manage", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "manage: say which command, e.g. ./dev manage changepassword admin" in result.stderr


def test_serve_takes_keep_before_the_port_and_refuses_a_bad_port(tmp_path):
    result = dev("serve", "--keep", "eighty", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "serve: the port must be a number, not 'eighty'" in result.stderr
