import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
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


class PersonQuerySet(ArchiveQuerySet):
    def public(self):
        """The people a reader may see: those a published interview names as a participant.

        The one rule for every public page, list, filter, feed and sitemap. People are created
        when a transcript is imported, drafts included, and from whatever name the transcript
        gave; until an interview naming them is published they exist for editors only. (Turn
        speakers are not counted: the site shows a speaker's name but never links it to a page.)
        One EXISTS subquery, so it costs no extra query and never repeats a person.
        """
        # Imported here: interviews.models refers to Person, so people.models loads first.
        from interviews.models import Interview, Participation

        named = Participation.objects.filter(
            person=OuterRef("pk"), interview__status=Interview.Status.PUBLISHED
        )
        return self.filter(Exists(named))


class Person(models.Model):
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

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

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
