"""Posting a comment, refreshing the form's stamp, and stopping reply e-mails."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from articles.models import Article
from foundation.clients import client_ip
from foundation.csrf import csrf_retry
from foundation.ratelimit import is_limited

from . import held, services
from .forms import CommentForm, make_stamp
from .models import Comment
from .tasks import email_from_stop_token

RATE_LIMIT = (5, 10 * 60)


def wants_html(request) -> bool:
    return "text/html" in request.headers.get("Accept", "")


def render_form_page(request, article, form, *, status=200):
    return render(
        request,
        "comments/post.html",
        {"article": article, "form": form, "stamp": make_stamp(article)},
        status=status,
    )


@csrf_retry
@require_POST
def post_comment(request, article_id: int):
    article = get_object_or_404(
        Article.objects.published().select_related("category"), pk=article_id
    )
    if request.csrf_cross_site:
        # Never show another site's text on our page with a valid token: one click
        # on "send" would publish it, in the newsroom's name for a logged-in editor.
        messages.warning(
            request,
            _(
                "This form was sent from another website. Nothing was posted, and what it "
                "contained is not shown here. To write a comment, use the form below."
            ),
        )
        return render_form_page(request, article, CommentForm(article=article), status=403)
    form = CommentForm(request.POST, article=article)
    if request.csrf_failed:
        messages.warning(
            request,
            _("For your security we could not accept the form yet. Please send it once more."),
        )
        return render_form_page(request, article, form)
    if not form.is_valid():
        return render_form_page(request, article, form)
    if is_limited(request, "comments", *RATE_LIMIT):
        message = _(
            "You have written a lot of comments in a short time. Please wait a few minutes "
            "and send this one again."
        )
        if not wants_html(request):
            response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = str(RATE_LIMIT[1])
            return response
        messages.error(request, message)
        response = render_form_page(request, article, form, status=429)
        response["Retry-After"] = str(RATE_LIMIT[1])
        return response
    data = form.cleaned_data
    try:
        comment = services.post_comment(
            article=article,
            parent=form.parent_comment,
            name=data["name"],
            email=data["email"],
            url=data["url"],
            text=data["text"],
            notify_on_reply=data["notify_on_reply"],
            user=request.user,
            ip_address=client_ip(request),
        )
    except services.DuplicateComment as duplicate:
        messages.info(request, _("You have already posted this comment; it is not posted twice."))
        existing = duplicate.existing
        anchor = f"#comment-{existing.pk}" if existing and existing.is_approved else "#comments"
        return HttpResponseRedirect(article.get_absolute_url() + anchor)
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, _("Thank you! Your comment is published."))
    else:
        # Spam is announced like a held comment: robots learn nothing from the answer.
        held.remember_held(request, comment)
        messages.success(
            request,
            _("Thank you! Your comment awaits moderation and will appear once it is approved."),
        )
    # A query of its own makes the redirect miss any cached copy of the page.
    return HttpResponseRedirect(
        f"{article.get_absolute_url()}?comment={comment.pk}#comment-{comment.pk}"
    )


@require_safe
@never_cache
def form_stamp(request, article_id: int):
    """A fresh stamp for a form on a cached page (static/comments/reply.js asks)."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    return JsonResponse({"stamp": make_stamp(article)})


@csrf_exempt  # The signed token is the credential; mail clients post here (RFC 8058).
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def stop_notifications(request, token: str):
    """The one-click link in reply mails: no more reply notifications to that address."""
    email = email_from_stop_token(token)
    if email is None:
        return render(request, "comments/stop.html", {"invalid": True}, status=400)
    services.stop_reply_notifications(email)
    return render(request, "comments/stop.html", {"email": email})
