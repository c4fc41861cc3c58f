"""Stable links: old article addresses answer 301 to the new one, or 410 when gone."""

import pytest

from articles import redirects
from articles.models import Article, OldPath, normalize_path

from .conftest import make_article, make_category


@pytest.fixture
def article(db):
    return make_article(
        "Die Brücke ist fertig", slug="bruecke", category=make_category(slug="stadt")
    )


def reload(article) -> Article:
    return Article.objects.get(pk=article.pk)


def test_changed_slug_redirects_the_old_address(client, article):
    moved = reload(article)
    moved.slug = "neue-bruecke-eroeffnet"
    moved.save()

    response = client.get("/stadt/bruecke/")

    assert response.status_code == 301
    assert response["Location"] == "/stadt/neue-bruecke-eroeffnet/"
    assert client.get(response["Location"]).status_code == 200


def test_changed_category_and_slug_redirect_the_old_address(client, article):
    moved = reload(article)
    moved.category = make_category(slug="verkehr")
    moved.slug = "bruecke-offen"
    moved.save()

    response = client.get("/stadt/bruecke/")

    assert response.status_code == 301
    assert response["Location"] == "/verkehr/bruecke-offen/"


def test_every_earlier_address_leads_to_the_current_one(client, article):
    for slug in ["zweiter-name", "dritter-name"]:
        moved = reload(article)
        moved.slug = slug
        moved.save()

    assert client.get("/stadt/bruecke/")["Location"] == "/stadt/dritter-name/"
    assert client.get("/stadt/zweiter-name/")["Location"] == "/stadt/dritter-name/"
    assert set(OldPath.objects.values_list("path", flat=True)) == {
        "/stadt/bruecke/",
        "/stadt/zweiter-name/",
    }


def test_moving_a_freshly_created_article_is_remembered_too(client, article):
    article.slug = "gleich-umbenannt"
    article.save()

    assert client.get("/stadt/bruecke/")["Location"] == "/stadt/gleich-umbenannt/"


def test_saving_without_moving_records_nothing(article):
    unchanged = reload(article)
    unchanged.title = "Neuer Titel, gleiche Adresse"
    unchanged.save()

    assert not OldPath.objects.exists()


def test_an_old_address_taken_by_a_new_article_shows_the_new_article(client, article):
    moved = reload(article)
    moved.slug = "bruecke-alt"
    moved.save()
    make_article("Zweite Brücke", slug="bruecke", category=moved.category)

    response = client.get("/stadt/bruecke/")

    assert response.status_code == 200
    assert "Zweite Brücke" in response.text


def test_importer_paths_with_query_strings_redirect(client, article):
    OldPath.objects.create(path="/?p=123", article=article)
    OldPath.objects.create(path="https://alt.example.org/2019/05/die-bruecke/", article=article)

    assert client.get("/?p=123")["Location"] == "/stadt/bruecke/"
    assert client.get("/?p=123").status_code == 301
    assert client.get("/2019/05/die-bruecke/")["Location"] == "/stadt/bruecke/"
    # Without the trailing slash, and with tracking parameters, too.
    assert client.get("/2019/05/die-bruecke")["Location"] == "/stadt/bruecke/"
    assert client.get("/2019/05/die-bruecke/?utm_source=x")["Location"] == "/stadt/bruecke/"


def test_front_page_with_unknown_parameters_still_shows_the_front_page(client, article):
    assert client.get("/?p=999").status_code == 200
    # ?page=1 is the front page's own address without it (tests/test_page_addresses.py).
    assert client.get("/", {"page": 2}).status_code == 404


def test_paths_are_stored_decoded_and_without_host():
    assert normalize_path("https://alt.example.org/caf%C3%A9/?p=1") == "/café/?p=1"
    assert normalize_path("2019/05/x/") == "/2019/05/x/"
    assert normalize_path("/?page_id=7") == "/?page_id=7"


