"""The privacy page names every piece of reader data the site keeps."""

import pytest

pytestmark = pytest.mark.django_db


def test_privacy_page_explains_how_views_are_counted_for_popular_now(client):
    html = client.get("/privacy/").content.decode()
    assert "Wir zählen Aufrufe je Artikel und Stunde" in html
    assert "gesalzenen Hash Ihrer IP-Adresse zehn Minuten lang" in html
