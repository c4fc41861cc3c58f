"""The newsletter in the admin: subscribers (import, export, GDPR) and issues (preview, send)."""

import csv
import json
import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import issues, mails, subscribers, tasks
from .forms import ImportForm
from .models import IssueArticle, NewsletterIssue, Subscriber

EXPORT_FIELDS = [
    "email",
    "name",
    "status",
    "language",
    "consented_at",
    "consent_source",
    "consent_version",
    "consent_note",
    "confirmation_sent_at",
    "confirmed_at",
    "unsubscribed_at",
    "created_at",
]


# Where a spreadsheet may start a cell inside a value: at its start, or after a separator
# (a German one splits at ";", an English one at ",") or a line break, whatever the quotes
# say (they pair up differently for each separator); then blanks and quotes may follow.
FORMULA_START = re.compile(r'(^|[,;\t\r\n])([\s"]*)([=+\-@])')


def csv_cell(value) -> str:
    """A value safe for spreadsheets: no cell made of it, with any separator, is a formula.

    An apostrophe goes before each formula sign that could begin a cell, and before a
    leading tab or carriage return; the writer quotes every cell as well (QUOTE_ALL).
    """
    text = "" if value is None else str(value)
    text = FORMULA_START.sub(r"\1\2'\3", text)
    if text[:1] in {"\t", "\r"}:
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "status", "consent_source", "confirmed_at", "created_at"]
    list_filter = ["status", "consent_source", "language"]
    search_fields = ["email", "name"]
    date_hierarchy = "created_at"
    actions = ["export_csv", "unsubscribe_selected"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"
    change_form_template = "admin/newsletter/subscriber/change_form.html"
    readonly_fields = [f for f in EXPORT_FIELDS if f not in {"email", "name", "language"}]
    fields = ["email", "name", "language", *readonly_fields]

    def has_add_permission(self, request) -> bool:
        # Addresses come in by double opt-in or by import, never typed in without consent.
        return False

    def changelist_view(self, request, extra_context=None):
        counts = Subscriber.objects.status_counts()
        extra_context = {
            **(extra_context or {}),
            "status_counts": [
                (label, counts.get(value, 0)) for value, label in Subscriber.Status.choices
            ],
            "can_import": self.has_change_permission(request),
        }
        return super().changelist_view(request, extra_context)

    @admin.action(description=gettext_lazy("Export selected subscribers as CSV"))
    def export_csv(self, request, queryset):
        writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)

        def rows():
            yield writer.writerow(EXPORT_FIELDS)
            for subscriber in queryset.order_by("pk").iterator(chunk_size=2000):
                yield writer.writerow([csv_cell(getattr(subscriber, f)) for f in EXPORT_FIELDS])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        return response

    @admin.action(
        description=gettext_lazy("Unsubscribe selected subscribers"),
        permissions=["change"],
    )
    def unsubscribe_selected(self, request, queryset):
        count = subscribers.unsubscribe_all(queryset)
        messages.success(request, _("%(count)s subscribers unsubscribed.") % {"count": count})

    def get_urls(self):
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="newsletter_subscriber_import",
            ),
            path(
                "<int:pk>/personal-data/",
                self.admin_site.admin_view(self.personal_data_view),
                name="newsletter_subscriber_personal_data",
            ),
        ]
        return custom + super().get_urls()

    def personal_data_view(self, request, pk: int):
        """GDPR access: everything stored about one subscriber, as JSON."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        subscriber = get_object_or_404(Subscriber, pk=pk)
        data = {field: getattr(subscriber, field) for field in EXPORT_FIELDS}
        data["deliveries"] = [
            {"issue": subject, "status": status, "sent_at": sent_at}
            for subject, status, sent_at in subscriber.deliveries.values_list(
                "issue__subject", "status", "sent_at"
            )
        ]
        response = HttpResponse(
            json.dumps(data, default=str, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="subscriber-{pk}.json"'
        return response

    def import_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = subscribers.import_subscribers(
                form.cleaned_data["file"],
                already_consented=form.cleaned_data["already_consented"],
                editor=request.user,
            )
            messages.success(
                request,
                _("%(added)s added, %(existing)s already known, %(invalid)s lines skipped.")
                % {
                    "added": report.added,
                    "existing": report.existing,
                    "invalid": len(report.invalid),
                },
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "title": _("Import subscribers"),
        }
        return TemplateResponse(request, "admin/newsletter/subscriber/import.html", context)


class IssueArticleInline(admin.TabularInline):
    model = IssueArticle
    autocomplete_fields = ["article"]
    extra = 1
    fields = ["article", "position"]


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "progress", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    inlines = [IssueArticleInline]
    readonly_fields = ["status", "progress", "send_started_at", "sent_at"]
    fields = ["subject", "intro", *readonly_fields]
    change_form_template = "admin/newsletter/newsletterissue/change_form.html"

    def get_queryset(self, request):
        # The progress column in one query for the whole list.
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status="sent")),
                failed_count=Count("deliveries", filter=Q(deliveries__status="failed")),
                pending_count=Count(
                    "deliveries", filter=Q(deliveries__status__in=["pending", "sending"])
                ),
            )
        )

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, issue) -> str:
        if issue.pk is None or issue.status == NewsletterIssue.Status.DRAFT:
            return "–"
        return format_html(
            _("{sent} sent · {failed} failed · {pending} pending"),
            sent=issue.sent_count,
            failed=issue.failed_count,
            pending=issue.pending_count,
        )

    def has_change_permission(self, request, obj=None) -> bool:
        # A sent issue is history: it may be read, not rewritten.
        if obj is not None and obj.status != NewsletterIssue.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def get_urls(self):
        def view(function, name):
            return path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(function),
                name=f"newsletter_newsletterissue_{name.replace('-', '_')}",
            )

        return [
            view(self.preview_view, "preview"),
            view(self.fill_view, "fill"),
            view(self.send_test_view, "send-test"),
            view(self.send_view, "send"),
        ] + super().get_urls()

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["can_send"] = request.user.has_perm("newsletter.send_newsletterissue")
            context["recipients"] = Subscriber.objects.confirmed().count()
            context["is_draft"] = obj.status == NewsletterIssue.Status.DRAFT
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def preview_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        text, html = mails.RenderedIssue(issue).sample_parts(translation.get_language())
        if request.GET.get("format") == "text":
            return HttpResponse(text, content_type="text/plain; charset=utf-8")
        response = HttpResponse(html)
        # The preview is our own markup; let the admin frame it if it likes.
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def _post_only(self, request, pk, permission: str):
        if request.method != "POST":
            return None, redirect(reverse("admin:newsletter_newsletterissue_change", args=[pk]))
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return get_object_or_404(NewsletterIssue, pk=pk), None

    def fill_view(self, request, pk: int):
        """Add every article published since the last sent issue (or the last week)."""
        issue, response = self._post_only(request, pk, "newsletter.change_newsletterissue")
        if response:
            return response
        try:
            count = issues.fill(issue)
        except issues.NotADraft:
            messages.error(request, _("Only a draft can be changed."))
        else:
            messages.success(request, _("%(count)s articles added.") % {"count": count})
        return redirect(reverse("admin:newsletter_newsletterissue_change", args=[pk]))

    def send_test_view(self, request, pk: int):
        issue, response = self._post_only(request, pk, "newsletter.view_newsletterissue")
        if response:
            return response
        if not request.user.email:
            messages.error(request, _("Your account has no e-mail address for the test."))
        else:
            tasks.send_test_issue.enqueue(issue.pk, request.user.email, translation.get_language())
            messages.success(
                request, _("A test is on its way to %(email)s.") % {"email": request.user.email}
            )
        return redirect(reverse("admin:newsletter_newsletterissue_change", args=[pk]))

    def send_view(self, request, pk: int):
        issue, response = self._post_only(request, pk, "newsletter.send_newsletterissue")
        if response:
            return response
        if issues.is_empty(issue):
            messages.error(request, _("The issue is empty: add articles or an introduction."))
        elif tasks.enqueue_send(issue):
            messages.success(
                request,
                _("Sending started. The progress is shown below; reload the page to update it."),
            )
        else:
            messages.error(request, _("This issue is being sent or was sent already."))
        return redirect(reverse("admin:newsletter_newsletterissue_change", args=[pk]))
