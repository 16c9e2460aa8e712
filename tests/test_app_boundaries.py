"""The apps stand alone: `people` is a leaf that imports nothing from `interviews`.

Read from the source with `ast`, so that an import inside a function counts as much as one at
the top of a module, and an import that would only fail later (a cycle Python happens to
resolve today) is caught now.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project's own packages: the imports between them make the graph.
PACKAGES = ("config", "interviews", "people")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_modules() -> dict[str, Path]:
    return {
        _module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
    }


def _imported_names(module: str, path: Path) -> set[str]:
    """Every module the source names in an import statement, wherever the statement is."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            # "from config import archive_version" imports the module config.archive_version.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _import_graph() -> dict[str, set[str]]:
    """Each project module and the project modules it imports."""
    modules = _project_modules()
    return {
        module: {name for name in _imported_names(module, path) if name in modules}
        for module, path in modules.items()
    }


def _names_interviews(name: str) -> bool:
    return name == "interviews" or name.startswith("interviews.")


def _reachable(graph: dict[str, set[str]], start: str) -> dict[str, str | None]:
    """Every module `start` imports, directly or through others, with the module that led there."""
    came_from: dict[str, str | None] = {start: None}
    waiting = [start]
    while waiting:
        module = waiting.pop()
        for imported in graph.get(module, ()):
            if imported not in came_from:
                came_from[imported] = module
                waiting.append(imported)
    return came_from


def _path_to(came_from: dict[str, str | None], module: str) -> list[str]:
    path = [module]
    while came_from[path[-1]] is not None:
        path.append(came_from[path[-1]])
    return path[::-1]


def test_no_module_under_people_imports_interviews():
    offenders = {
        module: sorted(filter(_names_interviews, _imported_names(module, path)))
        for module, path in _project_modules().items()
        if module.split(".")[0] == "people"
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_people_modules_are_all_read():
    # The walk above proves nothing if it finds no module to read.
    people = [module for module in _project_modules() if module.split(".")[0] == "people"]
    assert {"people.models", "people.admin", "people.selectors"} <= set(people)


def test_people_never_reaches_interviews_so_the_two_apps_make_no_cycle():
    # interviews imports people (Person); were people to reach interviews through any module of
    # the project (config's included), the two apps would import each other.
    graph = _import_graph()
    assert any(_names_interviews(module) and "people.models" in graph[module] for module in graph)
    reaching = {}
    for module in graph:
        if module.split(".")[0] == "people":
            came_from = _reachable(graph, module)
            found = sorted(filter(_names_interviews, came_from))
            if found:
                reaching[module] = " -> ".join(_path_to(came_from, found[0]))
    assert reaching == {}


def test_the_graph_sees_imports_inside_functions_and_relative_imports(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "from . import models\n"
        "from ..interviews import selectors\n"
        "def later():\n"
        "    import interviews.models\n"
        "    from config import archive_version\n"
    )
    names = _imported_names("people.sample", source)
    assert {"people.models", "interviews.selectors", "interviews.models"} <= names
    assert "config.archive_version" in names


# Django starts with `people` installed and `interviews` not, loads people's models and admin,
# and then every module under people/ imports without bringing in interviews.
STANDALONE = """
from config.settings import *  # noqa: F403
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "interviews"]  # noqa: F405
"""
IMPORT_EVERY_PEOPLE_MODULE = """
import importlib, pkgutil, sys
import django
django.setup()
import people
for found in pkgutil.walk_packages(people.__path__, "people."):
    importlib.import_module(found.name)
loaded = sorted(name for name in sys.modules if name.split(".")[0] == "interviews")
print("interviews modules loaded:", loaded)
sys.exit(1 if loaded else 0)
"""


def test_people_loads_in_a_project_without_interviews(tmp_path):
    (tmp_path / "people_alone_settings.py").write_text(STANDALONE)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "people_alone_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DJANGO_DEBUG": "1",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_PEOPLE_MODULE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
