from django.urls import path, re_path

from . import feeds, views

app_name = "articles"

feed_urls = []
for prefix, name, feed_class in [
    ("", "feed", feeds.ArticleFeed),
    ("category/<slug:slug>/", "category_feed", feeds.CategoryFeed),
    ("tag/<slug:slug>/", "tag_feed", feeds.TagFeed),
    ("author/<slug:slug>/", "author_feed", feeds.AuthorFeed),
]:
    feed_urls += [
        path(f"feeds/{prefix}rss.xml", feed_class(), name=f"{name}_rss"),
        path(f"feeds/{prefix}atom.xml", feeds.atom(feed_class)(), name=f"{name}_atom"),
    ]

urlpatterns = [
    path("editor/upload/", views.editor_upload, name="editor_upload"),
    path("search/", views.SearchView.as_view(), name="search"),
    *feed_urls,
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
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
