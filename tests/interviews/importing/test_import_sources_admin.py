"""Importing from a PDF, a Word file, a saved web page or a link, through the admin's step 1.

Whatever came in, the editor reaches the same preview as for the pasted text: these tests compare
the draft each source makes with the draft its text version makes, and check that every refusal
is a sentence on the page with nothing stored.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interviews.importing.models import ImportDraft
from interviews.importing.sources.reading import document_from_upload
from interviews.models import Comment, Interview, Turn
from interviews.transcript import parse
from tests.interviews.importing.admin_pages import (
    IMPORT_URL,
    SEED_000,
    SEEDS,
    confirm_new_people,
    draft_of,
    form_data,
    paste,
    submit,
)
from tests.interviews.importing.corpus_files import (
    corpus_entries,
    text_version,
    without_inline_marks,
)

SEED_000_HTML = (SEEDS / "000_4dfcc7687fa37658.html").read_bytes()
SEED_001_HTML = (SEEDS / "001_25023ba15ad2cbed.html").read_bytes()
CANONICAL_000 = "https://www.pyimagesearch.com/2018/07/02/an-interview-with-francois-chollet/"


def upload(client, name: str, content: bytes, **fields):
    """Step 1 with a file, followed to the preview (or back to step 1 with its errors)."""
    return client.post(
        IMPORT_URL, {"file": SimpleUploadedFile(name, content), **fields}, follow=True
    )


def speech_and_captions(draft: ImportDraft) -> list[tuple[str, str, str]]:
    """(speaker label, kind, text with whitespace collapsed) of every turn of a draft."""
    labels = {speaker["key"]: speaker["label"] for speaker in draft.state["speakers"]}
    return [
        (labels.get(turn["speaker"], ""), turn["kind"], " ".join(turn["text"].split()))
        for turn in draft.state["turns"]
    ]


def thread_size(thread: list[dict]) -> tuple[int, int]:
    """(top-level comments, all comments) of a draft's thread."""
    count, stack = 0, list(thread)
    while stack:
        count += 1
        stack.extend(stack.pop()["replies"])
    return len(thread), count


def assert_refused(response, sentence: str):
    assert response.status_code == 200
    assert response.resolver_match.url_name == "interviews_interview_import"
    assert sentence in response.content.decode()
    assert ImportDraft.objects.count() == 0
    assert Interview.objects.count() == 0


# --- The seed page as a saved web page -------------------------------------------------------


@pytest.fixture
def html_000(admin_client, db):
    response = upload(admin_client, "an-interview-with-francois-chollet.html", SEED_000_HTML)
    assert response.resolver_match.url_name == "interviews_interview_import_draft"
    return response


def test_the_saved_seed_page_gives_the_turns_of_its_text(admin_client, html_000):
    from_html = speech_and_captions(draft_of(html_000))
    from_text = speech_and_captions(draft_of(paste(admin_client, SEED_000)))
    kinds = [kind for _, kind, _ in from_html]
    assert kinds.count("question") == kinds.count("answer") == 12
    assert kinds.count("caption") == 4
    assert from_html == from_text


def without_page_author_marks(thread: list[dict]) -> tuple[list[dict], int]:
    """The thread without its "by_page_author" marks (which only markup shows), and their count."""
    marks, stack = 0, list(thread)
    while stack:
        comment = stack.pop()
        marks += bool(comment.pop("by_page_author", False))
        stack.extend(comment["replies"])
    return thread, marks


def test_the_saved_seed_page_gives_its_43_comments_threaded(admin_client, html_000):
    from_html = draft_of(html_000).state["comments"]
    assert thread_size(from_html) == (33, 43)
    from_text = draft_of(paste(admin_client, SEED_000)).state["comments"]
    # The page's markup marks Adrian Rosebrock's replies as its author's; its text cannot.
    unmarked, marks = without_page_author_marks(from_html)
    assert marks == 9
    assert unmarked == from_text


def test_the_preview_says_which_comments_keep_the_page_authors_badge(html_000):
    assert html_000.content.decode().count("marked as the page's author") == 9


def test_the_saved_seed_page_fills_the_details_from_its_metadata(html_000):
    state = draft_of(html_000).state
    assert state["details"]["title"] == "An interview with Francois Chollet"
    assert state["details"]["published"] == "2018-07-02"
    assert state["details"]["byline"] == "Adrian Rosebrock"
    assert state["details"]["source_url"] == CANONICAL_000
    assert state["source"]["kind"] == "file"
    assert draft_of(html_000).source == "an-interview-with-francois-chollet.html"


