"""Small teasers keep their thumbnails whole, whatever the length of the title beside them."""

from .conftest import BROWSER_TEST, DESKTOP, PHONE

pytestmark = BROWSER_TEST


def test_related_article_thumbnails_are_not_squeezed_by_long_titles(page, newsroom):
    # The comet shares the tag "Energie" with the illustrated lead story, so the
    # lead (with its long title) is among the comet's related articles.
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(newsroom.comet.get_absolute_url())
        thumbnail = page.locator(".related-articles .mini-teaser-image").first
        thumbnail.scroll_into_view_if_needed()
        box = thumbnail.bounding_box()
        assert (round(box["width"]), round(box["height"])) == (96, 64), viewport
