"""axe-core, in the browser, finds no WCAG 2.1 A/AA violations on the public pages."""

from .checks import describe_violations
from .conftest import BROWSER_TEST, PHONE
from .pages import log_in_with_wrong_password, public_pages

pytestmark = BROWSER_TEST


def test_public_pages_pass_axe_at_wcag_21_aa(page, newsroom, axe):
    found = {}
    for name, url in public_pages(newsroom).items():
        page.goto(url)
        if violations := axe(page):
            found[name] = describe_violations(violations)
    assert not found, "\n".join(f"{name}:\n{report}" for name, report in found.items())


def test_home_and_article_pass_axe_on_a_phone(page, newsroom, axe):
    page.set_viewport_size(PHONE)
    found = {}
    for name, url in {"home": "/", "article": newsroom.lead.get_absolute_url()}.items():
        page.goto(url)
        if violations := axe(page):
            found[name] = describe_violations(violations)
    assert not found, "\n".join(f"{name}:\n{report}" for name, report in found.items())


def test_a_form_showing_an_error_passes_axe(page, axe):
    log_in_with_wrong_password(page)
    violations = axe(page)
    assert not violations, describe_violations(violations)


def test_axe_reports_a_field_without_a_label(page, axe):
    # The check itself must be able to fail: an unlabelled field is a violation.
    page.goto("/privacy/")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    assert "label" in {violation["rule"] for violation in axe(page)}
