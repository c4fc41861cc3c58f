import pytest

from .conftest import make_article, make_author


@pytest.mark.django_db
def test_every_public_page_renders(client):
    author = make_author()
    article = make_article(authors=[author], tags=["KI"])
    for url in [
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        "/tag/ki/",
        author.get_absolute_url(),
        "/privacy/",
        "/robots.txt",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
