"""`manage.py import_transcript`: transcripts and JSON exports through `interviews.importing`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from interviews.importing.services import outlet_get_or_create, topic_get_or_create
from interviews.models import Interview, Outlet, Topic
from tests.interviews.test_exports import SEED_001, export_url, get_json, turn_rows

TALK = (
    "A Talk on Tides\n\nBy Ann Lee\n\n"
    "Ann Lee: How did you start?\n\nTom Reid: On my father's boat.\n"
)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_transcript", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_json_export_imports_with_format_json(client, sample_archive, tmp_path):
    _, data = get_json(client, export_url(SEED_001, "json"))
    original = Interview.objects.get(slug=SEED_001)
    data["source_url"] = ""  # else it updates the original
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    out, _ = run(path, "--format", "json")

    copy = Interview.objects.exclude(pk=original.pk).get(title=original.title)
    assert "1 created" in out
    assert copy.status == Interview.Status.DRAFT
    assert copy.outlet == original.outlet  # found by its slug, not created again
    assert turn_rows(copy) == turn_rows(original)


def test_a_file_that_is_not_an_export_is_refused_with_its_reason(db, tmp_path):
    not_json, wrong_schema = tmp_path / "a.json", tmp_path / "b.json"
    not_json.write_text("{oops", encoding="utf-8")
    wrong_schema.write_text(json.dumps({"schema": "other/9"}), encoding="utf-8")
    with pytest.raises(CommandError, match="2 of 2 file"):
        run(not_json, wrong_schema, "--format", "json")
    assert not Interview.objects.exists()


def test_the_outlet_and_topics_named_on_the_command_line_are_found_as_the_admin_finds_them(
    db, tmp_path
):
    outlet = Outlet.objects.create(name="The Tide Review", slug="tide-review")
    topic = Topic.objects.create(name="Oceans", slug="oceans")
    path = tmp_path / "talk.txt"
    path.write_text(TALK, encoding="utf-8")

    run(path, "--outlet", "the tide review", "--topic", "OCEANS", "--topic", "Boats")

    interview = Interview.objects.get()
    assert interview.outlet == outlet  # by name, whatever its case: not a second outlet
    assert sorted(interview.topics.values_list("name", flat=True)) == ["Boats", "Oceans"]
    assert Outlet.objects.count() == 1
    assert Topic.objects.filter(pk=topic.pk).exists()


@pytest.mark.parametrize(
    ("existing", "asked", "found"),
    [
        ({"name": "Wired", "slug": "wired"}, {"name": "WIRED"}, "wired"),
        ({"name": "Wired", "slug": "wired"}, {"name": "Wired Magazine", "slug": "wired"}, "wired"),
        ({"name": "Le Monde", "slug": "le-monde"}, {"name": "le  monde"}, "le-monde"),
        ({"name": "Wired UK", "slug": "wired"}, {"name": "Wired"}, "wired-2"),
    ],
)
def test_every_entry_point_finds_an_outlet_by_slug_then_name(db, existing, asked, found):
    Outlet.objects.create(**existing)
    assert outlet_get_or_create(**asked).slug == found


def test_a_new_outlet_or_topic_gets_a_free_slug(db):
    Outlet.objects.create(name="Something Else", slug="nature")
    outlet = outlet_get_or_create(name="Nature ", url="https://nature.example")
    assert (outlet.name, outlet.slug, outlet.url) == (
        "Nature",
        "nature-2",
        "https://nature.example",
    )
    assert topic_get_or_create(name="  ") is None
    assert outlet_get_or_create(name="") is None
    assert topic_get_or_create(name="Deep Learning").slug == "deep-learning"
