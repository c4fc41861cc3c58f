"""Listings page through the archive without ever counting it."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import make_article, make_category

pytestmark = pytest.mark.django_db

PER_PAGE = settings.ARTICLES_PER_PAGE


def fill(category, count: int) -> None:
    for n in range(count):
        make_article(f"Meldung {n}", category=category)


def page(client, url: str, number: int):
    return client.get(url, {"page": number} if number > 1 else {})


def test_a_listing_links_newer_and_older_pages_and_never_counts(client):
    category = make_category("Wetter", slug="wetter")
    fill(category, 2 * PER_PAGE + 1)

    with CaptureQueriesContext(connection) as queries:
        first = page(client, "/wetter/", 1).content.decode()
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    assert "Seite 1</span>" in first

    second = page(client, "/wetter/", 2).content.decode()
    assert 'rel="prev" href="/wetter/"' in second and 'rel="next" href="?page=3"' in second

    last = page(client, "/wetter/", 3).content.decode()
    assert last.count('class="teaser-title"') == 1
    assert 'rel="prev" href="?page=2"' in last and 'rel="next"' not in last
    assert page(client, "/wetter/", 4).status_code == 404


def test_a_full_last_page_has_no_older_link(client):
    category = make_category("Sport", slug="sport")
    fill(category, 2 * PER_PAGE)
    second = page(client, "/sport/", 2).content.decode()
    assert second.count('class="teaser-title"') == PER_PAGE
    assert 'rel="next"' not in second
    assert page(client, "/sport/", 3).status_code == 404


def test_one_page_has_no_pager(client):
    category = make_category("Kultur", slug="kultur")
    fill(category, 2)
    assert 'class="pagination"' not in page(client, "/kultur/", 1).content.decode()


@pytest.mark.parametrize("number", ["0", "-3", "100001", "last"])
def test_pages_that_cannot_exist_are_not_found(client, number):
    category = make_category("Kultur", slug="kultur")
    fill(category, 1)
    assert client.get("/kultur/", {"page": number}).status_code == 404


def test_the_home_page_has_no_page_for_a_word_nor_past_its_end(client):
    fill(make_category(), 3)
    assert client.get("/", {"page": "erste"}).status_code == 404
    assert client.get("/", {"page": "2"}).status_code == 404


def test_search_results_still_say_how_many_matched(client):
    category = make_category()
    for n in range(PER_PAGE + 1):
        make_article(f"Glasfaser im Dorf {n}", category=category)
    results = client.get("/search/", {"q": "Glasfaser"}).content.decode()
    assert f"{PER_PAGE + 1} " in results
    assert "Seite 1 von 2" in results
