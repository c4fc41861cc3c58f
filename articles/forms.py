"""Forms for the editors' back office."""

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import publishing
from .images import validate_image
from .models import Article, AuthorProfile
from .permissions import can_publish
from .slugs import unique_slug


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
        if published and "published_at" in self.fields:
            self.fields["published_at"].disabled = True
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
        return cleaned_data

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        other = Article.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise forms.ValidationError(
                _(
                    "The address “%(slug)s” is taken by the article “%(title)s”. "
                    "Please choose another one, for example “%(suggestion)s”."
                ),
                params={
                    "slug": slug,
                    "title": other.title,
                    "suggestion": unique_slug(Article, slug, max_length=200),
                },
                code="unique",
            )
        return slug


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
