"""RSS and Atom feeds: valid, complete, absolute, and discoverable from the pages."""

import io
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles import images
from articles.models import Article

from .conftest import make_article, make_author, make_category

SITE = "https://news.example.org"


def jpeg(width=1600, height=900) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 200)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="hafen.jpg")


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    return SITE


@pytest.fixture
def newsroom(db, site_url):
    """A category with a subcategory, an author, a tag and an illustrated article."""
    section = make_category("Lokales", slug="lokales")
    author = make_author("Greta Hafen", slug="greta-hafen")
    article = make_article(
        "Der Hafen <wächst> & wächst",
        slug="hafen-waechst",
        category=section,
        authors=[author],
        tags=["Hafen", "Wirtschaft"],
        teaser="Mehr Schiffe als je zuvor.",
        body='<p>Der Umschlag steigt. <a href="/lokales/">Mehr aus Lokales</a></p>',
        featured_image=jpeg(),
        featured_image_alt="Containerschiffe im Hafen",
    )
    images.refresh_renditions(article)  # what the worker does (articles.tasks)
    make_article("Noch geheim", slug="geheim", category=section, status=Article.Status.DRAFT)
    return {"article": article, "category": section, "author": author}


FEEDS = [
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/feeds/category/lokales/rss.xml",
    "/feeds/category/lokales/atom.xml",
    "/feeds/tag/hafen/rss.xml",
    "/feeds/tag/hafen/atom.xml",
    "/feeds/author/greta-hafen/rss.xml",
    "/feeds/author/greta-hafen/atom.xml",
]


@pytest.mark.parametrize("url", FEEDS)
def test_each_feed_parses_without_errors_and_lists_the_article(client, newsroom, url):
    # Asked for on another host name: the feed still names SITE_URL.
    response = client.get(url, HTTP_HOST="localhost")

    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if url.endswith("atom.xml") else "rss20")
    assert parsed.feed.link.startswith(SITE)
    assert parsed.feed.language == "de"
    assert [entry.title for entry in parsed.entries] == ["Der Hafen <wächst> & wächst"]

    entry = parsed.entries[0]
    assert entry.link == f"{SITE}/lokales/hafen-waechst/"
    assert entry.summary == "Mehr Schiffe als je zuvor."
    assert entry.author == "Greta Hafen"
    assert {tag.term for tag in entry.tags} == {"Lokales", "Hafen", "Wirtschaft"}
    assert entry.published_parsed is not None
    assert entry.updated_parsed is not None
    assert "localhost" not in response.text


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml"])
def test_feed_items_carry_full_content_with_absolute_links(client, newsroom, url):
    entry = feedparser.parse(client.get(url).content).entries[0]

    content = entry.content[0].value
    assert "Der Umschlag steigt." in content
    assert f'href="{SITE}/lokales/"' in content


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml"])
def test_featured_image_is_an_enclosure_with_length_type_and_size(client, newsroom, url):
    entry = feedparser.parse(client.get(url).content).entries[0]

    enclosure = entry.enclosures[0]
    assert enclosure.href.startswith(f"{SITE}/media/")
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) > 1000
    media = entry.media_content[0]
    assert (media["width"], media["height"]) == ("1440", "810")


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml"])
def test_teaser_markup_reaches_readers_as_text(client, site_url, db, url):
    make_article("Zeichen", teaser="Ein <b>fetter</b> Vorspann & <script>x</script>")

    entry = feedparser.parse(client.get(url).content).entries[0]

    assert (
        entry.summary
        == "Ein &lt;b&gt;fetter&lt;/b&gt; Vorspann &amp; &lt;script&gt;x&lt;/script&gt;"
    )


def test_rss_dates_follow_the_article(client, newsroom):
    article = newsroom["article"]
    entry = feedparser.parse(client.get("/feeds/rss.xml").content).entries[0]

    published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
    updated = datetime(*entry.updated_parsed[:6], tzinfo=UTC)
    assert abs(published - article.published_at) < timedelta(seconds=1)
    assert abs(updated - article.updated_at) < timedelta(seconds=1)


def test_feeds_hold_the_latest_twenty_published_articles(client, site_url, db):
    section = make_category(slug="viel")
    for n in range(25):
        make_article(
            f"Meldung {n}",
            category=section,
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
    make_article("Morgen", category=section, published_at=timezone.now() + timedelta(days=1))

    entries = feedparser.parse(client.get("/feeds/category/viel/rss.xml").content).entries

    assert [e.title for e in entries] == [f"Meldung {n}" for n in range(20)]


def test_category_feed_includes_subcategories(client, newsroom):
    child = make_category("Hafenviertel", slug="hafenviertel", parent=newsroom["category"])
    make_article("Im Viertel", category=child)

    entries = feedparser.parse(client.get("/feeds/category/lokales/rss.xml").content).entries

    assert "Im Viertel" in [e.title for e in entries]


@pytest.mark.django_db(transaction=True)  # stamped once committed
def test_guid_stays_when_the_slug_changes(client, newsroom):
    before = feedparser.parse(client.get("/feeds/rss.xml").content).entries[0].id
    article = Article.objects.get(pk=newsroom["article"].pk)
    article.slug = "hafen-waechst-weiter"
    article.save()

    after = feedparser.parse(client.get("/feeds/rss.xml").content).entries[0]

    assert after.id == before
    assert after.link.endswith("/hafen-waechst-weiter/")


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/category/nope/rss.xml",
        "/feeds/tag/nope/atom.xml",
        "/feeds/author/nope/rss.xml",
    ],
)
def test_unknown_feed_is_not_found(client, db, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("page", "feeds"),
    [
        ("/", ["/feeds/rss.xml", "/feeds/atom.xml"]),
        ("/lokales/", ["/feeds/category/lokales/rss.xml", "/feeds/category/lokales/atom.xml"]),
        ("/tag/hafen/", ["/feeds/tag/hafen/rss.xml", "/feeds/tag/hafen/atom.xml"]),
        ("/author/greta-hafen/", ["/feeds/author/greta-hafen/rss.xml"]),
        ("/lokales/hafen-waechst/", ["/feeds/category/lokales/rss.xml"]),
    ],
)
def test_pages_announce_their_feeds_in_the_head(client, newsroom, page, feeds):
    head = client.get(page).text.split("</head>")[0]

    for feed in [*feeds, "/feeds/rss.xml"]:
        assert f'href="{SITE}{feed}"' in head


@pytest.mark.parametrize("count", [5, 30])
def test_feed_runs_a_fixed_number_of_queries(
    client, site_url, db, django_assert_max_num_queries, count
):
    section = make_category(slug="zaehlen")
    author = make_author()
    for n in range(count):
        make_article(f"Zählung {n}", category=section, authors=[author], tags=["a", "b"])

    # category, articles, bylines, tags.
    with django_assert_max_num_queries(5):
        response = client.get("/feeds/category/zaehlen/atom.xml")
    assert response.status_code == 200
