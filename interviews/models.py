import datetime
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from config.archive_version import ArchiveQuerySet
from interviews.search import SearchDocument, SearchDocumentField
from interviews.transcript.model import (
    PartialDate,
    Precision,
    Role,
    TurnKind,
    timestamp_text,
)
from people.models import Person, name_key


def choices_of(name: str, fixed: type[StrEnum], labels: dict[str, str]) -> type[models.TextChoices]:
    """Django's choices for one of the parser's fixed lists, each value with its label.

    A value left without a label fails here, on import, so the two cannot drift apart.
    """
    return models.TextChoices(
        name, [(member.name, (member.value, labels[member])) for member in fixed]
    )


# Module-level, not nested in their models, so that each model's Meta can build its
# CheckConstraint from the same list as its field's choices.
DatePrecisionChoices = choices_of(
    "DatePrecision",
    Precision,
    {Precision.DAY: "Day", Precision.MONTH: "Month", Precision.YEAR: "Year"},
)
RoleChoices = choices_of(
    "Role", Role, {Role.INTERVIEWER: "Interviewer", Role.INTERVIEWEE: "Interviewee"}
)
TurnKindChoices = choices_of(
    "Kind",
    TurnKind,
    {
        TurnKind.QUESTION: "Question",
        TurnKind.ANSWER: "Answer",
        TurnKind.REMARK: "Remark",
        TurnKind.CAPTION: "Caption",
        TurnKind.DIRECTION: "Stage direction",
    },
)


class CommentOriginChoices(models.TextChoices):
    IMPORTED = "imported", "Imported from the source page"
    POSTED = "posted", "Posted here"


class CommentAuthorChoices(models.TextChoices):
    """Whose a comment is, when that is known for sure: what its badge on the page says."""

    INTERVIEWER = "interviewer", "The interviewer"
    INTERVIEWEE = "interviewee", "The interviewee"
    OUTLET = "outlet", "The outlet"


class CommentVerificationChoices(models.TextChoices):
    """How a comment's author came to be known (CommentAuthorChoices): never by the name alone."""

    EDITOR = "editor", "Verified by an editor"
    ACCOUNT = "account", "Posted from the person's staff account"
    IMPORT = "import", "Marked as the page author's on the source page"


class CommentStatusChoices(models.TextChoices):
    PENDING = "pending", "Awaiting moderation"
    PUBLIC = "public", "Public"
    HIDDEN = "hidden", "Hidden"


