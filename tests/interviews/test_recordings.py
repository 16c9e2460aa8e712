"""An interview's recording: an editor uploads a file or gives an allowed address in the admin.

The recordings are real, made by the test (tests/media_files.py): a WAV written with `wave`,
converted by ffmpeg to every other accepted format.
"""

import datetime
import io
import random
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from reversion.models import Version

from interviews import recordings
from interviews.models import Recording
from tests.media_files import FORMATS, convert, ffmpeg_missing_reason, make_wav, truncated
from tests.test_settings import load_settings_value, run_python

SECONDS = 3
SUFFIXES = [".wav", *FORMATS]
ADD_URL = reverse("admin:interviews_recording_add")
SRT = (
    "1\n00:00:01,000 --> 00:00:02,500\nHello and welcome.\n\n"
    "2\n00:00:02,500 --> 00:01:04,000\n<i>Laughs</i> Thank you.\n"
)


@pytest.fixture(scope="session")
def recording_files(tmp_path_factory) -> dict[str, Path]:
    """A 3-second tone in every accepted format (the compressed ones only with ffmpeg)."""
    folder = tmp_path_factory.mktemp("recordings")
    wav = make_wav(folder / "talk.wav", seconds=SECONDS, tone=440)
    files = {".wav": wav}
    if ffmpeg_missing_reason() is None:
        files.update({suffix: convert(wav, suffix) for suffix in FORMATS})
    return files


def recording_file(recording_files, suffix: str) -> Path:
    if suffix not in recording_files:
        pytest.skip(ffmpeg_missing_reason())
    return recording_files[suffix]


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """An empty MEDIA_ROOT of the test's own, to see exactly what a request left in it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def stored(media_root: Path) -> list[str]:
    return sorted(
        str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/octet-stream")


def attach(client, interview, **fields):
    """Post the admin's "Add recording" form for the interview, as a browser would."""
    data = {"interview": interview.pk, "external_url": "", "kind": "audio", **fields}
    return client.post(ADD_URL, data)


def form_errors(response) -> dict[str, list[str]]:
    assert response.status_code == 200, "the form was expected back with its errors"
    form = response.context["adminform"].form
    return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


# --- Uploads ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_accepted_format_is_attached_with_its_kind_and_length(
    admin_client, make_interview, media_root, recording_files, suffix
):
    path = recording_file(recording_files, suffix)
    interview = make_interview(turns=2)
    _, kind, mime_type = FORMATS.get(suffix, (None, "audio", "audio/wav"))

    response = attach(admin_client, interview, file=upload(f"talk{suffix}", path.read_bytes()))

    assert response.status_code == 302, form_errors(response)
    assert response["Location"] == reverse("admin:interviews_interview_change", args=[interview.pk])
    recording = Recording.objects.get(interview=interview)
    assert (recording.kind, recording.mime_type) == (kind, mime_type)
    assert abs(recording.duration.total_seconds() - SECONDS) < 0.2
    assert recording.size_bytes == path.stat().st_size
    assert stored(media_root) == [f"recordings/{interview.pk}/talk{suffix}"]
    assert (media_root / recording.file.name).read_bytes() == path.read_bytes()


def test_the_content_decides_not_the_name(recording_files):
    content = recording_file(recording_files, ".mp3").read_bytes()

    facts = recordings.media_facts(io.BytesIO(content), size=len(content))

    assert (facts.format_name, facts.mime_type, facts.kind) == ("MP3", "audio/mpeg", "audio")


