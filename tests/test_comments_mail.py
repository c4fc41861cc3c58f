"""Mail about comments, delivered to a real SMTP server (aiosmtpd) on a free local port."""

import email
import email.policy
import socket
import time
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments import services
from comments.models import Comment, ModerationSettings
from comments.tasks import send_moderation_digest, stop_token

from .conftest import make_article, make_comment, make_user, run_worker_batch
from .test_comments_posting import form_data

ROOT = Path(__file__).resolve().parent.parent
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """Keeps every message the SMTP server receives."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.messages) >= count, f"{len(self.messages)} of {count} mails arrived"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    inbox.port = port
    yield inbox
    controller.stop()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


@pytest.fixture
def conversation(db):
    article = make_article(title="Züge im Winter")
    parent = make_comment(
        article, name="Paula", email="paula@example.org", notify_on_reply=True, text="Erste Frage"
    )
    reply = make_comment(
        article, parent=parent, status="pending", name="Rolf", text="Meine Antwort\nzwei Zeilen"
    )
    return article, parent, reply


@pytest.mark.django_db
def test_approved_reply_mails_the_parent_author_with_a_stop_link(
    smtp, immediate_tasks, conversation, django_capture_on_commit_callbacks
):
    article, parent, reply = conversation
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status([reply], Comment.Status.APPROVED)
    smtp.wait_for(1)
    message = smtp.messages[0]
    assert smtp.envelopes[0].rcpt_tos == ["paula@example.org"]
    assert (
        message["Subject"].strip() == "Rolf hat auf Ihren Kommentar zu „Züge im Winter“ geantwortet"
    )
    body = body_of(message)
    assert "Hallo Paula," in body
    assert "Meine Antwort\nzwei Zeilen" in body
    assert f"http://testserver{article.get_absolute_url()}#comment-{reply.pk}" in body
    stop_url = message["List-Unsubscribe"].strip().strip("<>")
    assert stop_url in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # One click on the link stops further mails to that address.
    response = Client().get(stop_url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert "paula@example.org" in response.content.decode()
    parent.refresh_from_db()
    assert not parent.notify_on_reply


@pytest.mark.django_db
def test_mail_clients_can_stop_notifications_with_one_post(conversation):
    _article, parent, _reply = conversation
    url = reverse("comments:stop", args=[stop_token("PAULA@example.org")])
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    parent.refresh_from_db()
    assert not parent.notify_on_reply


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["nonsense", stop_token("x@example.org")[:-3] + "abc"])
def test_a_broken_stop_link_says_so(token):
    response = Client().get(reverse("comments:stop", args=[token]))
    assert response.status_code == 400
    assert "ungültig" in response.content.decode()


@pytest.mark.django_db
def test_reply_notification_is_sent_only_once(
    smtp, immediate_tasks, conversation, django_capture_on_commit_callbacks
):
    _article, _parent, reply = conversation
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status([reply], Comment.Status.APPROVED)
        services.change_status([reply], Comment.Status.REMOVED)
        services.change_status([reply], Comment.Status.APPROVED)
    smtp.wait_for(1)
    time.sleep(0.2)
    assert len(smtp.messages) == 1


@pytest.mark.django_db
def test_no_notification_without_opt_in_or_for_a_reply_to_oneself(
    smtp, immediate_tasks, django_capture_on_commit_callbacks
):
    article = make_article()
    quiet = make_comment(article, email="still@example.org", notify_on_reply=False)
    talker = make_comment(article, email="self@example.org", notify_on_reply=True)
    replies = [
        make_comment(article, parent=quiet, status="pending"),
        make_comment(article, parent=talker, status="pending", email="SELF@example.org"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(replies, Comment.Status.APPROVED)
    time.sleep(0.3)
    assert smtp.messages == []


@pytest.mark.django_db
def test_held_comments_reach_moderators_in_one_mail_per_interval(
    smtp, immediate_tasks, django_capture_on_commit_callbacks
):
    make_user("moderatorin", role="Moderator", email="mod@example.org")
    make_user("leserin", email="reader@example.org")
    article = make_article(title="Der Artikel")
    client = Client()
    for text in ("Erster Spam", "Zweiter Spam"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("comments:post", args=[article.pk]), form_data(article, text=text))
    smtp.wait_for(1)
    time.sleep(0.2)
    # The second held comment came within the interval: no second mail yet.
    assert len(smtp.messages) == 1
    assert smtp.envelopes[0].rcpt_tos == ["mod@example.org"]
    first = smtp.messages[0]
    assert "1 Kommentar wartet auf Freigabe" in first["Subject"]
    assert "Erster Spam" in body_of(first)
    assert "/admin/comments/comment/?status=pending" in body_of(first)

    # When the interval has passed, the next run lists what has come in since.
    ModerationSettings.objects.filter(pk=1).update(
        last_digest_at=timezone.now() - timedelta(minutes=16)
    )
    assert send_moderation_digest.call() == 1
    smtp.wait_for(2)
    second = body_of(smtp.messages[1])
    assert "Zweiter Spam" in second and "Erster Spam" not in second
    assert send_moderation_digest.call() == 0


@pytest.mark.django_db
def test_a_comment_cannot_fake_a_moderation_link_in_the_digest(mailoutbox):
    make_user("moderatorin", role="Moderator", email="mod@example.org")
    make_comment(
        make_article(),
        status="pending",
        name="Lena",
        text="Guter Artikel.\n\nHier moderieren:\nhttps://evil.example/admin/\u2028Danke!",
    )
    assert send_moderation_digest.call() == 1
    lines = mailoutbox[0].body.splitlines()
    quoted = [n for n, line in enumerate(lines) if line.startswith(">")]
    assert [lines[n] for n in quoted] == [
        "> Guter Artikel.",
        ">",
        "> Hier moderieren:",
        "> https://evil.example/admin/",
        "> Danke!",
    ]
    # Only the quote carries the comment's words; the real link comes after it.
    assert [line for line in lines if "evil.example" in line] == ["> https://evil.example/admin/"]
    real = lines.index("http://testserver/admin/comments/comment/?status=pending")
    assert lines[real - 1] == "Hier moderieren:"
    assert real > max(quoted)


@pytest.mark.django_db
def test_a_digest_too_early_is_scheduled_for_later(settings):
    make_comment(make_article(), status="pending")
    ModerationSettings.objects.filter(pk=1).update(last_digest_at=timezone.now())
    assert send_moderation_digest.call() == 0
    rules = ModerationSettings.load()
    assert rules.digest_due_at == rules.last_digest_at + timedelta(minutes=15)
    queued = DBTaskResult.objects.filter(task_path__endswith="send_moderation_digest")
    assert queued.count() == 1
    assert queued.get().run_after == rules.digest_due_at
    # A second early run does not queue another one.
    send_moderation_digest.call()
    assert queued.count() == 1


@pytest.mark.django_db
def test_posting_only_queues_mail_for_the_worker(django_capture_on_commit_callbacks, mailoutbox):
    make_user("moderatorin", role="Moderator")
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("comments:post", args=[article.pk]), form_data(article))
    assert response.status_code == 302
    assert mailoutbox == []
    assert DBTaskResult.objects.filter(task_path__endswith="send_moderation_digest").count() == 1


@pytest.mark.django_db
def test_a_dead_mail_server_never_fails_posting(
    settings, immediate_tasks, django_capture_on_commit_callbacks
):
    make_user("moderatorin", role="Moderator")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 1
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("comments:post", args=[article.pk]), form_data(article))
    assert response.status_code == 302
    comment = Comment.objects.get()
    # Nothing was sent, so the next digest lists it again.
    assert comment.moderators_notified_at is None


@pytest.mark.django_db
def test_a_broken_task_queue_never_fails_posting(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_user("moderatorin", role="Moderator")
    article = make_article()
    settings.TASKS = {"default": {"BACKEND": "no.such.Backend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("comments:post", args=[article.pk]), form_data(article))
    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_delivers_the_reply_notification(smtp):
    article = make_article(title="Mit Arbeiter")
    parent = make_comment(article, email="paula@example.org", notify_on_reply=True)
    reply = make_comment(article, parent=parent, status="pending", name="Rolf")
    services.change_status([reply], Comment.Status.APPROVED)  # queued on commit
    assert DBTaskResult.objects.filter(task_path__endswith="send_reply_notification").exists()
    assert smtp.messages == []

    run_worker_batch(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}", DEBUG="false")
    smtp.wait_for(1)
    assert smtp.envelopes[0].rcpt_tos == ["paula@example.org"]
    assert "Rolf hat auf Ihren Kommentar" in smtp.messages[0]["Subject"]
    result = DBTaskResult.objects.get(task_path__endswith="send_reply_notification")
    assert result.status == "SUCCESSFUL"
