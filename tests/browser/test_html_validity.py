"""The Nu HTML Checker finds no errors in the HTML the live server sends."""

from .conftest import BROWSER_TEST
from .pages import FORMS_WITH_ERRORS, public_pages

pytestmark = BROWSER_TEST


def test_public_pages_and_forms_showing_errors_are_valid_html(page, newsroom, validate_html):
    documents = {}
    for name, url in public_pages(newsroom).items():
        response = page.request.get(url)
        assert response.status == (404 if name == "not-found" else 200), name
        documents[name] = response.text()
    assert newsroom.lead.title in documents["search"]  # the search found something
    for name, show in FORMS_WITH_ERRORS.items():
        documents[name] = show(page, newsroom)

    # One run of the checker for all of them: the JVM's start is the slow part.
    errors = validate_html(documents)

    assert not errors, "\n".join(f"{name}: {e}" for name, found in errors.items() for e in found)


def test_the_checker_reports_broken_html(validate_html):
    # The check itself must be able to fail.
    broken = '<!DOCTYPE html><html lang="de"><title>x</title><p><time datetime="gestern">x</p>'

    errors = validate_html({"broken": broken})

    assert any("datetime" in error for error in errors["broken"]), errors
