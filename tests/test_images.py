"""Images: a pixel cap before anything is decoded, renditions made by the worker.

A small file can describe a huge image (an 8000×8000 PNG of a few KB):
decoding it takes seconds and hundreds of megabytes. Uploads are refused on
the size in their header, and resizing never happens in a web request.
"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult
from PIL import Image

from articles import images
from articles.models import Article

from .conftest import (
    image_upload,
    make_article,
    make_category,
    run_worker_batch,
)
from .test_admin import ADD_URL, article_form

ROOT = Path(__file__).resolve().parent.parent
UPLOAD_URL = "/editor/upload/"
RENDITIONS_TASK = "articles.tasks.make_renditions"

# Pillow warns about images between the cap and twice the cap; they are refused anyway.
pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


def huge_png(name: str = "riesig.png", size=(8000, 8000)) -> SimpleUploadedFile:
    """A few KB of PNG that decodes to ``size`` pixels (one bit each, to spare the test)."""
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    assert buffer.tell() < 100 * 1024
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def run_worker(settings) -> None:
    run_worker_batch(MEDIA_ROOT=str(settings.MEDIA_ROOT))


# --- the pixel cap -------------------------------------------------------------------


@pytest.mark.django_db
def test_8000x8000_png_is_refused_in_the_admin_form(editor_client, settings):
    data = article_form(
        make_category(),
        featured_image=huge_png(),
        featured_image_alt="Ein riesiges Nichts",
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["featured_image"]
    assert any("8000×8000" in error for error in errors), errors
    assert not Article.objects.exists()
    assert not (settings.MEDIA_ROOT / "articles").exists()


@pytest.mark.django_db
def test_8000x8000_png_is_refused_in_the_editor_upload(editor_client, settings):
    response = editor_client.post(UPLOAD_URL, {"upload": huge_png()})
    assert response.status_code == 400
    assert "8000×8000" in response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.django_db
def test_image_far_over_the_cap_is_refused_before_it_is_decoded(editor_client, settings):
    # Pillow's own guard answers first (more than twice its limit); the message stays ours.
    response = editor_client.post(UPLOAD_URL, {"upload": huge_png(size=(12000, 12000))})
    assert response.status_code == 400
    limit = str(settings.MAX_IMAGE_PIXELS // 1_000_000)
    assert limit in response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "uploads").exists()


def test_pillow_refuses_decompression_bombs_at_the_cap(settings):
    assert settings.MAX_IMAGE_PIXELS < 8000 * 8000
    assert Image.MAX_IMAGE_PIXELS == settings.MAX_IMAGE_PIXELS


@pytest.mark.django_db
def test_image_within_the_cap_is_accepted(editor_client):
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload("breit.png", (6000, 20))})
    assert response.status_code == 200


# --- renditions in the background ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_saving_an_article_with_an_image_makes_no_rendition_in_the_request(
    editor_client, client, settings
):
    data = article_form(
        make_category(),
        status="published",
        featured_image=image_upload("chip.jpg", size=(1600, 900)),
        featured_image_alt="Ein Chip auf einer Platine",
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="ein-neuer-chip")

    # Nothing was resized in the request: the worker is asked to do it.
    assert article.image_renditions == {}
    assert not (settings.MEDIA_ROOT / "renditions").exists()
    queued = DBTaskResult.objects.filter(task_path=RENDITIONS_TASK, status="READY")
    assert [task.args_kwargs["args"] for task in queued] == [[article.pk]]

    # Until then the page shows the original image.
    page = client.get(article.get_absolute_url()).text
    assert f'src="{article.featured_image.url}"' in page
    assert 'width="1600" height="900"' in page
    assert "image/webp" not in page

    run_worker(settings)

    article.refresh_from_db()
    assert [w for w, _h, _n in article.image_renditions["webp"]] == [480, 960, 1440]
    for _w, _h, name in article.image_renditions["webp"] + article.image_renditions["fallback"]:
        assert (settings.MEDIA_ROOT / name).exists()
    assert DBTaskResult.objects.get(task_path=RENDITIONS_TASK).status == "SUCCESSFUL"
    # The page cached before the renditions existed is refreshed.
    page = client.get(article.get_absolute_url()).text
    assert "-480.webp 480w" in page and 'type="image/webp"' in page


@pytest.mark.django_db
def test_saving_without_changing_the_image_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            featured_image=image_upload("foto.jpg"), featured_image_alt="Ein blaues Rechteck"
        )
    assert DBTaskResult.objects.filter(task_path=RENDITIONS_TASK).count() == 1
    images.refresh_renditions(article)

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Neuer Titel"
        article.save()
    assert DBTaskResult.objects.filter(task_path=RENDITIONS_TASK).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        article.featured_image = image_upload("neu.jpg")
        article.save()
    assert DBTaskResult.objects.filter(task_path=RENDITIONS_TASK).count() == 2


@pytest.mark.django_db
def test_renditions_of_a_replaced_image_are_not_shown(client):
    article = make_article(
        featured_image=image_upload("alt.jpg", size=(1600, 900)), featured_image_alt="Alt"
    )
    images.refresh_renditions(article)
    article.featured_image = image_upload("neu.jpg", size=(1200, 800))
    article.save()

    page = client.get(article.get_absolute_url()).text
    assert f'src="{article.featured_image.url}"' in page
    assert 'type="image/webp"' not in page
    assert images.shareable_file(article)["name"] == article.featured_image.name


@pytest.mark.django_db
def test_worker_does_not_decode_a_stored_image_over_the_cap(settings):
    # Stored before the cap existed, say: the page keeps the original, the worker survives.
    article = make_article()
    Article.objects.filter(pk=article.pk).update(
        featured_image="articles/alt.png", featured_image_alt="Alt"
    )
    (settings.MEDIA_ROOT / "articles").mkdir(parents=True)
    (settings.MEDIA_ROOT / "articles/alt.png").write_bytes(huge_png().read())
    article.refresh_from_db()

    images.refresh_renditions(article)

    article.refresh_from_db()
    assert article.image_renditions == {"source": "articles/alt.png", "webp": [], "fallback": []}
