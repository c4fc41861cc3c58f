"""The pages the checkers visit, named, for a seeded newsroom; the forms in their error state."""


def public_pages(newsroom) -> dict[str, str]:
    return {
        "home": "/",
        "article": newsroom.lead.get_absolute_url(),
        "article-two-authors": newsroom.longword.get_absolute_url(),
        "category": newsroom.technik.get_absolute_url(),
        "subcategory": newsroom.raumfahrt.get_absolute_url(),
        "author": newsroom.mara.get_absolute_url(),
        "tag": "/tag/energie/",
        "search": "/search/?q=Abw%C3%A4rme",
        "search-nothing-found": "/search/?q=Quasarkuchen",
        "newsletter": "/newsletter/",
        "newsletter-thanks": "/newsletter/thanks/",
        "privacy": "/privacy/",
        "not-found": "/technik/gibt-es-nicht/",
    }


def _html_of_the_answer(page, send) -> str:
    """Call ``send()``, which submits a form; return the HTML the server answered with.

    The server's own bytes, not the browser's DOM, are what the HTML checker must see.
    """
    with page.expect_navigation() as navigation:
        send()
    return navigation.value.text()


def comment_form_with_errors(page, newsroom) -> str:
    """The comment form after a reader sent blanks and a broken address (with JavaScript).

    Blanks and "lena@beispiel" get past the browser's own checks (required, type=email)
    but not the server's: the answer is the form page with a note at each field.
    """
    page.goto(newsroom.lead.get_absolute_url())
    page.fill("#id_text", "   ")
    page.fill("#id_name", "   ")
    page.fill("#id_email", "lena@beispiel")
    html = _html_of_the_answer(page, lambda: page.click("#respond button[type=submit]"))
    assert page.locator("#respond .errorlist").count() >= 2, html
    return html


def newsletter_signup_with_errors(page) -> str:
    """The newsletter page after a reader sent a broken address and no consent."""
    page.goto("/newsletter/")
    form = page.locator(".newsletter-signup-page")
    form.get_by_label("E-Mail-Adresse").fill("kein-gueltiger-empfaenger")
    html = _html_of_the_answer(page, lambda: form.get_by_role("button").click())
    assert page.locator(".newsletter-signup-page .errorlist").count() >= 2, html
    return html


def log_in_with_wrong_password(page) -> str:
    """The admin login form in its error state."""
    page.goto("/admin/login/")
    page.fill("#id_username", "niemand")
    page.fill("#id_password", "falsches-passwort")
    html = _html_of_the_answer(page, lambda: page.locator("#login-form [type=submit]").click())
    page.locator(".errornote").wait_for()
    return html


# Forms in their error state, each as ``name: show(page, newsroom) -> server HTML``.
FORMS_WITH_ERRORS = {
    "comment-form-error": comment_form_with_errors,
    "newsletter-signup-error": lambda page, newsroom: newsletter_signup_with_errors(page),
    "admin-login-error": lambda page, newsroom: log_in_with_wrong_password(page),
}
