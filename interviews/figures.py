"""Figure images: checked, turned upright, stripped and resized once, at upload, then stored.

`figure_image_prepare` is pure (a file in, a `PreparedImage` or a `FigureImageError` with a
sentence for the editor out): it reads the file with Pillow as what it is, whatever its name,
and writes a new file from the pixels alone, so that nothing of the original (EXIF with a
camera's GPS position, XMP, comments) is published. The writes (`figure_save`,
`figure_delete`) store the prepared file, record the interview's history, and remove a file no
row refers to any more once the change is committed.
"""

import contextlib
import dataclasses
import io
import warnings
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from interviews.history import history_record
from interviews.models import Figure, Turn
from interviews.transcript.source import size_text

# Twice the reading column (38em, about 650 px) for a high-density screen, and a little more;
# and a copy about the column's width, for the screens that need no more (the page's srcset).
FIGURE_MAX_WIDTH = 1600
FIGURE_SMALL_WIDTH = 800
# What an editor may upload, as Pillow names the formats, and as a sentence names them.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
ACCEPTED_FORMATS_TEXT = "JPEG, PNG, WebP or GIF"
# An image of this many colours or fewer is a drawing, a chart or a screenshot of one: kept
# lossless as PNG, where JPEG would blur its edges. More colours is a photograph: JPEG.
PALETTE_COLOURS = 256
JPEG_QUALITY = 85


