"""Write what an editor gets by selecting a saved page in a browser and copying it.

    .venv/bin/python tests/interviews/importing/corpus/tools/copy_as_text.py web_x.html [...]

For each page, writes `web_x.txt` beside it: Chromium's `innerText` of the body, which is what
"select all, copy" puts on the clipboard (block elements on their own lines, hidden elements
left out, no markup). The page is opened from disk with JavaScript off and every request that
is not a local file aborted, so nothing is downloaded and no script rewrites the page.

Needs Playwright (in the project's .venv) and Debian's Chromium at /usr/bin/chromium. Run by
hand when a page is added; the tests only read the .txt files this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"


def _local_files_only(route: Route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def copy_as_text(pages: list[Path]) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", _local_files_only)
        page = context.new_page()
        for path in pages:
            page.goto(path.resolve().as_uri(), wait_until="load")
            text = page.inner_text("body")
            path.with_suffix(".txt").write_text(text.rstrip("\n") + "\n", encoding="utf-8")
            print(f"{path.with_suffix('.txt').name}: {len(text)} characters")
        browser.close()


if __name__ == "__main__":
    copy_as_text([Path(name) for name in sys.argv[1:]])