def test_the_pages_menus_are_set_aside_in_view_not_lost(html_000):
    ignored = draft_of(html_000).state["notes"]["ignored"]
    assert any("Leave a Reply" in line for line in ignored)
    assert "Leave a Reply" in html_000.content.decode()


def test_pasted_html_is_read_as_the_page_it_is(admin_client, html_000):
    pasted = paste(admin_client, SEED_000_HTML.decode("utf-8"))
    assert speech_and_captions(draft_of(pasted)) == speech_and_captions(draft_of(html_000))
    assert thread_size(draft_of(pasted).state["comments"]) == (33, 43)


def test_the_second_seed_page_gives_the_turns_of_its_text(admin_client, db):
    from_html = upload(admin_client, "datacamp.html", SEED_001_HTML)
    text = (SEEDS / "001_25023ba15ad2cbed.txt").read_text(encoding="utf-8")
    from_text = paste(admin_client, text)
    assert speech_and_captions(draft_of(from_html)) == speech_and_captions(draft_of(from_text))
    details = draft_of(from_html).state["details"]
    assert details["published"] == "2017-12"


def test_saving_an_uploaded_page_writes_turns_and_threaded_comments(admin_client, html_000):
    saved = submit(admin_client, html_000, confirm_new_people(form_data(html_000)), "save")
    assert saved.status_code == 200
    interview = Interview.objects.get()
    assert interview.source_url == CANONICAL_000
    assert Turn.objects.filter(interview=interview).count() == 28
    assert Comment.objects.filter(interview=interview).count() == 43
    assert Comment.objects.filter(interview=interview, parent__isnull=False).count() == 10
    badges = Comment.objects.filter(interview=interview).exclude(verified_as="")
    assert set(badges.values_list("author_name", "verified_as", "verified_by")) == {
        ("Adrian Rosebrock", "interviewer", "import")
    }
    assert badges.count() == 9


def test_going_back_from_a_page_keeps_its_comments_and_details(admin_client, html_000):
    assert "Back to the text of the file" in html_000.content.decode()
    back = submit(admin_client, html_000, {}, "back")
    assert "This text was read from the file" in back.content.decode()
    assert "its 43 comments" in back.content.decode()
    again = admin_client.post(IMPORT_URL, form_data(back), follow=True)
    draft = draft_of(again)
    assert draft.pk == draft_of(html_000).pk
    assert thread_size(draft.state["comments"]) == (33, 43)
    assert draft.state["details"]["published"] == "2018-07-02"


# --- PDF and Word files from the corpus ------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [source for source, _ in corpus_entries("pdf") + corpus_entries("docx")],
    ids=lambda source: source.name,
)
def test_a_corpus_file_reaches_the_preview_its_reader_proposes(admin_client, db, source):
    """The admin shows what the reader and the parser make of the file (how well they read
    each file is the readers' tests' business: test_source_pdf.py, test_source_word.py)."""
    from_file = upload(admin_client, source.name, source.read_bytes())
    assert from_file.resolver_match.url_name == "interviews_interview_import_draft"
    document = document_from_upload(source.name, source.read_bytes())
    parsed = document.apply_to(parse(document.text))
    shown = [(kind, text) for _, kind, text in speech_and_captions(draft_of(from_file))]
    assert shown == [(turn.kind, " ".join(turn.text.split())) for turn in parsed.turns]
    assert len(shown) > 0
    assert draft_of(from_file).state["notes"]["ignored"][: len(document.set_aside)] == (
        document.set_aside
    )


def test_a_word_file_gives_the_turns_of_its_text_version(admin_client, db):
    source, provenance = corpus_entries("docx")[0]
    from_file = upload(admin_client, source.name, source.read_bytes())
    from_text = paste(admin_client, text_version(provenance))
    assert [
        (speaker, kind, without_inline_marks(text))
        for speaker, kind, text in speech_and_captions(draft_of(from_file))
    ] == [
        (speaker, kind, without_inline_marks(text))
        for speaker, kind, text in speech_and_captions(draft_of(from_text))
    ]


