"""Public pages for articles, categories, tags, authors, the monthly archive and search."""

import hashlib
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from foundation import csp, pagecache
from foundation.addresses import page_number
from foundation.clients import client_key

from . import popularity, redirects, search, structured_data, uploads
from .cache import article_tag, author_tag, category_tag, topic_tag
from .models import Article, AuthorProfile, Category
from .pagination import ListingPaginator
from .permissions import can_preview, can_use_editor_tools
from .queries import tag_suggestions


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        if not pagecache.may_share(self.request):
            return self.load(slug)
        # A page-cache miss for a reader: the row is kept like a part of the page,
        # until the article (or, for its category's name and address, the site) changes.
        return pagecache.remember(
            "article-row:" + hashlib.md5(slug.encode(), usedforsecurity=False).hexdigest(),
            lambda: self.load(slug),
            tags=[pagecache.SITE],
            timeout=settings.PAGE_CACHE_SECONDS,
            tags_of_value=lambda article: [article_tag(article.pk)],
        )

    @staticmethod
    def load(slug: str) -> Article:
        return get_object_or_404(Article.objects.for_page(), slug=slug)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_live and not can_preview(request.user, self.object):
            if self.object.is_gone:
                return redirects.gone(request)
            raise Http404("No published article here.")
        if self.object.category.slug != kwargs["category"]:
            # The article moved to another category: send readers to its address.
            return HttpResponseRedirect(self.object.get_absolute_url(), status=301)
        pagecache.depends_on(request, article_tag(self.object.pk))
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        if not self.object.is_live:
            # A preview for staff: no cache may keep it and show it to readers.
            add_never_cache_headers(response)
            # The admin may show it in a frame; published pages never are.
            csp.frameable_by_own_pages(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_live
        context["current_category"] = self.object.category
        # Called by the template only when the parts showing them are made
        # (they are usually reused from the cache, see {% shared_fragment %}).
        context["article_data"] = lambda: structured_data.news_article(self.object)
        context["breadcrumb_data"] = lambda: structured_data.breadcrumbs(self.object)
        context["page_tag"] = article_tag(self.object.pk)
        return context


class ArticleListView(ListView):
    """A paginated list of published articles under some heading."""

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def articles(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.articles().for_listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        return ListingPaginator(queryset, per_page)

    def paginate_queryset(self, queryset, page_size):
        # The one rule for ?page= (foundation.addresses): no "last", no page past the end.
        paginator = self.get_paginator(queryset, page_size)
        try:
            page = paginator.page(page_number(self.request))
        except InvalidPage:
            raise Http404("No such page.") from None
        return paginator, page, page.object_list, page.has_other_pages()


class CategoryView(ArticleListView):
    template_name = "articles/category_detail.html"

    def articles(self):
        self.category = get_object_or_404(
            Category.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        pagecache.depends_on(self.request, category_tag(self.category.pk))
        return Article.objects.published().in_category(self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category, current_category=self.category, **kwargs
        )


class TagView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def articles(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        pagecache.depends_on(self.request, topic_tag(self.tag.pk))
        return Article.objects.published().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(ArticleListView):
    template_name = "articles/author_detail.html"

    def articles(self):
        self.author = get_object_or_404(AuthorProfile, slug=self.kwargs["slug"])
        pagecache.depends_on(self.request, author_tag(self.author.pk))
        return Article.objects.published().by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


@csrf_exempt  # a view count changes nothing a forged request could abuse
@require_POST
def count_view(request, article_id: int):
    """The reading beacon: one view for a published article, once per reader in 10 minutes.

    Always fast and quiet: 204 whether or not the view counted, 404 for an
    article no reader can see. Robots, logged-in staff and other sites'
    pages do not count. An unknown article leaves nothing behind: no cache
    entry, no counter.
    """

    def countable() -> bool:
        if not Article.objects.published().filter(pk=article_id).exists():
            # Raised, not returned: remember() keeps what it is given, and a "no"
            # kept for every id a stranger makes up would fill the cache.
            raise Http404("No published article with this id.")
        return True

    try:
        pagecache.remember(
            f"countable:{article_id}",
            countable,
            tags=[article_tag(article_id)],
            timeout=popularity.REPEAT_SECONDS,
        )
    except Http404:
        return HttpResponse(status=404)
    if popularity.counts_as_reading(request):
        # Whether this reader was counted lately is decided when the view is written.
        popularity.record_view(article_id, reader=client_key(request, "views"))
    return HttpResponse(status=204)


class MonthArchiveView(ArticleListView):
    """The articles of one calendar month: /2024/12/."""

    template_name = "articles/month_archive.html"

    def articles(self):
        try:
            self.month = date(int(self.kwargs["year"]), int(self.kwargs["month"]), 1)
            return Article.objects.published_in_month(self.month.year, self.month.month)
        except (ValueError, OverflowError):
            raise Http404("No such month.") from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(month=self.month, **kwargs)


class SearchView(ArticleListView):
    """Results of a full-text search: /search/?q=…"""

    template_name = "articles/search.html"

    def get_queryset(self):
        self.query = search.clean_query(self.request.GET.get("q"))
        return Article.objects.search(self.query).for_search_results()

    def get_paginator(self, queryset, per_page, **kwargs):
        # Search results say how many articles matched: they are counted.
        return Paginator(queryset, per_page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        for article in context["articles"]:
            article.snippet = search.snippet(article, self.query)
        return context


def _editor_tools_denied(request) -> JsonResponse | None:
    if can_use_editor_tools(request.user):
        return None
    return JsonResponse(
        {"error": {"message": _("Please log in to the newsroom with an editorial role.")}},
        status=403,
    )


@require_POST
@never_cache
def editor_upload(request):
    """Image upload from the rich-text editor; answers in CKEditor's JSON format."""
    denied = _editor_tools_denied(request)
    if denied:
        return denied
    try:
        url = uploads.store_editor_image(request.FILES.get("upload"))
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    return JsonResponse({"url": url})


@require_safe
@never_cache
def tag_suggestions_view(request):
    """Tags whose name contains ``?q=``, most used first, for the admin's tag field."""
    denied = _editor_tools_denied(request)
    if denied:
        return denied
    query = request.GET.get("q", "").strip()[:100]
    return JsonResponse({"tags": tag_suggestions(query) if query else []})