REFUSED = {
    "a text file named .mp3": ("notes.mp3", b"Q: Why bees?\nA: Because.\n" * 50, "is text"),
    "an image named .wav": ("photo.wav", b"\x89PNG\r\n\x1a\n" + bytes(400), "an image (PNG)"),
    "a PDF named .m4a": ("paper.m4a", b"%PDF-1.7\n" + bytes(300), "a PDF document"),
    "random bytes": ("noise.ogg", bytes(range(256)) * 20, "not know"),
    "an empty file": ("empty.mp3", b"", "empty"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_file_that_is_not_a_recording_is_refused_and_nothing_is_stored(
    admin_client, make_interview, media_root, case
):
    name, content, said = REFUSED[case]
    interview = make_interview()

    errors = form_errors(attach(admin_client, interview, file=upload(name, content)))

    assert any(said in error for error in errors["file"]), errors
    assert not Recording.objects.exists()
    assert stored(media_root) == []


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_truncated_recording_is_refused_and_nothing_is_stored(
    admin_client, make_interview, media_root, recording_files, suffix
):
    content = truncated(recording_file(recording_files, suffix), keep=0.6)
    interview = make_interview()

    errors = form_errors(attach(admin_client, interview, file=upload(f"cut{suffix}", content)))

    assert any("incomplete" in error or "damaged" in error for error in errors["file"]), errors
    assert not Recording.objects.exists()
    assert stored(media_root) == []


def test_a_recording_over_the_size_limit_is_refused_with_the_limit(
    admin_client, make_interview, media_root, recording_files, settings
):
    settings.MEDIA_MAX_UPLOAD_BYTES = 50_000
    content = recording_files[".wav"].read_bytes()
    interview = make_interview()

    errors = form_errors(attach(admin_client, interview, file=upload("talk.wav", content)))

    assert errors["file"] == [
        f"This file is {recordings.size_text(len(content))}; a recording may be at most 48.8 kB "
        "(DJANGO_MEDIA_MAX_UPLOAD_BYTES). Compress it (a spoken-word MP3 or M4A at 64 kbit/s is "
        "about 30 MB an hour), or host it elsewhere and give its address."
    ]
    assert stored(media_root) == []


def test_a_recording_needs_a_file_or_an_address(admin_client, make_interview):
    errors = form_errors(attach(admin_client, make_interview()))

    assert errors["__all__"] == [
        "Upload a recording, or give the address of one on an allowed host."
    ]


def test_a_failed_save_removes_the_file_it_wrote(make_interview, media_root, recording_files):
    interview = make_interview()
    Recording.objects.create(interview=interview, external_url="https://media.example.org/a.mp3")
    content = recording_files[".wav"].read_bytes()
    second = Recording(interview=interview, file=upload("again.wav", content))

    with pytest.raises(IntegrityError):
        recordings.recording_save(recording=second)

    assert stored(media_root) == []


def test_replacing_the_file_keeps_the_old_one_for_the_history(
    admin_client, make_interview, media_root, recording_files
):
    interview = make_interview()
    attach(admin_client, interview, file=upload("first.wav", recording_files[".wav"].read_bytes()))
    recording = Recording.objects.get()
    other = make_wav(media_root.parent / "second.wav", seconds=1, tone=660)

    response = admin_client.post(
        reverse("admin:interviews_recording_change", args=[recording.pk]),
        {
            "interview": interview.pk,
            "external_url": "",
            "kind": "audio",
            "file": upload("second.wav", other.read_bytes()),
        },
    )

    assert response.status_code == 302, form_errors(response)
    recording.refresh_from_db()
    assert recording.duration == datetime.timedelta(seconds=1)
    assert stored(media_root) == [
        f"recordings/{interview.pk}/first.wav",
        f"recordings/{interview.pk}/second.wav",
    ]


def test_an_uploaded_files_kind_stays_what_was_read_from_it(
    admin_client, make_interview, recording_files
):
    interview = make_interview()
    attach(admin_client, interview, file=upload("talk.wav", recording_files[".wav"].read_bytes()))
    recording = Recording.objects.get()

    response = admin_client.post(
        reverse("admin:interviews_recording_change", args=[recording.pk]),
        {"interview": interview.pk, "external_url": "", "kind": "video"},
    )

    assert response.status_code == 302, form_errors(response)
    recording.refresh_from_db()
    assert (recording.kind, recording.format_name) == ("audio", "WAV")


# --- External addresses -----------------------------------------------------------------------


def test_no_external_address_is_allowed_by_default(settings):
    assert settings.MEDIA_EXTERNAL_HOSTS == []


REFUSED_ADDRESSES = {
    "no host allowed (the default)": (
        [],
        "https://media.example.org/a.mp3",
        "This site takes no external recordings: no host is allowed "
        "(DJANGO_MEDIA_EXTERNAL_HOSTS is empty). Upload the file instead, or ask an "
        "administrator to allow the host it is on.",
    ),
    "a host not allowed": (
        ["media.example.org"],
        "https://evil.example.net/a.mp3",
        "Recordings may not come from evil.example.net: the allowed hosts are "
        "media.example.org. Upload the file instead, or ask an administrator to allow the host "
        "(DJANGO_MEDIA_EXTERNAL_HOSTS).",
    ),
}


@pytest.mark.parametrize("case", REFUSED_ADDRESSES)
def test_an_address_on_a_host_not_allowed_is_refused_with_why(
    admin_client, make_interview, settings, case
):
    settings.MEDIA_EXTERNAL_HOSTS, url, message = REFUSED_ADDRESSES[case]

    errors = form_errors(attach(admin_client, make_interview(), external_url=url))

    assert errors["external_url"] == [message]
    assert not Recording.objects.exists()


def test_an_address_on_an_allowed_host_is_attached(admin_client, make_interview, settings):
    settings.MEDIA_EXTERNAL_HOSTS = ["media.example.org"]
    interview = make_interview()

    response = attach(
        admin_client, interview, external_url="https://media.example.org/ep1.mp3", kind="audio"
    )

    assert response.status_code == 302, form_errors(response)
    recording = Recording.objects.get(interview=interview)
    assert (recording.url, recording.mime_type, recording.file.name) == (
        "https://media.example.org/ep1.mp3",
        "audio/mpeg",
        "",
    )


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://media.example.org/a.mp3", "must start with https://"),
        ("https://media.example.org:8443/a.mp3", "no port, user or password"),
        ("https://user:pw@media.example.org/a.mp3", "no port, user or password"),
        ("https://media.example.org.evil.net/a.mp3", "may not come from"),
        ("https://MEDIA.example.org/a.mp3", None),
    ],
)
def test_external_addresses_are_checked_against_the_allowed_hosts(url, said):
    if said is None:
        recordings.check_external_url(url, allowed_hosts=["media.example.org"])
        return
    with pytest.raises(recordings.MediaRefused, match=said):
        recordings.check_external_url(url, allowed_hosts=["media.example.org"])


