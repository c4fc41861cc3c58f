"""Journey 5: the layout at phone and desktop widths, with screenshots for people to judge."""

import pytest

from .conftest import BROWSER_TEST, DESKTOP, PHONE

pytestmark = BROWSER_TEST

# How far the page reaches beyond the viewport, and which elements stick out.
OVERFLOW = """() => {
  const root = document.documentElement;
  const culprits = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1
      || (element.scrollWidth > element.clientWidth + 1
          && getComputedStyle(element).overflowX === "visible"))
    .slice(0, 5)
    .map((element) => element.tagName.toLowerCase() + "." + element.className);
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_and_article_fit_the_screen(page, newsroom, artifacts, viewport):
    page.set_viewport_size(viewport)
    width = viewport["width"]
    for name, url in {
        "home": "/",
        "article": newsroom.lead.get_absolute_url(),
        "article-long-words": newsroom.longword.get_absolute_url(),
    }.items():
        page.goto(url)
        page.wait_for_load_state("load")
        page.screenshot(path=artifacts / f"{name}-{width}.png", full_page=True)
        overflow = page.evaluate(OVERFLOW)
        assert overflow["scrollWidth"] <= overflow["clientWidth"], (name, overflow)
        # Everything that matters is on screen and in a readable size.
        assert (
            page.locator("main h1").first.evaluate(
                "h => parseFloat(getComputedStyle(h).fontSize) >= 24"
            )
            or name == "home"
        )
        if width == PHONE["width"]:
            # One column on a phone: the sidebar comes below the content, not beside it.
            main, aside = page.locator("main").bounding_box(), page.locator("aside").bounding_box()
            assert aside["y"] >= main["y"] + main["height"]
        else:
            assert page.locator("main").bounding_box()["width"] > 700
