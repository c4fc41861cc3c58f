"""A real SMTP server on localhost (aiosmtpd) that keeps what it receives, for mail tests."""

import asyncio
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    """Collects messages; can refuse addresses for good (5xx), for now (4xx), or stall."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.refuse: dict[str, str] = {}
        self.temporary: dict[str, int] = {}
        self.hold_after: int | None = None
        self.held = threading.Event()
        self.release = threading.Event()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "Sink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.controller.stop()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        address = address.lower()
        if address in self.refuse:
            return self.refuse[address]
        if self.temporary.get(address, 0) > 0:
            self.temporary[address] -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            # Keep the sender waiting mid-conversation, as a slow server would.
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if m["To"].lower() == address.lower()]

    def settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 10,
        }


@pytest.fixture
def smtp(settings):
    """A running sink, with the site's mail settings pointing at it."""
    with Sink() as sink:
        for name, value in sink.settings().items():
            setattr(settings, name, value)
        yield sink


def parts(message) -> tuple[str, str]:
    """The plain-text and HTML bodies of a multipart/alternative message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def run_queued_tasks(limit: int = 200) -> int:
    """Run the tasks that are due, in this process, as the worker would; returns how many."""
    from django_tasks_db.models import DBTaskResult

    ran = 0
    while ran < limit:
        result = DBTaskResult.objects.ready().order_by("-priority", "enqueued_at").first()
        if result is None:
            return ran
        result.claim("tests")
        task_result = result.task_result
        try:
            value = result.task.call(*task_result.args, **task_result.kwargs)
        except Exception as error:
            result.set_failed(error)
            raise
        result.set_successful(value)
        ran += 1
    raise AssertionError("tasks keep enqueuing tasks")
