"""The benchmark command: builds a newsroom, measures pages, lets apps add data."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ArticleViews
from comments import queries, services
from comments.models import Comment
from demo import benchmark, benchmark_comments  # noqa: F401 - registers its builder

from .conftest import make_article

pytestmark = pytest.mark.django_db


def test_benchmark_builds_a_newsroom_and_prints_a_table(monkeypatch):
    seen = []
    spy = lambda newsroom, ids: seen.append(len(ids))  # noqa: E731
    monkeypatch.setattr(benchmark, "BUILDERS", [*benchmark.BUILDERS, spy])
    out = io.StringIO()
    call_command("benchmark", sizes="30,60", repeat=2, no_load=True, stdout=out)
    output = out.getvalue()
    assert Article.objects.count() == 60
    assert ArticleViews.objects.exists()
    assert seen == [30, 30]  # each round hands its new articles to the registered builders
    assert "### Growth from 30 to 60 articles" in output
    for page in (
        "home",
        "article",
        "article, 300 comments",
        "category",
        "tag",
        "author",
        "search (1 in 20 match)",
        "search (all match)",
        "feed (RSS)",
        "sitemap index",
        "sitemap of articles",
    ):
        assert f"| {page} | " in output
    assert "skipped" not in output and "answered" not in output
    assert "page-cache miss: queries" in output


def test_benchmark_comments_form_valid_threads(monkeypatch):
    call_command("benchmark", sizes="30", repeat=1, no_load=True, stdout=io.StringIO())
    articles = list(Article.objects.order_by("-published_at"))
    without, long_thread = articles[10], articles[11]
    assert not Comment.objects.filter(article=without).exists()
    long_thread.refresh_from_db()
    assert long_thread.comment_count == 300
    assert queries.count_nodes(queries.approved_for(long_thread)) == 300
    for article in articles:
        assert article.comment_count == queries.approved(article).count()
    by_id = {comment.pk: comment for comment in Comment.objects.all()}
    assert len(by_id) > 300
    deepest = settings.COMMENTS_MAX_DEPTH - 1
    for comment in by_id.values():
        parent = by_id.get(comment.parent_id)
        if parent is None:
            assert (comment.path, comment.depth, comment.parent_id) == ("", 0, None)
        else:
            assert parent.article_id == comment.article_id
            assert comment.path == f"{parent.path}{parent.pk}/"
            assert comment.depth == parent.depth + 1 <= deepest
    assert any(comment.depth == deepest for comment in by_id.values())
    # The database hands out ids past the benchmark's own: a reader can still comment.
    reply = services.post_comment(
        article=articles[0],
        parent=None,
        name="Leserin",
        email="leserin@example.org",
        url="",
        text="Nach dem Benchmark geschrieben.",
        notify_on_reply=False,
    )
    assert reply.pk > max(by_id)


def test_benchmark_refuses_a_database_with_articles():
    make_article()
    with pytest.raises(CommandError, match="database of its own"):
        call_command("benchmark", sizes="30", no_load=True, stdout=io.StringIO())
