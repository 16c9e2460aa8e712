"""The admin's import pages driven as an editor's browser drives them: paste, read the form, post.

Shared by the admin view tests, the source tests, the history tests and bench/import_preview.py.
"""

from pathlib import Path

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile

from interviews.importing.models import ImportDraft

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"
SEED_000 = (SEEDS / "000_4dfcc7687fa37658.txt").read_text(encoding="utf-8")
SEED_001 = (SEEDS / "001_25023ba15ad2cbed.txt").read_text(encoding="utf-8")

IMPORT_URL = "/admin/interviews/interview/import/"


def import_form(response) -> lxml.html.FormElement:
    """The page's import form (the admin's own forms, such as logging out, are left aside)."""
    page = lxml.html.document_fromstring(response.content.decode())
    (form,) = [form for form in page.forms if "/import/" in (form.action or "")]
    return form


# Input types a browser posts even when they carry no value attribute (as an empty value).
TYPED_INPUTS = "not(@type) or @type='text' or @type='hidden' or @type='number' or @type='url'"


def form_data(response) -> dict:
    """What a browser posts from the page's import form: every field's current value.

    `form_values()` is lxml's reading of a form as a browser submits it. Two HTML rules its HTML 4
    parser does not apply are applied here: the line break right after <textarea> is not part of
    the value, and a text box with no value attribute is posted empty rather than left out.
    """
    form = import_form(response)
    textareas = set(form.xpath(".//textarea/@name"))
    posted = form.form_values()
    named = {name for name, _ in posted}
    empty = form.xpath(f".//input[@name and not(@value) and not(@disabled) and ({TYPED_INPUTS})]")
    posted += [(box.name, "") for box in empty if box.name not in named]
    data: dict = {}
    for name, value in posted:
        if name in textareas:
            value = value.removeprefix("\r\n").removeprefix("\n")
        data[name] = [*_as_list(data[name]), value] if name in data else value
    return data


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def turn_rows(data: dict) -> list[dict]:
    """The turns of the page shown."""
    count = int(data["turns-TOTAL_FORMS"])
    return [
        {
            "speaker": data[f"turns-{i}-speaker"],
            "kind": data[f"turns-{i}-kind"],
            "text": data[f"turns-{i}-text"],
        }
        for i in range(count)
    ]


def paste(client, text, **hints):
    """Step 1, followed to the draft's preview page."""
    return client.post(IMPORT_URL, {"text": text, **hints}, follow=True)


def upload(client, content: bytes, name="transcript.txt"):
    return client.post(
        IMPORT_URL, {"file": SimpleUploadedFile(name, content, "text/plain")}, follow=True
    )


def draft_of(response) -> ImportDraft:
    return ImportDraft.objects.get(pk=response.resolver_match.kwargs["draft_id"])


def page_url(response) -> str:
    return response.request["PATH_INFO"] + (
        f"?{response.request['QUERY_STRING']}" if response.request.get("QUERY_STRING") else ""
    )


def submit(client, response, data, action, *, follow=True):
    """Post the page's fields (with the editor's changes in `data`) and press `action`."""
    return client.post(page_url(response), {**data, "action": action}, follow=follow)


def confirm_new_people(data: dict) -> dict:
    """Tick "create this person" on every speaker row."""
    count = int(data["speakers-TOTAL_FORMS"])
    return {**data, **{f"speakers-{i}-confirmed": "on" for i in range(count)}}
