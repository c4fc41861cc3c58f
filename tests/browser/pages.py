"""The public pages the checkers visit, named, for a seeded newsroom."""


def public_pages(newsroom) -> dict[str, str]:
    # Search results join when the search app is merged.
    return {
        "home": "/",
        "article": newsroom.lead.get_absolute_url(),
        "article-two-authors": newsroom.longword.get_absolute_url(),
        "category": newsroom.technik.get_absolute_url(),
        "subcategory": newsroom.raumfahrt.get_absolute_url(),
        "author": newsroom.mara.get_absolute_url(),
        "tag": "/tag/energie/",
        "privacy": "/privacy/",
        "not-found": "/technik/gibt-es-nicht/",
    }


def log_in_with_wrong_password(page) -> None:
    """The admin login form in its error state.

    The comment form with an error takes its place when the comments app is merged.
    """
    page.goto("/admin/login/")
    page.fill("#id_username", "niemand")
    page.fill("#id_password", "falsches-passwort")
    page.locator("#login-form [type=submit]").click()
    page.locator(".errornote").wait_for()