class Outlet(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField("web site", max_length=500, blank=True)

    objects = ArchiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("interviews:outlet", kwargs={"slug": self.slug})


class Topic(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    objects = ArchiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("interviews:topic", kwargs={"slug": self.slug})


class InterviewQuerySet(ArchiveQuerySet):
    def published(self):
        return self.filter(status=Interview.Status.PUBLISHED)


class Interview(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    DatePrecision = DatePrecisionChoices

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    deck = models.CharField("deck / subtitle", max_length=500, blank=True)
    byline = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who wrote or conducted it, as the source prints it: “Interview by Ann Lee”.",
    )
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="interviews"
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="For a month or a year, the first day of it; the precision says what is known.",
    )
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    source_url = models.URLField("source URL", max_length=1000, blank=True)
    intro = models.TextField(blank=True)
    closing_note = models.TextField(blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="interviews")
    people = models.ManyToManyField(
        "people.Person", through="Participation", related_name="interviews"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The fingerprint of the transcript last imported (drafts.transcript_fingerprint): what
    # recognises a re-import that has no source URL.
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Written by the database from the title, deck and intro (interviews/search.py); its GIN
    # index on PostgreSQL is created by migration 0003, as SQLite has no such index.
    search_vector = models.GeneratedField(
        expression=SearchDocument(title="A", deck="B", intro="C"),
        output_field=SearchDocumentField(),
        db_persist=True,
        serialize=False,
    )

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        # The lists read a page of published interviews in either order from an index of
        # migration 0004 (PostgreSQL only, as SQLite cannot index NULLS LAST). This one lets the
        # outlet filter and facet count without reading the interviews' rows.
        indexes = [
            models.Index(
                fields=["outlet"], name="interview_public_outlet", condition=Q(status="published")
            ),
            # The admin's list of every interview, drafts too, newest first (migration 0008).
            models.Index(fields=["-published_on", "-id"], name="interview_admin_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecisionChoices.values),
                name="interview_date_precision_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A month-precision date is stored as the 1st so that sorting and year filters agree.
        self.published_on = normalise_date(self.published_on, self.date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("interviews:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def figures(self) -> "models.QuerySet[Figure]":
        """The images of its captions: one query, which the edit history follows."""
        return Figure.objects.filter(turn__interview=self)

    def clean(self):
        self.published_on = normalise_date(self.published_on, self.date_precision)

    @property
    def published_date(self) -> PartialDate | None:
        """The publication date to the precision it is known, or None."""
        if self.published_on is None:
            return None
        return PartialDate.from_day(self.published_on, self.date_precision)

    @property
    def published_display(self) -> str:
        """ "2 July 2018", "July 2018", "2018" or ""."""
        published = self.published_date
        return published.display() if published else ""

    @property
    def published_iso(self) -> str | None:
        """ "2018-07-02", "2018-07", "2018" or None: for <time datetime> and the exports."""
        published = self.published_date
        return published.isoformat() if published else None


def normalise_date(day: datetime.date | None, precision: str) -> datetime.date | None:
    """The first day of the month or year `day` stands for, at that precision."""
    # A day is kept as given: it may still be the text a form or a fixture assigned.
    if day is None or precision == Interview.DatePrecision.DAY:
        return day
    return PartialDate.from_day(day, precision).first_day()


class Participation(models.Model):
    """A person taking part in an interview as interviewer or interviewee."""

    Role = RoleChoices

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ArchiveQuerySet.as_manager()

    class Meta:
        ordering = ["role", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "person", "role"], name="participation_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=RoleChoices.values),
                name="participation_role_valid",
            ),
        ]
        # The person filters, and the interviewer and interviewee facets, from the index alone.
        indexes = [
            models.Index(fields=["person", "role", "interview"], name="participation_person_role"),
            models.Index(
                fields=["role", "interview", "person"], name="participation_role_interview"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display().lower()})"


def comment_signed_as(*, author_name: str, participations, outlet: Outlet | None) -> str:
    """Whose name a comment is signed with: "interviewer", "interviewee", "outlet" or "".

    A claim only: anyone may type a name. It never gives a badge by itself; it tells moderators
    what to verify, and an editor's "Verify author" action which role the name is.
    `participations` need their people.
    """
    key = name_key(author_name)
    for participation in participations:
        if key in participation.person.name_keys():
            return participation.role
    if outlet is not None and key == name_key(outlet.name):
        return CommentAuthorChoices.OUTLET
    return ""


def public_people() -> QuerySet[Person]:
    """The people a reader may see: those a published interview names as a participant.

    The one rule for every public page, list, filter, feed and sitemap. People are created
    when a transcript is imported, drafts included, and from whatever name the transcript
    gave; until an interview naming them is published they exist for editors only. (Turn
    speakers are not counted: the site shows a speaker's name but never links it to a page.)
    One EXISTS subquery, so it costs no extra query and never repeats a person.

    It is here rather than in selectors.py because filters.py, which selectors.py imports,
    needs it too; here it sits with the rule it extends, `Interview.objects.published()`.
    """
    named = Participation.objects.filter(
        person=OuterRef("pk"), interview__status=Interview.Status.PUBLISHED
    )
    return Person.objects.filter(Exists(named))


class Turn(models.Model):
    """One contribution to the conversation, in order: a question, an answer, a caption..."""

    Kind = TurnKindChoices

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="turns")
    position = models.PositiveIntegerField()
    speaker = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="turns",
        help_text="Empty for captions and stage directions, or a speaker not in the archive.",
    )
    speaker_label = models.CharField(
        max_length=200, blank=True, help_text="The speaker's name as the transcript wrote it."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ANSWER)
    text = models.TextField(
        help_text=(
            "Paragraphs separated by a blank line; list items on lines starting with •, - or *."
        )
    )
    timestamp = models.DurationField(
        null=True, blank=True, help_text="Offset into the recording, e.g. 00:01:23."
    )
    # Written by the database from the text (interviews/search.py); GIN-indexed on PostgreSQL.
    search_vector = models.GeneratedField(
        expression=SearchDocument(text="D"),
        output_field=SearchDocumentField(),
        db_persist=True,
        serialize=False,
    )

    objects = ArchiveQuerySet.as_manager()

    class Meta:
        ordering = ["interview", "position"]
        # A list counts each interview's questions from this index alone.
        indexes = [
            models.Index(fields=["interview"], name="turn_questions", condition=Q(kind="question"))
        ]
        constraints = [
            models.UniqueConstraint(fields=["interview", "position"], name="turn_unique_position"),
            models.CheckConstraint(
                condition=Q(kind__in=TurnKindChoices.values),
                name="turn_kind_valid",
            ),
        ]

    def __str__(self):
        who = self.speaker_label or self.get_kind_display()
        return f"{self.interview_id}#{self.position} {who}"

    def get_absolute_url(self):
        return f"{self.interview.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"t{self.position}"

    @property
    def speaker_name(self) -> str:
        """Who speaks as the archive knows them: the person's name, else the transcript's label;
        "" when the transcript names nobody (a caption, a stage direction)."""
        person_name = self.speaker.name if self.speaker_id is not None else None
        return shown_speaker(person_name, self.speaker_label)

    @property
    def timestamp_text(self) -> str | None:
        """ "00:01:23" into the recording ("00:00:00" included), or None."""
        return None if self.timestamp is None else timestamp_text(self.timestamp.total_seconds())


def shown_speaker(person_name: str | None, label: str) -> str:
    """`Turn.speaker_name` from its two columns, for reads that fetch rows, not turns."""
    return person_name if person_name is not None else label


class CommentQuerySet(ArchiveQuerySet):
    def public(self):
        return self.filter(status=Comment.Status.PUBLIC)


class Comment(models.Model):
    """A reader comment, imported from the source page or posted here; replies nest any depth."""

    Origin = CommentOriginChoices
    Status = CommentStatusChoices
    Author = CommentAuthorChoices
    Verification = CommentVerificationChoices

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author_name = models.CharField(max_length=200)
    author_url = models.URLField(max_length=500, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField()
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.POSTED)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    position = models.PositiveIntegerField(
        help_text="Order of the comment in the interview's whole thread, replies included."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The badge beside the author's name comes from these two only. Anyone may sign a comment
    # with the interviewer's name; the admin flags such a name match until an editor verifies it.
    verified_as = models.CharField(
        "author verified as",
        max_length=12,
        choices=Author.choices,
        blank=True,
        help_text=(
            "Set only when you know the comment is theirs (not from its name alone): "
            "the page then marks it with a badge."
        ),
    )
    verified_by = models.CharField(
        "author verified by", max_length=10, choices=Verification.choices, blank=True
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["interview", "position"]
        # The admin's comment list and moderation queue, newest first (migration 0008).
        indexes = [models.Index(fields=["-created_at", "-id"], name="comment_admin_newest")]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "position"], name="comment_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CommentStatusChoices.values), name="comment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=CommentOriginChoices.values), name="comment_origin_valid"
            ),
            # A badge always says how it was verified, and only a badge has a verification.
            models.CheckConstraint(
                condition=Q(verified_as="", verified_by="")
                | Q(
                    verified_as__in=CommentAuthorChoices.values,
                    verified_by__in=CommentVerificationChoices.values,
                ),
                name="comment_verified_author_valid",
            ),
            # A reply to itself would make a thread with no root; the database refuses it.
            # That a parent belongs to the same interview is enforced by a trigger (migration 0002).
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=models.F("id")),
                name="comment_not_own_parent",
            ),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.interview_id} (#{self.position})"

    @property
    def anchor(self) -> str:
        return f"c{self.position}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLIC

    def clean(self):
        if self.parent_id and self.parent.interview_id != self.interview_id:
            raise ValidationError(
                {"parent": "A reply must answer a comment on the same interview."}
            )


class MediaKindChoices(models.TextChoices):
    AUDIO = "audio", "Audio"
    VIDEO = "video", "Video"


def recording_upload_path(recording: "Recording", filename: str) -> str:
    """recordings/<interview id>/<name>: one folder per interview, the storage picks free names."""
    return f"recordings/{recording.interview_id}/{filename}"


def figure_upload_path(figure: "Figure", filename: str) -> str:
    return f"figures/{figure.turn.interview_id}/{filename}"


class Recording(models.Model):
    """The recording an interview was transcribed from: an uploaded file or an allowed URL.

    One per interview. `file` is stored through STORAGES["default"] (MEDIA_ROOT, or object
    storage); `external_url` must be on settings.MEDIA_EXTERNAL_HOSTS, the hosts the
    Content-Security-Policy's media-src allows. Exactly one of the two is set. The format and
    duration are what the container said when it was checked at upload (mutagen), not what the
    file's name claims.
    """

    Kind = MediaKindChoices

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="recording")
    file = models.FileField(upload_to=recording_upload_path, max_length=500, blank=True)
    external_url = models.URLField("external URL", max_length=1000, blank=True)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.AUDIO)
    mime_type = models.CharField("MIME type", max_length=100, blank=True)
    format_name = models.CharField(
        max_length=100, blank=True, help_text="The container as read from the file, e.g. MP3."
    )
    duration = models.DurationField(null=True, blank=True)
    size_bytes = models.BigIntegerField(null=True, blank=True)
    # A WebVTT track shown with a video: the imported SRT/WebVTT converted, or empty, in which
    # case the track is generated from the turns' timestamps when asked for.
    subtitles_vtt = models.TextField("subtitles (WebVTT)", blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArchiveQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(external_url="")) | (~Q(file="") & Q(external_url="")),
                name="recording_file_or_url",
                violation_error_message=(
                    "Upload a recording, or give the address of one on an allowed host."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MediaKindChoices.values), name="recording_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.interview_id}"

    @property
    def url(self) -> str:
        """Where a browser fetches the media: the stored file's URL, or the external one."""
        return self.file.url if self.file else self.external_url


