"""A large demo newsroom built fast with bulk inserts, for ``manage.py benchmark``.

Other modules extend it without touching this file; the command imports
them (demo/benchmark_comments.py for the comments). Each may register

* a *builder* with ``@builder``: called after each round of articles with
  the ``Newsroom`` being built and the ids of the new articles (the
  comments and their threads are added this way);
* a *page* with ``@page("label")``: returns the address to measure, or
  None to skip it (an article with 300 comments, say).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleViews, AuthorProfile, Byline, Category

BATCH = 2000
TAGS = 500
AUTHORS = 30
# Articles that got readers during the last week (the newest: the size of
# the archive does not change how many are read), and in how many hours each.
READ_ARTICLES = 1000
READ_HOURS = 12

SECTIONS = [
    ("Politik", None),
    ("Wirtschaft", None),
    ("Wissen", None),
    ("Technik", None),
    ("Kultur", None),
    ("Sport", None),
    ("Regional", None),
    ("Meinung", None),
    ("Künstliche Intelligenz", "Technik"),
    ("Sicherheit", "Technik"),
    ("Fußball", "Sport"),
    ("Klima", "Wissen"),
]

# Original filler text for the demo articles.
PARAGRAPHS = [
    "Die Redaktion hat in dieser Woche mit vielen Beteiligten gesprochen. Was sie "
    "erzählen, ergibt ein Bild, das sich von den ersten Meldungen deutlich unterscheidet.",
    "Fachleute raten zur Geduld: Belastbare Zahlen gebe es erst in einigen Monaten. "
    "Bis dahin lohne es sich, genau hinzusehen, wer welche Annahmen trifft.",
    "Für Leserinnen und Leser bedeutet das vor allem eines: Die nächsten Schritte "
    "werden im Rathaus, im Labor und in den Betrieben entschieden, nicht in Talkshows.",
    "Wir bleiben an dem Thema dran und ergänzen diesen Beitrag, sobald neue "
    "Erkenntnisse vorliegen. Hinweise erreichen die Redaktion jederzeit.",
]
BODY = "".join(f"<p>{text}</p>" for text in PARAGRAPHS * 4)
# One topic per article, in its teaser: the search page looks for a word that
# matches about one article in twenty, and for one that matches them all.
TOPICS = [
    "Glasfaser", "Haushalt", "Radwege", "Fernwärme", "Hochwasser", "Ausbildung",
    "Wohnungsbau", "Stadtbahn", "Grundsteuer", "Kitaplätze", "Solardächer", "Ärztemangel",
    "Windkraft", "Schulbau", "Marktplatz", "Freibad", "Bibliothek", "Klinikum",
    "Müllabfuhr", "Ehrenamt",
]  # fmt: skip
SEARCH_RARE = TOPICS[0]
SEARCH_COMMON = "Woche"


@dataclass
class Newsroom:
    """What has been built so far; builders read it and add to it."""

    rng: random.Random
    now: datetime
    categories: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    tag_ids: list = field(default_factory=list)
    article_ids: list = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.article_ids)


Builder = Callable[[Newsroom, list[int]], None]
BUILDERS: list[Builder] = []
PAGES: list[tuple[str, Callable[[Newsroom], str | None]]] = []


def builder(function: Builder) -> Builder:
    """Register ``function(newsroom, new_article_ids)`` to run after each round of articles."""
    BUILDERS.append(function)
    return function


def page(label: str):
    """Register ``function(newsroom) -> address or None`` as a page to measure."""

    def register(function):
        PAGES.append((label, function))
        return function

    return register


def grow(newsroom: Newsroom, target: int) -> list[int]:
    """Add articles until the newsroom has ``target``; returns the new ids."""
    if not newsroom.categories:
        _build_foundations(newsroom)
    new_ids: list[int] = []
    for start in range(newsroom.size, target, BATCH):
        new_ids += _add_articles(newsroom, range(start, min(start + BATCH, target)))
    newsroom.article_ids += new_ids
    for extend in BUILDERS:
        extend(newsroom, new_ids)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return new_ids


def _build_foundations(newsroom: Newsroom) -> None:
    by_name = {}
    for position, (name, parent) in enumerate(SECTIONS):
        slug = name.lower().replace(" ", "-").replace("ß", "ss").replace("ü", "ue")
        by_name[name] = Category.objects.create(
            name=name, slug=slug, parent=by_name.get(parent), position=position
        )
    newsroom.categories = list(by_name.values())
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"bench-author-{n}", is_staff=True) for n in range(AUTHORS)]
    )
    newsroom.authors = AuthorProfile.objects.bulk_create(
        [
            AuthorProfile(
                user=user,
                display_name=f"Autorin {n}",
                slug=f"autorin-{n}",
                bio="Schreibt über das, was die Region bewegt.",
            )
            for n, user in enumerate(users)
        ]
    )
    tags = Tag.objects.bulk_create([Tag(name=f"Thema {n}", slug=f"thema-{n}") for n in range(TAGS)])
    newsroom.tag_ids = [tag.pk for tag in tags]


def _add_articles(newsroom: Newsroom, numbers: range) -> list[int]:
    rng = newsroom.rng
    # Article 0 is the newest; later rounds fill the archive further back.
    articles = Article.objects.bulk_create(
        [
            Article(
                title=f"Bericht {n}: was die Woche bringt",
                slug=f"bericht-{n}",
                teaser=f"{TOPICS[n % len(TOPICS)]}: die wichtigsten Entwicklungen, kurz erklärt.",
                body=BODY,
                category=rng.choice(newsroom.categories),
                status=Article.Status.PUBLISHED,
                published_at=newsroom.now - timedelta(minutes=90 * n + 5),
                is_featured=n % 40 == 0,
            )
            for n in numbers
        ]
    )
    content_type = ContentType.objects.get_for_model(Article)
    # A few tags are common and most are rare, as on a real site.
    weights = [1 / (rank + 1) for rank in range(len(newsroom.tag_ids))]
    tagged, bylines, views = [], [], []
    for number, article in zip(numbers, articles, strict=True):
        for tag_id in set(rng.choices(newsroom.tag_ids, weights=weights, k=4)):
            tagged.append(
                TaggedItem(content_type=content_type, object_id=article.pk, tag_id=tag_id)
            )
        for position, author in enumerate(rng.sample(newsroom.authors, rng.choice((1, 1, 2)))):
            bylines.append(Byline(article=article, author=author, position=position))
        if number < READ_ARTICLES:
            hour = newsroom.now.replace(minute=0, second=0, microsecond=0)
            for age in rng.sample(range(7 * 24), READ_HOURS):
                views.append(
                    ArticleViews(
                        article=article,
                        hour=hour - timedelta(hours=age),
                        views=rng.randint(1, 400),
                    )
                )
    TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)
    Byline.objects.bulk_create(bylines, batch_size=BATCH)
    ArticleViews.objects.bulk_create(views, batch_size=BATCH)
    return [article.pk for article in articles]


def _reverse_first(*names: str, **kwargs) -> str | None:
    for name in names:
        try:
            return reverse(name, **kwargs)
        except NoReverseMatch:
            continue
    return None


def _sample_article(newsroom: Newsroom) -> Article:
    return Article.objects.select_related("category").get(pk=newsroom.article_ids[10])


@page("home")
def _home(newsroom):
    return "/"


@page("article")
def _article(newsroom):
    return _sample_article(newsroom).get_absolute_url()


@page("category")
def _category(newsroom):
    return newsroom.categories[0].get_absolute_url()


@page("tag")
def _tag(newsroom):
    return reverse("articles:tag", kwargs={"slug": "thema-0"})


@page("author")
def _author(newsroom):
    return newsroom.authors[0].get_absolute_url()


@page("search (1 in 20 match)")
def _search(newsroom):
    address = _reverse_first("articles:search")
    return f"{address}?q={SEARCH_RARE}" if address else None


@page("search (all match)")
def _search_common(newsroom):
    address = _reverse_first("articles:search")
    return f"{address}?q={SEARCH_COMMON}" if address else None


@page("feed (RSS)")
def _feed(newsroom):
    return _reverse_first("articles:feed_rss")


@page("sitemap index")
def _sitemap(newsroom):
    return _reverse_first("sitemap_index")


@page("sitemap of articles")
def _sitemap_articles(newsroom):
    return _reverse_first("sitemap_section", kwargs={"section": "articles"})


def start(seed: int = 5) -> Newsroom:
    return Newsroom(rng=random.Random(seed), now=timezone.now())