def test_the_csp_media_src_is_the_site_and_exactly_the_allowed_hosts():
    (media_src,) = load_settings_value(
        'CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"]',
        DJANGO_DEBUG="1",
        DJANGO_MEDIA_EXTERNAL_HOSTS="media.example.org, CDN.example.net",
    )
    assert media_src == ["'self'", "https://media.example.org", "https://cdn.example.net"]


def test_every_response_says_media_comes_from_the_site_only_by_default(client, db):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "media-src 'self';" in policy or policy.endswith("media-src 'self'")


# --- Subtitles --------------------------------------------------------------------------------


def test_srt_subtitles_are_stored_as_webvtt(admin_client, make_interview, recording_files):
    interview = make_interview()
    response = attach(
        admin_client,
        interview,
        file=upload("talk.wav", recording_files[".wav"].read_bytes()),
        subtitles_upload=upload("talk.srt", SRT.encode()),
    )

    assert response.status_code == 302, form_errors(response)
    assert Recording.objects.get().subtitles_vtt == (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.500\nHello and welcome.\n\n"
        "00:00:02.500 --> 00:01:04.000\n<i>Laughs</i> Thank you.\n"
    )


def test_garbage_subtitles_are_refused_with_a_message(
    admin_client, make_interview, recording_files
):
    errors = form_errors(
        attach(
            admin_client,
            make_interview(),
            file=upload("talk.wav", recording_files[".wav"].read_bytes()),
            subtitles_upload=upload("talk.srt", b"Just some notes\n\nabout the talk\n"),
        )
    )

    assert errors["subtitles_upload"] == [
        "This is not an SRT or WebVTT subtitle file: block 1 (“Just some notes”) has no timing "
        "line such as 00:00:01,000 --> 00:00:04,000."
    ]
    assert not Recording.objects.exists()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b"WEBVTT\n\n", "holds no cue"),
        (b"1\n00:00:05,000 --> 00:00:01,000\nBackwards\n", "ends before it starts"),
        (b"1\n00:00:75,000 --> 00:01:00,000\nNo\n", "impossible time"),
    ],
)
def test_subtitles_that_cannot_be_shown_are_refused(content, said):
    with pytest.raises(recordings.MediaRefused, match=said):
        recordings.subtitles_webvtt(content)


def test_webvtt_subtitles_keep_their_cues_and_drop_notes():
    vtt = (
        b"WEBVTT - a talk\n\nNOTE written by hand\n\n"
        b"intro\n01:02.5 --> 01:04.000 align:start\n<v Ana>Hello\n"
    )

    assert recordings.subtitles_webvtt(vtt) == (
        "WEBVTT\n\n00:01:02.500 --> 00:01:04.000\n<v Ana>Hello\n"
    )


# --- Editors, the interview's page and its history ------------------------------------------


