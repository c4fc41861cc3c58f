"""The editors' back office for articles, categories and author profiles."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import ArticleAdminForm
from .models import Article, AuthorProfile, Byline, Category, RelatedArticle, Source
from .permissions import can_edit_any_article, can_publish


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    fields = ["name", "url", "position"]


class RelatedArticleInline(admin.TabularInline):
    """Related articles pinned by hand; they come before the computed ones."""

    model = RelatedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    verbose_name = _("pinned related article")
    verbose_name_plural = _("related articles pinned by hand (shown first)")


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
            {"fields": ["status", "published_at", "is_featured", "comments_open"]},
        ),
        (_("Search engines"), {"fields": ["meta_description"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )
        if not can_edit_any_article(request.user):
            queryset = queryset.filter(bylines__author__user=request.user).distinct()
        return queryset

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.editor = request.user
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("published_at", timezone.now())
        return initial

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

    @admin.display(description=_("authors"))
    def author_names(self, article):
        return ", ".join(str(byline.author) for byline in article.bylines.all())

    @admin.action(description=_("Publish selected articles"))
    def publish_selected(self, request, queryset):
        now = timezone.now()
        count = 0
        for article in queryset:
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or now
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected articles (back to draft)"))
    def unpublish_selected(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
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
    list_display = ["display_name", "slug", "user", "website"]
    search_fields = ["display_name", "slug", "user__username", "user__email"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]
