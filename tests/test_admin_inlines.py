"""The article form in the admin shows its bylines and sources to every editorial role."""

import re

import pytest

from .conftest import make_user


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Author", "Editor"])
def test_article_form_offers_bylines_and_sources_to_the_editorial_roles(client, role):
    client.force_login(make_user(role=role))

    response = client.get("/admin/articles/article/add/")

    assert response.status_code == 200
    assert b'name="bylines-TOTAL_FORMS"' in response.content
    assert b'name="sources-TOTAL_FORMS"' in response.content


@pytest.mark.django_db
def test_moderator_cannot_open_the_article_form(client):
    client.force_login(make_user(role="Moderator"))

    assert client.get("/admin/articles/article/add/").status_code == 403


@pytest.mark.django_db
def test_editor_pins_a_related_article_by_hand(client):
    from articles.models import RelatedArticle

    from .conftest import make_article

    article, other = make_article("Erster Artikel"), make_article("Zweiter Artikel")
    client.force_login(make_user(role="Editor"))

    form = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert b'name="pinned_related-TOTAL_FORMS"' in form.content

    # The autocomplete behind the inline's field answers the editor too.
    found = client.get(
        "/admin/autocomplete/",
        {
            "term": "Zweiter",
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "related",
        },
    )
    assert found.status_code == 200
    assert [item["id"] for item in found.json()["results"]] == [str(other.pk)]

    RelatedArticle.objects.create(article=article, related=other, position=0)
    form = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert b'name="pinned_related-0-related"' in form.content


@pytest.mark.django_db
def test_admin_index_names_the_tags_section_in_german(client):
    client.force_login(make_user(role="Author"))
    html = client.get("/admin/").content.decode()
    assert "Taggit" not in html
    assert re.search(r'class="section" title="[^"]*">Schlagwörter</a>', html)
