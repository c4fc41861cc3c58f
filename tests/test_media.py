"""Uploaded files served by the site itself (SERVE_MEDIA)."""

import pytest


@pytest.mark.django_db
def test_uploads_are_served_from_the_media_root_of_the_moment(client, settings):
    # The URLs are loaded once; a MEDIA_ROOT changed later (each test has its own) must hold.
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "note.txt").write_text("hallo", encoding="utf-8")

    response = client.get("/media/note.txt")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hallo"


@pytest.mark.django_db
def test_a_missing_upload_is_a_404(client):
    assert client.get("/media/nothing-here.png").status_code == 404
