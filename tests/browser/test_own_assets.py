"""Every asset comes from the site itself: the browser fixtures block and report other hosts."""

from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_a_request_to_another_host_is_blocked_and_reported(page, context):
    # From a blank page: the site's own pages would not even send it, their
    # Content-Security-Policy allows only the site (test_content_security.py).
    page.goto("about:blank")

    page.evaluate("fetch('https://cdn.example.com/font.woff2').catch(() => null)")

    assert context.foreign_requests == ["https://cdn.example.com/font.woff2"]
    # Reported: left in the list, the fixture would now fail this test.
    context.foreign_requests.clear()
