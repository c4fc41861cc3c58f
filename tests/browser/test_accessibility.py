"""axe-core, in the browser, finds no WCAG 2.1 A/AA violations on the public pages."""

from .checks import describe_violations
from .conftest import BROWSER_TEST, PHONE
from .pages import FORMS_WITH_ERRORS, public_pages

pytestmark = BROWSER_TEST


def violations_on(page, axe, pages: dict[str, str]) -> str:
    """Visit each page and run axe; a report of what it found, empty when nothing."""
    found = []
    for name, url in pages.items():
        page.goto(url)
        if violations := axe(page):
            found.append(f"{name} ({url}):\n{describe_violations(violations)}")
    return "\n".join(found)


def test_public_pages_pass_axe_at_wcag_21_aa(page, newsroom, axe):
    report = violations_on(page, axe, public_pages(newsroom))
    assert not report, report


def test_home_and_article_pass_axe_on_a_phone(page, newsroom, axe):
    page.set_viewport_size(PHONE)
    report = violations_on(page, axe, {"home": "/", "article": newsroom.lead.get_absolute_url()})
    assert not report, report


def test_forms_showing_errors_pass_axe(page, newsroom, axe):
    found = []
    for name, show in FORMS_WITH_ERRORS.items():
        show(page, newsroom)
        if violations := axe(page):
            found.append(f"{name} ({page.url}):\n{describe_violations(violations)}")
    assert not found, "\n".join(found)


def test_axe_reports_a_field_without_a_label(page, axe):
    # The check itself must be able to fail: an unlabelled field is a violation.
    page.goto("/privacy/")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    assert "label" in {violation["rule"] for violation in axe(page)}
