"""Forms for the editors' back office."""

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import publishing, redirects
from .images import validate_image
from .models import Article, AuthorProfile, Category
from .permissions import can_publish
from .queries import articles_visible_to
from .slugs import slug_for


def article_address(category: Category, slug: str) -> str:
    return reverse("articles:detail", kwargs={"category": category.slug, "slug": slug})


def free_slug(slug: str, category: Category | None, article: Article) -> str:
    """``slug``, or it with "-2", "-3"…: an address no other article has or had."""
    base = slug_for(slug, Article._meta.get_field("slug").max_length - 4)
    others = Article.objects.exclude(pk=article.pk) if article.pk else Article.objects.all()
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken or (
        category is not None
        and redirects.held_by_another_article(article_address(category, candidate), article)
    ):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class CheckedImageField(forms.ImageField):
    """An image field that gives our own, specific messages before Django's generic one."""

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image(data)
        return super().to_python(data)


class ArticleAdminForm(forms.ModelForm):
    # Set by ArticleAdmin.get_form(): the user who edits.
    editor = None

    class Meta:
        model = Article
        field_classes = {"featured_image": CheckedImageField}
        fields = [
            "title",
            "slug",
            "teaser",
            "body",
            "featured_image",
            "featured_image_alt",
            "featured_image_caption",
            "featured_image_credit",
            "category",
            "tags",
            "status",
            "published_at",
            "is_featured",
            "comments_open",
            "meta_description",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            # static/js/tag-suggest.js offers existing tags as the editor types.
            self.fields["tags"].widget.attrs.update(
                {
                    "data-suggest-url": reverse("articles:tag_suggestions"),
                    "autocomplete": "off",
                    "class": "vTextField",
                }
            )
        if self.editor is not None and not can_publish(self.editor):
            self._limit_to_author()

    def _limit_to_author(self) -> None:
        """Authors write and submit for review; publishing stays with Editors."""
        published = self.instance.pk and self.instance.status == Article.Status.PUBLISHED
        if "status" in self.fields:
            field = self.fields["status"]
            if published:
                # Authors may correct a published article but not take it down.
                field.disabled = True
            else:
                field.choices = [
                    choice for choice in field.choices if choice[0] != Article.Status.PUBLISHED
                ]
                field.help_text = _("An editor publishes the article after review.")
        if "published_at" in self.fields:
            # On drafts too: a time typed here would survive an editor's publishing.
            self.fields["published_at"].disabled = True
            self.fields["published_at"].help_text = _("An editor sets the publication time.")
        if "is_featured" in self.fields:
            self.fields["is_featured"].disabled = True
            self.fields["is_featured"].help_text = _("Editors choose the lead stories.")

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.editor is not None and not publishing.may_change_status(
            self.editor, self.instance, status
        ):
            raise forms.ValidationError(_("Only editors may publish articles."))
        return status

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == Article.Status.PUBLISHED:
            # Before the model's rule that a published article has a time is checked.
            cleaned_data["published_at"] = publishing.publication_time(
                cleaned_data.get("published_at")
            )
        self._check_address(cleaned_data.get("slug"), cleaned_data.get("category"))
        return cleaned_data

    def _check_address(self, slug: str | None, category: Category | None) -> None:
        """The address must be no other article's: not its slug, nor an old address of it.

        Messages name another article only when the user may see it.
        """
        if not slug:
            return
        other = Article.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
        moves = category is not None and (
            self.instance.pk is None
            or (slug, category.pk) != (self.instance.slug, self.instance.category_id)
        )
        path = article_address(category, slug) if moves else None
        if other is not None:
            params = {"slug": slug}
            if articles_visible_to(self.editor).filter(pk=other.pk).exists():
                message = _(
                    "The address “%(slug)s” is taken by the article “%(title)s”. "
                    "Please choose another one, for example “%(suggestion)s”."
                )
                params["title"] = other.title
            else:
                message = _(
                    "The address “%(slug)s” is taken. "
                    "Please choose another one, for example “%(suggestion)s”."
                )
            code = "unique"
        elif path is not None and redirects.held_by_another_article(path, self.instance):
            message = _(
                "The address %(path)s belonged to another article, and its readers still "
                "arrive there. Please choose another one, for example “%(suggestion)s”."
            )
            params, code = {"path": path}, "held"
        else:
            return
        params["suggestion"] = free_slug(slug, category, self.instance)
        self.add_error("slug", forms.ValidationError(message, params=params, code=code))


def https_by_default(field, **kwargs):
    """Form fields for a model: addresses typed without a scheme mean https:// (as in Django 6)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class AuthorProfileAdminForm(forms.ModelForm):
    class Meta:
        formfield_callback = https_by_default
        model = AuthorProfile
        fields = [
            "user",
            "display_name",
            "slug",
            "bio",
            "website",
            "avatar",
            "mastodon",
            "bluesky",
            "linkedin",
        ]
        field_classes = {"avatar": CheckedImageField}
