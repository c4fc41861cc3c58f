"""The benchmark command: builds a newsroom, measures pages, lets apps add data."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ArticleViews
from newsroom import benchmark

from .conftest import make_article

pytestmark = pytest.mark.django_db


def test_benchmark_builds_a_newsroom_and_prints_a_table(monkeypatch):
    seen = []
    monkeypatch.setattr(benchmark, "BUILDERS", [lambda newsroom, ids: seen.append(len(ids))])
    out = io.StringIO()
    call_command("benchmark", sizes="30,60", repeat=2, no_load=True, stdout=out)
    output = out.getvalue()
    assert Article.objects.count() == 60
    assert ArticleViews.objects.exists()
    assert seen == [30, 30]  # each round hands its new articles to the registered builders
    assert "### Growth from 30 to 60 articles" in output
    for page in ("home", "article", "category", "tag", "author"):
        assert f"| {page} | " in output
    assert "(search: no such page on this site yet, skipped)" in output


def test_benchmark_refuses_a_database_with_articles():
    make_article()
    with pytest.raises(CommandError, match="database of its own"):
        call_command("benchmark", sizes="30", no_load=True, stdout=io.StringIO())
