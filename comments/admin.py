"""The moderation queue: pending comments first, bulk actions, counts per status."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Comment, ModerationSettings


class StatusFilter(admin.SimpleListFilter):
    """Filter by status, with how many comments each status holds."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        counts = dict(Comment.objects.order_by().values_list("status").annotate(total=Count("pk")))
        return [
            (value, f"{label} ({counts.get(value, 0)})") for value, label in Comment.Status.choices
        ]

    def queryset(self, request, queryset):
        if self.value() in Comment.Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "excerpt",
        "status_label",
        "name",
        "article_link",
        "created_at",
        "status_changed",
    )
    list_display_links = ("excerpt",)
    list_filter = (StatusFilter, ("article", admin.RelatedOnlyFieldListFilter), "is_from_staff")
    search_fields = ("text", "name", "email", "url", "article__title", "ip_address")
    list_select_related = ("article__category", "status_changed_by")
    list_per_page = 50
    date_hierarchy = "created_at"
    actions = ("approve", "mark_spam", "remove")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = (
        "article_link",
        "parent_link",
        "is_from_staff",
        "user",
        "created_at",
        "ip_address",
        "status_changed_by",
        "status_changed_at",
    )
    # What a moderator may correct (a typo, a link), between where and who.
    fields = (
        *readonly_fields[:2],
        "status",
        "name",
        "email",
        "url",
        "text",
        "notify_on_reply",
        *readonly_fields[2:],
    )

    def has_add_permission(self, request):
        # Comments come from readers; the newsroom answers on the site.
        return False

    def get_ordering(self, request):
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (pending_first.asc(), "-created_at", "-pk")

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(" ".join(comment.text.split())).chars(120) or "–"

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, comment):
        return format_html(
            '<span class="comment-status comment-status-{}">{}</span>',
            comment.status,
            comment.get_status_display(),
        )

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, comment):
        return format_html(
            '<a href="{}">{}</a>', comment.get_absolute_url(), Truncator(comment.article).chars(60)
        )

    @admin.display(description=_("in reply to"))
    def parent_link(self, comment):
        if not comment.parent_id:
            return "–"
        url = reverse("admin:comments_comment_change", args=[comment.parent_id])
        return format_html('<a href="{}">{}</a>', url, comment.parent)

    @admin.display(description=_("status changed"), ordering="status_changed_at")
    def status_changed(self, comment):
        if not comment.status_changed_at:
            return "–"
        who = comment.status_changed_by or _("someone")
        return format_html(
            "{}<br><small>{}</small>",
            who,
            comment.status_changed_at.strftime("%Y-%m-%d %H:%M"),
        )

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def _moderate(self, request, queryset, status, message):
        changed = services.change_status(list(queryset), status, by=request.user)
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Approve selected comments"), permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, _("%(count)d approved."))

    @admin.action(description=_("Mark selected comments as spam"), permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, _("%(count)d marked as spam."))

    @admin.action(description=_("Remove selected comments"), permissions=["moderate"])
    def remove(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REMOVED, _("%(count)d removed."))

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if change and "status" in form.changed_data:
            # The status goes through the service: who, when, counts, mails.
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            services.change_status([obj], new_status, by=request.user)
        else:
            super().save_model(request, obj, form, change)
            services.refresh_counts([obj.article_id])


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(admin.ModelAdmin):
    """One row of rules: the list page leads straight to it."""

    fieldsets = (
        (None, {"fields": ("hold_first_comments", "link_limit", "close_after_days")}),
        (_("Word lists"), {"fields": ("moderation_words", "block_words")}),
        (_("E-mail"), {"fields": ("digest_interval_minutes",)}),
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        rules = ModerationSettings.load()
        return HttpResponseRedirect(
            reverse("admin:comments_moderationsettings_change", args=[rules.pk])
        )