# --- Refusals: a sentence on step 1, nothing stored ------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "sentence"),
    [
        ("interview.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer\n%%EOF", "PDF"),
        ("interview.pdf", b"Q: Is this a PDF?\n\nA: No, it is text.", "PDF"),
        ("interview.docx", b"PK\x03\x04" + b"\x00" * 60, "Word"),
        ("interview.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, ".docx"),
        ("page.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "article"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file cannot be read"),
    ],
    ids=["corrupt-pdf", "text-named-pdf", "broken-zip", "old-doc", "no-article", "image"],
)
def test_a_file_that_cannot_be_read_is_refused_in_words(admin_client, db, name, content, sentence):
    assert_refused(upload(admin_client, name, content), sentence)


def test_a_csv_zipped_as_docx_is_refused(admin_client, db):
    import io
    import zipfile

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("data.csv", "a,b\n1,2\n")
    assert_refused(upload(admin_client, "interview.docx", archive.getvalue()), "Word")


def test_a_file_over_the_limit_is_refused_unread(admin_client, db, settings):
    settings.IMPORT_MAX_FILE_BYTES = 1000
    assert_refused(upload(admin_client, "big.pdf", b"%PDF-1.4\n" + b"0" * 2000), "the limit is")


def test_a_paste_a_file_and_a_link_together_are_refused(admin_client, db):
    response = admin_client.post(
        IMPORT_URL,
        {"text": SEED_000, "link": "https://example.org/interview"},
        follow=True,
    )
    assert_refused(response, "only one")


# --- A link, served on loopback and allowed by the setting -----------------------------------


class _Pages(BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self):
        content_type, body = self.pages.get(self.path, ("text/plain", b"not found"))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def page_server():
    _Pages.pages = {
        "/interview": ("text/html; charset=utf-8", SEED_000_HTML),
        "/paper.pdf": ("application/pdf", b"%PDF-1.4\n"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_link_on_an_allowed_host_gives_the_pages_preview(admin_client, db, settings, page_server):
    settings.IMPORT_FETCH_ALLOWED_HOSTS = frozenset({"127.0.0.1"})
    response = admin_client.post(IMPORT_URL, {"link": f"{page_server}/interview"}, follow=True)
    assert response.resolver_match.url_name == "interviews_interview_import_draft"
    draft = draft_of(response)
    assert draft.state["source"]["kind"] == "link"
    assert draft.source == f"{page_server}/interview"
    assert thread_size(draft.state["comments"]) == (33, 43)
    assert draft.state["details"]["source_url"] == CANONICAL_000
    saved = submit(admin_client, response, confirm_new_people(form_data(response)), "save")
    assert saved.status_code == 200
    interview = Interview.objects.get()
    from reversion.models import Version

    comment = Version.objects.get_for_object(interview).first().revision.comment
    assert comment.startswith(f"Imported from link {page_server}/interview")


def test_a_link_to_loopback_is_refused_without_the_allow_list(admin_client, db, page_server):
    response = admin_client.post(IMPORT_URL, {"link": f"{page_server}/interview"}, follow=True)
    assert_refused(response, "127.0.0.1")


def test_a_link_to_a_pdf_is_refused_with_what_to_do(admin_client, db, settings, page_server):
    settings.IMPORT_FETCH_ALLOWED_HOSTS = frozenset({"127.0.0.1"})
    response = admin_client.post(IMPORT_URL, {"link": f"{page_server}/paper.pdf"}, follow=True)
    assert_refused(response, "application/pdf")


@pytest.mark.parametrize(
    "link",
    [
        "http://10.0.0.1/interview",
        "http://[::1]/interview",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "gopher://example.org/",
    ],
)
def test_links_to_internal_addresses_and_other_schemes_are_refused(admin_client, db, link):
    response = admin_client.post(IMPORT_URL, {"link": link}, follow=True)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert ImportDraft.objects.count() == Interview.objects.count() == 0


@pytest.mark.parametrize(
    "link",
    [
        "http://example.org/" + "a" * 2100,
        "http://[::1",
        "http://exa mple.org/",
        "http://%00/",
        "javascript:alert(1)",
        "http://example.org:99999/",
        "http://０x7f000001/",
        "https://user:secret@example.org/",
    ],
    ids=["long", "bracket", "space", "nul", "javascript", "port", "fullwidth", "password"],
)
def test_a_malformed_link_is_a_form_error_not_a_server_error(admin_client, db, link):
    response = admin_client.post(IMPORT_URL, {"link": link}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errorlist' in page
    assert "secret" not in page.replace(link, "")
    assert ImportDraft.objects.count() == Interview.objects.count() == 0
