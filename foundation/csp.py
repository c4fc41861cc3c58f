"""The Content-Security-Policy (django-csp) as this site applies it, and the endpoint
browsers report violations to.

One policy in settings.CONTENT_SECURITY_POLICY (or, to try a change first,
CONTENT_SECURITY_POLICY_REPORT_ONLY); areas that need more (the admin's editor)
replace single directives by path in CONTENT_SECURITY_POLICY_PATHS.
"""

import json
import logging
from collections.abc import Iterator

from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .ratelimit import is_limited

logger = logging.getLogger(__name__)

# A browser's report is well under 4 KB; a batch of the Reporting API a few times that.
MAX_REPORT_BYTES = 32 * 1024
# Reports logged from one client: a page with a problem reports it on every view.
REPORTS_PER_CLIENT = (100, 3600)
# Reports of one batch that are logged; the rest of the batch is dropped.
REPORTS_PER_REQUEST = 10
# Characters of one reported value that reach the log.
LOGGED_CHARACTERS = 300


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with three additions.

    * Directives replaced by path (CONTENT_SECURITY_POLICY_PATHS), so the admin
      can allow what its editor needs without loosening the public pages.
    * What a view changes (``replace_directives``) holds for the report-only
      header too: a trial of the policy reports what the real one would block.
    * A ``Reporting-Endpoints`` header names the address of ``report-to``.
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            parts.update = parts.update or getattr(response, "_csp_update", None)
            parts.replace = parts.replace or getattr(response, "_csp_replace", None)
        for prefix, directives in getattr(settings, "CONTENT_SECURITY_POLICY_PATHS", {}).items():
            if request.path_info.startswith(prefix):
                # What the view itself replaces wins over the area's rule.
                parts.replace = {**directives, **(parts.replace or {})}
                break
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        endpoints = reporting_endpoints()
        if endpoints and (HEADER in response or HEADER_REPORT_ONLY in response):
            response.headers.setdefault("Reporting-Endpoints", endpoints)
        return response


def reporting_endpoints() -> str:
    """The ``Reporting-Endpoints`` value for the policy's ``report-to`` group, or ""."""
    policy = (
        getattr(settings, "CONTENT_SECURITY_POLICY", None)
        or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        or {}
    )
    directives = policy.get("DIRECTIVES", {})
    group, uri = directives.get("report-to"), directives.get("report-uri")
    if not group or not uri:
        return ""
    if isinstance(uri, list | tuple):
        uri = uri[0]
    return f'{group}="{uri}"'


def replace_directives(response: HttpResponseBase, directives: dict[str, list[str]]) -> None:
    """Replace ``directives`` of the policy for this one response."""
    response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), **directives}


def frameable_by_own_pages(response: HttpResponseBase) -> None:
    """Let pages of this site (and only those) show ``response`` in a frame."""
    replace_directives(response, {"frame-ancestors": [SELF]})
    response["X-Frame-Options"] = "SAMEORIGIN"  # for browsers without frame-ancestors


@csrf_exempt  # browsers send reports without a token, and a report changes nothing
@require_POST
@never_cache
def report_violation(request: HttpRequest) -> HttpResponse:
    """Log the violations a browser reports (``report-uri`` and ``report-to`` formats).

    Always 204, unless the method is wrong: a browser does nothing with the
    answer, and an error status would add a line to the log for each piece of
    junk (django.request logs them). Bodies too large to be a report, junk and
    reports over a client's limit are dropped unlogged.
    """
    reports = reports_in(request)
    if reports and not is_limited(request, "csp-report", *REPORTS_PER_CLIENT):
        for report in reports[:REPORTS_PER_REQUEST]:
            logger.warning(
                "CSP violation%s: %s blocked %s on %s (%s line %s)",
                " (report only)" if report["disposition"] == "report" else "",
                report["directive"],
                report["blocked"],
                report["document"],
                report["source"],
                report["line"],
                extra={"csp_report": report},
            )
    return HttpResponse(status=204)


def reports_in(request: HttpRequest) -> list[dict[str, str]]:
    """The violations the request's body reports; none for junk or a body too large."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > MAX_REPORT_BYTES:
        return []
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return []
    try:
        return list(violations(json.loads(body)))
    except (ValueError, TypeError, AttributeError, RecursionError):
        return []


def violations(data) -> Iterator[dict[str, str]]:
    """The violations in a report body, each reduced to what is worth logging.

    ``report-uri`` sends ``{"csp-report": {...}}`` with dashed names; the
    Reporting API (``report-to``) sends a list of ``{"type": "csp-violation",
    "body": {...}}`` with camel-case names.
    """
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        report = data["csp-report"]
        yield reduced(
            directive=report.get("effective-directive") or report.get("violated-directive"),
            blocked=report.get("blocked-uri"),
            document=report.get("document-uri"),
            source=report.get("source-file"),
            line=report.get("line-number"),
            disposition=report.get("disposition"),
        )
    elif isinstance(data, list):
        for item in data:
            if not isinstance(item, dict) or item.get("type") != "csp-violation":
                continue
            body = item.get("body")
            if not isinstance(body, dict):
                continue
            yield reduced(
                directive=body.get("effectiveDirective"),
                blocked=body.get("blockedURL"),
                document=body.get("documentURL") or item.get("url"),
                source=body.get("sourceFile"),
                line=body.get("lineNumber"),
                disposition=body.get("disposition"),
            )


def reduced(**values) -> dict[str, str]:
    """Short, printable values; addresses without their query (it may hold a token)."""
    result = {}
    for name, value in values.items():
        text = "" if value is None or isinstance(value, dict | list) else str(value)
        if name in {"blocked", "document", "source"}:
            text = text.split("?", 1)[0].split("#", 1)[0]
        text = "".join(char if char.isprintable() else "?" for char in text)
        result[name] = text[:LOGGED_CHARACTERS] or "-"
    return result
