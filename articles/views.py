"""Public pages for articles, categories, tags, authors, the monthly archive and search."""

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from . import redirects, search, structured_data, uploads
from .models import Article, AuthorProfile, Category
from .permissions import can_preview


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        return get_object_or_404(Article.objects.for_detail(), slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_live and not can_preview(request.user):
            if self.object.is_gone:
                return redirects.gone(request)
            raise Http404("No published article here.")
        if self.object.category.slug != kwargs["category"]:
            # The article moved to another category: send readers to its address.
            return HttpResponseRedirect(self.object.get_absolute_url(), status=301)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_live
        context["article_data"] = structured_data.news_article(self.object)
        context["breadcrumb_data"] = structured_data.breadcrumbs(self.object)
        return context


class ArticleListView(ListView):
    """A paginated list of published articles under some heading."""

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def articles(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.articles().for_listing()


class CategoryView(ArticleListView):
    template_name = "articles/category_detail.html"

    def articles(self):
        self.category = get_object_or_404(
            Category.objects.select_related("parent"), slug=self.kwargs["slug"]
        )
        return Article.objects.published().in_category(self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagView(ArticleListView):
    template_name = "articles/tag_detail.html"

    def articles(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(ArticleListView):
    template_name = "articles/author_detail.html"

    def articles(self):
        self.author = get_object_or_404(AuthorProfile, slug=self.kwargs["slug"])
        return Article.objects.published().by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


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

    def paginate_queryset(self, queryset, page_size):
        # Whatever arrives as ?page= (a word, 10**9), show a page rather than an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        for article in context["articles"]:
            article.snippet = search.snippet(article, self.query)
        return context


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
