"""Headers and protocol: the Content-Security-Policy and Permissions-Policy of every
area, the endpoint that logs violations, templates free of inline code, and HEAD
answered wherever GET is."""

import json
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from articles.models import Article
from foundation import csp
from newsroom.settings import origin_of

from .conftest import make_article, make_author, make_category
from .test_settings import load

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "report-uri": ["/csp-report/"],
    "report-to": ["csp"],
}
ADMIN_POLICY = {**PUBLIC_POLICY, "style-src": ["'self'", "'unsafe-inline'"]}
PREVIEW_POLICY = {**PUBLIC_POLICY, "frame-ancestors": ["'self'"]}


def directives(header: str) -> dict[str, list[str]]:
    policy = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        assert name not in policy, f"{name} twice in {header}"
        policy[name] = sources
    return policy


def policy_of(response, header: str = "Content-Security-Policy") -> dict[str, list[str]]:
    assert header in response, f"no {header} on {response.request['PATH_INFO']}"
    return directives(response[header])


@pytest.fixture
def article(db):
    return make_article(
        "Die Fähre fährt wieder",
        category=make_category("Lokales", slug="lokales"),
        authors=[make_author("Greta Hafen", slug="greta-hafen")],
        tags=["Hafen"],
    )


# --- The policy of each area ---------------------------------------------------------


def test_public_pages_allow_only_the_sites_own_scripts_styles_and_images(client, article):
    for url in ["/", article.get_absolute_url(), "/lokales/", "/search/?q=Fähre", "/privacy/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy_of(response) == PUBLIC_POLICY, url
    assert "'unsafe-eval'" not in client.get("/")["Content-Security-Policy"]


def test_pages_from_the_page_cache_carry_the_policy_too(client, article):
    client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url())
    assert policy_of(cached) == PUBLIC_POLICY


def test_error_pages_carry_the_policy(client):
    assert policy_of(client.get("/lokales/gibt-es-nicht/")) == PUBLIC_POLICY


def test_admin_allows_inline_styles_for_the_editor_and_nothing_more(client, editor):
    client.force_login(editor)
    for url in ["/admin/", "/admin/articles/article/add/", "/admin/login/"]:
        assert policy_of(client.get(url)) == ADMIN_POLICY, url


