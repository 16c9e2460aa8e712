"""config/media_serving.py: uploaded media served by the site, with byte ranges."""

import pytest

from config.media_serving import requested_range

CONTENT = bytes(range(256)) * 4  # 1,024 bytes, each position telling its value


@pytest.fixture
def media_file(settings, tmp_path):
    """recordings/1/talk.wav under a MEDIA_ROOT of the test's own, served by the site."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_SERVED_BY_APP = True
    folder = settings.MEDIA_ROOT / "recordings" / "1"
    folder.mkdir(parents=True)
    (folder / "talk.wav").write_bytes(CONTENT)
    return "/media/recordings/1/talk.wav"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_file_is_served_whole_without_a_range(client, media_file):
    response = client.get(media_file)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == "1024"
    assert response["Content-Type"] == "audio/wav"
    assert body(response) == CONTENT


def test_the_first_hundred_bytes(client, media_file):
    response = client.get(media_file, headers={"Range": "bytes=0-99"})
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 0-99/1024"
    assert response["Content-Length"] == "100"
    assert body(response) == CONTENT[:100]


def test_a_range_in_the_middle(client, media_file):
    response = client.get(media_file, headers={"Range": "bytes=300-309"})
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 300-309/1024"
    assert body(response) == CONTENT[300:310]


def test_an_open_ended_range_runs_to_the_end(client, media_file):
    response = client.get(media_file, headers={"Range": "bytes=1000-"})
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 1000-1023/1024"
    assert body(response) == CONTENT[1000:]


def test_a_suffix_range_is_the_last_bytes(client, media_file):
    response = client.get(media_file, headers={"Range": "bytes=-24"})
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 1000-1023/1024"
    assert body(response) == CONTENT[-24:]


def test_a_range_past_the_end_is_cut_at_the_end(client, media_file):
    response = client.get(media_file, headers={"Range": "bytes=1020-5000"})
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 1020-1023/1024"
    assert body(response) == CONTENT[1020:]


def test_a_suffix_longer_than_the_file_is_the_whole_file(client, media_file):
    response = client.get(media_file, headers={"Range": "bytes=-5000"})
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 0-1023/1024"
    assert body(response) == CONTENT


def test_several_ranges_get_the_whole_file(client, media_file):
    response = client.get(media_file, headers={"Range": "bytes=0-9,20-29"})
    assert response.status_code == 200
    assert body(response) == CONTENT


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0"])
def test_a_range_wholly_past_the_end_is_416(client, media_file, header):
    response = client.get(media_file, headers={"Range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


@pytest.mark.parametrize("header", ["items=0-9", "bytes=9-0", "bytes=x-y", "bytes=-"])
def test_a_range_that_is_not_one_is_ignored(client, media_file, header):
    response = client.get(media_file, headers={"Range": header})
    assert response.status_code == 200
    assert body(response) == CONTENT


def test_head_gives_the_headers_without_the_body(client, media_file):
    whole = client.head(media_file)
    assert whole.status_code == 200
    assert whole["Content-Length"] == "1024"
    assert whole.content == b""
    part = client.head(media_file, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part["Content-Range"] == "bytes 0-99/1024"
    assert part["Content-Length"] == "100"
    assert part.content == b""


def test_a_range_of_a_file_since_changed_is_the_whole_file(client, media_file):
    response = client.get(
        media_file, headers={"Range": "bytes=0-9", "If-Range": "Wed, 21 Oct 2015 07:28:00 GMT"}
    )
    assert response.status_code == 200
    assert body(response) == CONTENT


def test_if_range_with_the_files_own_date_gets_the_range(client, media_file):
    last_modified = client.head(media_file)["Last-Modified"]
    response = client.get(media_file, headers={"Range": "bytes=0-9", "If-Range": last_modified})
    assert response.status_code == 206
    assert body(response) == CONTENT[:10]


def test_post_is_not_allowed(client, media_file):
    assert client.post(media_file).status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "/media/../config/settings.py",
        "/media/recordings/../../secret.txt",
        "/media/recordings/1/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/media/recordings/1/..%2f..%2f..%2fsecret.txt",
        "/media/%2fetc/passwd",
        "/media/recordings/1/",
        "/media/recordings/1/missing.wav",
        # A name longer than the file system takes: is_file() raises rather than answer.
        "/media/" + "x" * 10_000,
    ],
)
def test_nothing_outside_the_media_folder_is_served(client, media_file, settings, path):
    (settings.MEDIA_ROOT.parent / "secret.txt").write_text("secret")
    response = client.get(path)
    assert response.status_code == 404
    assert b"secret" not in response.content


def test_a_symbolic_link_out_of_the_media_folder_is_not_followed(client, media_file, settings):
    (settings.MEDIA_ROOT.parent / "secret.txt").write_text("secret")
    (settings.MEDIA_ROOT / "link.txt").symlink_to(settings.MEDIA_ROOT.parent / "secret.txt")
    assert client.get("/media/link.txt").status_code == 404


def test_a_page_in_the_media_folder_is_offered_as_a_download(client, media_file, settings):
    (settings.MEDIA_ROOT / "page.html").write_text("<script>alert(1)</script>")
    response = client.get("/media/page.html")
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"


def test_media_are_not_served_unless_the_site_serves_them(client, media_file, settings):
    settings.MEDIA_SERVED_BY_APP = False
    assert client.get(media_file).status_code == 404


def test_an_unchanged_file_is_304(client, media_file):
    last_modified = client.head(media_file)["Last-Modified"]
    response = client.get(media_file, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-0", 1, (0, 0)),
        ("bytes=0-", 0, "unsatisfiable"),
        ("bytes=-1", 0, "unsatisfiable"),
        ("", 10, None),
        ("bytes = 2 - 4", 10, (2, 4)),
    ],
)
def test_requested_range_edges(header, size, expected):
    assert requested_range(header, size) == expected
