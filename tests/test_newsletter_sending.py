"""Sending issues: each confirmed reader gets one copy, across failures and a killed worker."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from newsletter import tasks
from newsletter.models import Delivery, NewsletterIssue, Subscriber

from . import smtp_sink
from .conftest import make_article, worker_database_url
from .smtp_sink import Sink, parts, run_queued_tasks

smtp = smtp_sink.smtp  # the fixture


def make_issue(**extra) -> NewsletterIssue:
    issue = NewsletterIssue.objects.create(subject="Die Woche", intro="Das Wichtigste.", **extra)
    article = make_article(title="Ein Artikel", teaser="Worum es geht.")
    issue.entries.create(article=article, position=1)
    return issue


def readers(n: int, status: str = "confirmed") -> list[Subscriber]:
    return Subscriber.objects.bulk_create(
        Subscriber(email=f"{status}{i}@example.org", status=status) for i in range(n)
    )


@pytest.mark.django_db
def test_an_issue_reaches_confirmed_readers_only_once_each_as_multipart(smtp):
    readers(3)
    readers(2, "pending")
    readers(1, "unsubscribed")
    issue = make_issue()
    assert tasks.enqueue_send(issue)
    assert not tasks.enqueue_send(issue)  # a second click starts nothing
    run_queued_tasks()
    run_queued_tasks()
    assert sorted(m["To"] for m in smtp.messages) == [f"confirmed{i}@example.org" for i in range(3)]
    issue.refresh_from_db()
    assert issue.status == "sent" and issue.sent_at
    assert Delivery.objects.filter(status="sent").count() == 3

    mail = smtp.to("confirmed0@example.org")[0]
    subscriber = Subscriber.objects.get(email="confirmed0@example.org")
    unsubscribe = f"http://testserver/newsletter/unsubscribe/{subscriber.token}/"
    assert mail["Subject"] == "Die Woche"
    assert mail["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.get_content_type() == "multipart/alternative"
    text, html = parts(mail)
    assert "Ein Artikel" in text and "Worum es geht." in text and unsubscribe in text
    assert "Ein Artikel" in html and unsubscribe in html
    assert 'href="http://testserver/' in html
    # Another reader's link is not in this mail.
    other = Subscriber.objects.get(email="confirmed1@example.org")
    assert other.token not in text + html


@pytest.mark.django_db
def test_the_unsubscribe_link_in_an_issue_works_with_one_click(client, smtp):
    readers(1)
    tasks.enqueue_send(make_issue())
    run_queued_tasks()
    url = smtp.messages[0]["List-Unsubscribe"].strip().strip("<>")
    response = client.post(url.removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"


@pytest.mark.django_db
def test_a_reader_who_unsubscribes_during_the_send_is_skipped(smtp):
    first, second = readers(2)
    issue = make_issue()
    tasks.enqueue_send(issue)
    from newsletter import sending

    sending.create_deliveries(issue)
    second.unsubscribe()
    run_queued_tasks()
    assert [m["To"] for m in smtp.messages] == [first.email]
    assert Delivery.objects.get(subscriber=second).status == "skipped"


@pytest.mark.django_db
def test_temporary_failures_are_retried_with_backoff_and_permanent_ones_recorded(smtp):
    ok, busy, gone = readers(3)
    smtp.temporary[busy.email] = 1
    smtp.refuse[gone.email] = "550 5.1.1 No such user"
    issue = make_issue()
    tasks.enqueue_send(issue)
    run_queued_tasks()
    assert [m["To"] for m in smtp.messages] == [ok.email]
    waiting = Delivery.objects.get(subscriber=busy)
    assert waiting.status == "pending" and waiting.attempts == 1
    assert waiting.last_error.startswith("451")
    assert waiting.next_attempt_at > timezone.now() + timedelta(seconds=50)
    failed = Delivery.objects.get(subscriber=gone)
    assert failed.status == "failed" and failed.last_error.startswith("550")
    issue.refresh_from_db()
    assert issue.status == "sending"

    # Time passes: the retry is due.
    Delivery.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(status="READY", task_path__endswith="send_issue").update(
        run_after=timezone.now()
    )
    run_queued_tasks()
    assert sorted(m["To"] for m in smtp.messages) == sorted([ok.email, busy.email])
    issue.refresh_from_db()
    assert issue.status == "sent"


@pytest.mark.django_db
def test_a_line_break_in_the_subject_cannot_leave_the_issue_sending_forever(smtp):
    """Saved before subjects were checked (or written around the admin): the mail cannot
    be built. Each delivery fails for good, with the reason, and the issue finishes."""
    readers(2)
    issue = make_issue()
    NewsletterIssue.objects.filter(pk=issue.pk).update(subject="Die Woche\r\nBcc: x@example.org")
    issue.refresh_from_db()
    tasks.enqueue_send(issue)
    run_queued_tasks()
    assert smtp.messages == []
    failed = Delivery.objects.filter(issue=issue)
    assert [d.status for d in failed] == ["failed", "failed"]
    assert all("BadHeaderError" in d.last_error for d in failed)
    issue.refresh_from_db()
    assert issue.status == "sent"


@pytest.mark.django_db
def test_a_sign_up_succeeds_while_the_mail_server_is_down_and_mails_later(client, settings):
    with Sink() as sink:
        port = sink.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    response = client.post(
        "/newsletter/", {"email": "ada@example.org", "consent": "on", "source": "page"}
    )
    assert response.status_code == 302
    run_queued_tasks()  # connection refused: a retry is planned
    from django_tasks_db.models import DBTaskResult

    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["args"][2] == 2
    retry.run_after = timezone.now()
    retry.save()
    sink = Sink()
    sink.port = port
    from aiosmtpd.controller import Controller

    sink.controller = Controller(sink, hostname="127.0.0.1", port=port)
    with sink:
        run_queued_tasks()
    assert [m["To"] for m in sink.messages] == ["ada@example.org"]


def worker_environment(sink: Sink) -> dict:
    """Environment for `manage.py db_worker` against the test database and the sink."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "DATABASE_URL": worker_database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}?timeout=10",
        "PYTHONUNBUFFERED": "1",
    }


