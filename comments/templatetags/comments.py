"""Comment widgets for any page: {% comment_thread article %}, {% recent_comments %},
{% comment_count article %} and {% comments_privacy %}."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from newsroom import cache as page_cache

from .. import queries
from ..forms import CommentForm, make_stamp
from ..moderation import SETTINGS_TAG, comments_are_open, current_settings
from ..text import render_text
from ..views import HELD_SESSION_KEY

register = template.Library()


def held_ids(request) -> list[int]:
    """Ids of held comments this browser posted.

    The session is read only when the browser already has a session cookie:
    reading it marks the response "Vary: Cookie", and readers without one
    must keep getting a page that every cache may share.
    """
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    ids = request.session.get(HELD_SESSION_KEY, [])
    return ids if isinstance(ids, list) else []


def prepare(roots: list) -> None:
    """Format what each comment shows once, in Python: pages with hundreds stay quick."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        node.key = str(node.pk)
        if not node.is_placeholder:
            local = timezone.localtime(node.created_at)
            # Whole seconds: HTML allows at most three digits of a fraction in datetime.
            node.iso_time = local.isoformat(timespec="seconds")
            node.local_time = date_format(local, "DATETIME_FORMAT")
            node.html = render_text(node.text)
        stack.extend(node.children)


def find(roots: list, pk: int):
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node.pk == pk and not node.is_placeholder and node.is_approved:
            return node
        stack.extend(node.children)
    return None


@register.simple_tag(takes_context=True)
def comment_thread(context, article) -> str:
    """The approved comments of ``article``, threaded, and the form to join in.

    What every reader sees alike is kept as HTML until a comment on the
    article is approved or removed (``comments_changed`` stamps the article);
    a reader's own held comments or a chosen reply make it afresh.
    """
    request = context.get("request")
    if request is None or "replyto" in request.GET or held_ids(request):
        return _thread_html(request, article)
    return page_cache.fragment(
        request,
        f"comment-thread:{article.pk}",
        lambda: _thread_html(request, article),
        tags=[page_cache.article_tag(article.pk), SETTINGS_TAG],
    )


def _thread_html(request, article) -> str:
    held = queries.held_for(article, held_ids(request))
    if held:
        # This page shows what only this reader may see: no cache may keep it
        # (the flag Django's cache middleware honours).
        request._cache_update_cache = False
    roots = queries.approved_for(article, extra=held)
    is_open = comments_are_open(article, current_settings())
    reply_to = None
    if is_open and request is not None:
        try:
            reply_to = find(roots, int(request.GET.get("replyto", "")))
        except ValueError:
            reply_to = None
    form = CommentForm(article=article, initial={"parent": reply_to.pk if reply_to else ""})
    prepare(roots)
    return render_to_string(
        "comments/thread.html",
        {
            "article": article,
            "roots": roots,
            "count": queries.count_nodes(roots) - len(held),
            "is_open": is_open,
            "form": form,
            "reply_to": reply_to,
            "stamp": make_stamp(article) if is_open else "",
            "request": request,
            "reply_label": _("Reply"),
        },
    )


@register.inclusion_tag("comments/recent.html", takes_context=True)
def recent_comments(context, limit: int = 5):
    """The sidebar widget: the latest approved comments, "Name on Article"."""
    comments = queries.recent_comments(limit=limit)
    page_cache.depends_on(
        context.get("request"),
        "comments",
        *(page_cache.article_tag(comment["article_id"]) for comment in comments),
    )
    return {"comments": comments}


@register.inclusion_tag("comments/count.html")
def comment_count(article):
    """A teaser's comment count, from the counter the comments app keeps on the article."""
    return {"article": article, "count": getattr(article, "comment_count", 0)}


@register.inclusion_tag("comments/privacy.html")
def comments_privacy():
    """The privacy page's section on comments."""
    return {"days": settings.COMMENTS_IP_RETENTION_DAYS}
