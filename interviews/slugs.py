"""Slugs for the archive's rows: a name's slug, numbered "-2", "-3"... past those taken.

Every row with a slug gets it here: an import's interview, outlet, topic or person, and the
generated archive's catalogue.
"""

from collections.abc import Container

from django.utils.text import slugify

# Room for a "-2" ending and more under the SlugFields' max_length of 200.
MAX_SLUG_BASE = 180


def slug_base(model, text: str, *, preferred: str = "") -> str:
    """`preferred`, else the slug of `text`, cut to MAX_SLUG_BASE; the model's name when both
    are empty (a name of punctuation only has no slug)."""
    return (preferred or slugify(text))[:MAX_SLUG_BASE].strip("-") or model._meta.model_name


def numbered_slug(base: str, taken: Container[str]) -> str:
    """`base`, else `base`-2, `base`-3...: the first that is not `taken`."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def unique_slug(model, text: str, *, preferred: str = "") -> str:
    """`preferred` (or the slug of `text`), numbered past the slugs `model`'s rows hold."""
    base = slug_base(model, text, preferred=preferred)
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return numbered_slug(base, taken)