def start_worker(env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay",
         "--no-reload", "--queue-name", "*"],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_resumes_without_sending_anyone_twice(tmp_path):
    """The real worker process is killed mid-send (SIGKILL); two new workers finish the job."""
    count = 60
    readers(count)
    issue = make_issue()
    log_path = tmp_path / "worker.log"
    with Sink() as sink, open(log_path, "w") as log:
        env = worker_environment(sink)
        sink.hold_after = 25  # the server stalls during the 26th message
        tasks.enqueue_send(issue)
        worker = start_worker(env, log)
        workers = []
        try:
            wait_for(sink.held.is_set, 60, "the worker to send 25 messages")
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
            assert len(sink.messages) == 25
            assert Delivery.objects.filter(issue=issue, status="sent").count() == 25
            # The 26th was being handed over when the worker died: claimed, not sent.
            assert Delivery.objects.filter(issue=issue, status="sending").count() == 1
            assert Delivery.objects.filter(issue=issue, status="pending").count() == count - 26
            sink.release.set()

            # Two workers now: they share the rest of the issue.
            workers = [start_worker(env, log) for _ in range(2)]
            wait_for(
                lambda: NewsletterIssue.objects.get(pk=issue.pk).status == "sent",
                90,
                "the restarted workers to finish the issue",
            )
        finally:
            for process in [worker, *workers]:
                process.kill()
                process.wait(10)
        received = sorted(m["To"] for m in sink.messages)
    expected = sorted(f"confirmed{i}@example.org" for i in range(count))
    assert received == expected, log_path.read_text()[-3000:]
    assert Delivery.objects.filter(issue=issue, status="sent").count() == count


@pytest.mark.django_db
def test_the_recipients_are_listed_once_when_sending_starts(smtp):
    from newsletter import sending

    readers(2)
    issue = make_issue()
    tasks.enqueue_send(issue)
    assert sending.create_deliveries(issue) == 2
    Subscriber.objects.create(email="late@example.org", status="confirmed")
    issue.refresh_from_db()
    assert sending.create_deliveries(issue) == 0
    run_queued_tasks()
    assert smtp.to("late@example.org") == []
    assert len(smtp.messages) == 2
