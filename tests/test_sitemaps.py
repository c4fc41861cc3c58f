"""Sitemaps and robots.txt: valid against the sitemaps.org schema, absolute, complete."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from articles import sitemaps
from articles.models import Article

from .conftest import make_article, make_author, make_category

SITE = "https://news.example.org"
SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def valid_document(response, schema_name: str):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    xsd = schema(schema_name)
    assert xsd.validate(document), xsd.error_log
    return document


def locations(document) -> list[str]:
    return document.xpath("//sm:loc/text()", namespaces=NS)


@pytest.fixture
def site(db, settings):
    settings.SITE_URL = SITE
    section = make_category("Politik", slug="politik")
    author = make_author("Paul Presse", slug="paul-presse")
    silent = make_author("Stille Feder", slug="stille-feder")
    fresh = make_article(
        "Heute beschlossen",
        slug="heute",
        category=section,
        authors=[author],
        published_at=timezone.now() - timedelta(hours=1),
    )
    old = make_article(
        "Vor einer Woche",
        slug="woche",
        category=section,
        authors=[author],
        tags=["Wahl"],
        published_at=timezone.now() - timedelta(days=7),
    )
    make_article(
        "Entwurf", slug="entwurf", category=section, authors=[silent], tags=["Geheim"],
        status=Article.Status.DRAFT,
    )  # fmt: skip
    return {"fresh": fresh, "old": old}


def test_sitemap_index_is_valid_and_lists_every_section(client, site):
    document = valid_document(client.get("/sitemap.xml", HTTP_HOST="localhost"), "siteindex.xsd")

    assert locations(document) == [
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-categories.xml",
        f"{SITE}/sitemap-tags.xml",
        f"{SITE}/sitemap-authors.xml",
        f"{SITE}/sitemap-news.xml",
    ]


def test_article_sitemap_lists_published_articles_with_lastmod(client, site):
    document = valid_document(client.get("/sitemap-articles.xml"), "sitemap.xsd")

    assert locations(document) == [f"{SITE}/politik/heute/", f"{SITE}/politik/woche/"]
    lastmods = document.xpath("//sm:lastmod/text()", namespaces=NS)
    assert lastmods == [timezone.localdate(site["fresh"].updated_at).isoformat()] * 2


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("categories", [f"{SITE}/politik/"]),
        ("tags", [f"{SITE}/tag/wahl/"]),
        ("authors", [f"{SITE}/author/paul-presse/"]),
    ],
)
def test_category_tag_and_author_sitemaps_list_pages_worth_visiting(
    client, site, section, expected
):
    document = valid_document(client.get(f"/sitemap-{section}.xml"), "sitemap.xsd")

    # The tag and the author that only have a draft are left out.
    assert locations(document) == expected


def test_sections_are_split_into_pages(client, site, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 1)

    index = valid_document(client.get("/sitemap.xml"), "siteindex.xsd")
    second = valid_document(client.get("/sitemap-articles.xml", {"p": 2}), "sitemap.xsd")

    assert f"{SITE}/sitemap-articles.xml?p=2" in locations(index)
    assert locations(second) == [f"{SITE}/politik/woche/"]
    assert client.get("/sitemap-articles.xml", {"p": 3}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": "x"}).status_code == 404


def test_news_sitemap_holds_the_last_48_hours(client, site):
    response = client.get("/sitemap-news.xml")
    document = valid_document(response, "news-sitemap.xsd")

    assert locations(document) == [f"{SITE}/politik/heute/"]
    assert document.xpath("//news:name/text()", namespaces=NS) == ["Newsroom"]
    assert document.xpath("//news:language/text()", namespaces=NS) == ["de"]
    assert document.xpath("//news:title/text()", namespaces=NS) == ["Heute beschlossen"]


def test_the_schemas_catch_a_broken_sitemap():
    broken = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        b' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        b"<url><loc>/relative/</loc><priority>2</priority>"
        b"<news:news><news:title>t</news:title></news:news></url></urlset>"
    )

    assert not schema("news-sitemap.xsd").validate(broken)
    assert not schema("sitemap.xsd").validate(
        etree.fromstring(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
    )


def test_unknown_section_is_not_found(client, db):
    assert client.get("/sitemap-nope.xml").status_code == 404


def test_robots_txt_names_the_sitemap_and_keeps_out_of_the_admin(client, site):
    response = client.get("/robots.txt", HTTP_HOST="localhost")

    lines = response.text.splitlines()
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


@pytest.mark.parametrize("count", [5, 50])
def test_article_sitemap_runs_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries, count
):
    section = make_category()
    for _n in range(count):
        make_article(category=section)

    with django_assert_max_num_queries(3):
        client.get("/sitemap-articles.xml")
    # Per section one count (articles, categories, tags, authors, news) and the
    # articles' newest change; plus the next scheduled publication for the cache.
    with django_assert_max_num_queries(7):
        client.get("/sitemap.xml")
