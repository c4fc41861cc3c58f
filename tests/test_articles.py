"""Articles on the public site: visibility, pages, sanitizing, slugs, images, reading time."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from articles import images
from articles.models import Article, Category
from articles.sanitize import clean_html
from articles.slugs import slug_for, unique_slug
from articles.tasks import make_renditions

from .conftest import image_upload, make_article, make_author, make_category, make_user

pytestmark = pytest.mark.django_db


# --- Publishing and visibility --------------------------------------------------


def test_published_article_is_public(client):
    article = make_article(title="Live und sichtbar")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Live und sichtbar" in response.text
    assert "Live und sichtbar" in client.get("/").text


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_unpublished_article_is_hidden_from_readers(client, status):
    article = make_article(title="Noch geheim", status=status)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Noch geheim" not in client.get("/").text
    assert "Noch geheim" not in client.get(article.category.get_absolute_url()).text


def test_scheduled_article_is_hidden_until_its_time(client):
    article = make_article(title="Kommt morgen", published_at=timezone.now() + timedelta(hours=2))
    assert article.is_scheduled
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Kommt morgen" not in client.get("/").text


def test_scheduled_article_appears_by_itself_when_its_time_comes(client, monkeypatch):
    article = make_article(title="Kommt gleich", published_at=timezone.now() + timedelta(hours=2))
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    # Nothing was saved or run in between: the clock alone makes it public.
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Kommt gleich" in client.get("/").text


def test_a_published_article_without_a_time_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    article = make_article(status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()  # publishing goes through articles.publishing (tests/test_publishing.py)


def test_editor_previews_a_draft_but_readers_and_moderators_get_404(client):
    article = make_article(title="Entwurf zur Vorschau", status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(make_user(role="Moderator"))
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(make_user(role="Editor"))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschau" in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    # A preview must never be kept by a cache and shown to readers later.
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_author_previews_own_draft_only(client):
    user = make_user(role="Author")
    own = make_article(status=Article.Status.DRAFT, authors=[make_author(user=user)])
    other = make_article(status=Article.Status.DRAFT, authors=[make_author()])
    client.force_login(user)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_article_in_another_category_redirects_to_its_address(client):
    article = make_article()
    response = client.get(f"/{make_category().slug}/{article.slug}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


# --- Public pages ------------------------------------------------------------------


def test_every_public_page_renders_with_its_content(client):
    parent = make_category("Software", slug="software")
    child = make_category("Open Source", slug="open-source", parent=parent)
    author = make_author("Sophie Beispiel", bio="Schreibt über freie Software.",
                         website="https://sophie.example")  # fmt: skip
    article = make_article(
        title="Freie Software im Rathaus",
        category=child,
        authors=[author],
        tags=["Verwaltung", "Linux"],
        body="<p>Erster Absatz.</p><h2>Zwischentitel</h2><p>Zweiter Absatz.</p>",
    )
    article.sources.create(name="Stadtrat", url="https://stadt.example", position=0)
    article.sources.create(name="Eigene Recherche", position=1)

    page = client.get(article.get_absolute_url()).text
    assert '<h1 id="article-title">Freie Software im Rathaus</h1>' in page
    # Breadcrumb Home › Software › Open Source › title
    assert page.index('href="/software/"') < page.index('href="/open-source/"')
    assert "<h2>Zwischentitel</h2>" in page
    assert 'href="https://stadt.example"' in page and "Eigene Recherche" in page
    assert "Quellen:" in page
    assert 'href="https://sophie.example"' in page and "Schreibt über freie Software." in page
    assert 'href="/tag/linux/"' in page

    for url, expected in [
        ("/", "Freie Software im Rathaus"),
        ("/software/", "Freie Software im Rathaus"),  # a parent lists its children's articles
        ("/open-source/", "Freie Software im Rathaus"),
        ("/tag/verwaltung/", "Verwaltung"),
        (author.get_absolute_url(), "Sophie Beispiel"),
        ("/privacy/", "<h1"),
        ("/robots.txt", "Disallow: /admin/"),
        ("/healthz", "ok"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.text, url


def test_unicode_tag_has_a_working_page(client):
    make_article(title="Sichere Anmeldung", tags=["Passwörter"])
    response = client.get("/tag/passwörter/")
    assert response.status_code == 200
    assert "Sichere Anmeldung" in response.text


def test_missing_page_answers_with_the_friendly_404(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Wir konnten diese Seite nicht finden" in response.text


@pytest.mark.parametrize(
    "page", ["abc", "-1", "0", "99999999999999999999999999", "1e400", "<script>", "😀", "%00"]
)
def test_strange_page_numbers_never_fail(client, page):
    category = make_category()
    make_article(category=category, tags=["KI"])
    for url in ["/", category.get_absolute_url(), "/tag/ki/"]:
        response = client.get(url, {"page": page})
        assert response.status_code in {200, 404}, (url, page)


@pytest.mark.parametrize(
    "path",
    [
        "/" + "x" * 5000 + "/",
        "/ümlaut/",
        "/tag/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/tag/a%00b/",
        "/author/%F0%9F%98%80/",
        "/ki/" + "y" * 3000 + "/",
        "/tag/" + "ü" * 2000 + "/",
    ],
)
def test_strange_addresses_are_404_not_500(client, path):
    make_category("KI", slug="ki")
    assert client.get(path).status_code == 404


# --- Sanitizing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "dirty, forbidden",
    [
        ("<p>Hallo<script>alert(1)</script></p>", "<script"),
        ('<p onclick="steal()">Klick</p>', "onclick"),
        ('<img src="x.png" alt="x" onerror="steal()">', "onerror"),
        ('<a href="javascript:alert(1)">Link</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">Link</a>', "javascript"),
        ('<p style="background:url(evil)">Text</p>', "style"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ("<style>body{display:none}</style><p>Text</p>", "<style"),
        ('<form action="/x"><input name="a"></form>', "<input"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ],
)
def test_dangerous_markup_is_removed(dirty, forbidden):
    assert forbidden.lower() not in clean_html(dirty).lower()


def test_allowed_markup_is_kept():
    html = (
        "<h2>Titel</h2><p><strong>fett</strong> und <em>kursiv</em> mit "
        '<a href="https://example.org/">Link</a></p><ul><li>eins</li></ul>'
        "<blockquote><p>Zitat</p></blockquote>"
        '<figure class="image"><img src="/media/a.png" alt="Bild" width="800" height="450">'
        "<figcaption>Unterschrift</figcaption></figure>"
        "<table><thead><tr><th>Kopf</th></tr></thead><tbody><tr><td>Zelle</td></tr></tbody></table>"
    )
    cleaned = clean_html(html)
    for kept in [
        "<h2>Titel</h2>",
        "<strong>fett</strong>",
        "<em>kursiv</em>",
        'href="https://example.org/"',
        "<li>eins</li>",
        "<blockquote>",
        '<figure class="image">',
        'alt="Bild"',
        'width="800"',
        "<figcaption>Unterschrift</figcaption>",
        "<th>Kopf</th>",
        "<td>Zelle</td>",
    ]:
        assert kept in cleaned


def test_body_is_sanitized_when_saved_and_on_the_page(client):
    article = make_article(
        body='<p>Gut</p><script>alert("böse")</script><p onmouseover="x()">A</p>'
    )
    article.refresh_from_db()
    assert "<script" not in article.body and "onmouseover" not in article.body
    page = client.get(article.get_absolute_url()).text
    assert 'alert("böse")' not in page


def test_title_and_teaser_are_escaped_on_the_page(client):
    article = make_article(title="<script>alert(1)</script>", teaser="<b>fett</b>")
    page = client.get(article.get_absolute_url()).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;fett&lt;/b&gt;" in page


# --- Slugs, categories, images ----------------------------------------------------------


def test_german_titles_make_readable_slugs():
    assert slug_for("Größe zählt: Über Äpfel") == "groesse-zaehlt-ueber-aepfel"
    assert len(slug_for("Wort " * 100, max_length=80)) <= 80
    assert slug_for("!!!") == "artikel"


def test_unique_slug_counts_up_when_taken():
    make_article(slug="neuer-chip")
    make_article(slug="neuer-chip-2")
    assert unique_slug(Article, "Neuer Chip") == "neuer-chip-3"


def test_two_articles_cannot_share_a_slug():
    from django.db import IntegrityError, transaction

    make_article(slug="doppelt")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="doppelt")


def test_image_without_alt_text_is_rejected():
    article = Article(
        title="Bild", slug="bild", teaser="t", category=make_category(),
        featured_image=image_upload(), featured_image_alt="  ",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "featured_image_alt" in error.value.message_dict


def test_categories_nest_only_one_level():
    top = make_category()
    child = make_category(parent=top)
    grandchild = Category(name="Zu tief", slug="zu-tief", parent=child)
    with pytest.raises(ValidationError) as error:
        grandchild.full_clean()
    assert "parent" in error.value.message_dict
    top.parent = make_category()
    with pytest.raises(ValidationError):
        top.full_clean()  # it has children, so it stays top-level


def test_category_cannot_be_its_own_parent():
    category = make_category()
    category.parent = category
    with pytest.raises(ValidationError):
        category.full_clean()


@pytest.mark.parametrize("slug", ["admin", "tag", "author", "editor", "static", "media", "2024"])
def test_category_may_not_take_a_reserved_slug(slug):
    with pytest.raises(ValidationError) as error:
        Category(name="Reserviert", slug=slug).full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.parametrize("words, minutes", [(0, 1), (50, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_time_counts_words_at_200_a_minute(words, minutes):
    article = Article(body="<p>" + " ".join(["Wort"] * words) + "</p>")
    assert article.reading_time == minutes


def test_renditions_are_made_once_as_webp_and_fallback(client, monkeypatch):
    calls = []
    original = images.build_renditions
    monkeypatch.setattr(
        images, "build_renditions", lambda *a, **k: calls.append(1) or original(*a, **k)
    )
    article = make_article(featured_image=image_upload("foto.jpg", size=(2000, 1000)),
                           featured_image_alt="Ein blaues Rechteck")  # fmt: skip
    assert calls == [], "the worker makes renditions, not the save"
    make_renditions.call(article.pk)
    article.refresh_from_db()
    assert len(calls) == 1
    renditions = article.image_renditions
    assert [w for w, _h, _n in renditions["webp"]] == [480, 960, 1440]
    assert [w for w, _h, _n in renditions["fallback"]] == [480, 960, 1440]
    assert renditions["fallback_type"] == "image/jpeg"
    for _w, _h, name in renditions["webp"] + renditions["fallback"]:
        assert default_storage.exists(name)
    assert renditions["webp"][0][2].endswith(".webp")
    assert renditions["webp"][0][1] == 240  # height kept in proportion

    article.title = "Neuer Titel"
    article.save()
    for _ in range(3):
        client.get(article.get_absolute_url())
    assert len(calls) == 1, "renditions are made when the image changes, not per save or request"

    page = client.get(article.get_absolute_url()).text
    assert 'type="image/webp"' in page
    assert "-480.webp 480w" in page and "-1440.jpg 1440w" in page
    assert 'width="960" height="480"' in page
    assert 'alt="Ein blaues Rechteck"' in page


def test_small_image_is_not_enlarged():
    article = make_article(featured_image=image_upload("klein.png", size=(300, 200)),
                           featured_image_alt="Klein")  # fmt: skip
    make_renditions.call(article.pk)
    article.refresh_from_db()
    assert [w for w, _h, _n in article.image_renditions["webp"]] == [300]
    assert article.image_renditions["fallback_type"] == "image/jpeg"


def test_teasers_below_the_fold_load_images_lazily(client):
    for n in range(3):
        make_article(title=f"Mit Bild {n}", featured_image=image_upload(),
                     featured_image_alt="Bild")  # fmt: skip
    page = client.get("/").text
    assert 'loading="lazy"' in page


def test_article_shows_a_german_date_line(client):
    when = timezone.make_aware(timezone.datetime(2024, 12, 4, 10, 30))
    article = make_article(published_at=when)
    page = client.get(article.get_absolute_url()).text
    assert "Mittwoch, 4. Dezember 2024" in page
