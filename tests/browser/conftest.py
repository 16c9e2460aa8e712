"""A real Chromium, driven by Playwright, against Django's live test server.

Debian's chromium package is used as it is (`playwright install` cannot download here). On a
machine without it these tests are skipped with that reason; CI installs it and fails on a skip.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
# Installed by `./dev test` from package.json (npm ci); nothing is fetched while the tests run.
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 740}

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test itself
# are still synchronous, so Django's guard against async contexts does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM} (apt install chromium)")
                )


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            # The machine has no network beyond loopback: keep Chromium from calling home.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    # The site's Content-Security-Policy stays in force: a page whose scripts it blocks fails.
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save the page as screenshots/NAME.png (git-ignored), to look at after a run."""

    def take(name: str, *, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def screenshots_at_both_widths(page, screenshot):
    """Screenshots of the page as it is, at desktop and at phone width: NAME-desktop/-mobile."""

    def take(name: str) -> None:
        for width_name, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
            page.set_viewport_size(viewport)
            screenshot(f"{name}-{width_name}")
        page.set_viewport_size(DESKTOP)

    return take


@pytest.fixture
def axe_violations(page):
    """Run axe-core on the page; the violations at or above `impacts`, as readable lines."""
    if not AXE_SCRIPT.exists():
        pytest.skip(f"needs axe-core at {AXE_SCRIPT}: run ./dev test, which installs it (npm ci)")

    def check(impacts=("serious", "critical")) -> list[str]:
        # Evaluated by Playwright, not added as a <script>: the page's CSP rightly refuses those.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
        results = page.evaluate("async () => await axe.run(document)")
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            for violation in results["violations"]
            if violation["impact"] in impacts
        ]

    return check


@pytest.fixture
def sample(transactional_db):
    """The sample archive, for tests that run against the live server."""
    call_command("loaddata", "sample_archive", verbosity=0)


def sign_in(page, live_server, username: str, password: str):
    """Sign the page in to the admin through its login form; the page is on the admin's index."""
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.fixture
def editor_page(page, live_server, django_user_model):
    """A page logged in to the admin as a superuser."""
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct horse")
    return sign_in(page, live_server, "editor", "correct horse")


def editors_group():
    """The "Editors" group with the permissions its migrations give it (people/0002,
    interviews/0011 and 0012), made again where it is missing.

    A live-server test empties every table when it ends, the rows the data migrations wrote
    included, so a later test in the same run finds no group. The lists are the migrations' own.
    """
    from importlib import import_module

    from django.contrib.auth.models import Group, Permission

    people_0002 = import_module("people.migrations.0002_editors_group")
    recordings_0011 = import_module("interviews.migrations.0011_recording_editors_and_message")
    figures_0012 = import_module("interviews.migrations.0012_figure_editor_permissions")
    group, created = Group.objects.get_or_create(name=people_0002.EDITORS)
    if created:
        codenames = {
            (app_label, f"{action}_{model}")
            for (app_label, model), actions in people_0002.EDITOR_PERMISSIONS.items()
            for action in actions
        }
        codenames |= {("interviews", f"{action}_recording") for action in recordings_0011.ACTIONS}
        codenames |= {("interviews", codename) for codename in figures_0012.FIGURE_PERMISSIONS}
        group.permissions.add(
            *(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in sorted(codenames)
            )
        )
    return group


@pytest.fixture
def site_serves_media(settings, monkeypatch):
    """MEDIA_URL answered by the site's own view (config/media_serving.py), as under runserver.

    Django's live server puts a handler of its own in front of MEDIA_URL, which answers with
    django.views.static.serve, without byte ranges; here it lets the requests through.
    """
    from django.test import testcases

    settings.MEDIA_SERVED_BY_APP = True
    monkeypatch.setattr(testcases._MediaFilesHandler, "_should_handle", lambda self, path: False)
