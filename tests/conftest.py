"""Factories for the test suite: small functions that make valid objects."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import publishing
from articles.models import Article, AuthorProfile, Byline, Category

_sequence = itertools.count(1)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Each test starts with an empty cache, and reads the change stamps anew.

    The stamps are read before the test (its database rolls back afterwards),
    like a process that has served requests before: pinned query counts
    stay those of a running site.
    """
    from django.core.cache import cache

    from foundation.stamps import book

    cache.clear()
    book.forget()
    if request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")
        book.check()
    yield
    cache.clear()
    book.forget()


def worker_database_url() -> str:
    """DATABASE_URL of the test database, for a real worker process started by a test."""
    from django.db import connection

    config = connection.settings_dict
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{config['NAME']}"
    user = config.get("USER") or "postgres"
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{config.get('HOST') or '127.0.0.1'}:"
        f"{config.get('PORT') or 5432}/{config['NAME']}"
    )


def run_worker_batch(**env: str) -> None:
    """Run the queued tasks with ``manage.py db_worker --batch``, a real process, as in production.

    ``env`` adds to the environment (``MEDIA_ROOT``, ``EMAIL_URL``…); the worker
    uses the test settings and the test database.
    """
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    finished = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=root,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": worker_database_url(),
            "PYTHONPATH": str(root),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr


def make_user(username=None, *, role=None, is_staff=None, **extra):
    from django.contrib.auth import get_user_model

    n = next(_sequence)
    user = get_user_model().objects.create_user(
        username=username or f"user{n}",
        email=extra.pop("email", f"user{n}@example.org"),
        password=extra.pop("password", "a-long-test-password"),
        is_staff=bool(role) if is_staff is None else is_staff,
        **extra,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_author(name=None, user=None, **extra) -> AuthorProfile:
    n = next(_sequence)
    name = name or f"Autorin {n}"
    return AuthorProfile.objects.create(
        user=user or make_user(f"author{n}"),
        display_name=name,
        slug=extra.pop("slug", f"autorin-{n}"),
        **extra,
    )


def make_category(name=None, **extra) -> Category:
    n = next(_sequence)
    return Category.objects.create(
        name=name or f"Rubrik {n}", slug=extra.pop("slug", f"rubrik-{n}"), **extra
    )


def make_article(
    title=None,
    *,
    category=None,
    authors=(),
    tags=(),
    status=Article.Status.PUBLISHED,
    published_at=None,
    **extra,
) -> Article:
    """An article; a published one goes out through ``articles.publishing``, as in the admin."""
    n = next(_sequence)
    if status == Article.Status.PUBLISHED and published_at is None:
        published_at = timezone.now() - timedelta(hours=n % 100 + 1)
    article = Article.objects.create(
        title=title or f"Artikel {n}",
        slug=extra.pop("slug", f"artikel-{n}"),
        teaser=extra.pop("teaser", "Ein kurzer Vorspann."),
        body=extra.pop("body", "<p>Ein Absatz mit Text.</p>"),
        category=category or make_category(),
        status=Article.Status.DRAFT if status == Article.Status.PUBLISHED else status,
        published_at=published_at,
        **extra,
    )
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    if status == Article.Status.PUBLISHED:
        publishing.publish(article, at=published_at)
    return article


@pytest.fixture
def editor(db):
    return make_user("editor", role="Editor")


@pytest.fixture
def editor_client(client):
    """A client logged in as an editor with an author profile of their own."""
    user = make_user(role="Editor")
    make_author("Erik Editor", user=user)
    client.force_login(user)
    return client


@pytest.fixture
def author_user(db):
    user = make_user("writer", role="Author")
    make_author("Wanda Writer", user=user, slug="wanda-writer")
    return user


def image_upload(name="bild.png", size=(640, 360), image_format=None, colour=(20, 90, 160)):
    """An uploaded image file; ``image_format`` defaults to what ``name`` says."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    image_format = image_format or {"jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}.get(
        name.rsplit(".", 1)[-1].lower(), "PNG"
    )
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, image_format)
    content_type = f"image/{image_format.lower()}"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def make_comment(article, *, parent=None, status="approved", **extra):
    """A comment saved as it is, without the posting rules (see comments.services)."""
    from comments.services import new_comment

    n = next(_sequence)
    comment = new_comment(
        article,
        parent,
        name=extra.pop("name", f"Leserin {n}"),
        email=extra.pop("email", f"leser{n}@example.org"),
        text=extra.pop("text", f"Ein Kommentar Nummer {n}."),
        status=status,
        created_at=extra.pop("created_at", timezone.now() - timedelta(minutes=1000 - n % 1000)),
        **extra,
    )
    comment.save()
    return comment


def pytest_collection_modifyitems(items):
    """Give every transactional test a serialized rollback.

    A transactional test empties the database afterwards. Without a serialized
    rollback, Django then re-creates content types and permissions with new ids
    and loses what data migrations made (the editorial roles); a later test
    that restores the serialized contents would clash with those new rows.
    With it everywhere, each transactional test starts from the migrated state.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
