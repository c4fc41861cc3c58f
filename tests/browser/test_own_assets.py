"""Every asset comes from the site itself: the browser fixtures block and report other hosts."""

from .conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_a_request_to_another_host_is_blocked_and_reported(page, context):
    page.goto("/privacy/")

    page.evaluate("fetch('https://cdn.example.com/font.woff2').catch(() => null)")

    assert context.foreign_requests == ["https://cdn.example.com/font.woff2"]
    # Reported: left in the list, the fixture would now fail this test.
    context.foreign_requests.clear()
