"""A row's slug: its name's, numbered past the slugs already taken."""

from interviews.models import Outlet, Topic
from interviews.slugs import numbered_slug, slug_base, unique_slug


def test_a_slug_is_numbered_past_those_taken():
    assert numbered_slug("ann", set()) == "ann"
    assert numbered_slug("ann", {"ann", "ann-2"}) == "ann-3"


def test_a_name_without_letters_takes_the_models_name():
    assert slug_base(Topic, "?!") == "topic"


def test_a_preferred_slug_wins_over_the_name_and_is_cut_to_size():
    assert slug_base(Topic, "Machine learning", preferred="ml") == "ml"
    assert len(slug_base(Topic, "word " * 100)) <= 180


def test_a_unique_slug_is_free_in_the_database(db):
    Outlet.objects.create(name="Wired", slug="wired")
    Outlet.objects.create(name="Wired UK", slug="wired-2")
    assert unique_slug(Outlet, "Wired") == "wired-3"
    assert unique_slug(Outlet, "The Verge") == "the-verge"
