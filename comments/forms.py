"""The "Leave a reply" form and its spam traps (a honeypot and a signed render time)."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from . import moderation, queries
from .models import Comment

STAMP_SALT = "comments.form-stamp"


def max_length() -> int:
    return settings.COMMENTS_MAX_LENGTH


def make_stamp(article: Article) -> str:
    """A signed note of when the form was rendered, for the minimum delay."""
    return signing.dumps({"a": article.pk, "t": time.time()}, salt=STAMP_SALT)


def stamp_age(value: str, article: Article) -> float | None:
    """Seconds since the stamp was made; None when it is forged or for another article."""
    try:
        data = signing.loads(value or "", salt=STAMP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != article.pk:
        return None
    try:
        return time.time() - float(data["t"])
    except (KeyError, TypeError, ValueError):
        return None


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=True,
    )
    name = forms.CharField(
        label=_("Name"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    notify_on_reply = forms.BooleanField(label=_("Notify me of replies by e-mail"), required=False)
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people, filled in by many robots.
    subject = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    # The form says "required fields are marked *": the stylesheet draws the mark
    # after labels of this class. No colon after labels, as in "Comment *".
    required_css_class = "required"

    def __init__(self, *args, article: Article, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["text"].validators.append(MaxLengthValidator(max_length()))
        self.fields["text"].widget.attrs["maxlength"] = str(max_length())
        self.parent_comment: Comment | None = None

    def clean_parent(self) -> str:
        value = self.cleaned_data.get("parent", "")
        if not value:
            return ""
        parent = queries.reply_target(self.article, value)
        if parent is None:
            # Drop the broken reply target, so that sending again posts a new comment.
            self.data = self.data.copy()
            self.data["parent"] = ""
            # Said above the form: the field itself is hidden.
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "The comment you replied to does not exist, is not public or belongs "
                        "to another article. Send again to post yours as a new comment."
                    ),
                    code="bad_parent",
                ),
            )
            return ""
        self.parent_comment = parent
        return value

    def clean_subject(self) -> str:
        if self.cleaned_data.get("subject"):
            raise forms.ValidationError(
                _("Please leave this field empty; it catches robots."), code="honeypot"
            )
        return ""

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        if not moderation.comments_are_open(self.article):
            raise forms.ValidationError(_("Comments on this article are closed."), code="closed")
        age = stamp_age(self.data.get("stamp", ""), self.article)
        if age is None or age > settings.COMMENTS_FORM_MAX_AGE:
            raise forms.ValidationError(
                _("The form was open for too long. Please check your comment and send it again."),
                code="stale",
            )
        if age < settings.COMMENTS_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check your comment and send it again."),
                code="too_fast",
            )
        return cleaned
