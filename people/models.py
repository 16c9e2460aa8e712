import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from config.archive_version import ArchiveQuerySet


def name_key(name: str) -> str:
    """The form in which two spellings of a name compare equal: no accents, no case, one space."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(without_accents.casefold().split())


def validate_aliases(value):
    if not isinstance(value, list) or not all(isinstance(alias, str) for alias in value):
        raise ValidationError("Aliases must be a list of names.")


class Person(models.Model):
    """Someone who gives or conducts interviews, and the other spellings transcripts use.

    This app imports nothing from interviews (tests/test_app_boundaries.py): which people a
    reader may see (`interviews.models.public_people()`), the page get_absolute_url names
    (`interviews:person`) and the tracking of their changes in the archive's version
    (interviews/apps.py) belong to the interviews app.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text=(
            'Other spellings a transcript may use for this person, e.g. "Francois", "Chollet".'
        ),
    )
    bio = models.TextField("short bio", blank=True)
    url = models.URLField("web page", max_length=500, blank=True)
    # A comment posted by this staff account, signed in, on an interview this person took part
    # in is marked as theirs (the badge); nobody else can wear it by signing with the name.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="staff account",
        help_text="Their account on this site, if they have one: their comments get their badge.",
    )

    objects = ArchiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("interviews:person", kwargs={"slug": self.slug})

    def clean(self):
        seen = set()
        cleaned = []
        for alias in self.aliases or []:
            alias = " ".join(str(alias).split())
            if alias and name_key(alias) not in seen:
                seen.add(name_key(alias))
                cleaned.append(alias)
        self.aliases = cleaned

    def name_keys(self) -> set[str]:
        """Every accent- and case-free spelling this person answers to."""
        return {name_key(self.name), *(name_key(alias) for alias in self.aliases or [])}
