"""Publishing services: one door for status changes, with permission, history and announcement."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import publishing
from articles.models import Article, StatusChange
from articles.signals import status_changed

from .conftest import make_article, make_user

pytestmark = pytest.mark.django_db


def history(article) -> list[tuple]:
    return list(article.status_changes.order_by("pk").values_list("action", "changed_by__username"))


def test_publishing_without_a_time_publishes_now_and_records_who():
    editor = make_user("chefin", role="Editor")
    article = make_article(status=Article.Status.DRAFT)
    publishing.publish(article, by=editor)
    article.refresh_from_db()
    assert article.is_live
    assert abs(article.published_at - timezone.now()) < timedelta(seconds=5)
    assert article.first_published_at == article.published_at
    assert history(article) == [("published", "chefin")]


def test_a_time_ahead_schedules_the_article():
    article = make_article(status=Article.Status.DRAFT)
    later = timezone.now() + timedelta(hours=3)
    publishing.schedule(article, later)
    assert article.is_scheduled and not article.is_live
    assert history(article) == [("scheduled", None)]


def test_a_schedule_in_the_past_is_refused():
    article = make_article(status=Article.Status.DRAFT)
    with pytest.raises(ValidationError):
        publishing.schedule(article, timezone.now() - timedelta(minutes=1))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_the_first_publication_follows_a_new_schedule_until_the_article_is_out():
    article = make_article(status=Article.Status.DRAFT)
    publishing.schedule(article, timezone.now() + timedelta(hours=3))
    sooner = timezone.now() + timedelta(hours=1)
    publishing.schedule(article, sooner)
    assert article.first_published_at == sooner
    out = make_article()
    first = out.first_published_at
    publishing.unpublish(out)
    publishing.publish(out, at=timezone.now())
    assert out.first_published_at == first, "readers saw it first back then"


def test_unpublishing_records_it_and_readers_then_get_410(client):
    editor = make_user("chefin", role="Editor")
    article = make_article()
    publishing.unpublish(article, by=editor)
    assert history(article)[-1] == ("unpublished", "chefin")
    assert client.get(article.get_absolute_url()).status_code == 410


def test_an_author_may_not_publish_or_unpublish_through_the_service():
    author = make_user("schreiber", role="Author")
    draft = make_article(status=Article.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        publishing.publish(draft, by=author)
    live = make_article()
    with pytest.raises(PermissionDenied):
        publishing.unpublish(live, by=author)
    assert not StatusChange.objects.filter(changed_by=author).exists()


def test_an_author_may_save_a_published_article_unchanged():
    author = make_user("schreiber", role="Author")
    article = make_article()
    article.title = "Korrigiert"
    publishing.change_status(article, article.status, article.published_at, by=author)
    article.refresh_from_db()
    assert article.title == "Korrigiert"
    assert len(history(article)) == 1, "a plain save is no publishing decision"


def test_the_system_publishes_without_a_user():
    article = make_article(status=Article.Status.DRAFT)
    publishing.publish(article)
    assert history(article) == [("published", None)]


def test_the_change_is_announced_only_once_committed(django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, article, action, by, **kwargs):
        heard.append((article.pk, action))

    status_changed.connect(listener)
    try:
        article = make_article(status=Article.Status.DRAFT)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            publishing.publish(article)
        assert heard == [], "nothing is announced before the commit"
        for callback in callbacks:
            callback()
        assert heard == [(article.pk, "published")]
    finally:
        status_changed.disconnect(listener)


def test_bulk_actions_in_the_admin_go_through_the_service(client):
    editor = make_user("chefin", role="Editor")
    client.force_login(editor)
    draft = make_article(status=Article.Status.DRAFT)
    live = make_article()
    url = "/admin/articles/article/"
    client.post(url, {"action": "publish_selected", "_selected_action": [draft.pk]})
    client.post(url, {"action": "unpublish_selected", "_selected_action": [live.pk]})
    assert history(draft) == [("published", "chefin")]
    assert history(live)[-1] == ("unpublished", "chefin")


def test_the_admin_shows_the_publishing_history(client):
    editor = make_user("chefin", role="Editor")
    client.force_login(editor)
    article = make_article(status=Article.Status.DRAFT)
    publishing.publish(article, by=editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/").text
    history_list = page[page.index('<ol class="publishing-history">') :]
    assert "chefin" in history_list[: history_list.index("</ol>")]


def test_publishing_a_backdated_draft_publishes_it_now():
    from datetime import datetime

    editor = make_user("chefin", role="Editor")
    draft = make_article(status=Article.Status.DRAFT,
                         published_at=timezone.make_aware(datetime(2001, 9, 10, 8)))  # fmt: skip
    publishing.publish(draft, by=editor)
    assert draft.is_live
    assert timezone.now() - draft.published_at < timedelta(seconds=5)
    assert draft.first_published_at == draft.published_at


def test_publishing_a_draft_with_a_time_ahead_publishes_it_now_not_silently_later():
    draft = make_article(status=Article.Status.DRAFT,
                         published_at=timezone.now() + timedelta(days=2))  # fmt: skip
    publishing.publish(draft, by=make_user(role="Editor"))
    assert draft.is_live
    assert history(draft)[-1][0] == "published"


def test_publishing_keeps_the_time_an_editor_scheduled_or_published_at():
    later = timezone.now() + timedelta(hours=3)
    scheduled = make_article(published_at=later)
    publishing.publish(scheduled)
    assert scheduled.is_scheduled and scheduled.published_at == later
    live = make_article()
    out_since = live.published_at
    publishing.publish(live)
    assert live.published_at == out_since
    assert len(history(live)) == 1, "nothing to record"


def test_an_author_may_not_backdate_or_schedule_a_draft_through_the_service():
    author = make_user("schreiber", role="Author")
    draft = make_article(status=Article.Status.DRAFT)
    for when in (timezone.now() - timedelta(days=9000), timezone.now() + timedelta(days=2)):
        with pytest.raises(PermissionDenied):
            publishing.change_status(draft, Article.Status.DRAFT, when, by=author)
    draft.refresh_from_db()
    assert draft.published_at is None