def test_a_preview_may_be_framed_by_the_sites_own_pages(client, editor):
    draft = make_article(status=Article.Status.DRAFT, category=make_category())
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert policy_of(response) == PREVIEW_POLICY
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_a_live_article_is_never_framed_even_for_staff(client, editor, article):
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert policy_of(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_reports_go_to_the_sites_endpoint(client):
    assert client.get("/")["Reporting-Endpoints"] == 'csp="/csp-report/"'


def test_images_from_an_absolute_media_url_are_allowed():
    assert origin_of("https://media.example.org/uploads/") == ["https://media.example.org"]
    assert origin_of("//cdn.example.org/media/") == ["cdn.example.org"]
    assert origin_of("/media/") == []


def test_report_only_swaps_the_header_and_keeps_what_views_change(client, settings, editor):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert policy_of(response, "Content-Security-Policy-Report-Only") == PUBLIC_POLICY
    assert response["Reporting-Endpoints"] == 'csp="/csp-report/"'

    client.force_login(editor)
    admin = client.get("/admin/")
    assert policy_of(admin, "Content-Security-Policy-Report-Only") == ADMIN_POLICY
    draft = make_article(status=Article.Status.DRAFT, category=make_category())
    preview = client.get(draft.get_absolute_url())
    assert policy_of(preview, "Content-Security-Policy-Report-Only") == PREVIEW_POLICY


def test_csp_report_only_variable_turns_report_only_on():
    names = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    enforced = load(*names, DEBUG="true")
    assert enforced["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]
    assert enforced["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None

    trial = load(*names, DEBUG="true", CSP_REPORT_ONLY="true")
    assert trial["CONTENT_SECURITY_POLICY"] is None
    assert trial["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]["script-src"] == ["'self'"]


def test_permissions_policy_turns_off_features_the_site_does_not_use(client):
    features = dict(
        item.strip().split("=", 1) for item in client.get("/")["Permissions-Policy"].split(",")
    )
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]:
        assert features[feature] == "()", feature


# --- Violation reports -------------------------------------------------------------

VIOLATION = {
    "csp-report": {
        "document-uri": "http://testserver/newsletter/confirm/geheim-token/?t=1",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "https://tracker.example.net/t.js?id=7",
        "line-number": 12,
        "source-file": "http://testserver/newsletter/confirm/geheim-token/",
        "status-code": 200,
    }
}


def send_report(client, body, content_type="application/csp-report"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/csp-report/", data, content_type=content_type)


def test_a_violation_is_logged_and_answered_with_204(caplog):
    client = Client(enforce_csrf_checks=True)  # browsers send no token
    with caplog.at_level(logging.WARNING, logger="foundation.csp"):
        response = send_report(client, VIOLATION)
    assert response.status_code == 204
    [record] = caplog.records
    message = record.getMessage()
    assert "script-src-elem" in message
    assert "https://tracker.example.net/t.js" in message
    assert "http://testserver/newsletter/confirm/geheim-token/" in message
    assert "id=7" not in message and "t=1" not in message  # queries may hold tokens


def test_reports_of_the_reporting_api_are_logged(client, caplog):
    batch = [
        {
            "type": "csp-violation",
            "age": 10,
            "url": "http://testserver/",
            "user_agent": "Chromium",
            "body": {
                "documentURL": "http://testserver/",
                "blockedURL": "inline",
                "effectiveDirective": "style-src-attr",
                "originalPolicy": "default-src 'self'",
                "disposition": "report",
                "statusCode": 200,
                "lineNumber": 3,
            },
        },
        {"type": "deprecation", "body": {"id": "something"}},
    ]
    with caplog.at_level(logging.WARNING, logger="foundation.csp"):
        response = send_report(client, batch, content_type="application/reports+json")
    assert response.status_code == 204
    [record] = caplog.records
    assert "report only" in record.getMessage()
    assert "style-src-attr blocked inline on http://testserver/" in record.getMessage()


@pytest.mark.parametrize(
    "body",
    ["{not json", "", "null", "42", '"csp-report"', "[]", '{"csp-report": "x"}', "[1, 2]"],
)
def test_junk_is_dropped_without_a_log_line(client, caplog, body):
    with caplog.at_level(logging.INFO):
        assert send_report(client, body).status_code == 204
    assert not caplog.records


def test_deeply_nested_junk_is_dropped_not_an_error(client, caplog):
    with caplog.at_level(logging.INFO):
        assert send_report(client, "[" * 5000 + "]" * 5000).status_code == 204
    assert not caplog.records


def test_a_huge_body_is_dropped_unread(client, caplog):
    padding = "x" * (csp.MAX_REPORT_BYTES + 1)
    huge = {"csp-report": {**VIOLATION["csp-report"], "script-sample": padding}}
    with caplog.at_level(logging.INFO):
        assert send_report(client, huge).status_code == 204
    assert not caplog.records


def test_reported_values_reach_the_log_short_and_on_one_line(client, caplog):
    forged = {
        "csp-report": {**VIOLATION["csp-report"], "blocked-uri": "a\nFAKE LOG LINE" + "b" * 999}
    }
    with caplog.at_level(logging.WARNING, logger="foundation.csp"):
        send_report(client, forged)
    message = caplog.records[0].getMessage()
    assert "\n" not in message
    assert len(message) < 1000


def test_a_client_that_reports_too_much_is_limited(client, monkeypatch, caplog):
    monkeypatch.setattr(csp, "REPORTS_PER_CLIENT", (2, 3600))
    with caplog.at_level(logging.WARNING, logger="foundation.csp"):
        answers = [send_report(client, VIOLATION).status_code for _ in range(3)]
    assert answers == [204, 204, 204]
    assert len(caplog.records) == 2


def test_the_report_endpoint_takes_only_posts(client):
    assert client.get("/csp-report/").status_code == 405


# --- No inline code in the templates and scripts -------------------------------------

TEMPLATE_DIRS = [
    Path(django_settings.BASE_DIR, "templates"),
    *Path(django_settings.BASE_DIR).glob("*/templates"),
]
# Mails are not web pages: mail clients need inline styles and know no CSP.
MAIL_TEMPLATES = "/mail/"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/(?:ld\+)?json\")")
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def template_files():
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            if MAIL_TEMPLATES not in str(path):
                yield path


def test_templates_have_no_inline_scripts_handlers_or_javascript_urls():
    found = []
    for path in template_files():
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, re.compile("javascript:", re.I)):
            found += [f"{path}: {match.group(0)}" for match in pattern.finditer(text)]
    assert not found


def test_public_templates_have_no_inline_styles():
    found = []
    for path in template_files():
        if "/admin/" in str(path):
            continue  # the admin allows inline styles (CKEditor 5 needs them)
        text = path.read_text()
        found += [f"{path}: {m.group(0)}" for m in re.finditer(r"<style|\sstyle=", text)]
    assert not found


def test_scripts_use_no_eval():
    scripts = [*Path(django_settings.BASE_DIR, "static", "js").glob("*.js")]
    scripts += Path(django_settings.BASE_DIR).glob("*/static/**/*.js")
    for script in scripts:
        text = script.read_text()
        assert not re.search(r"\beval\(|new Function\(|setTimeout\(\s*[\"']", text), script


# --- HEAD wherever GET ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
        "/favicon.ico",
        "/csrf-token/",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/category/lokales/rss.xml",
        "/lokales/",
        "/tag/hafen/",
        "/author/greta-hafen/",
        "/search/?q=Fähre",
        "/privacy/",
        "/newsletter/",
    ],
)
def test_head_is_answered_like_get(client, article, url):
    head = client.head(url)  # first: a page cached by the GET would hide the view's answer
    get = client.get(url)
    assert head.status_code == get.status_code, url
    assert get.status_code in {200, 301}, url
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    assert get.status_code == 301 or get.content, "a HEAD must not leave an empty page behind"


def test_head_on_an_article(client, article):
    response = client.head(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content == b""


def test_head_on_the_tag_suggestions_for_editors(client, editor):
    client.force_login(editor)
    assert client.head("/editor/tags/?q=Haf").status_code == 200


def test_get_only_views_still_refuse_writes(client):
    for url in ["/", "/robots.txt", "/sitemap.xml", "/csrf-token/"]:
        assert client.post(url).status_code == 405, url
