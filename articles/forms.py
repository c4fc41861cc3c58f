"""Forms for the editors' back office."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Article
from .permissions import can_publish


class ArticleAdminForm(forms.ModelForm):
    # Set by ArticleAdmin.get_form(): the user who edits.
    editor = None

    class Meta:
        model = Article
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
        if self.editor is not None and not can_publish(self.editor) and "status" in self.fields:
            field = self.fields["status"]
            if self.instance.pk and self.instance.status == Article.Status.PUBLISHED:
                # Authors may correct a published article but not take it down.
                field.disabled = True
            else:
                field.choices = [
                    choice for choice in field.choices if choice[0] != Article.Status.PUBLISHED
                ]
                field.help_text = _("An editor publishes the article after review.")

    def clean_status(self):
        status = self.cleaned_data["status"]
        if (
            status == Article.Status.PUBLISHED
            and self.editor is not None
            and not can_publish(self.editor)
            and not (self.instance.pk and self.instance.status == Article.Status.PUBLISHED)
        ):
            raise forms.ValidationError(_("Only editors may publish articles."))
        return status