class FigureImageError(ValueError):
    """Why an upload is not taken, as a sentence for the editor."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclasses.dataclass(frozen=True)
class PreparedImage:
    """The file to store: re-encoded from the pixels, upright, at most `max_width` wide."""

    content: bytes
    # "jpg" or "png": what `content` is.
    extension: str
    width: int
    height: int
    # What was uploaded, as Pillow read it ("JPEG", "PNG", "WEBP", "GIF"), and its size.
    source_format: str
    source_width: int
    source_height: int
    # The narrower copy (same format), when the image is wider than `small_width`; else b"".
    small_content: bytes = b""
    small_width: int = 0


GRAY_MODES = {"1", "L", "LA", "La", "I", "I;16", "F"}
RGB_MODES = {"RGB", "RGBA", "RGBa", "RGBX", "P", "PA"}


def _colour_space(mode: str) -> str:
    return "gray" if mode in GRAY_MODES else "rgb" if mode in RGB_MODES else mode


def figure_image_prepare(
    source: BinaryIO,
    *,
    size: int,
    max_bytes: int | None = None,
    max_pixels: int | None = None,
    max_width: int = FIGURE_MAX_WIDTH,
    small_width: int = FIGURE_SMALL_WIDTH,
) -> PreparedImage:
    """Check an uploaded image and make the file to store from it, or raise FigureImageError.

    `size` is the upload's length in bytes, checked against `max_bytes` (by default
    settings.FIGURE_MAX_UPLOAD_BYTES) before anything is read. The pixel count is checked
    against `max_pixels` (by default Pillow's Image.MAX_IMAGE_PIXELS) from the header, before
    the image is decoded, so a small file that would unpack to gigabytes (a decompression bomb)
    is refused cheaply. The whole image is then decoded: a truncated file is refused, not
    stored half grey. An animated GIF gives its first frame.
    """
    max_bytes = settings.FIGURE_MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    max_pixels = Image.MAX_IMAGE_PIXELS if max_pixels is None else max_pixels
    if size > max_bytes:
        raise FigureImageError(
            f"The file is {size_text(size)}; an image may be {size_text(max_bytes)} at most."
        )
    if size == 0:
        raise FigureImageError("The file is empty.")
    image, (source_width, source_height) = _opened(
        source, max_pixels=max_pixels, needed_width=max_width
    )
    source_format = image.format
    source_mode = image.mode
    icc_profile = image.info.get("icc_profile")
    ImageOps.exif_transpose(image, in_place=True)
    transparent = _has_transparency(image)
    if transparent:
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "L"):
        image = image.convert("L" if image.mode in ("1", "LA", "La") else "RGB")
    few_colours = image.getcolors(PALETTE_COLOURS) is not None
    # Nothing of the uploaded file's metadata goes on, but its colour profile, which says how
    # its colours are meant to look (a photo from a wide-gamut camera looks dull without it);
    # not when the pixels changed colour space (a CMYK print file made RGB), as it no longer fits.
    image.info = {}
    if _colour_space(source_mode) != _colour_space(image.mode):
        icc_profile = None
    upright = image
    image = _no_wider_than(upright, max_width)
    as_png = transparent or few_colours
    # Made from the upright original, not from the resized copy: one resampling, not two.
    small = _no_wider_than(upright, small_width) if image.width > small_width else None
    return PreparedImage(
        content=_encoded(image, as_png=as_png, icc_profile=icc_profile),
        extension="png" if as_png else "jpg",
        width=image.width,
        height=image.height,
        source_format=source_format,
        source_width=source_width,
        source_height=source_height,
        small_content=_encoded(small, as_png=as_png, icc_profile=icc_profile) if small else b"",
        small_width=small.width if small else 0,
    )


def _no_wider_than(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    # Halved by whole factors first, then Lanczos: as sharp, many times faster on a big image.
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encoded(image: Image.Image, *, as_png: bool, icc_profile: bytes | None) -> bytes:
    """The pixels as a new PNG or JPEG file, with the colour profile and nothing else."""
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    output = io.BytesIO()
    if as_png:
        image.save(output, format="PNG", optimize=True, **extra)
    else:
        image.save(
            output, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **extra
        )
    return output.getvalue()


def _opened(
    source: BinaryIO, *, max_pixels: int, needed_width: int
) -> tuple[Image.Image, tuple[int, int]]:
    """The uploaded image, decoded whole (its first frame), and its size as uploaded; or
    FigureImageError.

    A JPEG is decoded at the smallest of 1/2, 1/4, 1/8 of its size that is still at least
    `needed_width` both ways (whichever way the image turns upright): its decoder does that
    for free, and a 48-megapixel photo is then read in a fraction of the time and memory.
    """
    not_an_image = FigureImageError(
        f"This file is not an image that can be read: upload a {ACCEPTED_FORMATS_TEXT} file."
    )
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; the limit here is checked below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            source.seek(0)
            image = Image.open(source)
        except Image.DecompressionBombError:
            raise _too_many_pixels(max_pixels) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise not_an_image from None
    if image.format not in ACCEPTED_FORMATS:
        raise FigureImageError(
            f"This is a {image.format} image; upload a {ACCEPTED_FORMATS_TEXT} file."
        )
    if image.width * image.height > max_pixels:
        raise _too_many_pixels(max_pixels, image)
    uploaded_size = image.size
    try:
        image.seek(0)
        if image.format == "JPEG":
            image.draft(image.mode, (needed_width, needed_width))
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError):
        raise FigureImageError(
            "The image could not be read to its end: the file is damaged or incomplete "
            "(truncated). Export or download it again."
        ) from None
    return image, uploaded_size


def _too_many_pixels(max_pixels: int, image: Image.Image | None = None) -> FigureImageError:
    size = f" ({image.width:,} × {image.height:,} pixels)" if image is not None else ""
    return FigureImageError(
        f"The image is too large to open safely{size}: it may have {max_pixels:,} pixels at "
        "most. Resize it before uploading."
    )


def _has_transparency(image: Image.Image) -> bool:
    """Whether any pixel is see-through: an alpha channel that is not all opaque, or a
    transparent colour (PNG's tRNS, a GIF's transparent index)."""
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        return image.getchannel("A").getextrema()[0] < 255
    if "transparency" in image.info:
        return image.convert("RGBA").getchannel("A").getextrema()[0] < 255
    return False


def figure_turn_error(turn: Turn) -> str:
    """Why an image cannot go with this turn ("" when it can): only captions have figures."""
    if turn.kind == Turn.Kind.CAPTION:
        return ""
    kind = Turn.Kind(turn.kind).label.lower() if turn.kind in Turn.Kind.values else turn.kind
    article = "an" if kind[:1] in "aeiou" else "a"
    return (
        f"Turn {turn.position} is {article} {kind}: an image can only be attached to a caption "
        "turn."
    )


def figure_save(*, figure: Figure, image: PreparedImage | None, user=None) -> Figure:
    """Save a figure (new, or with its alt text or image changed) with the image prepared.

    The interview's history records the change, with the state before it when the interview
    had none. A replaced file is removed from storage once the change is committed; the new
    one is removed again if the row cannot be saved.
    """
    turn = figure.turn
    if error := figure_turn_error(turn):
        raise ValidationError({"turn": error})
    if not figure.alt_text.strip():
        raise ValidationError(
            {"alt_text": "Say what the image shows, for readers who cannot see it."}
        )
    if figure.pk is None and image is None:
        raise ValidationError({"image": "Choose the image file."})
    adding = figure.pk is None
    replaced = []
    if image is not None and not adding:
        replaced = list(
            Figure.objects.filter(pk=figure.pk).values_list("image", "small_image").first() or []
        )
    if adding:
        comment = f"Attached an image to caption {turn.position}."
    elif image is not None:
        comment = f"Replaced the image of caption {turn.position}."
    else:
        comment = f"Changed the image of caption {turn.position}."
    with _recorded_in_history(turn.interview, comment=comment, user=user):
        if image is not None:
            _store_files(figure, image)
        try:
            figure.save()
        except BaseException:
            if image is not None:
                _delete_files(figure.image.storage, _file_names(figure))
            raise
    if replaced:
        _delete_files_on_commit(figure.image.storage, set(replaced) - set(_file_names(figure)))
    return figure


def _store_files(figure: Figure, image: PreparedImage) -> None:
    # Named after the turn, not the uploaded file, whose name may say more than it should.
    name = f"caption-{figure.turn.position}"
    figure.image.save(f"{name}.{image.extension}", ContentFile(image.content), save=False)
    # Known already: ImageField would read them back from the file, and reads the ContentFile
    # it was just given from its end (None, None).
    figure.width, figure.height = image.width, image.height
    if image.small_content:
        small_name = f"{name}-{image.small_width}w.{image.extension}"
        figure.small_image.save(small_name, ContentFile(image.small_content), save=False)
    else:
        figure.small_image = ""
    figure.small_width = image.small_width


def _file_names(figure: Figure) -> list[str]:
    return [name for name in (figure.image.name, figure.small_image.name) if name]


def _delete_files(storage, names) -> None:
    for name in names:
        if name:
            storage.delete(name)


def _delete_files_on_commit(storage, names, using=None) -> None:
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: _delete_files(storage, names), using=using)


def figure_delete(*, figure: Figure, user=None) -> None:
    """Delete a figure, recorded in its interview's history; its file goes on commit."""
    comment = f"Removed the image of caption {figure.turn.position}."
    with _recorded_in_history(figure.turn.interview, comment=comment, user=user):
        figure.delete()


@contextlib.contextmanager
def _recorded_in_history(interview, *, comment: str, user):
    """The block's change to one of the interview's figures, in one transaction, recorded as a
    version of the interview (which holds its figures), after its state before when it has no
    version yet: as the admin records a change to the interview itself."""
    with transaction.atomic():
        history_record(
            objects=[interview],
            comment="The state before its first change in the admin.",
            user=user,
            unrecorded_only=True,
        )
        yield
        history_record(objects=[interview], comment=comment, user=user)


def figure_file_delete_on_commit(sender, instance: Figure, using=None, **kwargs) -> None:
    """post_delete of a Figure: its files leave storage once the deletion is committed.

    A receiver rather than a step of `figure_delete`, because figures are also deleted with
    their turn or interview (a cascade in the admin, an import that drops a caption, a revert).
    """
    _delete_files_on_commit(instance.image.storage, _file_names(instance), using=using)
