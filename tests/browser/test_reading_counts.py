"""In a real browser: reading an article sends the view beacon, once per reader."""

import os
import shutil

import pytest

from articles.models import ArticleViews

from ..conftest import make_article

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="needs Debian's Chromium"),
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must allow ORM use beside it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.mark.django_db(transaction=True)
def test_reading_an_article_counts_one_view_per_reader(live_server, browser):
    article = make_article("Ein vielgelesener Bericht")
    page = browser.new_page()
    with page.expect_response(lambda response: "/views/" in response.url) as beacon:
        page.goto(live_server.url + article.get_absolute_url())
    assert beacon.value.status == 204
    assert sum(ArticleViews.objects.values_list("views", flat=True)) == 1

    with page.expect_response(lambda response: "/views/" in response.url) as again:
        page.reload()  # the same reader again within ten minutes
    assert again.value.status == 204
    assert sum(ArticleViews.objects.values_list("views", flat=True)) == 1
