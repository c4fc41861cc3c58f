"""Each public page runs a fixed number of SQL queries, however much there is to show."""

import pytest

from .conftest import image_upload, make_article, make_author, make_category

pytestmark = pytest.mark.django_db

# The pinned budgets with every cache cold (the first request after a deploy).
# A page that needs more must say why here.
#   every page: nav categories, "Popular now", "Recent comments", the time of
#               the next scheduled article (for the page cache's lifetime)
#   home:     lead story (+ bylines), latest page (+ bylines), newest per
#             category (+ bylines)
#   article:  article with category, bylines, sources, tags; related articles
#             (ranking, the articles); comments; moderation rules
#   listings: the heading object, the page of articles, their bylines
# No page counts its articles: listings read one article more than they show
# to know whether there is an older page (articles/pagination.py).
# tests/test_page_cache.py pins the lower counts of a running site, where the
# site-wide pieces are warm.
BUDGET = {"home": 11, "article": 11, "category": 7, "tag": 7, "author": 7}


def build_newsroom(size: int) -> dict:
    """``size`` articles, each with its own author, category and tags, plus an image."""
    shared_tag = "Alle"
    authors = [make_author() for _ in range(size)]
    categories = [make_category() for _ in range(min(size, 12))]
    articles = []
    for n in range(size):
        articles.append(
            make_article(
                category=categories[n % len(categories)],
                authors=[authors[n], authors[(n + 1) % size]],
                tags=[shared_tag, f"Thema {n}", f"Extra {n}"],
                is_featured=n == 0,
                **(
                    {"featured_image": image_upload(), "featured_image_alt": "Bild"}
                    if n < 3
                    else {}
                ),
            )
        )
    for article in articles[:10]:
        article.sources.create(name="Quelle A", url="https://a.example", position=0)
        article.sources.create(name="Quelle B", position=1)
    return {
        "home": "/",
        "article": articles[1].get_absolute_url(),
        "category": categories[0].get_absolute_url(),
        "tag": "/tag/alle/",
        "author": authors[1].get_absolute_url(),
    }


@pytest.mark.parametrize("page", sorted(BUDGET))
@pytest.mark.parametrize("size", [5, 50])
def test_page_query_count_does_not_grow(client, django_assert_max_num_queries, page, size):
    urls = build_newsroom(size)
    with django_assert_max_num_queries(BUDGET[page]) as queries:
        response = client.get(urls[page])
    assert response.status_code == 200
    # Exactly the budget: a page that got cheaper should lower its pinned number.
    assert len(queries) == BUDGET[page]
