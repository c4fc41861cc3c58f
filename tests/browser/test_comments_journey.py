"""Journey 2: a commenter and a moderator, in a real browser (Debian's Chromium, headless).

A reader posts a comment and replies to another with the JavaScript reply form,
a second reader replies without JavaScript; each sees only their own held
comments; a moderator approves them in the admin; then everyone sees them
threaded and in "Recent comments", and the author of the first comment gets
her reply mails.
"""

import pytest

from ..conftest import make_article, make_comment, make_user
from .conftest import BROWSER_TEST, log_in_to_admin
from .mail import mails_to

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def no_minimum_typing_time(settings):
    # The form refuses comments sent faster than a person types; the browser is fast.
    settings.COMMENTS_MIN_SECONDS = 0


def write_comment(page, text: str, name: str, email: str) -> None:
    page.fill("#id_text", text)
    page.fill("#id_name", name)
    page.fill("#id_email", email)


def send_form(page) -> None:
    """Press "Post comment" and wait for the answer page."""
    with page.expect_navigation():
        page.click("#respond button[type=submit]")


def held_texts(page) -> list[str]:
    """The held comments this browser shows, each with its "awaiting moderation" note."""
    held = page.locator(".comment-held")
    notes = held.locator(".comment-held-note").all_inner_texts()
    assert len(notes) == held.count() and all("wartet auf Freigabe" in n for n in notes), notes
    return held.locator(".comment-text").all_inner_texts()


def test_comments_and_replies_are_held_then_approved_and_shown_threaded(
    page, new_context, smtp_sink, immediate_tasks
):
    article = make_article("Ein Artikel zum Mitreden")
    kim = make_comment(article, name="Kim", email="kim@example.org", notify_on_reply=True)
    moderator = make_user("moderatorin", role="Moderator", email="moderation@example.org")

    # Lena, with JavaScript: first a comment of her own.
    page.goto(article.get_absolute_url())
    write_comment(page, "Ein eigener Kommentar von Lena", "Lena", "lena@example.org")
    send_form(page)
    assert "?comment=" in page.url
    assert "wartet auf Freigabe" in page.inner_text(".messages")
    assert held_texts(page) == ["Ein eigener Kommentar von Lena"]

    # Then a reply to Kim: the form moves under Kim's comment, and back on "Cancel".
    page.click(f"#comment-{kim.pk} .comment-reply")
    assert page.locator(f"#comment-{kim.pk} #respond").count() == 1
    assert page.input_value("input[name=parent]") == str(kim.pk)
    assert "Antwort an Kim" in page.inner_text("#respond-title")
    page.click("[data-cancel-reply]")
    assert page.locator(f"#comment-{kim.pk} #respond").count() == 0
    assert page.input_value("input[name=parent]") == ""
    page.click(f"#comment-{kim.pk} .comment-reply")
    write_comment(page, "Antwort mit JavaScript", "Lena", "lena@example.org")
    send_form(page)
    assert "?comment=" in page.url
    # Both held, both marked, the reply under Kim's comment.
    assert sorted(held_texts(page)) == ["Antwort mit JavaScript", "Ein eigener Kommentar von Lena"]
    reply = page.locator(f"#comment-{kim.pk} .comment-replies .comment-held")
    assert "Antwort mit JavaScript" in reply.inner_text()

    # Max, without JavaScript: the Reply link opens the form for Kim's comment; the
    # CSRF field cannot be filled, so the server asks once more, keeping his text.
    max_page = new_context(java_script_enabled=False).new_page()
    max_page.goto(article.get_absolute_url())
    max_page.click(f"#comment-{kim.pk} .comment-reply")
    max_page.wait_for_url("**?replyto=*")
    assert "Antwort an Kim" in max_page.inner_text("#respond-title")
    write_comment(max_page, "Antwort ohne JavaScript", "Max", "max@example.org")
    send_form(max_page)
    assert "/comments/post/" in max_page.url
    assert "noch einmal" in max_page.inner_text("main")
    assert max_page.input_value("#id_text") == "Antwort ohne JavaScript"
    send_form(max_page)
    assert "?comment=" in max_page.url
    assert held_texts(max_page) == ["Antwort ohne JavaScript"]  # not Lena's

    # A stranger sees none of them.
    stranger = new_context().new_page()
    stranger.goto(article.get_absolute_url())
    assert stranger.locator(".comment-held").count() == 0
    for text in ("Ein eigener Kommentar", "Antwort mit JavaScript", "Antwort ohne JavaScript"):
        assert text not in stranger.content()

    # The moderator got the digest of held comments, logs in and approves all three.
    assert any(
        "Freigabe" in message["Subject"]
        for message in mails_to(smtp_sink.messages, moderator.email, 1)
    )
    admin = new_context().new_page()
    log_in_to_admin(admin, moderator)
    admin.goto("/admin/comments/comment/?status=pending")
    assert admin.locator("#result_list tbody tr").count() == 3
    admin.check("#action-toggle")
    admin.select_option("select[name=action]", "approve")
    with admin.expect_navigation():
        admin.click("button[name=index]")
    admin.locator(".messagelist", has_text="3 freigegeben").wait_for()

    # Threaded on the article for everyone, and in "Recent comments" (the browser
    # may keep the page for its max-age: reloading revalidates it, as readers do).
    stranger.reload()
    assert "4 Kommentare" in stranger.inner_text("#comments-heading")
    assert stranger.locator(".comment-held").count() == 0
    roots = stranger.locator(".comment-list > li > .comment-body .comment-text")
    assert roots.all_inner_texts() == [kim.text, "Ein eigener Kommentar von Lena"]
    replies = stranger.locator(f"#comment-{kim.pk} > .comment-replies .comment-text")
    assert replies.all_inner_texts() == ["Antwort mit JavaScript", "Antwort ohne JavaScript"]
    widget = stranger.inner_text(".widget-recent-comments")
    for name in ("Max", "Lena"):
        assert f"{name} bei Ein Artikel zum Mitreden" in widget

    # Kim asked for reply mails: two replies, two mails, each with a stop link.
    to_kim = mails_to(smtp_sink.messages, "kim@example.org", 2)
    assert len(to_kim) == 2
    assert all(message["List-Unsubscribe"] for message in to_kim)
