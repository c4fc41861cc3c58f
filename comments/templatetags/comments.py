"""Comment widgets for any page: {% comment_thread article %}, {% recent_comments %},
{% comment_count article %} and {% comments_privacy %}."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles.cache import article_tag
from foundation import pagecache

from .. import queries
from ..cache import COMMENTS, MODERATION_SETTINGS
from ..forms import CommentForm, make_stamp
from ..held import held_ids
from ..moderation import comments_are_open, current_settings
from ..text import render_text

register = template.Library()


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
    return pagecache.fragment(
        request,
        f"comment-thread:{article.pk}",
        lambda: _thread_html(request, article),
        tags=[article_tag(article.pk), MODERATION_SETTINGS],
    )


def _thread_html(request, article) -> str:
    # A reader's own held comments come from their session: such a page is
    # private ("Vary: Cookie"), kept by no cache.
    held = queries.held_for(article, held_ids(request))
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
    pagecache.depends_on(
        context.get("request"),
        COMMENTS,
        *(article_tag(comment["article_id"]) for comment in comments),
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
