"""The Content-Security-Policy in Chromium: nothing the site needs is blocked, on the public
pages, in the editor's tools or in a preview framed by the site; what it forbids is blocked
and reported. (The fixtures fail any test that meets a violation: conftest.watch_csp.)"""

import logging

from ..conftest import make_author, make_user
from .conftest import BROWSER_TEST, log_in_to_admin
from .pages import FORMS_WITH_ERRORS, public_pages
from .test_editor import write_body_in_ckeditor

pytestmark = BROWSER_TEST

FRAMING_PAGE = '<!DOCTYPE html><html lang="de"><title>Rahmen</title><iframe src="{}"></iframe>'


def wait_for(page, condition, timeout_ms: int = 5000) -> None:
    """Poll ``condition()`` (a check of the test's own state) while the browser goes on."""
    for _ in range(timeout_ms // 50):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("waited in vain")


def fulfil_with(body: str):
    return lambda route: route.fulfill(content_type="text/html", body=body)


def test_public_pages_and_forms_raise_no_violation(page, context, newsroom):
    for name, url in public_pages(newsroom).items():
        response = page.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"], name
        page.wait_for_load_state("networkidle")  # pictures, the reading beacon, the token
        assert not context.csp_violations, f"{name} ({url}): {context.csp_violations}"
    for name, show in FORMS_WITH_ERRORS.items():
        show(page, newsroom)
        page.wait_for_load_state("networkidle")
        assert not context.csp_violations, f"{name}: {context.csp_violations}"


def test_structured_data_blocks_are_not_scripts_the_policy_blocks(page, context, newsroom):
    page.goto(newsroom.lead.get_absolute_url())
    # JSON-LD is data, not code: browsers do not run it, and script-src does not apply.
    assert page.locator('script[type="application/ld+json"]').count() >= 2
    assert not context.csp_violations


def test_inline_code_is_blocked_and_seen(page, context):
    page.goto("/privacy/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.inlineRan = true";
              document.body.append(script);
            }"""
        )
    wait_for(page, lambda: any("script-src-elem" in text for text in context.csp_violations))
    assert page.evaluate("window.inlineRan") is None
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("document.querySelector('main').setAttribute('style', 'color: red')")
    wait_for(page, lambda: any("style-src-attr" in text for text in context.csp_violations))
    # Seen: left in the list, the fixture would now fail this test.
    context.csp_violations.clear()


def test_chromium_reports_a_violation_to_the_sites_log(page, context, settings, caplog):
    # report-uri alone: with report-to, Chromium sends its reports in batches, a minute later.
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    del directives["report-to"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}
    page.goto("/privacy/")
    with (
        caplog.at_level(logging.WARNING, logger="foundation.csp"),
        page.expect_request_finished(lambda request: request.url.endswith("/csp-report/")),
    ):
        page.evaluate("document.querySelector('main').setAttribute('style', 'color: red')")
    wait_for(page, lambda: caplog.records)
    assert "style-src-attr blocked inline" in caplog.records[0].getMessage()
    assert "/privacy/" in caplog.records[0].getMessage()
    context.csp_violations.clear()


def test_editor_tools_raise_no_violation(page, context, newsroom):
    editor = make_user("redakteur", role="Editor")
    make_author("Rudi Redakteur", user=editor, slug="rudi-redakteur")
    log_in_to_admin(page, editor)

    page.goto("/admin/articles/article/add/")
    page.fill("#id_title", "Ein Artikel im Editor")
    # CKEditor 5: typing, a heading, a link and an uploaded picture.
    write_body_in_ckeditor(page)
    # The tag field suggests tags that exist (static/js/tag-suggest.js).
    page.locator("#id_tags").press_sequentially("Ener")
    page.locator(".tag-suggestions [role=option]", has_text="Energie").click()
    assert page.input_value("#id_tags") == "Energie, "
    assert not context.csp_violations, context.csp_violations

    page.goto(f"/admin/articles/article/{newsroom.lead.pk}/change/")
    page.locator(".ck-editor__editable_inline").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Nachtrag.")
    page.wait_for_load_state("networkidle")
    assert not context.csp_violations, context.csp_violations

    page.goto(newsroom.draft.get_absolute_url())  # the preview of a draft
    page.wait_for_load_state("networkidle")
    assert not context.csp_violations, context.csp_violations


def test_the_sites_pages_may_frame_a_preview_but_no_live_article(page, context, newsroom):
    log_in_to_admin(page, make_user("vorschau", role="Editor"))
    # Pages of the site that frame an article, as the admin would.
    for name, framed in [("preview", newsroom.draft), ("live", newsroom.lead)]:
        body = FRAMING_PAGE.format(framed.get_absolute_url())
        page.route(f"**/frame-test/{name}/", fulfil_with(body))

    page.goto("/frame-test/preview/")
    assert page.frame_locator("iframe").locator("h1").inner_text() == newsroom.draft.title
    assert not context.csp_violations, context.csp_violations

    with page.expect_console_message(lambda message: "frame-ancestors" in message.text):
        page.goto("/frame-test/live/")
    # Chromium shows its own error page in the frame instead of the article.
    assert newsroom.lead.title not in page.frame_locator("iframe").locator("body").inner_text()
    # Seen: left in the list, the fixture would now fail this test.
    context.csp_violations.clear()


def test_the_newsletter_asks_before_sending_without_inline_code(page, context, newsroom):
    from newsletter.models import NewsletterIssue, Subscriber

    Subscriber.objects.create(email="leserin@example.org", status=Subscriber.Status.CONFIRMED)
    issue = NewsletterIssue.objects.create(subject="Die Woche im Hafen")
    log_in_to_admin(page, make_user("versand", role="Editor"))
    page.goto(f"/admin/newsletter/newsletterissue/{issue.pk}/change/")
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    page.locator("button[form=newsletter-send]").click()
    wait_for(page, lambda: questions)
    assert questions == ["Diese Ausgabe jetzt an alle bestätigten Abonnenten senden?"]
    page.wait_for_load_state("networkidle")
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.DRAFT
    assert not context.csp_violations, context.csp_violations
