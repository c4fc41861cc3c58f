"""Public pages for articles, categories, tags and authors."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from newsroom import cache as page_cache
from newsroom.clients import client_key

from . import popularity, uploads
from .models import Article, AuthorProfile, Category
from .permissions import can_preview


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        article = get_object_or_404(Article.objects.for_detail(), slug=self.kwargs["slug"])
        if not article.is_live and not can_preview(self.request.user):
            raise Http404("No published article here.")
        return article

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.category.slug != kwargs["category"]:
            # The article moved to another category: send readers to its address.
            return HttpResponseRedirect(self.object.get_absolute_url(), status=301)
        page_cache.depends_on(request, page_cache.article_tag(self.object.pk))
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_live
        return context


class RememberedCountPaginator(Paginator):
    """A paginator that keeps its COUNT in the cache until its listing changes.

    Counting a long listing is the one query that grows with the archive;
    the listing's tag (``category:3``...) is stamped whenever an article
    joins or leaves it, which is also when the count changes.
    """

    def __init__(self, *args, count_tag: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_tag = count_tag

    @cached_property
    def count(self) -> int:
        return page_cache.remember(
            f"count:{self.count_tag}",
            lambda: Paginator.count.func(self),
            tags=[self.count_tag],
            timeout=settings.PAGE_CACHE_SECONDS,
        )


class ArticleListView(ListView):
    """A paginated list of published articles under some heading."""

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"
    # The page-cache tag of the listing, set by ``articles()``.
    listing_tag = ""

    def articles(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.articles().for_listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        return RememberedCountPaginator(queryset, per_page, count_tag=self.listing_tag, **kwargs)


class CategoryView(ArticleListView):
    template_name = "articles/category_detail.html"

    def articles(self):
        self.category = get_object_or_404(
            Category.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        self.listing_tag = f"category:{self.category.pk}"
        page_cache.depends_on(self.request, self.listing_tag)
        return Article.objects.published().in_category(self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def articles(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.listing_tag = f"tag:{self.tag.pk}"
        page_cache.depends_on(self.request, self.listing_tag)
        return Article.objects.published().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(ArticleListView):
    template_name = "articles/author_detail.html"

    def articles(self):
        self.author = get_object_or_404(AuthorProfile, slug=self.kwargs["slug"])
        self.listing_tag = f"author:{self.author.pk}"
        page_cache.depends_on(self.request, self.listing_tag)
        return Article.objects.published().by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


@csrf_exempt  # a view count changes nothing a forged request could abuse
@require_POST
def count_view(request, article_id: int):
    """The reading beacon: one view for a published article, once per reader in 10 minutes.

    Always fast and quiet: 204 whether or not the view counted, 404 for an
    article no reader can see. Robots, logged-in staff and other sites'
    pages do not count.
    """
    countable = page_cache.remember(
        f"countable:{article_id}",
        lambda: Article.objects.published().filter(pk=article_id).exists(),
        tags=[page_cache.article_tag(article_id)],
        timeout=popularity.REPEAT_SECONDS,
    )
    if not countable:
        return HttpResponse(status=404)
    if (
        not popularity.is_bot(request.headers.get("User-Agent", ""))
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")
        and cache.add(
            f"viewed:{article_id}:{client_key(request, 'views')}",
            1,
            timeout=popularity.REPEAT_SECONDS,
        )
    ):
        popularity.record_view(article_id)
    return HttpResponse(status=204)


@login_required
@require_POST
def editor_upload(request):
    """Image upload from the rich-text editor; answers in CKEditor's JSON format."""
    if not (request.user.is_staff and request.user.has_perm("articles.change_article")):
        return JsonResponse({"error": {"message": "Permission denied."}}, status=403)
    upload = request.FILES.get("upload")
    try:
        url = uploads.store_editor_image(upload)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    return JsonResponse({"url": url})
