"""Full-text search over articles: the one place that knows how search works.

On PostgreSQL a trigger keeps ``Article.search_vector`` (title weighted A,
teaser B, body C) current in the site language's text-search configuration
and a GIN index serves the queries, which are ranked and get highlighted
snippets from ``ts_headline``. On SQLite a simple fallback matches every word
with LIKE and ranks title over teaser over body.
"""

import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_WORDS = 30
# Private-use characters mark the hits in ts_headline's output: they survive
# the database round trip and cannot be confused with markup in the text.
_START, _STOP = "\ue000", "\ue001"
# Languages the site can be written in, and PostgreSQL's configuration for each.
TEXT_SEARCH_CONFIGS = {"de": "german", "en": "english"}
_WORD = re.compile(r"\w+")
_INDEX_NAME = "article_search_vector_gin"
_TRIGGER_NAME = "article_search_vector_update"
_FUNCTION_NAME = "articles_article_search_vector"


def text_search_config() -> str:
    """PostgreSQL's text-search configuration for the site language."""
    language = settings.LANGUAGE_CODE.split("-")[0].lower()
    return TEXT_SEARCH_CONFIGS.get(language, "simple")


@dataclass(frozen=True)
class Query:
    """A reader's search, cleaned; ``problem`` says why it cannot be run."""

    text: str
    problem: str = ""

    @property
    def terms(self) -> list[str]:
        return _WORD.findall(self.text.lower())[:MAX_TERMS]

    def __bool__(self) -> bool:
        return bool(self.text) and not self.problem


def clean_query(raw: str | None) -> Query:
    """Tidy what the reader typed and decide whether it can be searched for."""
    # NUL and other control characters mean nothing in a search and
    # PostgreSQL refuses NUL in strings outright.
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    text = " ".join(text.replace(_START, " ").replace(_STOP, " ").split())
    if not text:
        return Query("")
    if len(text) > MAX_QUERY_LENGTH:
        return Query(
            text[:MAX_QUERY_LENGTH],
            str(
                _("Please shorten your search to at most %(limit)d characters.")
                % {"limit": MAX_QUERY_LENGTH}
            ),
        )
    if not _WORD.search(text):
        return Query(text, str(_("Please search for at least one word.")))
    return Query(text)


def search(queryset: models.QuerySet, query: Query) -> models.QuerySet:
    """Articles of ``queryset`` that match ``query``, best match first.

    Each result carries ``search_rank``; on PostgreSQL also ``search_headline``.
    """
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, query)
    return _search_fallback(queryset, query)


def _search_postgresql(queryset, query: Query):
    config = text_search_config()
    # websearch syntax accepts anything a person types ("quoted phrases",
    # or, -not) and never raises a syntax error.
    ts_query = SearchQuery(query.text, config=config, search_type="websearch")
    plain_text = models.Func(
        Coalesce(F("teaser"), Value("")),
        Value(" "),
        models.Func(F("body"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace"),
        function="concat",
        output_field=models.TextField(),
    )
    return (
        queryset.filter(search_vector=ts_query)
        .annotate(
            search_rank=SearchRank(F("search_vector"), ts_query),
            search_headline=SearchHeadline(
                plain_text,
                ts_query,
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-search_rank", "-published_at", "-pk")
    )


def _contains(field: str, term: str) -> Q:
    # SQLite's LIKE ignores case for ASCII letters only, so "über" would miss
    # "Über": try the usual spellings of the word as well.
    variants = {term, term.capitalize(), term.upper()}
    condition = Q()
    for variant in variants:
        condition |= Q(**{f"{field}__icontains": variant})
    return condition


def _search_fallback(queryset, query: Query):
    matches = Q()
    rank = Value(0)
    for term in query.terms:
        in_title, in_teaser, in_body = (_contains(f, term) for f in ("title", "teaser", "body"))
        matches &= in_title | in_teaser | in_body
        rank = rank + Case(
            When(in_title, then=Value(4)),
            When(in_teaser, then=Value(2)),
            When(in_body, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return (
        queryset.filter(matches)
        .annotate(search_rank=rank)
        .order_by("-search_rank", "-published_at", "-pk")
    )


def snippet(article, query: Query) -> SafeString:
    """An escaped excerpt of ``article`` with the hits wrapped in <mark>."""
    headline = getattr(article, "search_headline", None)
    if headline is None:
        headline = _fallback_headline(article, query.terms)
    else:
        # The database stripped the body's tags; its entities are still encoded.
        headline = html.unescape(headline)
    text = escape(" ".join(headline.split()))
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _fallback_headline(article, terms: list[str]) -> str:
    # A space before each tag, as regexp_replace does on PostgreSQL: otherwise
    # "<h2>Ausblick</h2><p>Wir" would become the one word "AusblickWir".
    body = html.unescape(strip_tags(article.body.replace("<", " <")))
    words = f"{article.teaser} {body}".split()
    lowered = [word.lower() for word in words]
    first_hit = next(
        (i for i, word in enumerate(lowered) if any(term in word for term in terms)), 0
    )
    start = max(0, first_hit - SNIPPET_WORDS // 3)
    window = " ".join(words[start : start + SNIPPET_WORDS])

    def mark(match: re.Match) -> str:
        word = match.group()
        return f"{_START}{word}{_STOP}" if any(t in word.lower() for t in terms) else word

    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return prefix + _WORD.sub(mark, window) + suffix


# --- The index on PostgreSQL (used by migration 0003 and rebuild_search_index) ---


def install_index(schema_editor, config: str | None = None) -> None:
    """Create the trigger that fills ``search_vector``, its GIN index, and fill it."""
    if schema_editor.connection.vendor != "postgresql":
        return
    config = config or text_search_config()
    if config not in {*TEXT_SEARCH_CONFIGS.values(), "simple"}:
        raise ValueError(f"Unknown text-search configuration {config!r}")
    execute = schema_editor.execute
    execute(
        f"""
        CREATE OR REPLACE FUNCTION {_FUNCTION_NAME}() RETURNS trigger AS $$
        BEGIN
            -- The default parser drops HTML tags, so the body needs no stripping.
            NEW.search_vector :=
                setweight(to_tsvector(TG_ARGV[0]::regconfig, coalesce(NEW.title, '')), 'A')
                || setweight(to_tsvector(TG_ARGV[0]::regconfig, coalesce(NEW.teaser, '')), 'B')
                || setweight(to_tsvector(TG_ARGV[0]::regconfig, coalesce(NEW.body, '')), 'C');
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """
    )
    execute(f"DROP TRIGGER IF EXISTS {_TRIGGER_NAME} ON articles_article")
    execute(
        f"CREATE TRIGGER {_TRIGGER_NAME} BEFORE INSERT OR UPDATE OF title, teaser, body "
        f"ON articles_article FOR EACH ROW EXECUTE FUNCTION {_FUNCTION_NAME}('{config}')"
    )
    execute(
        f"CREATE INDEX IF NOT EXISTS {_INDEX_NAME} ON articles_article USING gin (search_vector)"
    )
    # Touching the title fires the trigger for every existing article.
    execute("UPDATE articles_article SET title = title")


def remove_index(schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {_INDEX_NAME}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {_TRIGGER_NAME} ON articles_article")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {_FUNCTION_NAME}()")
