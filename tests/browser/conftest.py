"""The browser suite's machinery: Debian's Chromium, driven by Playwright, against the live server.

One browser per session, a fresh context (cookies, storage) per test. Requirements
that are missing skip the suite with a message, except on CI (``CI=true``), where
a missing browser or checker is a failure: CI installs them on purpose.
"""

import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

BROWSER_TESTS = Path(__file__).resolve().parent
ARTIFACTS = BROWSER_TESTS.parent.parent / "test-artifacts"
# Debian's Chromium; CHROMIUM points elsewhere for a machine that keeps it elsewhere.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Quiet and offline: no component updates, sync or QUIC; no sandbox inside containers.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
PASSWORD = "a-long-test-password"  # what tests/conftest.py's make_user gives everyone
# Passes each Content-Security-Policy violation of a page (and of its frames) to the test.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolationToTest(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}` +
    ` in ${event.sourceFile || event.documentURI} line ${event.lineNumber}`
  );
});
"""

# Every browser test module sets ``pytestmark = BROWSER_TEST``. The live server needs
# a transactional database; the serialized rollback brings back what migrations
# created (the editorial roles) after each test's flush.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def requirement_missing(reason: str):
    """Skip, or fail when CI=true: CI must never pass by skipping the browser suite."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} CI=true, so the browser tests must run.", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last, after pytest-django has sorted the rest.

    While Playwright runs, its event loop is alive in the main thread; keeping the
    browser tests at the end means no other test runs beside that loop.
    """
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if browser_items:
        others = [item for item in items if not item.get_closest_marker("browser")]
        items[:] = others + browser_items


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Fixtures read the outcome to save a screenshot of a failed test.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        requirement_missing(
            f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        requirement_missing("Browser tests need Playwright for Python (pip install -e '.[dev]').")
    # Playwright's sync API keeps an event loop running in this thread; Django
    # refuses ORM calls beside a running loop unless told that this is safe here
    # (it is: the test thread and the live server each use their own connection).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    # Django keeps connections in context-local storage; with Playwright's loop
    # running, this thread gets new connection objects, which lack the database
    # contents serialized at setup. Hand them over, or the serialized rollback
    # of the following tests restores nothing.
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:
        playwright.stop()
        requirement_missing(f"Chromium at {CHROMIUM} did not start: {error}")
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def new_context(browser, site_url):
    """``new_context()``: a fresh browser profile (one more person) on the live server.

    The site serves every asset itself, so a request to another host is a bug
    (a CDN font, an analytics script): it is blocked, and fails the test. So
    does anything the site's Content-Security-Policy blocks (``watch_csp``).
    """
    own_origin = urlsplit(site_url).netloc
    made = []

    def make(**options):
        context = browser.new_context(
            base_url=site_url,
            viewport=DESKTOP,
            locale="de-DE",
            timezone_id="Europe/Berlin",
            **options,
        )
        context.set_default_timeout(10_000)
        context.foreign_requests = []

        def guard(route):
            url = route.request.url
            if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == own_origin:
                route.continue_()
            else:
                context.foreign_requests.append(url)
                route.abort()

        context.route("**/*", guard)
        watch_csp(context)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
    foreign = [url for context in made for url in context.foreign_requests]
    assert not foreign, f"requests to other hosts: {foreign}"
    violations = [text for context in made for text in context.csp_violations]
    assert not violations, f"Content-Security-Policy violations: {violations}"


def watch_csp(context) -> None:
    """Collect what the Content-Security-Policy blocks in ``context.csp_violations``.

    Both the pages' ``securitypolicyviolation`` events and Chromium's console
    errors: a frame the policy keeps out raises no event in the framing page.
    """
    context.csp_violations = []
    context.expose_function(
        "reportCspViolationToTest", lambda text: context.csp_violations.append(text)
    )
    context.add_init_script(CSP_LISTENER)

    def console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            context.csp_violations.append(message.text)

    context.on("console", console)


@pytest.fixture
def context(new_context):
    """The test's main browser profile."""
    return new_context()


@pytest.fixture
def page(context, request):
    """A tab that records script errors; a failed test leaves a screenshot behind."""
    page = context.new_page()
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"failed-{request.node.name}.png", full_page=True)
    assert not page.script_errors, f"JavaScript errors: {page.script_errors}"


@pytest.fixture
def artifacts() -> Path:
    """test-artifacts/ in the project (gitignored): screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def log_in_to_admin(page, user, password: str = PASSWORD) -> None:
    """Sign in through the admin's login form, as a person would."""
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/admin/")


@pytest.fixture
def newsroom(transactional_db):
    """A small newsroom for the journeys; see seed.py."""
    from .seed import build_newsroom

    return build_newsroom()


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on a free local port; the site sends its mail there.

    Yields the list of received messages (``email.message.EmailMessage``).
    """
    from .mail import start_smtp_sink

    messages = []
    controller = start_smtp_sink(messages)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    yield SimpleNamespace(messages=messages, host=controller.hostname, port=controller.port)
    controller.stop()


@pytest.fixture(scope="session")
def java() -> str:
    path = shutil.which("java")
    if path is None:
        requirement_missing("The HTML check needs Java (apt-get install default-jre-headless).")
    return path


@pytest.fixture(scope="session")
def axe():
    """``axe(page)``: the WCAG 2.1 AA violations axe-core finds on the page."""
    from .checks import AXE_SCRIPT, axe_violations

    if not AXE_SCRIPT.exists():
        requirement_missing(
            f"axe-core is not installed ({AXE_SCRIPT}): run npm ci --prefix tests/browser."
        )
    return axe_violations


@pytest.fixture
def validate_html(java, tmp_path):
    """``validate_html({name: html})``: the Nu HTML Checker's errors per document."""
    from .checks import VNU_JAR, html_errors

    if not VNU_JAR.exists():
        requirement_missing(
            f"The Nu HTML Checker is not installed ({VNU_JAR}): run npm ci --prefix tests/browser."
        )
    return lambda documents: html_errors(java, documents, tmp_path / "html")


@pytest.fixture
def immediate_tasks(settings):
    """Run background tasks at once, inside the live server (django-tasks' ImmediateBackend).

    For journeys that wait on a mail; the real worker process has its own tests.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def task_worker(live_server, smtp_sink, tmp_path):
    """The real background worker (``manage.py db_worker``) in its own process.

    It reads the test database, sends through ``smtp_sink`` and writes links to
    the live server into its mails. Stopped before the test's data is flushed.
    """
    import subprocess
    import sys

    from django.conf import settings

    from ..conftest import worker_database_url

    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": worker_database_url(),
        "EMAIL_URL": f"smtp://{smtp_sink.host}:{smtp_sink.port}",
        "SITE_URL": live_server.url,
        "DEBUG": "false",
    }
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.1"]
    command += ["--no-startup-delay", "--no-reload"]
    with log_path.open("w") as log:
        worker = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    worker.log = log_path
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
    # Shown by pytest only when the test failed.
    print(f"--- worker log ---\n{log_path.read_text()}")
