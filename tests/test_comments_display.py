"""How comments appear: threads, text, the reply form, the widget, counts and query budgets."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from comments import services
from comments.models import Comment
from comments.queries import approved_for, recent_comments
from comments.text import render_text

from .conftest import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(title="Der Artikel")


def page(url) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def ids_in_order(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="comment[^"]*" id="comment-(\d+)"', html)]


def test_approved_comments_appear_threaded_oldest_first_with_a_count(article):
    now = timezone.now()
    first = make_comment(article, created_at=now - timedelta(hours=3))
    second = make_comment(article, created_at=now - timedelta(hours=2))
    reply = make_comment(article, parent=first, created_at=now - timedelta(hours=1))
    make_comment(article, status="pending", text="Noch nicht frei")
    make_comment(article, status="spam", text="Kaufen Sie")
    html = page(article.get_absolute_url())
    assert "3 Kommentare" in html
    assert ids_in_order(html) == [first.pk, reply.pk, second.pk]
    assert "Noch nicht frei" not in html and "Kaufen Sie" not in html
    nested = re.search(
        rf'id="comment-{first.pk}".*?<ol class="comment-replies">(.*?)</ol>', html, re.S
    )
    assert f'id="comment-{reply.pk}"' in nested.group(1)


def test_one_comment_is_counted_in_the_singular(article):
    make_comment(article)
    assert "1 Kommentar<" in page(article.get_absolute_url())


def test_article_without_comments_invites_the_first(article):
    html = page(article.get_absolute_url())
    assert "Noch keine Kommentare" in html
    assert "Hinterlassen Sie eine Antwort" in html


def test_required_fields_carry_the_mark_the_form_promises(article):
    # The form says "required fields are marked *"; comments.css draws the mark.
    html = page(article.get_absolute_url())
    assert "Pflichtfelder sind mit * markiert" in html
    for field, label in [("text", "Kommentar"), ("name", "Name"), ("email", "E-Mail")]:
        assert f'<label for="id_{field}" class="required">{label}</label>' in html
    assert '<label for="id_url">Website</label>' in html
    css = (settings.BASE_DIR / "comments/static/comments/comments.css").read_text()
    assert ".comment-form label.required::after" in css


def test_each_comment_has_anchor_name_date_and_reply_link(article):
    comment = make_comment(article, name="Kim", url="https://kim.example/")
    html = page(article.get_absolute_url())
    assert f'id="comment-{comment.pk}"' in html
    assert f'href="#comment-{comment.pk}"' in html
    assert '<a href="https://kim.example/" rel="nofollow ugc">Kim</a>' in html
    assert f'href="?replyto={comment.pk}#respond"' in html
    assert ">Antworten<" in html
    local = timezone.localtime(comment.created_at)
    assert f'datetime="{local.isoformat(timespec="seconds")}"' in html


def test_comment_time_is_a_valid_html_datetime_without_microseconds(article):
    # HTML allows at most three digits of a second's fraction; Python writes six.
    comment = make_comment(article, created_at=timezone.now().replace(microsecond=123456))
    html = page(article.get_absolute_url())
    [value] = re.findall(rf'id="comment-{comment.pk}".*?<time datetime="([^"]+)"', html, re.S)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value), value


def test_email_and_ip_address_are_never_shown(article):
    make_comment(article, email="geheim@example.org", ip_address="203.0.113.7")
    html = page(article.get_absolute_url())
    assert "geheim@example.org" not in html
    assert "203.0.113.7" not in html


def test_comment_text_is_escaped_with_line_breaks_and_links():
    html = render_text(
        "<b>Hallo</b> & willkommen\nzweite Zeile\n\nNeuer Absatz: https://example.org/a?b=1&c=2."
    )
    assert html == (
        "<p>&lt;b&gt;Hallo&lt;/b&gt; &amp; willkommen<br>zweite Zeile</p>"
        '<p>Neuer Absatz: <a href="https://example.org/a?b=1&amp;c=2" '
        'rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>.</p>'
    )


def test_www_addresses_become_https_links_and_other_schemes_stay_text():
    html = render_text("www.example.org und javascript:alert(1) und (https://example.org/x)")
    assert '<a href="https://www.example.org" rel="nofollow ugc noopener">' in html
    assert "javascript:alert(1)" in html and 'href="javascript' not in html
    assert '(<a href="https://example.org/x" rel="nofollow ugc noopener">' in html


def test_staff_comment_is_labelled(article):
    make_comment(article, is_from_staff=True)
    assert "aus der Redaktion von" in page(article.get_absolute_url())


def test_reply_without_javascript_opens_the_form_for_that_comment(article):
    comment = make_comment(article, name="Kim")
    html = page(f"{article.get_absolute_url()}?replyto={comment.pk}")
    assert "Antwort an Kim" in html
    assert f'name="parent" value="{comment.pk}"' in html


@pytest.mark.parametrize("replyto", ["abc", "0", "-4", "99999999999999999999999", "<script>"])
def test_bad_reply_links_fall_back_to_a_new_comment(article, replyto):
    make_comment(article)
    html = page(f"{article.get_absolute_url()}?replyto={replyto}")
    assert "Hinterlassen Sie eine Antwort" in html
    assert 'name="parent" value=""' in html or 'name="parent" id' in html


def test_reply_link_to_a_held_comment_falls_back_to_a_new_comment(article):
    held = make_comment(article, status="pending")
    html = page(f"{article.get_absolute_url()}?replyto={held.pk}")
    assert f'name="parent" value="{held.pk}"' not in html


def test_replies_of_a_removed_comment_stay_under_a_placeholder(article):
    root = make_comment(article)
    removed = make_comment(article, parent=root, status="removed", text="Weg damit")
    reply = make_comment(article, parent=removed, text="Die Antwort bleibt")
    html = page(article.get_absolute_url())
    assert "Weg damit" not in html
    assert "Die Antwort bleibt" in html
    assert "Dieser Kommentar wurde entfernt." in html
    assert ids_in_order(html) == [root.pk, removed.pk, reply.pk]
    assert "2 Kommentare" in html


def test_tree_is_built_from_the_comments_of_one_article(article):
    other = make_article()
    make_comment(other)
    root = make_comment(article)
    make_comment(article, parent=root)
    roots = approved_for(article)
    assert [node.pk for node in roots] == [root.pk]
    assert len(roots[0].children) == 1


def test_closed_article_shows_comments_but_no_form(article):
    make_comment(article, text="Alter Kommentar")
    article.comments_open = False
    article.save()
    html = page(article.get_absolute_url())
    assert "Alter Kommentar" in html
    assert "Die Kommentare zu diesem Artikel sind geschlossen." in html
    assert 'class="comment-form"' not in html
    assert "?replyto=" not in html


def test_form_has_labels_consent_line_and_fields_for_cached_pages(article):
    html = page(article.get_absolute_url())
    for label in ("Kommentar", "Name", "E-Mail", "Website"):
        assert f">{label}" in html
    assert 'href="/privacy/"' in html
    assert "Datenschutzerklärung" in html
    assert "data-csrf-refresh" in html
    assert 'name="stamp"' in html
    assert "comments/reply.js" in html
    assert "Benachrichtigen Sie mich per E-Mail über Antworten" in html


def test_privacy_page_explains_comments():
    html = page("/privacy/")
    assert "IP-Adresse" in html
    assert "nach 30 Tagen" in html


# --- Recent comments widget ---


def test_recent_comments_widget_lists_name_on_article(article):
    comment = make_comment(article, name="Kim")
    make_comment(article, name="Versteckt", status="pending")
    html = page("/")
    assert "Neueste Kommentare" in html
    assert (
        f'<span class="comment-author">Kim</span> bei '
        f'<a href="{article.get_absolute_url()}#comment-{comment.pk}">Der Artikel</a>'
    ) in html
    assert "Versteckt" not in html


def test_recent_comments_skip_unpublished_articles():
    draft = make_article(status="draft")
    make_comment(draft, name="Im Entwurf")
    assert recent_comments() == []


def test_recent_comments_are_newest_first_and_limited(article):
    comments = [make_comment(article) for _ in range(7)]
    latest = sorted(comments, key=lambda c: c.created_at, reverse=True)
    assert [row["pk"] for row in recent_comments(limit=5)] == [c.pk for c in latest[:5]]


def test_recent_comments_are_cached(article, django_assert_num_queries):
    make_comment(article)
    recent_comments()
    with django_assert_num_queries(0):
        recent_comments()


@pytest.mark.django_db(transaction=True)  # stamped once committed
def test_recent_comments_refresh_when_a_comment_is_approved_or_removed(article):
    held = make_comment(article, status="pending", name="Neu")
    assert recent_comments() == []
    services.change_status([held], Comment.Status.APPROVED)
    assert [row["name"] for row in recent_comments()] == ["Neu"]
    services.change_status([held], Comment.Status.REMOVED)
    assert recent_comments() == []


def test_recent_comments_refresh_when_a_comment_is_deleted(article):
    make_comment(article).delete()
    assert recent_comments() == []
    comment = make_comment(article)
    recent_comments()
    comment.delete()
    assert recent_comments() == []


# --- Counts on teasers ---


def test_teasers_show_comment_counts(article):
    held = make_comment(article, status="pending")
    make_comment(article)
    services.refresh_counts([article.pk])
    services.change_status([held], Comment.Status.APPROVED)
    article.refresh_from_db()
    assert article.comment_count == 2
    html = page("/")
    assert f'href="{article.get_absolute_url()}#comments">2 Kommentare</a>' in html


def test_counts_follow_moderation(article):
    comment = make_comment(article, status="pending")
    services.change_status([comment], Comment.Status.APPROVED)
    article.refresh_from_db()
    assert article.comment_count == 1
    services.change_status([comment], Comment.Status.SPAM)
    article.refresh_from_db()
    assert article.comment_count == 0


def test_home_page_queries_do_not_grow_with_teasers_and_counts():
    def queries_for_home():
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            Client().get("/")
        return len(captured)

    article = make_article()
    make_comment(article)
    services.refresh_counts([article.pk])
    few = queries_for_home()
    for _ in range(10):
        more = make_article()
        make_comment(more)
        services.refresh_counts([more.pk])
    assert queries_for_home() == few


# --- The article page's query budget ---


# Article with its category, bylines, sources, tags (the navigation and widgets
# come from the cache once warm).
ARTICLE_PAGE_QUERIES = 4


def build_threads(article, total: int) -> None:
    """``total`` approved comments in threads up to four deep, plus some held ones."""
    now = timezone.now()
    made = 0
    while made < total:
        parent = None
        for _depth in range(4):
            if made >= total:
                break
            parent = make_comment(
                article, parent=parent, created_at=now - timedelta(minutes=total - made)
            )
            made += 1
    make_comment(article, status="pending")


@pytest.mark.parametrize("total", [0, 10, 500])
def test_article_page_loads_every_comment_in_a_fixed_number_of_queries(
    article, total, django_assert_max_num_queries, settings
):
    build_threads(article, total)
    settings.PAGE_CACHE_SECONDS = 0  # measure the page being made, not the page cache
    client = Client()
    client.get(article.get_absolute_url())  # warm the caches (rules, widget)
    # The article page's own queries, and one for all its comments, whatever their number.
    with django_assert_max_num_queries(ARTICLE_PAGE_QUERIES + 1) as queries:
        response = client.get(article.get_absolute_url())
    assert len(queries) == ARTICLE_PAGE_QUERIES + 1
    html = response.content.decode()
    assert len(ids_in_order(html)) == total
    if total:
        assert f"{total} Kommentare" in html


def test_benchmark_prints_figures_and_leaves_nothing_behind():
    from io import StringIO

    from django.core.management import call_command

    from articles.models import Article

    out = StringIO()
    call_command("benchmark_comments", sizes="0,3", repeat=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[1].strip().startswith("3 comments: 5 queries")
    assert "status 200" in lines[1]
    assert not Article.objects.exists()
    assert not Comment.objects.exists()


def test_the_comment_form_addresses_readers_formally_like_the_rest_of_the_site(article):
    # The newsletter, the privacy page and the site say "Sie"; so do the comments.
    html = page(article.get_absolute_url())
    assert "Hinterlassen Sie eine Antwort" in html
    assert "Ihre E-Mail-Adresse wird nie veröffentlicht" in html
    assert ":</label>" not in html
    assert not re.search(r"\b(du|dein|deine|deinen)\b", html, flags=re.IGNORECASE)
