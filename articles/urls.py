"""Addresses of the public article pages and the editor's image upload."""

from django.urls import path, register_converter

from . import views


class UnicodeSlugConverter:
    """Letters of any script, digits, "-" and "_": taggit's Unicode tag slugs."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "unicode_slug")

app_name = "articles"

urlpatterns = [
    path("editor/upload/", views.editor_upload, name="editor_upload"),
    path("editor/tags/", views.tag_suggestions_view, name="tag_suggestions"),
    # Tag slugs keep their letters ("passwörter"): taggit makes Unicode slugs.
    path("tag/<unicode_slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("<slug:category>/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
]
