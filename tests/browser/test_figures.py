"""An editor attaches an image to a caption in Chromium; a reader sees it without the page jumping.

Media is served by the site's own view (site_serves_media) from a folder of this test's own.
"""

import pytest
from playwright.sync_api import expect

from interviews.models import Figure, Turn
from tests.interviews import figure_images as images

pytestmark = pytest.mark.django_db(transaction=True)

CAPTION_POSITION = 25


@pytest.fixture
def media_served(settings, tmp_path, site_serves_media):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def interview_with_caption(make_interview):
    """A published interview of 30 turns whose 25th, far below the fold, is a caption."""
    interview = make_interview(turns=30)
    interview.turns.filter(position=CAPTION_POSITION).update(
        kind=Turn.Kind.CAPTION,
        speaker=None,
        speaker_label="",
        text="Figure 1: the layers of the model",
    )
    return interview


def test_an_editor_attaches_an_image_and_the_reader_sees_it_in_its_reserved_box(
    media_served,
    editor_page,
    live_server,
    interview_with_caption,
    tmp_path,
    screenshot,
    axe_violations,
):
    interview = interview_with_caption
    page = editor_page
    change_url = f"{live_server.url}/admin/interviews/interview/{interview.pk}/change/?turns=3"
    page.goto(change_url)
    page.get_by_role("link", name="Attach an image").click()
    page.wait_for_url("**/admin/interviews/figure/add/?turn=*")
    expect(page.locator("#id_turn option:checked")).to_have_text(
        f"Caption {CAPTION_POSITION}: Figure 1: the layers of the model"
    )

    screenshot("figure-admin-add")
    # Saved without alt text: the form says what is missing and keeps nothing.
    drawing = tmp_path / "diagram.png"
    drawing.write_bytes(images.transparent_png(2400, 1200))
    page.set_input_files("#id_image_file", str(drawing))
    page.click("input[name=_save]")
    expect(page.locator(".errorlist")).to_contain_text("Write the alt text")
    assert not Figure.objects.exists()

    page.set_input_files("#id_image_file", str(drawing))
    page.fill("#id_alt_text", "A diagram of the model's layers, from input to output")
    page.click("input[name=_save]")
    page.wait_for_url(change_url)
    change_link = page.get_by_role("link", name="Change the image or its alt text")
    expect(change_link).to_be_visible()
    change_link.scroll_into_view_if_needed()
    # Of this page's ten turns only the caption shows an "Image" row.
    expect(page.locator(".form-row.field-figure_link:visible")).to_have_count(1)
    figure = Figure.objects.get()
    assert (figure.width, figure.height) == (1600, 800)
    screenshot("figure-admin-turns")

    # The reader: the image's request is held back, so its box is measured before it loads.
    held = []

    def hold(route):
        held.append(route)

    page.route("**/media/**", hold)
    page.goto(f"{live_server.url}{interview.get_absolute_url()}")
    image = page.locator(f"#t{CAPTION_POSITION} figure img")
    expect(image).to_have_attribute("alt", "A diagram of the model's layers, from input to output")
    expect(image).to_have_attribute("loading", "lazy")
    measure = """image => {
        const box = image.getBoundingClientRect();
        const next = image.closest("section").nextElementSibling.getBoundingClientRect();
        return {loaded: image.naturalWidth, width: box.width, height: box.height,
                nextTop: next.top + window.scrollY};
    }"""
    before = image.evaluate(measure)
    assert before["loaded"] == 0
    assert before["width"] > 300
    # The box has the image's shape (2:1) before a byte of it arrived: the page will not jump.
    assert before["height"] == pytest.approx(before["width"] / 2, abs=1)

    page.unroute("**/media/**", hold)
    for route in held:
        route.continue_()
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "selector => document.querySelector(selector).naturalWidth > 0",
        arg=f"#t{CAPTION_POSITION} figure img",
    )
    after = image.evaluate(measure)
    assert after["loaded"] > 0
    assert (after["width"], after["height"], after["nextTop"]) == (
        before["width"],
        before["height"],
        before["nextTop"],
    )
    # The narrower copy: the column is about 650 px wide on this screen of density 1.
    assert image.evaluate("image => image.currentSrc") == (
        f"{live_server.url}/media/figures/{interview.pk}/caption-{CAPTION_POSITION}-800w.png"
    )
    screenshot("figure-reading")
    assert axe_violations() == []
