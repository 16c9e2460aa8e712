"""Images made in the tests with Pillow, as a camera or a drawing program would save them."""

import io
import random
import struct
import zlib

from PIL import Image

# EXIF tags: the orientation a camera records, and what should never be published.
ORIENTATION = 0x0112
MAKE = 0x010F
GPS_INFO = 0x8825


def encoded(image: Image.Image, image_format: str, **options) -> bytes:
    output = io.BytesIO()
    image.save(output, format=image_format, **options)
    return output.getvalue()


def photo(width: int, height: int, *, seed: int = 1) -> Image.Image:
    """A photograph as far as compression goes: thousands of colours (noise over a gradient)."""
    rng = random.Random(seed)
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    return Image.blend(image, noise, 0.3)


def transparent_png(width: int, height: int) -> bytes:
    """A drawing with see-through parts: an opaque photo band over a transparent background."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    band = photo(width, height // 2).convert("RGBA")
    image.paste(band, (0, height // 4))
    return encoded(image, "PNG")


def left_red_right_blue(width: int, height: int) -> Image.Image:
    """A photograph (some noise) whose left half is red and right half blue."""
    image = Image.new("RGB", (width, height), (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    return Image.blend(image, photo(width, height), 0.1)


def jpeg_with_orientation(width: int, height: int, orientation: int) -> bytes:
    """A camera's JPEG: stored sideways, with the EXIF orientation that turns it upright, and
    the camera's make and a GPS position, which must not be published."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Test Camera"
    exif.get_ifd(GPS_INFO)[2] = (48.0, 51.0, 24.0)  # GPSLatitude
    return encoded(left_red_right_blue(width, height), "JPEG", exif=exif.tobytes(), quality=90)


def webp_photo(width: int, height: int) -> bytes:
    return encoded(photo(width, height), "WEBP", quality=80)


def tiny_png() -> bytes:
    return encoded(Image.new("RGB", (3, 2), (10, 120, 200)), "PNG")


def animated_gif() -> bytes:
    """Two frames, green then magenta: the figure is the first."""
    frames = [Image.new("P", (40, 30), 0), Image.new("P", (40, 30), 1)]
    palette = [0, 200, 0, 200, 0, 200] + [0] * (256 * 3 - 6)
    for frame in frames:
        frame.putpalette(palette)
    output = io.BytesIO()
    frames[0].save(output, format="GIF", save_all=True, append_images=frames[1:], duration=100)
    return output.getvalue()


def truncated_jpeg() -> bytes:
    whole = encoded(photo(400, 300), "JPEG", quality=90)
    return whole[: len(whole) // 2]


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG file whose header claims `width` x `height` pixels: a decompression bomb's
    shape (a few hundred bytes that would unpack to gigabytes)."""
    real = encoded(Image.new("L", (1, 1), 0), "PNG")
    signature, rest = real[:8], real[8:]
    length = struct.unpack(">I", rest[:4])[0]
    header = rest[4 : 8 + length]  # b"IHDR" + its data
    header = header[:4] + struct.pack(">II", width, height) + header[12:]
    chunk = struct.pack(">I", length) + header + struct.pack(">I", zlib.crc32(header))
    return signature + chunk + rest[12 + length :]


def tiff_image() -> bytes:
    return encoded(Image.new("RGB", (20, 10), (1, 2, 3)), "TIFF")
