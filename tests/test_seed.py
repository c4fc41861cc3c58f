"""The demo newsroom: seed_demo fills an empty database once, adds bulk articles, prints logins."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from taggit.models import TaggedItem

from articles.models import Article, AuthorProfile, Byline, Category, Source
from demo import articles as demo

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Article, AuthorProfile, Byline, Category, Source, TaggedItem)
    }


@pytest.fixture(autouse=True)
def _small_pictures(monkeypatch):
    # The same pictures, drawn smaller: the suite need not wait for big renditions.
    monkeypatch.setattr(demo, "IMAGE_SIZE", (600, 338))


def test_seed_demo_builds_an_illustrated_newsroom_once(client):
    assert "created" in seed()
    counts = snapshot()
    assert Category.objects.filter(parent__isnull=True).count() == 6
    assert Category.objects.filter(parent__isnull=False).count() == 1
    assert counts["AuthorProfile"] == 6
    assert counts["Article"] >= 40

    for author in AuthorProfile.objects.all():
        assert author.avatar and author.bio and author.website.startswith("https://")
    articles = Article.objects.all()
    assert len({a.slug for a in articles}) == len(articles)
    assert Article.objects.published().count() >= 36
    assert Article.objects.filter(status="draft").exists()
    assert Article.objects.filter(status="review").exists()
    assert sum(a.is_scheduled for a in articles) >= 2
    assert Article.objects.filter(is_featured=True).count() >= 3
    for article in articles:
        assert article.featured_image and article.featured_image_alt.strip()
        assert article.featured_image_credit and article.image_renditions["webp"]
        assert article.body.count("<h2>") >= 2 and article.body.count("<p>") >= 4
        assert "lorem" not in article.body.lower()
        assert article.bylines.exists() and article.tags.exists()
    assert Source.objects.exclude(url="").exists()

    # Running it again changes nothing.
    assert "nothing to do" in seed()
    assert snapshot() == counts

    # And the site shows it.
    home = client.get("/")
    assert home.status_code == 200
    lead = Article.objects.lead_story()
    assert lead.title in home.text
    assert "Gerade beliebt" in home.text  # the demo's readings fill "Popular now"
    article_page = client.get(lead.get_absolute_url())
    assert article_page.status_code == 200
    assert "Quellen:" in article_page.text


def test_seed_demo_adds_many_articles_in_bulk():
    seed()
    before = Article.objects.count()
    output = seed("--articles", "300")
    assert re.search(r"Created 300 extra articles in [\d.]+ s", output)
    added = Article.objects.order_by("-pk")[:300]
    assert Article.objects.count() == before + 300
    assert all(a.is_live and a.image_renditions["webp"] for a in added)
    assert Byline.objects.filter(article__in=added).count() >= 300
    assert TaggedItem.objects.filter(object_id__in=[a.pk for a in added]).count() == 900
    # A second batch gets slugs of its own.
    seed("--articles", "10")
    assert Article.objects.count() == before + 310


def test_seed_demo_admin_prints_working_logins():
    output = seed("--admin")
    logins = dict(re.findall(r"^  (admin|editor|author|moderator)\s+(\S+)", output, re.M))
    assert set(logins) == {"admin", "editor", "author", "moderator"}
    User = get_user_model()
    for username, password in logins.items():
        user = User.objects.get(username=username)
        assert user.check_password(password) and user.is_staff
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.filter(username="editor", groups__name="Editor").exists()
    assert User.objects.filter(username="author", groups__name="Author").exists()
    assert User.objects.filter(username="moderator", groups__name="Moderator").exists()
    assert AuthorProfile.objects.filter(user__username="author").exists()

    # Again: new passwords, no new users.
    again = dict(re.findall(r"^  (admin|editor|author|moderator)\s+(\S+)", seed("--admin"), re.M))
    assert again["admin"] != logins["admin"]
    assert User.objects.filter(username="admin").count() == 1


def test_seed_demo_rejects_a_negative_count():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("seed_demo", "--articles", "-1", stdout=io.StringIO())


def test_demo_logins_have_addresses_so_the_demo_mails_reach_them(settings):
    # Without an address the moderator never gets the digest of held comments
    # and the editor's "send test to me" has nowhere to go.
    settings.SITE_URL = "http://127.0.0.1:8950"
    output = seed("--admin")
    assert "Logins for http://127.0.0.1:8950/admin/ :" in output
    User = get_user_model()
    for username in ("admin", "editor", "author", "moderator"):
        assert User.objects.get(username=username).email == f"{username}@newsroom.example"

    from comments.tasks import moderator_addresses

    assert "moderator@newsroom.example" in moderator_addresses()
