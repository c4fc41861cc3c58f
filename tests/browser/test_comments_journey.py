"""A new reader's way through comments, in a real browser (Debian's Chromium, headless).

Post a comment and a reply with and without JavaScript, see them held,
approve them as a moderator in the admin, see them threaded and in
"Recent comments", and get the reply notification mail.
"""

import time

import pytest
from django.db import connections

from ..conftest import make_article, make_comment, make_user
from ..test_comments_mail import IMMEDIATE, smtp  # noqa: F401 - the SMTP fixture
from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


@pytest.fixture
def site(settings, smtp, monkeypatch):  # noqa: F811
    # The browser keeps connections alive; the server's threads must not keep
    # database sessions open past the test, or the test database cannot be dropped.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    settings.TASKS = IMMEDIATE
    settings.COMMENTS_MIN_SECONDS = 0
    settings.DEBUG = False
    yield
    connections.close_all()


def fill_form(page, text, name="Lena Leserin", email="lena@example.org"):
    page.fill("#id_text", text)
    page.fill("#id_name", name)
    page.fill("#id_email", email)


def test_reader_comments_and_replies_moderator_approves(browser, live_server, site, smtp):  # noqa: F811
    article = make_article(title="Ein Artikel zum Mitreden")
    kim = make_comment(article, name="Kim", email="kim@example.org", notify_on_reply=True)
    make_user("moderatorin", role="Moderator", password="moderator-password-1")
    article_url = live_server.url + article.get_absolute_url()

    # With JavaScript: the form moves under Kim's comment.
    reader = browser.new_context()
    page = reader.new_page()
    page.goto(article_url)
    page.click(f"#comment-{kim.pk} .comment-reply")
    assert page.locator(f"#comment-{kim.pk} #respond").count() == 1
    assert page.input_value("input[name=parent]") == str(kim.pk)
    assert "Antwort an Kim" in page.inner_text("#respond-title")
    fill_form(page, "Antwort mit JavaScript")
    page.check("#id_notify_on_reply")
    page.click("#respond button[type=submit]")
    page.wait_for_url("**/?comment=*")
    assert "wartet auf Freigabe" in page.inner_text(".messages")
    held = page.locator(f"#comment-{kim.pk} .comment-replies .comment-held")
    assert "Antwort mit JavaScript" in held.inner_text()

    # Cancelling puts the form back under the thread.
    page.click(f"#comment-{kim.pk} .comment-reply")
    page.click("[data-cancel-reply]")
    assert page.locator(f"#comment-{kim.pk} #respond").count() == 0
    assert page.input_value("input[name=parent]") == ""

    # Without JavaScript: the Reply link opens the form for that comment; the
    # CSRF field cannot be filled, so the server asks once more, input kept.
    plain = browser.new_context(java_script_enabled=False)
    page2 = plain.new_page()
    page2.goto(article_url)
    page2.click(f"#comment-{kim.pk} .comment-reply")
    assert "replyto=" in page2.url
    assert "Antwort an Kim" in page2.inner_text("#respond-title")
    fill_form(page2, "Antwort ohne JavaScript", name="Max", email="max@example.org")
    page2.click("#respond button[type=submit]")
    assert "noch einmal" in page2.inner_text("main")
    assert page2.input_value("#id_text") == "Antwort ohne JavaScript"
    page2.click("#respond button[type=submit]")
    page2.wait_for_url("**/?comment=*")
    assert "Antwort ohne JavaScript" in page2.inner_text(f"#comment-{kim.pk}")

    # Nobody else sees the held replies.
    stranger = browser.new_context().new_page()
    stranger.goto(article_url)
    assert "Antwort mit JavaScript" not in stranger.content()
    assert "Antwort ohne JavaScript" not in stranger.content()

    # The moderator approves both in the admin.
    moderator = browser.new_context().new_page()
    moderator.goto(live_server.url + "/admin/comments/comment/?status=pending")
    moderator.fill("#id_username", "moderatorin")
    moderator.fill("#id_password", "moderator-password-1")
    moderator.click("input[type=submit]")
    moderator.wait_for_url("**/admin/comments/comment/**")
    moderator.check("#action-toggle")
    moderator.select_option("select[name=action]", "approve")
    moderator.click("button[name=index]")
    assert "2 freigegeben" in moderator.inner_text(".messagelist")

    # Threaded on the article for everyone, and in "Recent comments" (the
    # browser may keep the page for PAGE_MAX_AGE: reloading revalidates it).
    stranger.reload()
    replies = stranger.inner_text(f"#comment-{kim.pk} .comment-replies")
    assert "Antwort mit JavaScript" in replies and "Antwort ohne JavaScript" in replies
    assert "3 Kommentare" in stranger.inner_text("#comments-heading")
    widget = stranger.inner_text(".widget-recent-comments")
    assert "Max bei Ein Artikel zum Mitreden" in widget

    # Kim asked for reply mails: two replies, two mails, each with a stop link.
    def to_kim():
        return [
            message
            for envelope, message in zip(smtp.envelopes, smtp.messages, strict=True)
            if envelope.rcpt_tos == ["kim@example.org"]
        ]

    deadline = time.monotonic() + 20
    while len(to_kim()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(to_kim()) == 2
    assert all(message["List-Unsubscribe"] for message in to_kim())
    # The moderator got the digest of held comments.
    assert any(
        "warten auf Freigabe" in m["Subject"] or "wartet auf Freigabe" in m["Subject"]
        for m in smtp.messages
    )
