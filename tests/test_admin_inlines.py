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


def pinned_rows(*articles) -> dict:
    """The pinned related articles' inline as a crafted POST fills it."""
    data = {"pinned_related-TOTAL_FORMS": str(len(articles))}
    for n, article in enumerate(articles):
        data[f"pinned_related-{n}-related"] = article.pk
        data[f"pinned_related-{n}-position"] = n
    return data


@pytest.fixture
def author(client):
    from .conftest import make_author

    user = make_user(role="Author")
    client.force_login(user)
    return make_author("Anna Autorin", user=user)


@pytest.mark.django_db
def test_author_cannot_read_hidden_titles_through_crafted_pinned_related_rows(client, author):
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article

    from .conftest import make_article, make_author
    from .test_admin import article_form

    own = make_article("Mein Entwurf", status=Article.Status.DRAFT, authors=[author])
    stranger = make_author()
    draft = make_article("Geheimer Entwurf", status=Article.Status.DRAFT, authors=[stranger])
    embargoed = make_article("Gesperrt bis Montag", authors=[stranger],
                             published_at=timezone.now() + timedelta(days=2))  # fmt: skip
    public = make_article("Schon erschienen", authors=[stranger])
    mine_too = make_article("Mein zweiter Text", status=Article.Status.DRAFT, authors=[author])
    # An empty title makes the form come back with what was posted.
    data = article_form(own.category, slug=own.slug, title="", **{"bylines-TOTAL_FORMS": "0"})
    data.update(pinned_rows(draft, embargoed, public, mine_too))

    response = client.post(f"/admin/articles/article/{own.pk}/change/", data)

    assert response.status_code == 200
    assert "Geheimer Entwurf" not in response.text
    assert "Gesperrt bis Montag" not in response.text
    # What the author may see stays choosable.
    assert "Schon erschienen" in response.text and "Mein zweiter Text" in response.text


@pytest.mark.django_db
def test_author_does_not_see_a_draft_an_editor_pinned_under_their_article(client, author):
    from articles.models import Article, RelatedArticle

    from .conftest import make_article, make_author
    from .test_admin import article_form

    own = make_article("Mein Text", slug="mein-text", authors=[author])
    secret = make_article("Geheimer Entwurf", status=Article.Status.DRAFT, authors=[make_author()])
    RelatedArticle.objects.create(article=own, related=secret, position=0)
    url = f"/admin/articles/article/{own.pk}/change/"

    assert "Geheimer Entwurf" not in client.get(url).text

    data = article_form(own.category, slug="mein-text", title="Korrigiert",
                        **{"bylines-TOTAL_FORMS": "0"})  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert RelatedArticle.objects.filter(article=own, related=secret).exists(), "the pin stays"


@pytest.mark.django_db
def test_pinned_article_search_offers_an_author_public_and_own_articles_only(client, author):
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article

    from .conftest import make_article, make_author

    stranger = make_author()
    public = make_article("Bericht: erschienen", authors=[stranger])
    own = make_article("Bericht: mein Entwurf", status=Article.Status.DRAFT, authors=[author])
    make_article("Bericht: fremder Entwurf", status=Article.Status.DRAFT, authors=[stranger])
    make_article("Bericht: gesperrt", authors=[stranger],
                 published_at=timezone.now() + timedelta(days=2))  # fmt: skip

    found = client.get(
        "/admin/autocomplete/",
        {
            "term": "Bericht",
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "related",
        },
    )

    assert found.status_code == 200
    assert sorted(item["id"] for item in found.json()["results"]) == sorted(
        [str(public.pk), str(own.pk)]
    )
