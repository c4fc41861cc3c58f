"""A local SMTP server for the browser journeys that end in an inbox (aiosmtpd)."""

import socket
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd handler: keeps every message it is given, parsed."""

    def __init__(self, messages: list[EmailMessage]):
        self.messages = messages

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_smtp_sink(messages: list[EmailMessage]) -> Controller:
    """Start an SMTP server on a free local port that appends to ``messages``."""
    controller = Controller(Inbox(messages), hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


def text_of(message: EmailMessage) -> str:
    """The plain-text body of a received message."""
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def mails_to(messages: list[EmailMessage], address: str, count: int = 1, seconds: float = 20):
    """The messages to ``address``, once ``count`` of them arrived (or the time is up)."""
    deadline = time.monotonic() + seconds
    while True:
        found = [message for message in messages if message["To"] == address]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)
