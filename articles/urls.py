from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("views/<int:article_id>/", views.count_view, name="count_view"),
    path("editor/upload/", views.editor_upload, name="editor_upload"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("<slug:category>/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
]
