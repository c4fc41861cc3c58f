"""Addresses of the public article pages, feeds, search and the editor's tools."""

from django.urls import path, re_path, register_converter

from . import feeds, views


class UnicodeSlugConverter:
    """Letters of any script, digits, "-" and "_": taggit's Unicode tag slugs."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "unicode_slug")

app_name = "articles"

# RSS and Atom twins of the site, category, tag and author feeds. Tag slugs
# may hold any letters ("passwörter"): taggit makes Unicode slugs.
feed_urls = []
for prefix, name, feed_class in [
    ("", "feed", feeds.ArticleFeed),
    (r"category/(?P<slug>[-a-zA-Z0-9_]+)/", "category_feed", feeds.CategoryFeed),
    (r"tag/(?P<slug>[-\w]+)/", "tag_feed", feeds.TagFeed),
    (r"author/(?P<slug>[-a-zA-Z0-9_]+)/", "author_feed", feeds.AuthorFeed),
]:
    feed_urls += [
        re_path(rf"^feeds/{prefix}rss\.xml$", feed_class(), name=f"{name}_rss"),
        re_path(rf"^feeds/{prefix}atom\.xml$", feeds.atom(feed_class)(), name=f"{name}_atom"),
    ]

urlpatterns = [
    path("views/<int:article_id>/", views.count_view, name="count_view"),
    path("editor/upload/", views.editor_upload, name="editor_upload"),
    path("editor/tags/", views.tag_suggestions_view, name="tag_suggestions"),
    path("search/", views.SearchView.as_view(), name="search"),
    *feed_urls,
    # Tag slugs keep their letters ("passwörter"): taggit makes Unicode slugs.
    path("tag/<unicode_slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    # Before the article pattern: /2024/12/ would otherwise look like /<category>/<slug>/.
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.MonthArchiveView.as_view(),
        name="month_archive",
    ),
    path("<slug:category>/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
]
