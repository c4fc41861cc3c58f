"""The editors' back office: roles, publishing rules, forms, uploads and tag suggestions."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article

from .conftest import image_upload, make_article, make_author, make_category, make_user

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
LIST_URL = "/admin/articles/article/"


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def article_form(category, author=None, **fields) -> dict:
    """What the admin's article form posts, with one byline and one source."""
    data = {
        "title": "Ein neuer Chip",
        "slug": "ein-neuer-chip",
        "teaser": "Schneller und sparsamer.",
        "body": "<p>Der Text.</p>",
        "featured_image_alt": "",
        "featured_image_caption": "",
        "featured_image_credit": "",
        "category": category.pk,
        "tags": "Chips, Open Source",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
        "meta_description": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk if author else "",
        "bylines-0-position": "0",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-name": "Hersteller",
        "sources-0-url": "https://chips.example",
        "sources-0-position": "0",
        # The pinned related articles' inline: present, left empty.
        "pinned_related-TOTAL_FORMS": "0",
        "pinned_related-INITIAL_FORMS": "0",
        "pinned_related-MIN_NUM_FORMS": "0",
        "pinned_related-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


@pytest.fixture
def author_client(client):
    user = make_user(role="Author")
    profile = make_author("Anna Autorin", user=user)
    client.force_login(user)
    client.profile = profile
    return client


# --- Pages render for each role ------------------------------------------------------


@pytest.mark.parametrize("role", ["Editor", "Author", None])
def test_article_admin_pages_render_for_each_role(client, role):
    user = make_user(role=role, is_staff=True, is_superuser=role is None)
    profile = make_author(user=user)
    article = make_article(authors=[profile], tags=["KI"])
    client.force_login(user)
    for url in [LIST_URL, ADD_URL, change_url(article), "/admin/", "/admin/articles/category/"]:
        response = client.get(url)
        assert response.status_code == 200, (role, url)
    page = client.get(ADD_URL).text
    assert "django_ckeditor_5/dist/bundle.js" in page
    assert 'data-upload-url="/editor/upload/"' in page
    assert 'data-suggest-url="/editor/tags/"' in page
    assert "js/tag-suggest.js" in page


def test_changelist_shows_columns_filters_and_search(editor_client):
    make_article(title="Im Archiv", authors=[make_author("Carla Columna")])
    page = editor_client.get(LIST_URL).text
    for text in ["Im Archiv", "Carla Columna", "Veröffentlicht", 'name="q"', "Nach Status"]:
        assert text in page
    assert "Im Archiv" in editor_client.get(LIST_URL, {"q": "Archiv"}).text
    assert "Im Archiv" not in editor_client.get(LIST_URL, {"q": "nichts"}).text


def test_changelist_survives_nasty_search_and_filters(editor_client):
    make_article()
    for params in [
        {"q": "<script>alert(1)</script>"},
        {"q": "ü" * 500},
        {"status__exact": "nonsense"},
        {"published_at__year": "abc"},
        {"p": "999999"},
    ]:
        assert editor_client.get(LIST_URL, params).status_code in {200, 302}, params


def test_moderator_cannot_open_the_article_admin(client):
    client.force_login(make_user(role="Moderator"))
    assert client.get(LIST_URL).status_code == 403
    assert client.get(ADD_URL).status_code == 403


# --- Authors --------------------------------------------------------------------------


def test_author_sees_only_their_own_articles(author_client):
    make_article(title="Mein Text", authors=[author_client.profile])
    make_article(title="Fremder Text", authors=[make_author()])
    page = author_client.get(LIST_URL).text
    assert "Mein Text" in page
    assert "Fremder Text" not in page


def test_author_cannot_open_someone_elses_article(author_client):
    other = make_article(title="Fremder Text", authors=[make_author()])
    response = author_client.get(change_url(other))
    assert response.status_code == 302  # "does not exist" back to the list
    response = author_client.post(change_url(other), article_form(other.category, title="Gekapert"))
    other.refresh_from_db()
    assert other.title == "Fremder Text"


def test_author_writes_a_draft_and_is_named_in_the_byline(author_client):
    category = make_category()
    response = author_client.post(ADD_URL, article_form(category, status="review"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="ein-neuer-chip")
    assert article.status == Article.Status.REVIEW
    assert article.ordered_authors == [author_client.profile]
    assert sorted(article.tags.names()) == ["Chips", "Open Source"]
    assert [s.name for s in article.ordered_sources] == ["Hersteller"]


def test_author_cannot_publish_even_with_a_crafted_post(author_client):
    category = make_category()
    response = author_client.post(ADD_URL, article_form(category, status="published"))
    assert response.status_code == 200
    assert not Article.objects.filter(slug="ein-neuer-chip").exists()
    assert "ein-neuer-chip" in response.text  # what they typed is kept

    draft = make_article(status=Article.Status.DRAFT, authors=[author_client.profile])
    author_client.post(change_url(draft), article_form(draft.category, slug=draft.slug,
                                                       status="published"))  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_author_cannot_use_the_bulk_publish_action(author_client):
    draft = make_article(status=Article.Status.DRAFT, authors=[author_client.profile])
    page = author_client.get(LIST_URL).text
    assert "publish_selected" not in page
    author_client.post(LIST_URL, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_author_may_correct_a_published_article_but_not_unpublish_it(author_client):
    article = make_article(authors=[author_client.profile], slug="fertig")
    data = article_form(article.category, slug="fertig", title="Korrigiert", status="draft")
    data.update({"bylines-TOTAL_FORMS": "0"})  # the byline stays as it is
    response = author_client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Korrigiert"
    assert article.status == Article.Status.PUBLISHED


# --- Editors --------------------------------------------------------------------------


def test_editor_writes_illustrates_schedules_and_publishes(editor_client):
    category = make_category()
    soon = timezone.localtime() + timedelta(days=1)
    data = article_form(
        category,
        status="published",
        published_at_0=soon.strftime("%Y-%m-%d"),
        published_at_1=soon.strftime("%H:%M:%S"),
        featured_image=image_upload("chip.jpg", size=(1600, 900)),
        featured_image_alt="Ein Chip auf einer Platine",
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="ein-neuer-chip")
    assert article.is_scheduled
    assert article.image_renditions == {}  # made by the worker: tests/test_images.py
    editor_client.logout()
    assert "Ein neuer Chip" not in editor_client.get("/").text

    # Its time comes. Nothing was cached past that moment (foundation.pagecache.lifetime
    # cuts every entry at the next publication; tests/test_page_cache.py shows it),
    # so moving the clock is like moving the article's time and emptying the cache.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    cache.clear()
    assert "Ein neuer Chip" in editor_client.get("/").text


def test_editing_an_illustrated_article_keeps_its_image_without_a_new_upload(editor_client):
    category, author = make_category(), make_author()
    article = make_article(
        category=category,
        slug="ein-neuer-chip",
        featured_image=image_upload("chip.jpg", size=(1600, 900)),
        featured_image_alt="Ein Chip",
    )
    stored = Article.objects.get(pk=article.pk).featured_image.name
    # The browser sends the empty file field; the stored image is not checked again.
    data = article_form(
        category, author, title="Ein neuer Chip, neu betitelt", featured_image_alt="Ein Chip"
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "Ein neuer Chip, neu betitelt"
    assert article.featured_image.name == stored


@pytest.mark.django_db(transaction=True)  # stamped once committed
def test_publishing_without_a_time_publishes_now(editor_client):
    from django.test import Client

    reader = Client()
    category = make_category()
    waiting = make_article(category=category, slug="ein-neuer-chip", status=Article.Status.REVIEW)
    assert "Ein neuer Chip" not in reader.get("/").text
    assert "ETag" in reader.get("/"), "the home page is in the page cache"
    data = article_form(category, make_author(), status="published")
    response = editor_client.post(change_url(waiting), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.is_live
    assert timezone.now() - waiting.published_at < timedelta(minutes=1)
    assert "Ein neuer Chip" in reader.get("/").text


def test_editor_bulk_publishes_and_unpublishes(editor_client):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    response = editor_client.post(
        LIST_URL, {"action": "publish_selected", "_selected_action": [d.pk for d in drafts]}
    )
    assert response.status_code == 302
    assert all(Article.objects.get(pk=d.pk).is_live for d in drafts)
    assert "2 Artikel veröffentlicht." in editor_client.get(LIST_URL).text
    editor_client.post(
        LIST_URL, {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]}
    )
    assert Article.objects.get(pk=drafts[0].pk).status == Article.Status.DRAFT


def test_view_on_site_previews_a_draft_for_staff_only(editor_client):
    from django.contrib.contenttypes.models import ContentType

    draft = make_article(status=Article.Status.DRAFT, title="Vorab")
    shortcut = f"/admin/r/{ContentType.objects.get_for_model(Article).pk}/{draft.pk}/"
    assert shortcut in editor_client.get(change_url(draft)).text
    response = editor_client.get(shortcut, follow=True)
    assert response.redirect_chain[-1][0].endswith(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschau: Dieser Artikel ist nicht öffentlich." in response.text
    editor_client.logout()
    assert editor_client.get(draft.get_absolute_url()).status_code == 404


def test_slug_collision_gets_a_clear_message_and_a_suggestion(editor_client):
    existing = make_article(title="Der erste", slug="ein-neuer-chip")
    response = editor_client.post(ADD_URL, article_form(existing.category))
    assert response.status_code == 200
    assert "Die Adresse „ein-neuer-chip“ gehört schon zum Artikel „Der erste“" in response.text
    assert "ein-neuer-chip-2" in response.text
    assert Article.objects.filter(slug="ein-neuer-chip").count() == 1


def test_image_needs_alt_text_in_the_admin(editor_client):
    data = article_form(make_category(), featured_image=image_upload())
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Bild" in response.text


@pytest.mark.parametrize(
    "upload, message",
    [
        (lambda: _file("notiz.jpg", b"kein Bild"), "kein Bild, das wir lesen können"),
        (lambda: image_upload("riesig.png", size=(8001, 10)), "8001×10 Pixel"),
        (lambda: _file("skript.exe", b"MZ\x90\x00"), "diese Datei endet auf „.exe“"),
        (lambda: image_upload("foto.png", image_format="JPEG"), "ist aber ein JPEG-Bild"),
    ],
)
def test_featured_image_upload_is_checked(editor_client, upload, message):
    data = article_form(make_category(), featured_image=upload(), featured_image_alt="Bild")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Ein neuer Chip"' in response.text  # the typed title is kept
    assert not Article.objects.exists()


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_category_admin_rejects_reserved_slug_and_deep_nesting(editor_client):
    top = make_category()
    child = make_category(parent=top)
    url = "/admin/articles/category/add/"
    response = editor_client.post(url, {"name": "Admin", "slug": "admin", "position": 0})
    assert "verwendet die Website selbst" in response.text
    response = editor_client.post(
        url, {"name": "Tief", "slug": "tief", "position": 0, "parent": child.pk}
    )
    assert response.status_code == 200
    assert not Article.objects.filter(slug="tief").exists()


# --- Editor tools: image upload and tag suggestions ---------------------------------------


UPLOAD_URL = "/editor/upload/"


def test_editor_upload_stores_a_checked_image(editor_client):
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload("bild.png")})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/uploads/") and url.endswith(".png")
    assert "bild" not in url  # the uploader's file name never reaches the disk


@pytest.mark.parametrize(
    "upload, message",
    [
        (lambda: _file("bild.png", b"<?php echo 1; ?>"), "kein Bild, das wir lesen können"),
        (lambda: image_upload("gross.png", size=(9000, 20)), "9000×20 Pixel"),
        (lambda: _file("bild.svg", b"<svg onload='x()'/>"), "endet auf „.svg“"),
        (lambda: image_upload("bild.gif", image_format="PNG"), "ist aber ein PNG-Bild"),
        (lambda: None, "Bitte wählen Sie ein Bild"),
    ],
)
def test_editor_upload_rejects_bad_files_with_a_german_message(editor_client, upload, message):
    file = upload()
    response = editor_client.post(UPLOAD_URL, {"upload": file} if file else {})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_editor_upload_is_for_editorial_staff_only(client):
    assert client.post(UPLOAD_URL, {"upload": image_upload()}).status_code == 403
    client.force_login(make_user(role="Moderator"))
    assert client.post(UPLOAD_URL, {"upload": image_upload()}).status_code == 403
    assert client.get(UPLOAD_URL).status_code == 405


def test_editor_upload_needs_the_csrf_token(editor_client):
    from django.test import Client

    user = make_user(role="Editor")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(UPLOAD_URL, {"upload": image_upload()}).status_code == 403


def test_tag_suggestions_offer_matching_tags_most_used_first(editor_client):
    make_article(tags=["Sicherheit", "Sicherheitslücke"])
    make_article(tags=["Sicherheitslücke", "Datensicherheit"])
    response = editor_client.get("/editor/tags/", {"q": "sicher"})
    assert response.json() == {"tags": ["Sicherheitslücke", "Sicherheit", "Datensicherheit"]}
    assert editor_client.get("/editor/tags/", {"q": ""}).json() == {"tags": []}
    assert editor_client.get("/editor/tags/", {"q": "<script>" * 50}).json() == {"tags": []}


def test_tag_suggestions_are_not_public(client):
    make_article(tags=["Geheim"])
    response = client.get("/editor/tags/", {"q": "geh"})
    assert response.status_code == 403
    assert "Geheim" not in response.text


def test_editor_creates_an_author_profile_for_a_user(editor_client):
    user = make_user("neu")
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "authorprofile",
            "field_name": "user",
            "term": "neu",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["neu"]
    response = editor_client.post(
        "/admin/articles/authorprofile/add/",
        {
            "user": user.pk,
            "display_name": "Nina Neu",
            "slug": "nina-neu",
            "website": "nina.example",
        },
    )
    assert response.status_code == 302
    assert user.author_profile.website == "https://nina.example"


def test_editor_gets_a_clear_message_for_a_bad_avatar(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        "/admin/articles/authorprofile/add/",
        {"user": make_user().pk, "display_name": "X", "slug": "x",
         "avatar": SimpleUploadedFile("bild.jpg", b"GIF89a nein")},
    )  # fmt: skip
    assert response.status_code == 200
    assert "kein Bild, das wir lesen können" in response.text


def test_editor_pins_a_related_article_in_the_article_form(editor_client):
    from articles.models import RelatedArticle

    category = make_category()
    other = make_article("Der ältere Bericht", category=category)
    data = article_form(category)
    data.update({"pinned_related-TOTAL_FORMS": "1", "pinned_related-0-related": other.pk})
    data["pinned_related-0-position"] = "0"

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="ein-neuer-chip")
    assert list(
        RelatedArticle.objects.filter(article=article).values_list("related", flat=True)
    ) == [other.pk]


# --- What an Author may see, choose and set ------------------------------------------------


def test_slug_taken_message_does_not_reveal_the_title_of_an_article_the_author_may_not_see(
    author_client,
):
    make_article("Geheime Fusion mit Acme", slug="ein-neuer-chip", status=Article.Status.DRAFT,
                 authors=[make_author()])  # fmt: skip
    response = author_client.post(ADD_URL, article_form(make_category()))
    assert response.status_code == 200
    assert "Geheime Fusion" not in response.text
    assert "ein-neuer-chip-2" in response.text, "a free address is still offered"
    assert Article.objects.filter(slug="ein-neuer-chip").count() == 1


def test_author_cannot_take_over_another_articles_old_address(author_client):
    from django.test import Client

    from articles.models import OldPath

    stadt = make_category(slug="stadt")
    other = make_article("Die Brücke ist fertig", slug="bruecke", category=stadt,
                         authors=[make_author()])  # fmt: skip
    other.slug = "bruecke-eroeffnet"
    other.save()  # its old address /stadt/bruecke/ now leads there
    OldPath.objects.create(path="/stadt/alter-bericht", article=other)  # imported, no slash
    own = make_article("Mein Text", slug="mein-text", status=Article.Status.DRAFT,
                       authors=[author_client.profile])  # fmt: skip

    response = author_client.post(ADD_URL, article_form(stadt, slug="bruecke"))
    assert response.status_code == 200
    assert "bruecke-2" in response.text, "a free address is offered"
    assert "Die Brücke ist fertig" not in response.text
    assert not Article.objects.filter(slug="bruecke").exists()
    for slug in ["bruecke", "alter-bericht"]:
        data = article_form(stadt, slug=slug, **{"bylines-TOTAL_FORMS": "0"})
        assert author_client.post(change_url(own), data).status_code == 200, slug
    own.refresh_from_db()
    assert (own.slug, own.category) != ("bruecke", stadt)

    reader = Client()
    assert reader.get("/stadt/bruecke/")["Location"] == "/stadt/bruecke-eroeffnet/"
    assert OldPath.objects.get(path="/stadt/bruecke/").article == other


def test_an_article_may_return_to_its_own_old_address(author_client):
    stadt = make_category(slug="stadt")
    own = make_article("Mein Text", slug="mein-text", category=stadt,
                       status=Article.Status.DRAFT, authors=[author_client.profile])  # fmt: skip
    own.slug = "mein-neuer-text"
    own.save()
    data = article_form(stadt, slug="mein-text", **{"bylines-TOTAL_FORMS": "0"})
    response = author_client.post(change_url(own), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.slug == "mein-text"


def test_article_already_at_a_held_address_can_still_be_corrected(author_client):
    from articles.models import OldPath

    stadt = make_category(slug="stadt")
    # Made before the form refused it (or in the shell): another article's old address.
    own = make_article("Mein Text", slug="bruecke", category=stadt, status=Article.Status.DRAFT,
                       authors=[author_client.profile])  # fmt: skip
    OldPath.objects.create(path="/stadt/bruecke/", article=make_article(slug="andere"))
    data = article_form(stadt, slug="bruecke", title="Korrigiert", **{"bylines-TOTAL_FORMS": "0"})
    response = author_client.post(change_url(own), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    own.refresh_from_db()
    assert own.title == "Korrigiert"


def test_author_cannot_backdate_or_schedule_a_draft_in_the_form(author_client):
    category = make_category()
    data = article_form(category, published_at_0="2001-09-10", published_at_1="08:00:00")
    response = author_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="ein-neuer-chip")
    assert article.published_at is None, "the publication time is an editor's decision"

    later = timezone.localtime() + timedelta(days=3)
    data = article_form(category, published_at_0=later.strftime("%Y-%m-%d"),
                        published_at_1="08:00:00", **{"bylines-TOTAL_FORMS": "0"})  # fmt: skip
    author_client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.published_at is None


def test_bulk_publish_of_a_backdated_draft_publishes_it_now(editor_client):
    from datetime import datetime

    long_ago = timezone.make_aware(datetime(2001, 9, 10, 8))
    backdated = make_article(status=Article.Status.DRAFT, published_at=long_ago)
    ahead = make_article(
        status=Article.Status.DRAFT, published_at=timezone.now() + timedelta(days=2)
    )
    editor_client.post(
        LIST_URL, {"action": "publish_selected", "_selected_action": [backdated.pk, ahead.pk]}
    )
    for article in (backdated, ahead):
        article.refresh_from_db()
        assert article.is_live, "an author's time does not schedule silently"
        assert timezone.now() - article.published_at < timedelta(minutes=1)
        assert article.first_published_at == article.published_at
    assert "2 Artikel veröffentlicht." in editor_client.get(LIST_URL).text


def test_bulk_publish_says_what_was_published_and_what_stays_scheduled(editor_client):
    from django.contrib.messages import get_messages

    draft = make_article(status=Article.Status.DRAFT)
    when = timezone.now() + timedelta(days=2)
    scheduled = make_article("Die Wahl am Sonntag", published_at=when)
    live = make_article("Schon draußen")
    out_since = live.published_at
    response = editor_client.post(
        LIST_URL,
        {"action": "publish_selected", "_selected_action": [draft.pk, scheduled.pk, live.pk]},
    )
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said[0] == "1 Artikel veröffentlicht."
    assert any("Die Wahl am Sonntag" in message for message in said[1:])
    scheduled.refresh_from_db()
    live.refresh_from_db()
    assert scheduled.is_scheduled and scheduled.published_at == when
    assert live.published_at == out_since
