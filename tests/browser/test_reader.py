"""Journey 1: a reader finds an article through its section, reads it with its author box,
related articles and the sidebar's widgets, and finds the way back with the keyboard alone."""

import re

from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST

# The focused element, described for assertions: where it points and whether a
# focus ring is drawn around it (our stylesheet's :focus-visible outline).
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    href: element.getAttribute("href"),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
      && box.left < innerWidth && box.top < innerHeight,
  };
}"""


def tab_to(page, href: str, limit: int = 60, key: str = "Tab") -> dict:
    """Press Tab (or ``key``) until the link to ``href`` has the focus; return what is focused."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused["href"] == href:
            return focused
    raise AssertionError(f"no link to {href} within {limit} presses of {key}")


def tab_into(page, selector: str, limit: int = 80) -> dict:
    """Press Tab until a link inside ``selector`` has the focus; return what is focused."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(selector) => document.activeElement.matches(selector + ' a[href]')", selector
        ):
            return page.evaluate(FOCUSED)
    raise AssertionError(f"no link in {selector} within {limit} presses of Tab")


def test_reader_follows_a_section_to_an_article_and_back_by_keyboard(page, newsroom, site_url):
    lead, technik, mara = newsroom.lead, newsroom.technik, newsroom.mara

    page.goto("/")
    page.wait_for_load_state("load")  # styles and scripts in place before the first Tab
    assert page.locator(".lead-story").get_by_role("link", name=lead.title).is_visible()
    assert not page.get_by_text(newsroom.draft.title).count()

    # The first Tab reaches the skip link; it shows itself and jumps to the content.
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert skip["href"] == "#main" and skip["onScreen"] and skip["ring"], skip
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"

    # Follow the section in the navigation.
    page.locator(".category-nav").get_by_role("link", name="Technik", exact=True).click()
    page.wait_for_url(f"**{technik.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Technik"
    assert page.locator(".category-nav a[aria-current=page]").inner_text() == "Technik"
    assert not page.locator("main").get_by_role("link", name=newsroom.comet.title).count()

    # Open the article from the section page.
    page.locator(".teaser-title").get_by_role("link", name=lead.title).click()
    page.wait_for_url(f"**{lead.get_absolute_url()}")
    assert page.locator("h1").inner_text() == lead.title
    breadcrumb = page.locator(".breadcrumb li")
    assert breadcrumb.all_inner_texts()[1:] == ["Technik", lead.title]
    image = page.locator(".featured-image img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.get_attribute("alt") == lead.featured_image_alt
    assert page.locator(".article-body h2").inner_text() == "Was sich für die Kundschaft ändert"

    # The author box: name linking to the author page, bio, website.
    box = page.locator(".author-box")
    assert box.get_by_role("link", name=mara.display_name).get_attribute("href") == (
        mara.get_absolute_url()
    )
    assert mara.bio in box.inner_text()
    assert box.locator(f'a[href="{mara.website}"]').is_visible()

    # Related articles: the comet shares the tag "Energie", the other stories the section.
    related = page.locator(".related-articles")
    assert related.get_by_role("heading", name="Ähnliche Artikel").is_visible()
    related_links = related.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    assert f"{site_url}{newsroom.comet.get_absolute_url()}" in related_links
    assert f"{site_url}{lead.get_absolute_url()}" not in related_links

    # The sidebar: "Popular now" ranks what was read most; "Recent comments" has the
    # latest approved reply. Tab reaches a link in each, in reading order, with a ring.
    popular = page.locator(".widget-popular")
    assert popular.get_by_role("heading", name="Gerade beliebt").is_visible()
    assert popular.locator("li").first.inner_text().find(newsroom.comet.title) >= 0
    recent = page.locator(".widget-recent-comments")
    assert recent.get_by_role("heading", name="Neueste Kommentare").is_visible()
    assert f"Mara bei {lead.title}" in recent.inner_text()
    for selector in (".related-articles", ".widget-popular", ".widget-recent-comments"):
        focused = tab_into(page, selector)
        assert focused["ring"] and focused["onScreen"], (selector, focused)

    # Back to the section with the keyboard: Shift+Tab up to the breadcrumb link, Enter.
    focused = tab_to(page, technik.get_absolute_url(), limit=120, key="Shift+Tab")
    assert focused["ring"] and focused["onScreen"], focused
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{technik.get_absolute_url()}")

    # And home through the first link there. (Headless Chromium has no browser
    # window to take Alt+Left, so the journey uses links the page offers.)
    focused = tab_to(page, "/")
    assert focused["ring"] and focused["onScreen"], focused
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(site_url) + r"/$"))
    assert page.locator(".lead-story").is_visible()
