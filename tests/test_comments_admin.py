"""The moderation queue in the admin, and who may use it."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from comments.models import Comment, ModerationSettings

from .conftest import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator(client):
    user = make_user("mod", role="Moderator")
    client.force_login(user)
    return user


def test_moderator_role_has_the_comment_permissions_and_nothing_else():
    user = make_user(role="Moderator")
    assert user.get_all_permissions() == {
        "comments.view_comment",
        "comments.change_comment",
        "comments.moderate_comment",
    }


def test_editors_moderate_too_and_tune_the_rules():
    user = make_user(role="Editor")
    assert user.has_perm("comments.moderate_comment")
    assert user.has_perm("comments.change_moderationsettings")


def test_authors_cannot_moderate(client):
    user = make_user(role="Author")
    client.force_login(user)
    assert not user.has_perm("comments.moderate_comment")
    assert client.get(QUEUE).status_code == 403


def test_moderator_cannot_touch_articles_or_rules(client, moderator):
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
    url = reverse("admin:comments_moderationsettings_change", args=[1])
    assert client.get(url).status_code == 403


def test_queue_lists_pending_first_with_article_and_excerpt(client, moderator):
    article = make_article(title="Ein Artikel über Züge")
    approved = make_comment(article, text="Schon frei")
    pending = make_comment(
        article, status="pending", text="Bitte prüfen:\n<b>fett</b> " + "x" * 300
    )
    response = client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 200
    rows = re.findall(r"/admin/comments/comment/(\d+)/change/", html)
    assert rows.index(str(pending.pk)) < rows.index(str(approved.pk))
    assert "Ein Artikel über Züge" in html
    assert "Bitte prüfen: &lt;b&gt;fett&lt;/b&gt;" in html
    assert "x" * 300 not in html


def test_queue_shows_counts_per_status(client, moderator):
    article = make_article()
    make_comment(article, status="pending")
    make_comment(article, status="pending")
    make_comment(article, status="spam")
    html = client.get(QUEUE).content.decode()
    assert "Wartend (2)" in html
    assert "Spam (1)" in html
    assert "Freigegeben (0)" in html


def test_queue_filters_by_status_and_article_and_searches(client, moderator):
    article, other = make_article(), make_article()
    spam = make_comment(article, status="spam", text="Billige Uhren")
    make_comment(other, status="pending", text="Gute Frage")
    html = client.get(QUEUE, {"status": "spam"}).content.decode()
    assert "Billige Uhren" in html and "Gute Frage" not in html
    html = client.get(QUEUE, {"article__id__exact": other.pk}).content.decode()
    assert "Gute Frage" in html and "Billige Uhren" not in html
    html = client.get(QUEUE, {"q": "Uhren"}).content.decode()
    assert f"/admin/comments/comment/{spam.pk}/change/" in html
    assert "Gute Frage" not in html


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("mark_spam", "spam"), ("remove", "removed")],
)
def test_bulk_actions_record_who_and_when(client, moderator, action, status):
    article = make_article()
    comments = [make_comment(article, status="pending") for _ in range(3)]
    response = client.post(
        QUEUE,
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )
    assert response.status_code == 200
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.status_changed_by == moderator
        assert comment.status_changed_at is not None
    html = client.get(QUEUE).content.decode()
    assert "mod" in html


def test_approving_in_bulk_updates_the_article_count(client, moderator):
    article = make_article()
    comments = [make_comment(article, status="pending") for _ in range(2)]
    client.post(QUEUE, {"action": "approve", "_selected_action": [c.pk for c in comments]})
    article.refresh_from_db()
    assert article.comment_count == 2


def test_changing_status_on_the_form_records_the_moderator(client, moderator):
    comment = make_comment(make_article(), status="pending", text="Text")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "status": "approved",
            "name": comment.name,
            "email": comment.email,
            "url": "",
            "text": "Text, Tippfehler korrigiert",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.text == "Text, Tippfehler korrigiert"
    assert comment.status_changed_by == moderator
    comment.article.refresh_from_db()
    assert comment.article.comment_count == 1


def test_nobody_adds_comments_in_the_admin(client, moderator):
    assert client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_editor_edits_the_single_rules_row(client):
    client.force_login(make_user(role="Editor"))
    response = client.get(reverse("admin:comments_moderationsettings_changelist"))
    assert response.status_code == 302
    url = reverse("admin:comments_moderationsettings_change", args=[1])
    response = client.post(
        url,
        {
            "hold_first_comments": "on",
            "link_limit": "1",
            "close_after_days": "",
            "moderation_words": "kredit",
            "block_words": "casino",
            "digest_interval_minutes": "30",
        },
    )
    assert response.status_code == 302
    rules = ModerationSettings.load()
    assert (rules.link_limit, rules.block_words) == (1, "casino")


def test_erase_comment_ips_clears_old_addresses_only():
    from datetime import timedelta

    from django.utils import timezone

    article = make_article()
    old = make_comment(
        article, ip_address="203.0.113.1", created_at=timezone.now() - timedelta(days=31)
    )
    recent = make_comment(
        article, ip_address="203.0.113.2", created_at=timezone.now() - timedelta(days=29)
    )
    call_command("erase_comment_ips")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None
    assert recent.ip_address == "203.0.113.2"
    call_command("erase_comment_ips", days=7)
    recent.refresh_from_db()
    assert recent.ip_address is None
    assert Comment.objects.count() == 2


def test_demo_seeds_approved_threads_and_a_few_held_comments():
    articles = [make_article() for _ in range(3)]
    call_command("seed_demo_comments")
    approved = Comment.objects.filter(status="approved")
    assert approved.filter(parent__isnull=False).exists()
    assert approved.filter(depth=2).exists()
    assert Comment.objects.filter(status="pending").count() == 2
    for article in articles:
        article.refresh_from_db()
        assert article.comment_count == approved.filter(article=article).count() > 0
    # Running it again adds nothing.
    before = Comment.objects.count()
    call_command("seed_demo_comments")
    assert Comment.objects.count() == before
