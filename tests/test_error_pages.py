"""Error pages speak the site's language and need neither database nor a valid host."""

import pytest
from django.test import Client

from .conftest import make_article, make_user

pytestmark = pytest.mark.django_db


def test_an_oversized_form_gets_a_german_400_page_not_djangos_english_one():
    article = make_article()
    fields = {f"field{n}": "x" for n in range(1500)}  # beyond DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = Client().post(f"/comments/post/{article.pk}/", fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Diese Anfrage konnten wir nicht verstehen" in html
    assert "Bad Request" not in html


def test_a_host_that_is_not_allowed_gets_the_plain_400_page(settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    response = Client().get("/privacy/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Diese Anfrage konnten wir nicht verstehen" in response.content.decode()


def test_a_failed_csrf_check_in_the_admin_explains_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ihr Formular konnte nicht sicher übermittelt werden" in html
    assert "laden Sie die Seite neu" in html


def test_a_moderator_opening_the_article_form_gets_a_german_403_page(client):
    client.force_login(make_user(role="Moderator"))
    response = client.get("/admin/articles/article/add/")
    assert response.status_code == 403
    assert "Diese Seite dürfen Sie nicht öffnen" in response.content.decode()


def test_favicon_ico_leads_to_the_site_icon_instead_of_a_404():
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/static/img/favicon.svg")
