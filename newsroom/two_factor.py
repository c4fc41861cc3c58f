"""Two-factor login: a staff member adds an authenticator app (TOTP, django-otp) for themselves.

The page shows the app's secret as an otpauth:// address and as a QR code drawn
here, so no outside service ever sees it; the first code the app shows confirms it.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def qr_code(data: str, label: str) -> SafeString:
    """``data`` as a QR code in inline SVG."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - drawn by qrcode from our own data; the label is escaped


def unconfirmed_device(user) -> TOTPDevice:
    """The app being set up: the same secret on every visit until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(
        user=user, name=gettext("Authenticator app"), confirmed=False
    )


def confirm(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Confirm ``device`` with a code its app shows; this session then counts as verified."""
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True


def setup(request: HttpRequest, admin_context: dict) -> HttpResponse:
    user = request.user
    if not (user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    context = {**admin_context, "title": gettext("Two-factor login")}
    if user_has_device(user):
        # Set up already. The secret is not shown again; to change phones, an
        # administrator deletes the device (admin: TOTP devices) and the user starts over.
        return TemplateResponse(request, "admin/two_factor_setup.html", context)
    device = unconfirmed_device(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if confirm(request, device, form.cleaned_data["otp_token"]):
            messages.success(
                request,
                gettext(
                    "Two-factor login is set up: from now on, log in with a code from your app."
                ),
            )
            return redirect("admin:index")
        form.add_error(
            "otp_token",
            gettext(
                "This code was not accepted. Enter the code your app shows now; if it is "
                "refused again, check the time on your phone."
            ),
        )
    return TemplateResponse(
        request,
        "admin/two_factor_setup.html",
        {
            **context,
            "form": form,
            "otpauth_url": device.config_url,
            "secret": b32encode(device.bin_key).decode(),
            "qr_code": qr_code(device.config_url, gettext("QR code for your authenticator app")),
        },
    )
