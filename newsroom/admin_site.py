"""The admin site: logins throttled per client (login_throttle.py), confirmed by a one-time code.

Staff who set up an authenticator app (two_factor.py) give its code at every
login; ``ADMIN_REQUIRE_2FA`` shuts the admin to everyone else.
"""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from . import login_throttle, two_factor


class LoginForm(OTPAdminAuthenticationForm):
    """User name and password; then the app's code, from staff who set up an app."""

    otp_device = forms.CharField(label=_("Authenticator app"), required=False, widget=forms.Select)
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Only if you have set up two-factor login."),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        # The password (with the throttle before it) and the staff check; the code next.
        super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is None or not user_has_device(user):
            return self.cleaned_data
        try:
            self.clean_otp(user)
        except ValidationError:
            if self.cleaned_data.get("otp_token"):
                # A wrong code is a failed login: guessing codes is throttled like passwords.
                credentials = {"username": self.cleaned_data.get("username")}
                user_login_failed.send(__name__, credentials=credentials, request=self.request)
                if getattr(self.request, "axes_locked_out", False):
                    raise self.get_invalid_login_error() from None
            raise
        return self.cleaned_data

    def get_invalid_login_error(self) -> ValidationError:
        until = getattr(self.request, "login_locked_until", None)
        if getattr(self.request, "axes_locked_out", False) and until:
            return ValidationError(login_throttle.wait_message(until), code="locked")
        return super().get_invalid_login_error()

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            # Staff with one app need not pick it.
            devices = list(devices_for_user(user, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device

    def _update_form(self, user):
        # Unlike django-otp's form, the password is not written back into the page.
        self.fields["otp_device"].widget.choices = self.device_choices(user)

    @property
    def asks_for_device(self) -> bool:
        """Whether the page must ask which app: the user has more than one."""
        return len(self.fields["otp_device"].widget.choices) > 2


class NewsroomAdminSite(OTPAdminSite):
    """Django's admin site with the login above and the two-factor set-up page."""

    login_form = LoginForm
    login_template = None  # templates/admin/login.html

    def __init__(self, name: str = "admin"):
        super().__init__(name)

    def has_permission(self, request: HttpRequest) -> bool:
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)  # staff, and verified by a code
        return AdminSite.has_permission(self, request)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        context = {"two_factor_required": settings.ADMIN_REQUIRE_2FA, **(extra_context or {})}
        return super().login(request, context)

    def get_urls(self):
        # Outside admin_view: staff who must set up two-factor cannot pass has_permission yet.
        setup = never_cache(self.two_factor_setup)
        return [path("two-factor/", setup, name="two_factor_setup"), *super().get_urls()]

    def two_factor_setup(self, request: HttpRequest) -> HttpResponse:
        return two_factor.setup(request, self.each_context(request))
