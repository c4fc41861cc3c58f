"""Public newsletter pages: sign up, confirm, unsubscribe (also RFC 8058 one-click)."""

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from foundation.csrf import csrf_retry
from foundation.ratelimit import is_limited

from . import links
from . import signup as rules
from .forms import SignupForm
from .models import Subscriber

SIGNUPS_PER_HOUR = 5


@require_http_methods(["GET", "HEAD", "POST"])
@csrf_retry
def signup(request):
    # Another site's form is not shown again filled in (foundation/csrf.py says why).
    submitted = request.method == "POST" and not request.csrf_cross_site
    form = SignupForm(
        request.POST if submitted else None,
        initial={"source": Subscriber.Source.PAGE},
        auto_id="newsletter-page-%s",
    )
    if request.csrf_cross_site:
        messages.error(
            request,
            _(
                "This form was sent from another website, so nothing was done. "
                "To subscribe, fill in the form below."
            ),
        )
        return render(request, "newsletter/signup.html", {"form": form}, status=403)
    if request.method == "POST":
        if request.csrf_failed:
            messages.error(
                request, _("Your form could not be sent safely. Please send it once more.")
            )
        elif form.is_valid() and not _over_limit(request, form):
            rules.request_subscription(
                form.cleaned_data["email"],
                form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                language=get_language(),
            )
            return redirect("newsletter:thanks")
    return render(request, "newsletter/signup.html", {"form": form})


def _over_limit(request, form) -> bool:
    from django.conf import settings

    limit = getattr(settings, "NEWSLETTER_SIGNUPS_PER_HOUR", SIGNUPS_PER_HOUR)
    if is_limited(request, "newsletter-signup", limit=limit, window_seconds=3600):
        form.add_error(
            None, _("Too many sign-ups from your connection. Please try again in an hour.")
        )
        return True
    return False


def thanks(request):
    return render(request, "newsletter/thanks.html")


@never_cache
def confirm(request, signed: str):
    try:
        token = links.token_from_confirmation(signed)
    except signing.SignatureExpired:
        return render(
            request, "newsletter/confirm.html", {"problem": "expired", "form": SignupForm()}
        )
    except signing.BadSignature:
        return render(
            request,
            "newsletter/confirm.html",
            {"problem": "invalid", "form": SignupForm()},
            status=404,
        )
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return render(request, "newsletter/confirm.html", {"problem": "gone", "form": SignupForm()})
    rules.confirm(subscriber)
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


# Token-authenticated: mail clients send the RFC 8058 one-click POST without any cookie.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    subscriber = get_object_or_404(Subscriber, token=token)
    if request.method == "POST":
        subscriber.unsubscribe()
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You are unsubscribed."), content_type="text/plain")
        return render(request, "newsletter/unsubscribe.html", {"done": True})
    return render(
        request,
        "newsletter/unsubscribe.html",
        {"subscriber": subscriber, "done": subscriber.status == Subscriber.Status.UNSUBSCRIBED},
    )