def test_umlaut_paths_redirect(client, article):
    OldPath.objects.create(path="/br%C3%BCcke/", article=article)

    assert client.get("/brücke/")["Location"] == "/stadt/bruecke/"


def test_unknown_address_is_still_not_found(client, article):
    response = client.get("/stadt/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text


def test_unpublished_article_is_gone(client, article):
    taken_down = reload(article)
    taken_down.status = Article.Status.DRAFT
    taken_down.save()

    response = client.get("/stadt/bruecke/")

    assert response.status_code == 410
    assert "nicht mehr verfügbar" in response.text
    assert "Die Brücke ist fertig" not in response.text


def test_old_address_of_an_unpublished_article_is_gone(client, article):
    moved = reload(article)
    moved.slug = "bruecke-2"
    moved.status = Article.Status.DRAFT
    moved.save()

    assert client.get("/stadt/bruecke/").status_code == 410


def test_never_published_draft_is_not_found_not_gone(client, db):
    draft = make_article(slug="nie", status=Article.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.first_published_at is None


def test_editors_still_preview_an_unpublished_article(client, article, editor):
    taken_down = reload(article)
    taken_down.status = Article.Status.DRAFT
    taken_down.save()
    client.force_login(editor)

    assert client.get("/stadt/bruecke/").status_code == 200


def test_lookup_tries_the_exact_path_first(article):
    other = make_article(slug="andere")
    OldPath.objects.create(path="/alt/?p=1", article=article)
    OldPath.objects.create(path="/alt/", article=other)

    assert redirects.find_article("/alt/?p=1") == article
    assert redirects.find_article("/alt/?p=2") == other
    assert redirects.find_article("/sonstwo/") is None


def test_post_requests_are_not_redirected(client, article):
    OldPath.objects.create(path="/alt/", article=article)

    assert client.post("/alt/").status_code in {403, 404, 405}


def test_editors_with_the_right_can_manage_old_addresses_in_the_admin(client, article):
    from .conftest import make_user

    OldPath.objects.create(path="/?p=77", article=article)
    client.force_login(make_user(is_staff=True, is_superuser=True))

    listing = client.get("/admin/articles/oldpath/")

    assert listing.status_code == 200
    assert "/?p=77" in listing.text
    assert client.get("/admin/articles/oldpath/add/").status_code == 200


def test_moving_off_a_taken_address_does_not_repoint_the_other_articles_redirect(client, article):
    moved = reload(article)
    moved.slug = "bruecke-neu"
    moved.save()
    # Made outside the form (shell, import), which refuses the old address.
    squatter = make_article("Übernommen", slug="bruecke", category=moved.category)
    squatter.slug = "woanders"
    squatter.save()

    assert OldPath.objects.get(path="/stadt/bruecke/").article == article
    assert client.get("/stadt/bruecke/")["Location"] == "/stadt/bruecke-neu/"


def test_an_old_address_is_taken_over_only_when_asked(article):
    other = make_article(slug="andere")
    OldPath.objects.create(path="/alt/", article=article)

    assert OldPath.remember("/alt/", other) is False
    assert OldPath.objects.get(path="/alt/").article == article
    assert OldPath.remember("/alt/", other, take_over=True) is True
    assert OldPath.objects.get(path="/alt/").article == other
    assert OldPath.remember("/neu/", article) is True


def test_an_address_is_held_when_another_article_had_it(article):
    moved = reload(article)
    moved.slug = "bruecke-neu"
    moved.save()
    OldPath.objects.create(path="/stadt/ohne-schraegstrich", article=article)
    other = make_article(slug="andere")

    assert redirects.held_by_another_article("/stadt/bruecke/", other)
    assert redirects.held_by_another_article("/stadt/ohne-schraegstrich/", None)
    assert not redirects.held_by_another_article("/stadt/bruecke/", article)
    assert not redirects.held_by_another_article("/stadt/frei/", other)
