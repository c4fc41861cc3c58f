"""The article form in the admin shows its bylines and sources to every editorial role."""

import pytest

from .conftest import make_user


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Author", "Editor"])
def test_article_form_offers_bylines_and_sources_to_the_editorial_roles(client, role):
    client.force_login(make_user(role=role))

    response = client.get("/admin/articles/article/add/")

    assert response.status_code == 200
    assert b'name="bylines-TOTAL_FORMS"' in response.content
    assert b'name="sources-TOTAL_FORMS"' in response.content


@pytest.mark.django_db
def test_moderator_cannot_open_the_article_form(client):
    client.force_login(make_user(role="Moderator"))

    assert client.get("/admin/articles/article/add/").status_code == 403