def test_an_editor_attaches_a_recording_from_the_interview_page(
    editor_client, make_interview, recording_files
):
    interview = make_interview()
    change_url = reverse("admin:interviews_interview_change", args=[interview.pk])
    page = editor_client.get(change_url).content.decode()
    assert f'href="{ADD_URL}?interview={interview.pk}"' in page

    response = attach(
        editor_client, interview, file=upload("talk.wav", recording_files[".wav"].read_bytes())
    )

    assert response.status_code == 302, form_errors(response)
    page = editor_client.get(change_url).content.decode()
    assert "Audio, WAV, 00:00:03, 93.8 kB." in page
    recording = Recording.objects.get()
    assert reverse("admin:interviews_recording_change", args=[recording.pk]) in page
    # "Attach" on an interview that has its recording opens that one.
    again = editor_client.get(f"{ADD_URL}?interview={interview.pk}")
    assert again["Location"] == reverse("admin:interviews_recording_change", args=[recording.pk])


def test_the_recording_is_in_the_interviews_edit_history(
    admin_client, make_interview, recording_files
):
    interview = make_interview()
    attach(admin_client, interview, file=upload("talk.wav", recording_files[".wav"].read_bytes()))

    versions = Version.objects.get_for_object(interview)
    assert versions.count() == 1
    revision = versions.get().revision
    assert revision.comment == "Attached the recording: Audio, WAV, 00:00:03, 93.8 kB."
    assert revision.user.username == "admin"
    assert {version.content_type.model for version in revision.version_set.all()} >= {
        "interview",
        "recording",
    }
    history = admin_client.get(
        reverse("admin:interviews_interview_history", args=[interview.pk])
    ).content.decode()
    assert "Attached the recording" in history


# --- Storage settings ---------------------------------------------------------------------------


def test_object_storage_without_django_storages_is_a_clear_configuration_error():
    try:
        import storages  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("django-storages is installed here: the error cannot happen")
    result = run_python(
        "-c",
        "import django; django.setup()",
        DJANGO_DEBUG="1",
        DJANGO_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="archive-media",
    )
    assert result.returncode != 0
    assert "DJANGO_MEDIA_STORAGE=s3 needs django-storages and boto3" in result.stderr
    assert "pip install 'interview-archive[s3]'" in result.stderr


def test_an_unknown_storage_is_a_clear_configuration_error():
    result = run_python(
        "-c", "import django; django.setup()", DJANGO_DEBUG="1", DJANGO_MEDIA_STORAGE="ftp"
    )
    assert result.returncode != 0
    assert "it must be 'filesystem' (the default) or 's3'" in result.stderr


def test_the_file_system_is_the_default_storage_under_media_root():
    backend, media_root = load_settings_value(
        'STORAGES["default"]["BACKEND"]', "MEDIA_ROOT.name", DJANGO_DEBUG="1"
    )
    assert backend == "django.core.files.storage.FileSystemStorage"
    assert media_root == "media"


@pytest.mark.parametrize(
    ("options", "origins"),
    [
        (
            {"bucket_name": "media", "custom_domain": "media.archive.example.org"},
            ["https://media.archive.example.org"],
        ),
        (
            {"bucket_name": "media", "endpoint_url": "https://minio.internal:9000"},
            ["https://minio.internal:9000", "https://media.minio.internal:9000"],
        ),
        (
            {"bucket_name": "media", "region_name": "eu-west-3"},
            ["https://media.s3.amazonaws.com", "https://media.s3.eu-west-3.amazonaws.com"],
        ),
    ],
)
def test_the_csp_allows_the_object_stores_origins(options, origins):
    """With DJANGO_MEDIA_STORAGE=s3 the browser fetches media from the store: media-src says so."""
    from config.settings import s3_media_origins

    defaults = {"custom_domain": None, "endpoint_url": None, "region_name": None}
    assert s3_media_origins({**defaults, **options}) == origins


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_damaged_recording_is_read_or_refused_never_an_error(recording_files, suffix):
    """Bytes changed at random and files cut anywhere: a sentence for the editor, never a 500."""
    original = recording_file(recording_files, suffix).read_bytes()
    rng = random.Random(f"damage{suffix}")
    for _ in range(150):
        damaged = bytearray(original)
        for _ in range(rng.choice([1, 5, 40])):
            damaged[rng.randrange(min(len(damaged), rng.choice([64, 4096, len(damaged)])))] = (
                rng.randrange(256)
            )
        if rng.random() < 0.3:
            damaged = damaged[: rng.randrange(1, len(damaged))]
        try:
            recordings.media_facts(io.BytesIO(bytes(damaged)), size=len(damaged))
        except recordings.MediaRefused as refusal:
            assert str(refusal).endswith(".")
