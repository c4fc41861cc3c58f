"""Journey 3: a reader subscribes to the newsletter, confirms by mail, and later leaves.

Everything real: the form in Chromium, the background worker (``manage.py
db_worker``) sending through a local SMTP server, the links in the mails
opened in the browser, and the RFC 8058 one-click POST a mail client sends.
"""

import re

from newsletter.models import Subscriber

from .checks import describe_violations
from .conftest import BROWSER_TEST
from .mail import mails_to, text_of

pytestmark = BROWSER_TEST


def link_in(message, path: str) -> str:
    """The first link to ``path`` in the mail's plain text."""
    found = re.search(r"https?://\S+" + re.escape(path) + r"\S+", text_of(message))
    assert found, f"no {path} link in: {text_of(message)}"
    return found.group(0)


def subject_of(messages: list) -> list[str]:
    return [message["Subject"] for message in messages]


def sign_up(form, email: str, name: str = "") -> None:
    form.get_by_label("E-Mail-Adresse").fill(email)
    if name:
        form.get_by_label("Name (freiwillig)").fill(name)
    form.get_by_role("checkbox").check()
    form.get_by_role("button", name="Abonnieren").click()


def test_reader_subscribes_confirms_by_mail_and_unsubscribes_with_one_click(
    page, new_context, newsroom, smtp_sink, task_worker, axe
):
    # Under the article: the call to action.
    page.goto(newsroom.lead.get_absolute_url())
    sign_up(page.locator(".newsletter-signup-article"), "lea@example.org", name="Lea")
    page.wait_for_url("**/newsletter/thanks/")
    assert page.locator("h1").inner_text() == "Bitte sehen Sie in Ihr Postfach"

    # The worker sends the confirmation; its link confirms in the browser.
    [confirmation] = mails_to(smtp_sink.messages, "lea@example.org")
    assert "bestätigen" in confirmation["Subject"], subject_of(smtp_sink.messages)
    # No name from the form in the mail: it would make the site a phishing relay.
    assert "Hallo," in text_of(confirmation) and "Lea" not in text_of(confirmation)
    page.goto(link_in(confirmation, "/newsletter/confirm/"))
    assert page.locator("h1").inner_text() == "Danke, Ihr Abonnement ist bestätigt"
    assert not axe(page), describe_violations(axe(page))
    lea = Subscriber.objects.get(email="lea@example.org")
    assert lea.status == Subscriber.Status.CONFIRMED
    assert lea.consent_source == Subscriber.Source.ARTICLE

    # Later, the link at the bottom of the welcome mail: one click on the page's button.
    welcome = mails_to(smtp_sink.messages, "lea@example.org", count=2)[1]
    assert "Willkommen" in welcome["Subject"], subject_of(smtp_sink.messages)
    page.goto(link_in(welcome, "/newsletter/unsubscribe/"))
    assert page.locator("h1").inner_text() == "Newsletter abbestellen?"
    assert "lea@example.org" in page.inner_text("main")
    assert not axe(page), describe_violations(axe(page))
    with page.expect_navigation():
        page.get_by_role("button", name="Abbestellen").click()
    assert page.locator("h1").inner_text() == "Sie sind abgemeldet"
    lea.refresh_from_db()
    assert lea.status == Subscriber.Status.UNSUBSCRIBED

    # Another reader signs up in the sidebar of the home page and confirms ...
    other = new_context().new_page()
    other.goto("/")
    sign_up(other.locator(".newsletter-signup-sidebar"), "ben@example.org")
    other.wait_for_url("**/newsletter/thanks/")
    [confirmation] = mails_to(smtp_sink.messages, "ben@example.org")
    other.goto(link_in(confirmation, "/newsletter/confirm/"))
    assert other.locator("h1").inner_text() == "Danke, Ihr Abonnement ist bestätigt"

    # ... and leaves from the mail program: the RFC 8058 one-click POST, without cookies.
    welcome = mails_to(smtp_sink.messages, "ben@example.org", count=2)[1]
    assert welcome["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = welcome["List-Unsubscribe"].strip().strip("<>")
    assert url == link_in(welcome, "/newsletter/unsubscribe/")
    mail_client = new_context().request
    response = mail_client.post(url, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200, response.text()
    ben = Subscriber.objects.get(email="ben@example.org")
    assert ben.status == Subscriber.Status.UNSUBSCRIBED
    assert ben.consent_source == Subscriber.Source.SIDEBAR
