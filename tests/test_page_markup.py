"""Markup details the browser suite found wrong once; checked here without a browser."""

import re

import pytest

from .conftest import make_article


@pytest.mark.django_db
def test_only_the_lead_story_is_set_as_the_lead(client):
    make_article("Aufmacher", is_featured=True)
    make_article("Zweite Meldung")

    html = client.get("/").content.decode()

    assert html.count("teaser-lead") == 1
    assert re.search(r"<h3 class=\"teaser-title\"><a [^>]+>Zweite Meldung</a></h3>", html)


@pytest.mark.django_db
def test_machine_readable_times_have_no_microseconds(client):
    article = make_article()

    html = client.get(article.get_absolute_url()).content.decode()

    stamps = re.findall(r'datetime="([^"]+)"', html)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", stamp), stamp


@pytest.mark.django_db
def test_section_page_has_a_level_two_heading_before_its_teasers(client):
    article = make_article()

    html = client.get(article.category.get_absolute_url()).content.decode()

    assert html.index("<h2") < html.index('<h3 class="teaser-title">')
