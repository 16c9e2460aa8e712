"""Figures: an image attached to a caption turn, checked and resized once at upload.

The images are made here with Pillow (tests/interviews/figure_images.py). Each test has a media
folder of its own, so "nothing left in storage" is read from the disk.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms, PngImagePlugin
from reversion.models import Version

from interviews.admin_figures import ALT_TEXT_MISSING
from interviews.figures import (
    FIGURE_MAX_WIDTH,
    FIGURE_SMALL_WIDTH,
    FigureImageError,
    figure_delete,
    figure_image_prepare,
    figure_save,
)
from interviews.models import Figure, Interview, Turn
from tests.interviews import figure_images as images
from tests.interviews.test_history import change_form_data
from tests.interviews.test_reading import DETAIL_PAGE_QUERIES
from tests.test_security_headers import inline_code


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root: Path) -> list[str]:
    if not media_root.exists():
        return []
    return sorted(
        str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
    )


def prepared(data: bytes, **limits):
    return figure_image_prepare(io.BytesIO(data), size=len(data), **limits)


def opened(content: bytes) -> Image.Image:
    return Image.open(io.BytesIO(content))


def upload(data: bytes, name: str = "picture.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def with_caption(make_interview):
    """A published interview of 4 turns whose third is a caption: (interview, caption)."""
    interview = make_interview(turns=4)
    caption = interview.turns.get(position=3)
    caption.kind = Turn.Kind.CAPTION
    caption.speaker = None
    caption.speaker_label = ""
    caption.text = "Figure 2: The Keras <deep learning> library & more"
    caption.save()
    return interview, caption


def attach(turn: Turn, data: bytes | None = None, alt_text: str = "A chart") -> Figure:
    return figure_save(
        figure=Figure(turn=turn, alt_text=alt_text),
        image=prepared(data if data is not None else images.tiny_png()),
    )


# --- The image as stored: checked, upright, stripped, resized ---------------------------------


def test_a_big_transparent_png_is_resized_to_the_column_and_stays_png_with_its_alpha():
    result = prepared(images.transparent_png(2400, 1200))
    image = opened(result.content)
    assert (result.extension, image.format, image.mode) == ("png", "PNG", "RGBA")
    assert (result.width, result.height) == (FIGURE_MAX_WIDTH, 800) == image.size
    assert image.getpixel((5, 5))[3] == 0  # still see-through where it was
    assert (result.source_width, result.source_height) == (2400, 1200)
    small = opened(result.small_content)
    assert (result.small_width, small.size, small.format, small.mode) == (
        FIGURE_SMALL_WIDTH,
        (800, 400),
        "PNG",
        "RGBA",
    )


def test_a_camera_jpeg_is_turned_upright_and_loses_its_exif():
    # Stored 300 x 200, left half red, with orientation 6: upright it is 200 x 300, red on top.
    result = prepared(images.jpeg_with_orientation(300, 200, orientation=6))
    image = opened(result.content).convert("RGB")
    assert (result.extension, result.width, result.height) == ("jpg", 200, 300)
    top, bottom = image.getpixel((100, 20)), image.getpixel((100, 280))
    assert top[0] > 150 > top[2]
    assert bottom[2] > 150 > bottom[0]
    stored = opened(result.content)
    assert dict(stored.getexif()) == {}
    assert b"Test Camera" not in result.content
    assert "exif" not in stored.info


def test_an_uploaded_pngs_text_chunks_are_dropped_and_its_colour_profile_kept():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Someone private")
    data = images.encoded(images.photo(300, 100), "PNG", pnginfo=text, icc_profile=profile)
    result = prepared(data)
    stored = opened(result.content)
    assert b"Someone private" not in result.content
    assert "Author" not in stored.info
    assert stored.info["icc_profile"] == profile


def test_a_webp_photo_is_stored_as_a_jpeg_at_most_the_column_wide():
    result = prepared(images.webp_photo(2000, 1000))
    assert result.source_format == "WEBP"
    assert (result.extension, opened(result.content).format) == ("jpg", "JPEG")
    assert (result.width, result.height) == (1600, 800)


def test_a_photo_keeps_its_shape_when_resized():
    result = prepared(images.encoded(images.photo(3000, 2000), "JPEG"))
    assert (result.width, result.height) == (1600, 1067)
    assert opened(result.small_content).size == (800, 533)


def test_a_big_jpeg_read_at_a_reduced_scale_still_comes_out_the_column_wide():
    # Over twice 1,600 px both ways: the decoder reads it at half its size, then it is resized.
    result = prepared(images.encoded(images.photo(3400, 3300), "JPEG", quality=90))
    assert (result.source_width, result.source_height) == (3400, 3300)
    assert (result.width, result.height) == (1600, 1553)
    assert opened(result.small_content).size == (800, 776)


def test_a_big_truncated_jpeg_is_refused_too():
    whole = images.encoded(images.photo(3400, 3300), "JPEG", quality=90)
    with pytest.raises(FigureImageError, match="truncated"):
        prepared(whole[: len(whole) * 2 // 3])


def test_a_tiny_image_keeps_its_size():
    result = prepared(images.tiny_png())
    assert (result.width, result.height) == (3, 2) == opened(result.content).size
    assert (result.small_content, result.small_width) == (b"", 0)


def test_an_animated_gif_gives_its_first_frame():
    result = prepared(images.animated_gif())
    image = opened(result.content).convert("RGB")
    assert image.getpixel((1, 1)) == (0, 200, 0)
    assert getattr(opened(result.content), "n_frames", 1) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"This is a text file, renamed .png.\n" * 20, "not an image that can be read"),
        (images.truncated_jpeg(), "damaged or incomplete (truncated)"),
        (images.png_claiming(30_000, 30_000), "too large to open safely"),
        (images.tiff_image(), "This is a TIFF image; upload a JPEG, PNG, WebP or GIF file."),
        (b"", "The file is empty."),
    ],
    ids=["text", "truncated", "bomb", "tiff", "empty"],
)
def test_what_is_not_a_whole_accepted_image_is_refused_with_a_reason(data, message):
    with pytest.raises(FigureImageError) as refused:
        prepared(data)
    assert message in refused.value.message


def test_the_pixel_limit_is_read_from_the_header_before_decoding():
    # Under Pillow's own limit, over the one given: refused from the header alone.
    with pytest.raises(FigureImageError) as refused:
        prepared(images.png_claiming(5000, 4000), max_pixels=1_000_000)
    assert "(5,000 × 4,000 pixels)" in refused.value.message


def test_the_size_limit_comes_from_the_settings(settings):
    settings.FIGURE_MAX_UPLOAD_BYTES = 2048
    with pytest.raises(FigureImageError) as refused:
        prepared(images.encoded(images.photo(200, 200), "PNG"))
    assert refused.value.message.endswith("an image may be 2 kB at most.")


# --- Saving, replacing, deleting: storage follows the rows ------------------------------------


def test_a_saved_figure_stores_one_file_with_its_size(with_caption, media_root):
    interview, caption = with_caption
    figure = attach(caption, images.transparent_png(2400, 1200))
    figure.refresh_from_db()
    assert (figure.width, figure.height) == (1600, 800)
    folder = f"figures/{interview.pk}"
    assert stored_files(media_root) == [f"{folder}/caption-3-800w.png", f"{folder}/caption-3.png"]
    assert figure.image.name == f"{folder}/caption-3.png"
    assert (figure.small_image.name, figure.small_width) == (f"{folder}/caption-3-800w.png", 800)


def test_replacing_the_image_removes_the_old_file_on_commit(
    with_caption, media_root, django_capture_on_commit_callbacks
):
    _, caption = with_caption
    figure = attach(caption, images.transparent_png(2400, 1200))
    old_names = stored_files(media_root)
    assert len(old_names) == 2
    with django_capture_on_commit_callbacks(execute=True):
        figure_save(figure=figure, image=prepared(images.webp_photo(400, 200)))
    assert stored_files(media_root) == [figure.image.name]
    assert figure.image.name.endswith(".jpg")
    assert (figure.small_image.name, figure.small_width) == ("", 0)


def test_changing_only_the_alt_text_keeps_the_file(
    with_caption, media_root, django_capture_on_commit_callbacks
):
    _, caption = with_caption
    figure = attach(caption)
    with django_capture_on_commit_callbacks(execute=True):
        figure.alt_text = "A better description"
        figure_save(figure=figure, image=None)
    assert stored_files(media_root) == [figure.image.name]


@pytest.mark.parametrize("what", ["figure", "caption", "interview"])
def test_deleting_the_figure_or_what_holds_it_removes_its_file(
    with_caption, media_root, django_capture_on_commit_callbacks, what
):
    interview, caption = with_caption
    figure = attach(caption, images.transparent_png(2400, 1200))
    assert len(stored_files(media_root)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        {"figure": lambda: figure_delete(figure=figure), "caption": caption.delete}.get(
            what, interview.delete
        )()
    assert stored_files(media_root) == []
    assert not Figure.objects.exists()


def test_a_figure_on_a_question_is_refused_by_the_service(with_caption, media_root):
    interview, _ = with_caption
    question = interview.turns.get(position=1)
    with pytest.raises(Exception, match="Turn 1 is a question: an image can only be attached"):
        attach(question)
    assert stored_files(media_root) == []


def test_the_figure_is_in_the_interviews_history(with_caption):
    interview, caption = with_caption
    figure = attach(caption, alt_text="The first description")
    versions = Version.objects.get_for_object(interview)
    assert versions[0].revision.comment == "Attached an image to caption 3."
    figure_versions = Version.objects.get_for_object(figure)
    assert figure_versions.count() == 1
    assert figure_versions[0].revision_id == versions[0].revision_id
    assert figure_versions[0].field_dict["alt_text"] == "The first description"
    # The state before the change was recorded too, without the figure.
    assert not Version.objects.get_for_model(Figure).filter(revision=versions[1].revision).exists()


def test_reverting_the_interview_brings_back_the_alt_text(with_caption):
    interview, caption = with_caption
    figure = attach(caption, alt_text="The first description")
    figure.alt_text = "A second description"
    figure_save(figure=figure, image=None)
    first = Version.objects.get_for_object(interview).get(
        revision__comment="Attached an image to caption 3."
    )
    first.revision.revert(delete=True)
    assert Figure.objects.get().alt_text == "The first description"


# --- The admin ------------------------------------------------------------------------------


def add_url(turn: Turn) -> str:
    return f"{reverse('admin:interviews_figure_add')}?turn={turn.pk}"


def test_a_caption_in_the_interviews_form_links_to_attaching_an_image(editor_client, with_caption):
    interview, caption = with_caption
    page = editor_client.get(reverse("admin:interviews_interview_change", args=[interview.pk]))
    html = page.content.decode()
    assert html.count("Attach an image") == 1
    assert f'href="{reverse("admin:interviews_figure_add")}?turn={caption.pk}"' in html


def test_the_add_form_offers_only_the_interviews_captions(editor_client, with_caption):
    _, caption = with_caption
    page = editor_client.get(add_url(caption))
    html = page.content.decode()
    options = re.findall(r'<option value="(\d+)"', html)
    assert options == [str(caption.pk)]
    assert "Caption 3: Figure 2: The Keras &lt;deep learning&gt; library &amp; more" in html


def test_the_add_page_without_a_caption_sends_the_editor_to_the_interviews(editor_client):
    response = editor_client.get(reverse("admin:interviews_figure_add"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:interviews_interview_changelist")
    assert "Attach an image" in response.content.decode()


def test_an_editor_attaches_an_image_and_returns_to_the_interview(
    editor_client, with_caption, media_root
):
    interview, caption = with_caption
    response = editor_client.post(
        add_url(caption),
        {
            "turn": caption.pk,
            "alt_text": "A diagram of Keras' layers",
            "image_file": upload(images.transparent_png(2400, 1200), "diagram.png"),
        },
    )
    change = reverse("admin:interviews_interview_change", args=[interview.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{change}?turns=1"
    figure = Figure.objects.get(turn=caption)
    assert (figure.width, figure.height, figure.alt_text) == (
        1600,
        800,
        "A diagram of Keras' layers",
    )
    assert stored_files(media_root) == sorted([figure.image.name, figure.small_image.name])
    assert "diagram" not in figure.image.name  # the editor's file name is not published
    page = editor_client.get(change).content.decode()
    assert "Change the image or its alt text" in page


def post_refused(editor_client, turn, **fields) -> str:
    data = {"turn": turn.pk, "alt_text": "A chart", **fields}
    response = editor_client.post(add_url(turn), data)
    assert response.status_code == 200  # the form again, with its errors
    return response.content.decode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Just some text.\n" * 50, "renamed.png", "This file is not an image that can be read"),
        (images.truncated_jpeg(), "cut.jpg", "the file is damaged or incomplete (truncated)"),
        (images.png_claiming(30_000, 30_000), "bomb.png", "The image is too large to open safely"),
    ],
    ids=["text", "truncated", "bomb"],
)
def test_the_admin_refuses_a_bad_file_with_its_reason_and_stores_nothing(
    editor_client, with_caption, media_root, data, name, message
):
    _, caption = with_caption
    html = post_refused(editor_client, caption, image_file=upload(data, name))
    assert message in html
    assert not Figure.objects.exists()
    assert stored_files(media_root) == []


def test_the_admin_refuses_a_file_over_the_limit(editor_client, with_caption, media_root, settings):
    settings.FIGURE_MAX_UPLOAD_BYTES = 1024
    _, caption = with_caption
    data = images.encoded(images.photo(300, 300), "PNG")
    html = post_refused(editor_client, caption, image_file=upload(data))
    assert "an image may be 1 kB at most." in html
    assert stored_files(media_root) == []


def test_the_admin_requires_the_alt_text(editor_client, with_caption, media_root):
    _, caption = with_caption
    html = post_refused(
        editor_client, caption, alt_text="   ", image_file=upload(images.tiny_png())
    )
    assert ALT_TEXT_MISSING in html
    assert not Figure.objects.exists()
    assert stored_files(media_root) == []


def test_the_admin_refuses_an_answer_turn_with_a_reason(editor_client, with_caption, media_root):
    interview, caption = with_caption
    answer = interview.turns.get(position=2)
    data = {"turn": answer.pk, "alt_text": "A chart", "image_file": upload(images.tiny_png())}
    response = editor_client.post(add_url(caption), data)
    assert "Turn 2 is an answer: an image can only be attached to a caption turn." in (
        response.content.decode()
    )
    assert not Figure.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("value", ["abc", "9" * 25, "-1", "\x00"])
def test_a_tampered_turn_value_is_a_form_error(editor_client, with_caption, value):
    _, caption = with_caption
    data = {"turn": value, "alt_text": "A chart", "image_file": upload(images.tiny_png())}
    response = editor_client.post(add_url(caption), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_admin_replaces_the_image_and_the_old_file_goes(
    editor_client, with_caption, media_root, django_capture_on_commit_callbacks
):
    _, caption = with_caption
    figure = attach(caption)
    old_name = figure.image.name
    url = reverse("admin:interviews_figure_change", args=[figure.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url,
            {
                "turn": caption.pk,
                "alt_text": "A photo",
                "image_file": upload(images.webp_photo(800, 400), "p.webp"),
            },
        )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.alt_text, figure.width, figure.height) == ("A photo", 800, 400)
    assert stored_files(media_root) == [figure.image.name] != [old_name]


def test_the_admin_deletes_a_figure_and_its_file(
    editor_client, with_caption, media_root, django_capture_on_commit_callbacks
):
    interview, caption = with_caption
    figure = attach(caption)
    url = reverse("admin:interviews_figure_delete", args=[figure.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Figure.objects.exists()
    assert stored_files(media_root) == []
    assert (
        Version.objects.get_for_object(interview)[0].revision.comment
        == "Removed the image of caption 3."
    )


# --- The reading page -----------------------------------------------------------------------


def test_a_caption_with_a_figure_is_a_figure_with_its_image_and_caption(client, with_caption):
    interview, caption = with_caption
    figure = attach(caption, images.transparent_png(2400, 1200), alt_text='Keras "layers" <b>&')
    html = client.get(interview.get_absolute_url()).content.decode()
    large, small = (
        default_storage.url(figure.image.name),
        default_storage.url(figure.small_image.name),
    )
    expected = (
        '<section id="t3" class="turn turn--caption">\n'
        '<figure class="turn-figure">\n'
        f'<img src="{large}" srcset="{small} 800w, {large} 1600w"'
        ' sizes="(min-width: 44em) 41em, 100vw"'
        ' alt="Keras &quot;layers&quot; &lt;b&gt;&amp;" width="1600" height="800"'
        ' loading="lazy" decoding="async">\n'
        "<figcaption><p>Figure 2: The Keras &lt;deep learning&gt; library &amp; more</p>"
        "</figcaption>\n</figure>\n</section>"
    )
    assert expected in html
    assert figure.image.url.startswith("/media/figures/")


def test_a_figure_no_wider_than_the_column_has_no_srcset(client, with_caption):
    interview, caption = with_caption
    figure = attach(caption, images.webp_photo(600, 300))
    html = client.get(interview.get_absolute_url()).content.decode()
    assert f'<img src="{figure.image.url}" alt="A chart" width="600" height="300"' in html
    assert "srcset" not in html


def test_a_caption_without_a_figure_is_as_before(client, with_caption):
    interview, _ = with_caption
    html = client.get(interview.get_absolute_url()).content.decode()
    assert (
        '<figure class="turn-figure">\n<figcaption><p>Figure 2: The Keras &lt;deep learning&gt;'
        in html
    )
    assert "<img" not in html.split('id="t3"')[1].split("</section>")[0]


@pytest.mark.parametrize("turns", [5, 500])
def test_figures_add_no_query_to_the_reading_page(
    client, make_interview, django_assert_max_num_queries, turns
):
    make_interview(published_on=datetime.date(2010, 1, 1))
    interview = make_interview(turns=turns, comments=4)
    make_interview(published_on=datetime.date(2030, 1, 1))
    captions = list(interview.turns.filter(position__in=range(3, turns + 1, 4)))
    Turn.objects.filter(pk__in=[turn.pk for turn in captions]).update(kind=Turn.Kind.CAPTION)
    Figure.objects.bulk_create(
        Figure(
            turn=turn,
            image=f"figures/{interview.pk}/c{turn.position}.png",
            small_image=f"figures/{interview.pk}/c{turn.position}-800w.png",
            small_width=800,
            width=40,
            height=30,
            alt_text=f"Picture {turn.position}",
        )
        for turn in captions
    )
    with django_assert_max_num_queries(DETAIL_PAGE_QUERIES):
        response = client.get(interview.get_absolute_url())
    assert response.content.decode().count('loading="lazy" decoding="async"') == len(captions)
    assert Interview.objects.count() == 3


# --- The JSON export ------------------------------------------------------------------------


def test_the_json_export_carries_a_captions_image(client, with_caption):
    interview, caption = with_caption
    figure = attach(caption, images.webp_photo(600, 300), alt_text="A photo of the team")
    response = client.get(reverse("interviews:export_json", kwargs={"slug": interview.slug}))
    turns = response.json()["turns"]
    assert turns[2]["figure"] == {
        "url": f"http://testserver{figure.image.url}",
        "alt": "A photo of the team",
        "width": 600,
        "height": 300,
    }
    assert turns[0]["figure"] is None


def test_a_caption_with_an_image_cannot_become_another_kind_in_the_interviews_form(
    editor_client, with_caption
):
    interview, caption = with_caption
    attach(caption)
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    page = editor_client.get(url)
    data = change_form_data(page)
    turn_forms = next(
        inline.formset.forms
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is Turn
    )
    caption_form = next(form for form in turn_forms if form.instance.pk == caption.pk)
    data[caption_form.add_prefix("kind")] = Turn.Kind.ANSWER
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "This caption has an image: keep it a caption, or remove its image first" in (
        response.content.decode()
    )
    caption.refresh_from_db()
    assert caption.kind == Turn.Kind.CAPTION
    # Any other change to the caption is saved as before.
    data[caption_form.add_prefix("kind")] = Turn.Kind.CAPTION
    data[caption_form.add_prefix("text")] = "Figure 2, retitled"
    assert editor_client.post(url, data).status_code == 302
    caption.refresh_from_db()
    assert caption.text == "Figure 2, retitled"


def test_the_figure_pages_have_no_inline_script_or_style(editor_client, client, with_caption):
    interview, caption = with_caption
    figure = attach(caption, images.transparent_png(2400, 1200))
    for page_client, url in [
        (editor_client, add_url(caption)),
        (editor_client, reverse("admin:interviews_figure_change", args=[figure.pk])),
        (editor_client, reverse("admin:interviews_figure_changelist")),
        (editor_client, reverse("admin:interviews_interview_change", args=[interview.pk])),
        (client, interview.get_absolute_url()),
    ]:
        response = page_client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response) == [], url
