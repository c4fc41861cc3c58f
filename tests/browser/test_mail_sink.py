"""The local SMTP server the mail journeys read their inbox from."""

import pytest
from django.core.mail import send_mail

from .mail import text_of

pytestmark = pytest.mark.browser


def test_mail_sent_by_the_site_arrives_in_the_local_inbox(smtp_sink):
    send_mail(
        "Bitte bestätigen",
        "Hallo, bitte klicken Sie: http://example.org/bestaetigen/abc/",
        None,
        ["leserin@example.org"],
    )

    [message] = smtp_sink.messages
    assert message["To"] == "leserin@example.org"
    assert message["Subject"] == "Bitte bestätigen"
    assert "http://example.org/bestaetigen/abc/" in text_of(message)
