"""One rule for page addresses: ?page= is one plain number or a 301 or the friendly 404."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from foundation.addresses import (
    MAX_PAGE,
    PageAddressMiddleware,
    cache_address,
    canonical_query,
    may_store_address,
    page_link,
    page_named,
    uses_page_number,
)

from .conftest import make_article, make_author, make_category

PER_PAGE = settings.ARTICLES_PER_PAGE
NOT_FOUND = "Wir konnten diese Seite nicht finden"

# Every listing of the site, each with exactly two pages (see the fixture).
LISTINGS = ["/", "/wetter/", "/tag/hafen/", "/author/ada/", "/2024/03/", "/search/?q=Hafen"]

JUNK_PAGES = [
    "zz",
    "-1",
    "1.5",
    "%2B2",  # +2
    "+2",  # " 2"
    "%202",
    "2%20",
    "",
    "0",
    "000",
    "1e3",
    "0x2",
    "last",
    str(MAX_PAGE + 1),
    "9" * 30,
    "9" * 5000,
    "0" * 5000,
    "%EF%BC%92",  # a full-width 2
    "%D9%A2",  # an Arabic-Indic 2
    "%C2%B2",  # a superscript 2
    "2%0A",
    "%002",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<b>2</b>",
    "\"'><img src=x>",
    "ünïcödé🙂",
    "%FF%FE",
]


def with_page(url: str, value: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}page={value}"


@pytest.fixture
def listings(db):
    """Two pages for every listing: the home page, a category, a tag, an author, a month, search."""
    category = make_category("Wetter", slug="wetter")
    author = make_author("Ada Autorin", slug="ada")
    march = timezone.make_aware(datetime(2024, 3, 20, 12))
    articles = [
        make_article(
            f"Hafen Meldung {n}",
            category=category,
            authors=[author],
            tags=["Hafen"],
            published_at=march - timedelta(hours=n),
        )
        for n in range(PER_PAGE + 1)
    ]
    return {"article": articles[0]}


def assert_friendly_404(response) -> None:
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


# --- The rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "number"),
    [(["7"], 7), (["007"], 7), (["2", "02", "2"], 2), ([str(MAX_PAGE)], MAX_PAGE)],
)
def test_one_number_names_its_page_however_often_and_with_whatever_zeros(values, number):
    assert page_named(values) == number


@pytest.mark.parametrize(
    "values",
    [
        [],
        ["2", "3"],
        ["2", "zz"],
        ["zz"],
        ["-1"],
        ["1.5"],
        ["+2"],
        [" 2"],
        ["2 "],
        ["2\n"],
        [""],
        ["0"],
        [str(MAX_PAGE + 1)],
        ["9" * 5000],
        ["２"],
        ["٢"],
        ["²"],
        ["<b>2</b>"],
    ],
)
def test_anything_else_names_no_page(values):
    assert page_named(values) is None


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", ""),
        ("page=2", "page=2"),
        ("page=1", ""),
        ("page=01", ""),
        ("page=007", "page=7"),
        ("page=2&page=2", "page=2"),
        ("page=1&page=01", ""),
        ("pag%65=%32", "page=2"),
        ("q=a+b&page=007&x=%C3%A4", "q=a+b&page=7&x=%C3%A4"),
        ("utm_source=mail&page=1&q=x", "utm_source=mail&q=x"),
        ("x=1&page=3&y=2&page=03", "x=1&page=3&y=2"),
        ("p=123", "p=123"),
        ("a=1&&b=2", "a=1&&b=2"),
        ("page=2&page=3", None),
        ("page=zz&q=x", None),
        ("page", None),
    ],
)
def test_the_canonical_query_has_one_plain_page_where_the_first_one_was(query, canonical):
    assert canonical_query(query) == canonical


# --- 301 to the one address of a page ---------------------------------------------


@pytest.mark.parametrize("url", LISTINGS)
def test_page_one_answers_301_to_the_address_without_it(client, listings, url):
    response = client.get(with_page(url, "1"))
    assert response.status_code == 301
    assert response["Location"] == url


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/?page=01", "/"),
        ("/wetter/?page=0001", "/wetter/"),
        ("/wetter/?page=02", "/wetter/?page=2"),
        ("/wetter/?page=007", "/wetter/?page=7"),
    ],
)
def test_leading_zeros_answer_301_straight_to_the_plain_number(client, listings, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/wetter/?page=2&page=2", "/wetter/?page=2"),
        ("/wetter/?page=2&page=02", "/wetter/?page=2"),
        ("/wetter/?page=1&page=1", "/wetter/"),
    ],
)
def test_a_repeated_page_of_one_number_answers_301_to_it_once(client, listings, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_a_repeated_page_of_different_numbers_is_not_found(client, listings):
    assert_friendly_404(client.get("/wetter/?page=1&page=2"))


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/search/?q=Hafen&page=01&sort=neu", "/search/?q=Hafen&sort=neu"),
        ("/search/?x=1&page=002&q=Hafen+Meldung", "/search/?x=1&page=2&q=Hafen+Meldung"),
        ("/search/?q=Stra%C3%9Fe&page=1", "/search/?q=Stra%C3%9Fe"),
        ("/wetter/?utm_source=a&page=1&utm_medium=b", "/wetter/?utm_source=a&utm_medium=b"),
    ],
)
def test_a_redirect_keeps_the_other_parameters_in_their_order(client, listings, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target


def test_head_requests_follow_the_same_rule(client, listings):
    redirected = client.head("/wetter/?page=01")
    assert redirected.status_code == 301
    assert redirected["Location"] == "/wetter/"
    assert client.head("/wetter/?page=zz").status_code == 404
    assert client.head("/wetter/?page=3").status_code == 404
    assert client.head("/wetter/?page=2").status_code == 200
    assert client.head("/?page=2").status_code == 200
    assert client.head("/?page=01")["Location"] == "/"


def test_a_redirect_never_leads_to_another_site(rf):
    request = rf.get("/?page=1")
    request.path = "//evil.example/"
    response = PageAddressMiddleware(lambda request: None)(request)
    assert response.status_code == 301
    assert not response["Location"].startswith("//")


# --- The friendly 404 ---------------------------------------------------------


@pytest.mark.parametrize("value", JUNK_PAGES)
def test_a_page_value_that_is_no_page_number_gets_the_friendly_404(client, listings, value):
    assert_friendly_404(client.get(f"/wetter/?page={value}"))


@pytest.mark.parametrize("page", ["home", "search", "article"])
def test_every_page_follows_the_rule_not_only_the_categories(client, listings, page):
    url = {
        "home": "/",
        "search": "/search/?q=Hafen",
        "article": listings["article"].get_absolute_url(),
    }[page]
    for value in ("zz", "0", "-1", "9" * 30):
        assert_friendly_404(client.get(with_page(url, value)))


def test_a_word_no_longer_shows_the_first_page_of_the_home_page(client, listings):
    assert_friendly_404(client.get("/?page=erste"))


@pytest.mark.parametrize("url", LISTINGS)
def test_a_page_past_the_end_of_any_listing_is_not_found(client, listings, url):
    second = client.get(with_page(url, "2"))
    assert second.status_code == 200
    assert second.context["page_obj"].number == 2
    assert_friendly_404(client.get(with_page(url, "3")))
    assert_friendly_404(client.get(with_page(url, str(MAX_PAGE))))


def test_search_without_results_has_its_first_page_and_no_second(client, listings):
    assert client.get("/search/?q=Vulkan").status_code == 200
    assert_friendly_404(client.get("/search/?q=Vulkan&page=2"))


# --- What the rule leaves alone --------------------------------------------------


def test_only_get_and_head_follow_the_rule(client, listings):
    # A listing takes no POST: the view says so, the rule does not answer first.
    assert client.post("/wetter/?page=zz").status_code == 405
    assert client.post("/wetter/?page=01").status_code == 405


@pytest.mark.parametrize("value", ["1", "01", "zz"])
def test_paths_that_are_not_shared_pages_are_left_alone(client, db, value):
    assert client.get(f"/admin/login/?page={value}").status_code == 200


def test_the_p_of_sitemaps_and_wordpress_links_is_left_alone(client, listings):
    assert client.get("/?p=007").status_code == 200
    assert client.get("/sitemap-articles.xml?p=1").status_code == 200


# --- Tracking parameters ------------------------------------------------------


def test_tracking_parameters_never_reach_the_view(client, listings):
    response = client.get("/wetter/?utm_source=mail&page=2&fbclid=abc&UTM_x=1&gclid=x")
    assert response.status_code == 200
    request = response.wsgi_request
    assert list(request.GET) == ["page", "UTM_x"]
    assert request.get_full_path() == "/wetter/?page=2&UTM_x=1"


def test_a_link_with_only_tracking_parameters_is_the_plain_page(client, listings):
    response = client.get("/wetter/?utm_source=newsletter&utm_campaign=mai&mc_cid=1&mc_eid=2")
    assert response.status_code == 200
    assert not response.wsgi_request.GET
    assert cache_address(response.wsgi_request) == "/wetter/"


# --- The page cache's address ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("/", "/"),
        ("/wetter/", "/wetter/"),
        ("/wetter/?page=2", "/wetter/?page=2"),
        (f"/wetter/?page={MAX_PAGE}", f"/wetter/?page={MAX_PAGE}"),
        ("/tag/passwörter/", "/tag/passw%C3%B6rter/"),
    ],
)
def test_the_cache_address_is_the_path_and_the_plain_page_number(rf, url, address):
    assert cache_address(rf.get(url)) == address


def test_the_cache_address_ignores_host_and_scheme(rf, settings):
    settings.ALLOWED_HOSTS = ["*"]
    addresses = {
        cache_address(rf.get("/wetter/?page=2", HTTP_HOST=host, secure=secure))
        for host in ("testserver", "TESTSERVER", "localhost:8000", "news.example.org")
        for secure in (False, True)
    }
    assert addresses == {"/wetter/?page=2"}


@pytest.mark.parametrize(
    "url",
    [
        "/wetter/?miss=1",
        "/politik/wahl/?replyto=3",
        "/search/?q=Hafen",
        "/wetter/?page=2&miss=1",
        "/wetter/?utm_source=mail",  # not taken off yet: the view would see it
        "/wetter/?page=1",
        "/wetter/?page=02",
        "/wetter/?page=2&page=2",
        "/wetter/?page=zz",
        "/admin/",
        "/static/css/site.css",
        "/media/bild.png",
        "/newsletter/",
        "/comments/post/1/",
    ],
)
def test_any_other_address_bypasses_the_page_cache(rf, url):
    assert cache_address(rf.get(url)) is None


def test_other_parameters_keep_bypassing_the_page_cache_after_the_rule(client, listings):
    for url in ("/wetter/?miss=7", "/?replyto=3", "/search/?q=Hafen&page=2"):
        response = client.get(url)
        assert response.status_code == 200
        assert cache_address(response.wsgi_request) is None


@pytest.mark.parametrize("url", LISTINGS)
def test_listings_mark_that_they_read_the_page_number(client, listings, url):
    request = client.get(with_page(url, "2")).wsgi_request
    assert uses_page_number(request)
    assert may_store_address(request)


def test_a_page_number_on_an_article_is_the_article_and_never_kept_as_a_page(client, listings):
    url = listings["article"].get_absolute_url()
    response = client.get(url + "?page=2")
    assert response.status_code == 200
    assert not uses_page_number(response.wsgi_request)
    assert not may_store_address(response.wsgi_request)
    assert may_store_address(client.get(url).wsgi_request)
    assert client.get(url + "?page=1")["Location"] == url


def test_junk_addresses_add_no_entries_to_the_page_cache(client, listings):
    from django.core.cache import cache

    article = listings["article"].get_absolute_url()
    for url in ("/", "/?page=2", "/wetter/", "/wetter/?page=2", article, "/wetter/?page=zz"):
        client.get(url)
        client.get(url)  # the first render may stamp new tags; the second is kept
    entries = len(cache._cache)

    junk = [f"/wetter/?page={value}" for value in [*JUNK_PAGES, "01", "007", "1", "2&page=2"]]
    junk += [f"{article}?page={n}" for n in range(2, 30)]
    junk += ["/?utm_source=mail", "/wetter/?page=2&fbclid=x", "/?gclid=1&utm_medium=social"]
    for url in junk:
        assert client.get(url).status_code in (200, 301, 404)
    for host in ("localhost", "127.0.0.1", "TESTSERVER", "testserver:80"):
        assert client.get("/wetter/", HTTP_HOST=host).status_code == 200
    assert client.get("/wetter/?page=2", secure=True).status_code == 200

    assert len(cache._cache) == entries


# --- Links to pages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "number", "link"),
    [
        ("/wetter/?page=2", 1, "/wetter/"),
        ("/wetter/?page=2", 3, "?page=3"),
        ("/wetter/", 2, "?page=2"),
        ("/search/?q=Hafen&page=2", 1, "?q=Hafen"),
        ("/search/?q=Hafen&page=2", 3, "?q=Hafen&page=3"),
    ],
)
def test_a_link_to_page_one_is_the_address_without_a_page(rf, url, number, link):
    assert page_link(rf.get(url), number) == link


def test_newer_articles_on_page_two_leads_to_page_one_without_a_redirect(client, listings):
    html = client.get("/wetter/?page=2").content.decode()
    assert 'rel="prev" href="/wetter/"' in html
