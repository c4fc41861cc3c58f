"""The sign-up form, and the form editors use to import subscribers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Subscriber

PUBLIC_SOURCES = [Subscriber.Source.SIDEBAR, Subscriber.Source.ARTICLE, Subscriber.Source.PAGE]


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("This does not look like an e-mail address. Please check it."),
            "max_length": _("An e-mail address has at most 254 characters."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("Please use at most 100 characters for your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Yes, send me the newsletter. "
            "I can unsubscribe at any time with the link in every mail."
        ),
        error_messages={"required": _("Please agree to receive the newsletter.")},
    )
    # A trap for bots: hidden from people (and labelled for screen readers to leave empty).
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    source = forms.ChoiceField(
        choices=[(choice.value, choice.label) for choice in PUBLIC_SOURCES],
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        return name

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                _("Please leave the field “Leave this field empty” empty."), code="honeypot"
            )
        return ""

    def clean_source(self) -> str:
        return self.cleaned_data.get("source") or Subscriber.Source.PAGE


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("One address per line: e-mail, optionally followed by a name. UTF-8."),
    )
    already_consented = forms.BooleanField(
        label=_("These people already consented to receive the newsletter"),
        required=False,
        help_text=_(
            "Tick only if you can prove their consent. Otherwise each address gets a "
            "confirmation mail and receives issues only after confirming."
        ),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is too large: at most 5 MB, please."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Please save it as CSV (UTF-8).")
            ) from None
