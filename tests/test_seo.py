"""Rich previews: titles, descriptions, canonical links, Open Graph, Twitter Cards, JSON-LD."""

import json
import re

import pytest
from django.utils import translation
from django.utils.html import escape

from articles import images

from .conftest import make_article, make_author, make_category
from .test_feeds import jpeg

SITE = "https://news.example.org"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(html: str) -> dict:
    return {data["@type"]: data for data in map(json.loads, JSON_LD.findall(html))}


def meta(html: str, key: str) -> list[str]:
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">'
    return re.findall(pattern, html)


@pytest.fixture
def article(db, settings):
    settings.SITE_URL = SITE
    parent = make_category("Wissen", slug="wissen")
    section = make_category("Raumfahrt", slug="raumfahrt", parent=parent)
    author = make_author("Rita Rakete", slug="rita-rakete")
    article = make_article(
        "Sonde erreicht den Mars",
        slug="sonde-mars",
        category=section,
        authors=[author],
        tags=["Mars", "ESA"],
        teaser="Nach sieben Monaten ist die Sonde angekommen.",
        meta_description="Die Sonde ist am Mars angekommen – eine Zusammenfassung.",
        featured_image=jpeg(),
        featured_image_alt="Der rote Planet",
    )
    images.refresh_renditions(article)  # what the worker does (articles.tasks)
    return article


def test_article_page_has_title_description_and_canonical(client, article):
    html = client.get(article.get_absolute_url(), HTTP_HOST="localhost").text

    assert "<title>Sonde erreicht den Mars – Newsroom</title>" in html
    assert meta(html, "description") == [
        escape("Die Sonde ist am Mars angekommen – eine Zusammenfassung.")
    ]
    assert f'<link rel="canonical" href="{SITE}/raumfahrt/sonde-mars/">' in html


def test_article_page_has_open_graph_and_twitter_tags_with_the_image(client, article):
    html = client.get(article.get_absolute_url()).text

    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:title") == ["Sonde erreicht den Mars"]
    assert meta(html, "og:url") == [f"{SITE}/raumfahrt/sonde-mars/"]
    assert meta(html, "og:locale") == ["de_DE"]
    [image] = meta(html, "og:image")
    assert image.startswith(f"{SITE}/media/") and image.endswith(".jpg")
    assert meta(html, "og:image:width") == ["1440"]
    assert meta(html, "og:image:height") == ["810"]
    assert meta(html, "og:image:alt") == ["Der rote Planet"]
    assert meta(html, "article:section") == ["Raumfahrt"]
    assert sorted(meta(html, "article:tag")) == ["ESA", "Mars"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "twitter:image") == [image]


def test_article_page_carries_a_news_article(client, article):
    data = json_ld(client.get(article.get_absolute_url()).text)["NewsArticle"]

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Sonde erreicht den Mars"
    assert data["url"] == f"{SITE}/raumfahrt/sonde-mars/"
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == article.updated_at.isoformat()
    assert data["author"] == [
        {"@type": "Person", "name": "Rita Rakete", "url": f"{SITE}/author/rita-rakete/"}
    ]
    assert data["publisher"]["name"] == "Newsroom"
    assert data["publisher"]["logo"]["url"] == f"{SITE}/static/img/logo.png"
    assert (data["publisher"]["logo"]["width"], data["publisher"]["logo"]["height"]) == (240, 240)
    assert data["articleSection"] == "Raumfahrt"
    assert sorted(data["keywords"]) == ["ESA", "Mars"]
    assert data["image"][0]["url"].startswith(f"{SITE}/media/")
    assert (data["image"][0]["width"], data["image"][0]["height"]) == (1440, 810)


def test_article_page_carries_its_breadcrumb_trail(client, article):
    data = json_ld(client.get(article.get_absolute_url()).text)["BreadcrumbList"]

    with translation.override("de"):
        home = translation.gettext("Home")
    assert [(item["position"], item["name"], item["item"]) for item in data["itemListElement"]] == [
        (1, home, f"{SITE}/"),
        (2, "Wissen", f"{SITE}/wissen/"),
        (3, "Raumfahrt", f"{SITE}/raumfahrt/"),
        (4, "Sonde erreicht den Mars", f"{SITE}/raumfahrt/sonde-mars/"),
    ]


def test_previews_are_not_indexed(client, article, editor):
    article.status = "draft"
    article.save()
    client.force_login(editor)

    assert meta(client.get(article.get_absolute_url()).text, "robots") == ["noindex, nofollow"]


def test_a_title_with_a_script_end_tag_cannot_break_out_of_the_json(client, settings, db):
    settings.SITE_URL = SITE
    evil = make_article("</script><script>alert(1)</script> & <!-- Mars", slug="boese")

    html = client.get(evil.get_absolute_url()).text

    assert "<script>alert(1)" not in html
    assert (
        json_ld(html)["NewsArticle"]["headline"] == "</script><script>alert(1)</script> & <!-- Mars"
    )


def test_home_page_carries_website_with_search_action(client, settings, db):
    settings.SITE_URL = SITE

    html = client.get("/").text
    data = json_ld(html)["WebSite"]

    assert data["url"] == f"{SITE}/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SITE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    assert meta(html, "og:type") == ["website"]
    assert meta(html, "twitter:card") == ["summary"]
    assert f'<link rel="canonical" href="{SITE}/">' in html


def test_listing_pages_have_their_own_canonical_and_description(client, article, settings):
    for _n in range(settings.ARTICLES_PER_PAGE):
        make_article(category=article.category)

    first = client.get("/raumfahrt/").text
    second = client.get("/raumfahrt/", {"page": 2, "utm_source": "x"}).text

    assert f'<link rel="canonical" href="{SITE}/raumfahrt/">' in first
    assert f'<link rel="canonical" href="{SITE}/raumfahrt/?page=2">' in second
    assert meta(first, "og:title") == ["Raumfahrt"]
    assert len(meta(first, "description")) == 1


def test_every_public_page_has_exactly_one_description_and_canonical(client, article):
    for url in [
        "/",
        article.get_absolute_url(),
        "/wissen/",
        "/tag/mars/",
        "/author/rita-rakete/",
        "/search/?q=Mars",
        f"/{article.published_at:%Y/%m}/",
    ]:
        html = client.get(url).text
        assert len(meta(html, "description")) == 1, url
        assert html.count('<link rel="canonical"') == 1, url
        assert len(meta(html, "og:image")) == 1, url


@pytest.mark.parametrize("count", [1, 10])
def test_article_page_runs_a_fixed_number_of_queries(
    client, article, django_assert_max_num_queries, count
):
    for n in range(count):
        article.tags.add(f"Extra {n}")
        make_article(category=article.category, authors=article.ordered_authors)

    with django_assert_max_num_queries(12):
        assert client.get(article.get_absolute_url()).status_code == 200
