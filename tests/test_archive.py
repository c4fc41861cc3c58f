"""The monthly archive /YYYY/MM/ and the date line that links to it."""

from datetime import datetime

import pytest
from django.utils import timezone

from articles.models import Article

from .conftest import make_article, make_author


def at(year, month, day, hour=12) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def test_archive_lists_the_articles_of_the_month(client, db):
    make_article("Erster Dezember", published_at=at(2024, 12, 1, 0))
    make_article("Silvester", published_at=at(2024, 12, 31, 23))
    make_article("November", published_at=at(2024, 11, 30, 23))
    make_article("Januar", published_at=at(2025, 1, 1, 0))
    make_article("Entwurf", published_at=at(2024, 12, 5), status=Article.Status.DRAFT)

    response = client.get("/2024/12/")

    assert response.status_code == 200
    assert [a.title for a in response.context["articles"]] == ["Silvester", "Erster Dezember"]
    assert "Dezember 2024" in response.text


def test_archive_is_paginated(client, db, settings):
    for day in range(1, 16):
        make_article(published_at=at(2024, 3, day))

    assert len(client.get("/2024/03/").context["articles"]) == settings.ARTICLES_PER_PAGE
    assert len(client.get("/2024/03/", {"page": 2}).context["articles"]) == 15 - 12


def test_empty_month_says_so(client, db):
    response = client.get("/2001/02/")

    assert response.status_code == 200
    assert "Im Februar 2001 ist nichts erschienen." in response.text


@pytest.mark.parametrize("url", ["/2024/13/", "/2024/00/", "/0000/01/", "/2024/1/", "/24/12/"])
def test_impossible_months_are_not_found(client, db, url):
    assert client.get(url).status_code == 404


def test_article_date_line_links_to_its_month(client, db):
    article = make_article(published_at=at(2024, 12, 4, 9))

    html = client.get(article.get_absolute_url()).text

    assert 'href="/2024/12/"' in html
    assert "Mittwoch, 4. Dezember 2024" in html


@pytest.mark.parametrize("count", [5, 50])
def test_archive_runs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries, count):
    author = make_author()
    for n in range(count):
        make_article(published_at=at(2024, 6, 1 + n % 28), authors=[author], tags=["x"])

    with django_assert_max_num_queries(7):
        assert client.get("/2024/06/").status_code == 200
