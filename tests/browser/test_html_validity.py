"""The Nu HTML Checker finds no errors in the HTML the live server sends."""

import re

from .conftest import BROWSER_TEST
from .pages import public_pages

pytestmark = BROWSER_TEST


def test_public_pages_are_valid_html(page, newsroom, validate_html):
    documents = {}
    for name, url in public_pages(newsroom).items():
        response = page.request.get(url)
        assert response.status == (404 if name == "not-found" else 200), name
        documents[name] = response.text()

    errors = validate_html(documents)

    assert not errors, "\n".join(f"{name}: {e}" for name, found in errors.items() for e in found)


def test_a_form_showing_an_error_is_valid_html(page, validate_html):
    form = page.request.get("/admin/login/").text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = page.request.post(
        "/admin/login/",
        form={"csrfmiddlewaretoken": token, "username": "niemand", "password": "falsch"},
    )
    assert response.status == 200 and "errornote" in response.text()

    errors = validate_html({"login-error": response.text()})

    assert not errors, "\n".join(errors["login-error"])


def test_the_checker_reports_broken_html(validate_html):
    # The check itself must be able to fail.
    broken = '<!DOCTYPE html><html lang="de"><title>x</title><p><time datetime="gestern">x</p>'

    errors = validate_html({"broken": broken})

    assert any("datetime" in error for error in errors["broken"]), errors