class Figure(models.Model):
    """An image attached to a caption turn, shown as a <figure> with the caption.

    `image` is the rendition made once at upload (Pillow, no wider than the largest width the
    reading column needs); width and height are stored so the page reserves its space.
    """

    turn = models.OneToOneField(Turn, on_delete=models.CASCADE, related_name="figure")
    image = models.ImageField(
        upload_to=figure_upload_path,
        max_length=500,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # A narrower copy, for the screens that need no more (the page's srcset): empty when the
    # image is no wider than it would be (interviews/figures.py, FIGURE_SMALL_WIDTH).
    small_image = models.ImageField(
        upload_to=figure_upload_path, max_length=500, blank=True, editable=False
    )
    small_width = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        "alt text",
        max_length=1000,
        help_text="What the image shows, for readers who cannot see it. Required.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ArchiveQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="figure_alt_text_required"),
        ]

    def __str__(self):
        return f"Figure for {self.turn}"


class ArchiveVersion(models.Model):
    """One row: how many changes the archive has seen, and when the last one was committed.

    Maintained by config/archive_version.py; pages use it as their HTTP validator and the facet
    counts as their cache key.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"version {self.version}, changed {self.changed_at:%Y-%m-%d %H:%M:%S}"


# The import's drafts live with the rest of importing, and belong to this app.
from interviews.importing.models import ImportDraft  # noqa: E402,F401
