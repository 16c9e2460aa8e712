"""people/admin.py: the person form's aliases, one per line."""

from django.urls import reverse


def test_aliases_are_one_per_line(admin_client, make_person):
    person = make_person("François Chollet")
    url = reverse("admin:people_person_change", args=[person.pk])

    response = admin_client.post(
        url, {"name": person.name, "slug": person.slug, "aliases": "Francois\n  Chollet \n\n"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.aliases == ["Francois", "Chollet"]


def test_an_alias_with_a_nul_byte_is_a_form_error(admin_client, make_person):
    person = make_person("Ada")
    url = reverse("admin:people_person_change", args=[person.pk])

    response = admin_client.post(url, {"name": "Ada", "slug": person.slug, "aliases": "a\x00b"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    person.refresh_from_db()
    assert person.aliases == []
