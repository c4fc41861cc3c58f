"""The editors' back office for articles, categories and author profiles."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import publishing
from .forms import ArticleAdminForm, AuthorProfileAdminForm
from .models import (
    Article,
    AuthorProfile,
    Byline,
    Category,
    OldPath,
    RelatedArticle,
    Source,
)
from .permissions import can_edit_any_article, can_publish
from .queries import articles_visible_to
from .querysets import bylines_in_order

# Addresses typed without a scheme ("example.org") mean https://, as in Django 6.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class ArticlePartInline:
    """Bylines and sources are parts of the article: whoever may edit it may edit them."""

    formfield_overrides = HTTPS_URLS

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article")


class BylineFormSet(forms.BaseInlineFormSet):
    # Set by BylineInline.get_formset(): the user who edits.
    editor = None

    def clean(self):
        super().clean()
        named = [
            form
            for form in self.forms
            if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
        # Someone with an author profile is named automatically (save_related).
        if not named and not hasattr(self.editor, "author_profile"):
            raise forms.ValidationError(_("Please name at least one author."))


class BylineInline(ArticlePartInline, admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name_plural = _("authors (in byline order; you are added when none is named)")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.editor = request.user
        return formset


class SourceInline(ArticlePartInline, admin.TabularInline):
    model = Source
    extra = 1
    fields = ["name", "url", "position"]


class RelatedArticleInline(ArticlePartInline, admin.TabularInline):
    """Related articles pinned by hand; they come before the computed ones.

    Like bylines and sources, whoever may edit the article may pin them.
    """

    model = RelatedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    verbose_name = _("pinned related article")
    verbose_name_plural = _("related articles pinned by hand (shown first)")

    # An Author chooses among, and sees, only the articles they may see
    # (``articles_visible_to``): a crafted POST of many rows would otherwise have
    # the form list other articles' titles, drafts and embargoed ones included.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if can_edit_any_article(request.user):
            return queryset
        # An editor's pin of an article the author may not see stays, unseen and untouched.
        return queryset.filter(related__in=articles_visible_to(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "related":
            kwargs["queryset"] = articles_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline, SourceInline, RelatedArticleInline]
    list_display = [
        "title",
        "status_label",
        "category",
        "author_names",
        "published_at",
        "updated_at",
        "is_featured",
    ]
    list_filter = ["status", "category", "bylines__author", "is_featured", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title", "teaser", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    save_on_top = True
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["publishing_history"]
    list_per_page = 50
    show_full_result_count = False  # no COUNT(*) over the whole archive per page view
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body"]}),
        (
            _("Featured image"),
            {
                "fields": [
                    "featured_image",
                    "featured_image_alt",
                    "featured_image_caption",
                    "featured_image_credit",
                ]
            },
        ),
        (_("Filing"), {"fields": ["category", "tags"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_featured",
                    "comments_open",
                    "publishing_history",
                ]
            },
        ),
        (_("Search engines"), {"fields": ["meta_description"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related(bylines_in_order(Article))
        if not can_edit_any_article(request.user):
            queryset = queryset.filter(bylines__author__user=request.user).distinct()
        return queryset

    def get_search_results(self, request, queryset, search_term):
        if _searches_pinned_articles(request):
            # The pins' search offers what the user may choose, not only what they may edit.
            queryset = articles_visible_to(request.user)
        return super().get_search_results(request, queryset, search_term)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.editor = request.user
        return form

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/tag-suggest.js"]

    def save_model(self, request, obj, form, change):
        if change and not {"status", "published_at"} & set(form.changed_data):
            super().save_model(request, obj, form, change)
            return
        # Status and time go through the publishing service: permission, history,
        # announcement.
        publishing.change_status(obj, obj.status, obj.published_at, by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        profile = getattr(request.user, "author_profile", None)
        if profile is not None and not article.bylines.exists():
            Byline.objects.create(article=article, author=profile, position=0)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not can_publish(request.user):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return format_html('<span class="status status-scheduled">{}</span>', _("Scheduled"))
        return format_html(
            '<span class="status status-{}">{}</span>',
            article.status,
            article.get_status_display(),
        )

    @admin.display(description=_("publishing history"))
    def publishing_history(self, article):
        """Who published, scheduled or took the article down, and when (``StatusChange``)."""
        changes = article.status_changes.select_related("changed_by")[:20] if article.pk else []
        if not changes:
            return "–"
        return format_html(
            '<ol class="publishing-history">{}</ol>',
            format_html_join(
                "",
                "<li>{}: {} ({})</li>",
                (
                    (
                        date_format(timezone.localtime(change.changed_at), "SHORT_DATETIME_FORMAT"),
                        change.get_action_display(),
                        change.changed_by or _("the system"),
                    )
                    for change in changes
                ),
            ),
        )

    @admin.display(description=_("authors"))
    def author_names(self, article):
        return ", ".join(str(byline.author) for byline in article.bylines.all())

    @admin.action(description=_("Publish selected articles"))
    def publish_selected(self, request, queryset):
        """Drafts go out now (``publishing.publish``); scheduled and live ones keep their time."""
        if not can_publish(request.user):
            raise PermissionDenied
        published, scheduled, out_already = 0, [], 0
        for article in queryset:
            was_published = article.status == Article.Status.PUBLISHED
            publishing.publish(article, by=request.user)
            if article.is_scheduled:
                scheduled.append(article)
            elif was_published:
                out_already += 1
            else:
                published += 1
        if published or not (scheduled or out_already):
            self.message_user(
                request,
                ngettext("%(count)d article published.", "%(count)d articles published.", published)
                % {"count": published},
                messages.SUCCESS,
            )
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article stays scheduled: %(articles)s. To publish it now, "
                    "change its publication time in the article.",
                    "%(count)d articles stay scheduled: %(articles)s. To publish them now, "
                    "change their publication time in the article.",
                    len(scheduled),
                )
                % {
                    "count": len(scheduled),
                    "articles": ", ".join(
                        gettext("“%(title)s” for %(time)s")
                        % {
                            "title": article.title,
                            "time": date_format(
                                timezone.localtime(article.published_at), "SHORT_DATETIME_FORMAT"
                            ),
                        }
                        for article in scheduled
                    ),
                },
                messages.WARNING,
            )
        if out_already:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article was published already.",
                    "%(count)d articles were published already.",
                    out_already,
                )
                % {"count": out_already},
                messages.INFO,
            )

    @admin.action(description=_("Unpublish selected articles (back to draft)"))
    def unpublish_selected(self, request, queryset):
        if not can_publish(request.user):
            raise PermissionDenied
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            publishing.unpublish(article, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )


def _searches_pinned_articles(request) -> bool:
    """The admin's autocomplete asking for the pinned related articles' field."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("app_label") == RelatedArticle._meta.app_label
        and request.GET.get("model_name") == RelatedArticle._meta.model_name
        and request.GET.get("field_name") == "related"
    )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Category.objects.filter(parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AuthorProfile)
class AuthorProfileAdmin(admin.ModelAdmin):
    form = AuthorProfileAdminForm
    formfield_overrides = HTTPS_URLS
    list_display = ["display_name", "slug", "user", "website"]
    search_fields = ["display_name", "slug", "user__username", "user__email"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]


@admin.register(OldPath)
class OldPathAdmin(admin.ModelAdmin):
    """Old addresses that redirect to an article (recorded on moves, or imported)."""

    list_display = ["path", "article", "created_at"]
    search_fields = ["path", "article__title", "article__slug"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    readonly_fields = ["created_at"]
