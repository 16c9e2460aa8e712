"""An editor in Chromium imports a PDF, a Word file, a saved web page and a link.

Each reaches the same preview as the pasted text would: the summary counts the text version's
turns and the page's comments, and saving writes them.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from interviews.importing.sources.reading import document_from_upload
from interviews.models import Interview
from interviews.transcript import parse
from tests.interviews.importing.corpus_files import corpus_entries

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"


def corpus_file(kind: str) -> tuple[Path, int]:
    """The first corpus file of a kind, with the number of turns its reader proposes."""
    for source, _ in corpus_entries(kind):
        document = document_from_upload(source.name, source.read_bytes())
        return source, len(parse(document.text).turns)
    pytest.fail(f"the corpus has no {kind} file")


def preview_summary(page) -> str:
    page.wait_for_selector(".import-summary")
    return page.locator(".import-summary").inner_text()


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_an_editor_uploads_a_file_and_reaches_its_preview(editor_page, live_server, kind):
    source, turns = corpus_file(kind)
    page = editor_page
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/admin/interviews/interview/import/")
    page.set_input_files("#id_file", str(source))
    page.get_by_role("button", name="Preview the import").click()
    assert f"{turns} turns" in preview_summary(page)


def test_an_editor_uploads_a_saved_page_and_saves_it_with_its_comments(
    editor_page, live_server, screenshot
):
    page = editor_page
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/admin/interviews/interview/import/")
    page.set_input_files("#id_file", str(SEEDS / "000_4dfcc7687fa37658.html"))
    page.get_by_role("button", name="Preview the import").click()
    summary = preview_summary(page)
    assert "28 turns" in summary
    assert "43 comments" in summary
    assert page.input_value("#id_title") == "An interview with Francois Chollet"
    screenshot("admin-import-saved-page")
    for checkbox in page.locator("input[name$='-confirmed']").all():
        checkbox.check()
    page.locator("button[name=action][value=save]").last.click()
    page.wait_for_url(f"{live_server.url}/admin/interviews/interview/*/change/")
    interview = Interview.objects.get()
    assert interview.comments.count() == 43
    assert interview.published_on.isoformat() == "2018-07-02"


class _SeedPage(BaseHTTPRequestHandler):
    body = (SEEDS / "000_4dfcc7687fa37658.html").read_bytes()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def seed_page_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SeedPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/2018/07/02/an-interview/"
    server.shutdown()
    server.server_close()


def test_an_editor_gives_a_link_on_an_allowed_host(
    editor_page, live_server, settings, seed_page_url
):
    page = editor_page
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/admin/interviews/interview/import/")

    # Loopback is internal: refused until the deployment allows the host.
    page.fill("#id_link", seed_page_url)
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_selector(".errorlist")
    assert "127.0.0.1" in page.locator(".errorlist").first.inner_text()

    settings.IMPORT_FETCH_ALLOWED_HOSTS = frozenset({"127.0.0.1"})
    page.fill("#id_link", seed_page_url)
    page.get_by_role("button", name="Preview the import").click()
    summary = preview_summary(page)
    assert "28 turns" in summary
    assert "43 comments" in summary
