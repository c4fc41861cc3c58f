"""Posting comments and replies through the form, and every bad input it must survive."""

import re
import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from comments.forms import STAMP_SALT
from comments.models import Comment, ModerationSettings

from .conftest import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml"}


def stamp_for(article, seconds_ago=60):
    return signing.dumps({"a": article.pk, "t": time.time() - seconds_ago}, salt=STAMP_SALT)


def form_data(article, **overrides):
    data = {
        "text": "Ein kluger Gedanke.\nMit zweiter Zeile.",
        "name": "Lena Leserin",
        "email": "lena@example.org",
        "url": "",
        "parent": "",
        "subject": "",
        "stamp": stamp_for(article),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(client, article, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), form_data(article, **overrides), **BROWSER
    )


@pytest.fixture
def article():
    return make_article(title="Der Artikel")


def test_posting_a_comment_redirects_back_to_the_article(client, article):
    response = post(client, article)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        f"{article.get_absolute_url()}?comment={comment.pk}#comment-{comment.pk}"
    )
    assert comment.name == "Lena Leserin"
    assert comment.text == "Ein kluger Gedanke.\nMit zweiter Zeile."
    assert comment.ip_address == "127.0.0.1"
    page = client.get(response["Location"]).content.decode()
    assert "wartet auf Freigabe" in page


def test_first_comment_is_held_and_shown_to_its_author_only(client, article):
    post(client, article, text="Mein geheimer erster Kommentar")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    own_page = client.get(article.get_absolute_url()).content.decode()
    assert "Mein geheimer erster Kommentar" in own_page
    assert "Ihr Kommentar wartet auf Freigabe" in own_page

    stranger = Client()
    other_page = stranger.get(article.get_absolute_url()).content.decode()
    assert "Mein geheimer erster Kommentar" not in other_page
    # The query string of the redirect shows nothing to anybody else either.
    other_page = stranger.get(f"{article.get_absolute_url()}?comment={comment.pk}")
    assert "Mein geheimer erster Kommentar" not in other_page.content.decode()


def test_readers_without_a_session_get_a_shareable_page(client, article):
    make_comment(article, text="Öffentlich")
    response = Client().get(article.get_absolute_url())
    assert "Cookie" not in response.get("Vary", "")
    assert "Set-Cookie" not in str(response.cookies)


def test_page_with_a_held_comment_is_kept_out_of_caches(client, article):
    post(client, article, text="Nur für mich sichtbar")
    response = client.get(article.get_absolute_url())
    assert "Nur für mich sichtbar" in response.content.decode()
    assert "Cookie" in response["Vary"]
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response  # the page cache tags only what it stores

    # Had the page cache kept it, the next reader would be served this page.
    stranger = Client().get(article.get_absolute_url())
    assert "Nur für mich sichtbar" not in stranger.content.decode()
    assert "ETag" in stranger  # their page is a shared one, made afresh


def test_comment_of_a_known_author_is_published_at_once(client, article):
    make_comment(article, name="Lena Leserin", email="lena@example.org", status="approved")
    response = post(client, article, text="Gleich sichtbar")
    comment = Comment.objects.get(text="Gleich sichtbar")
    assert comment.status == Comment.Status.APPROVED
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Gleich sichtbar" in page
    assert "veröffentlicht" in client.get(response["Location"]).content.decode()


def test_reply_hangs_under_its_parent(client, article):
    parent = make_comment(article)
    post(client, article, parent=str(parent.pk), text="Eine Antwort")
    reply = Comment.objects.get(text="Eine Antwort")
    assert reply.parent == parent
    assert reply.depth == 1
    assert reply.path == f"{parent.pk}/"


def test_reply_below_the_deepest_level_joins_that_level(client, article, settings):
    settings.COMMENTS_MAX_DEPTH = 3
    level0 = make_comment(article)
    level1 = make_comment(article, parent=level0)
    level2 = make_comment(article, parent=level1)
    post(client, article, parent=str(level2.pk), text="Zu tief")
    reply = Comment.objects.get(text="Zu tief")
    assert reply.parent == level1
    assert reply.depth == 2


def test_reply_to_a_parent_deeper_than_allowed_joins_the_deepest_level(client, article, settings):
    # Comments written when the limit was higher stay; new replies respect the limit.
    chain = [make_comment(article)]
    for _ in range(5):
        chain.append(make_comment(article, parent=chain[-1]))
    settings.COMMENTS_MAX_DEPTH = 2
    post(client, article, parent=str(chain[-1].pk), text="Viel zu tief")
    reply = Comment.objects.get(text="Viel zu tief")
    assert reply.parent == chain[0]
    assert reply.depth == 1


def test_with_a_depth_of_one_replies_become_comments_of_their_own(client, article, settings):
    settings.COMMENTS_MAX_DEPTH = 1
    parent = make_comment(article)
    post(client, article, parent=str(parent.pk), text="Flach")
    reply = Comment.objects.get(text="Flach")
    assert (reply.parent, reply.depth, reply.path) == (None, 0, "")


def test_staff_comments_are_published_and_labelled(client, article):
    client.force_login(make_user(role="Editor"))
    post(client, article, text="Die Redaktion antwortet")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    assert comment.is_from_staff
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "aus der Redaktion" in page


def test_comments_by_logged_in_readers_are_linked_to_them(client, article):
    reader = make_user(is_staff=False)
    client.force_login(reader)
    post(client, article)
    comment = Comment.objects.get()
    assert comment.user == reader
    assert not comment.is_from_staff


def test_double_submit_posts_once(client, article):
    post(client, article, text="Nur einmal bitte")
    response = post(client, article, text="  Nur   einmal bitte ")
    assert Comment.objects.count() == 1
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "bereits geschrieben" in page


def test_same_short_reply_to_two_comments_is_no_duplicate(client, article):
    first, second = make_comment(article), make_comment(article)
    post(client, article, parent=str(first.pk), text="Danke!")
    post(client, article, parent=str(second.pk), text="Danke!")
    assert Comment.objects.filter(text="Danke!").count() == 2


def test_same_text_from_another_author_is_no_duplicate(client, article):
    post(client, article, text="Sehe ich auch so.")
    post(client, article, text="Sehe ich auch so.", email="max@example.org", name="Max")
    assert Comment.objects.count() == 2


# --- Bad input: a clear message next to the field, and nothing typed is lost ---


def assert_kept(response, *values):
    page = response.content.decode()
    for value in values:
        assert value in page, value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "", "Dieses Feld ist zwingend erforderlich."),
        ("text", "   \n  ", "Dieses Feld ist zwingend erforderlich."),
        ("text", "x" * 5001, "höchstens 5000 Zeichen"),
        ("name", "", "Dieses Feld ist zwingend erforderlich."),
        ("name", "n" * 81, "höchstens 80 Zeichen"),
        ("email", "", "Dieses Feld ist zwingend erforderlich."),
        ("email", "lena-at-example.org", "gültige E-Mail-Adresse"),
        ("email", "lena@", "gültige E-Mail-Adresse"),
        ("email", "a" * 300 + "@example.org", "höchstens 254 Zeichen"),
        ("url", "javascript:alert(1)", "gültige Adresse"),
        ("url", "https://" + "a" * 300 + ".example", "höchstens 200 Zeichen"),
    ],
)
def test_bad_field_gets_a_message_and_keeps_the_input(client, article, field, value, message):
    typed = {"text": "Mein langer Text", "name": "Lena", "email": "lena@example.org"}
    typed[field] = value
    response = post(client, article, **typed)
    assert response.status_code == 200
    assert Comment.objects.count() == 0
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page
    for name, kept in typed.items():
        if name != field and kept:
            assert kept in page


def test_text_limit_is_configurable(client, article, settings):
    settings.COMMENTS_MAX_LENGTH = 10
    response = post(client, article, text="elf Zeichen")
    assert "höchstens 10 Zeichen" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "parent",
    ["missing", "pending", "spam", "removed", "other_article", "not-a-number", "-1", "9" * 30],
)
def test_reply_to_a_comment_that_cannot_take_replies_is_refused(client, article, parent):
    targets = {
        "missing": lambda: "987654",
        "pending": lambda: str(make_comment(article, status="pending").pk),
        "spam": lambda: str(make_comment(article, status="spam").pk),
        "removed": lambda: str(make_comment(article, status="removed").pk),
        "other_article": lambda: str(make_comment(make_article()).pk),
    }
    value = targets[parent]() if parent in targets else parent
    before = Comment.objects.count()
    response = post(client, article, parent=value, text="Meine Antwort auf nichts")
    assert response.status_code == 200
    assert Comment.objects.count() == before
    assert_kept(response, "Meine Antwort auf nichts", "existiert nicht")
    # The broken target is dropped: sending again posts a new comment.
    assert f'name="parent" value="{value}"' not in response.content.decode()


def test_closed_comments_keep_the_input_and_say_so(client):
    article = make_article(comments_open=False)
    response = post(client, article, text="Zu spät")
    assert response.status_code == 200
    assert_kept(response, "Zu spät", "geschlossen")
    assert Comment.objects.count() == 0


def test_comments_closed_by_age_are_refused(client, article):
    ModerationSettings.objects.filter(pk=1).update(close_after_days=0)
    response = post(client, article, text="Nach Ablauf")
    assert_kept(response, "Nach Ablauf", "geschlossen")
    assert Comment.objects.count() == 0


def test_posting_to_an_unpublished_or_missing_article_is_not_found(client):
    draft = make_article(status="draft")
    assert post(client, draft).status_code == 404
    url = reverse("comments:post", args=[999999])
    assert client.post(url, {"text": "x"}).status_code == 404
    assert client.post("/comments/post/99999999999999999999999/", {"text": "x"}).status_code == 404


def test_get_on_the_post_address_is_not_allowed(client, article):
    assert client.get(reverse("comments:post", args=[article.pk])).status_code == 405


def test_html_and_script_in_every_field_never_reach_a_page(client, article):
    evil = '<script>alert("x")</script><b onmouseover=alert(1)>'
    # A known author whose links were approved before: published at once.
    make_comment(
        article, name=f"Mallory {evil}", email="evil@example.org", url="https://example.org/"
    )
    post(
        client,
        article,
        text=f"{evil} und https://example.org/?q=<script>",
        name=f"Mallory {evil}",
        email="evil@example.org",
        url='https://example.org/"><script>alert(1)</script>',
    )
    comment = Comment.objects.get(text__startswith="<script>")
    assert comment.status == Comment.Status.APPROVED
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "<b onmouseover" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_html_in_a_rejected_form_is_escaped_too(client, article):
    evil = "<script>alert(1)</script>"
    response = post(client, article, text=evil, name=evil, email="bad", url="")
    page = response.content.decode()
    assert evil not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_unicode_is_kept_as_written(client, article):
    make_comment(article, name="Zoë Ñandú", email="zoe@bücher.example", status="approved")
    text = "Grüße aus Köln 👋 — مرحبا — 日本語 — e\u0301"
    post(client, article, text=text, name="Zoë Ñandú", email="zoe@bücher.example")
    comment = Comment.objects.get(text=text)
    assert comment.text == text
    assert text in Client().get(article.get_absolute_url()).content.decode()


def test_null_characters_are_refused_not_a_crash(client, article):
    response = post(client, article, text="a\x00b", name="Lena\x00")
    assert response.status_code == 200
    assert "Null" in response.content.decode()
    assert Comment.objects.count() == 0


def test_huge_values_are_refused_politely(client, article):
    response = post(
        client,
        article,
        text="y" * 200_000,
        name="n" * 10_000,
        email="e" * 10_000,
        url="u" * 10_000,
        parent="1" * 5000,
    )
    assert response.status_code == 200
    assert Comment.objects.count() == 0


def test_filled_honeypot_is_refused(client, article):
    response = post(client, article, subject="Cheap pills", text="Mein Text")
    assert response.status_code == 200
    assert Comment.objects.count() == 0
    assert_kept(response, "Mein Text", "Bitte lassen Sie dieses Feld leer")


def test_sending_too_fast_is_refused_with_a_fresh_form(client, article):
    response = post(client, article, stamp=stamp_for(article, seconds_ago=0), text="Schnell")
    assert Comment.objects.count() == 0
    assert_kept(response, "Schnell", "sehr schnell")


@pytest.mark.parametrize(
    "stamp",
    ["", "forged", None],
)
def test_missing_or_forged_stamp_is_refused(client, article, stamp):
    response = post(client, article, stamp=stamp, text="Ohne Stempel")
    assert Comment.objects.count() == 0
    assert_kept(response, "Ohne Stempel")


def test_stamp_of_another_article_is_refused(client, article):
    response = post(client, article, stamp=stamp_for(make_article()), text="Falscher Stempel")
    assert Comment.objects.count() == 0
    assert_kept(response, "Falscher Stempel")


def test_a_very_old_form_is_refused_but_kept(client, article):
    response = post(client, article, stamp=stamp_for(article, 3 * 86400), text="Alt")
    assert Comment.objects.count() == 0
    assert_kept(response, "Alt", "zu lange offen")


def test_stamp_address_gives_a_fresh_stamp(client, article):
    response = client.get(reverse("comments:stamp", args=[article.pk]))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert signing.loads(response.json()["stamp"], salt=STAMP_SALT)["a"] == article.pk


def test_sixth_comment_within_ten_minutes_is_limited_for_programs(client, article):
    url = reverse("comments:post", args=[article.pk])
    for n in range(5):
        response = client.post(url, form_data(article, text=f"Nummer {n}"))
        assert response.status_code == 302
    response = client.post(url, form_data(article, text="Nummer 6"), HTTP_ACCEPT="*/*")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert Comment.objects.count() == 5


def test_rate_limited_browser_gets_the_form_back_with_its_input(client, article):
    for n in range(5):
        post(client, article, text=f"Nummer {n}")
    response = post(client, article, text="Die sechste Meinung")
    assert response.status_code == 429
    assert_kept(response, "Die sechste Meinung", "in kurzer Zeit")
    assert Comment.objects.count() == 5


def test_typos_do_not_use_up_the_rate_limit(client, article):
    for _ in range(8):
        post(client, article, email="kaputt")
    assert post(client, article).status_code == 302


# A reader's own browser names this site as the sender (no JavaScript, an expired token).
SAME_SITE = [
    {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
    {"HTTP_ORIGIN": "http://testserver"},
    {"HTTP_REFERER": "http://testserver/politik/artikel/"},
]
# Another site's page sent the form (or the browser does not say who did).
CROSS_SITE = [
    {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://blog.testserver"},
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_ORIGIN": "null"},
    {"HTTP_REFERER": "https://evil.example/page.html"},
    {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another site
    {},
]


@pytest.mark.parametrize("headers", SAME_SITE)
def test_csrf_failure_keeps_the_input_and_acts_on_nothing(article, headers):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        form_data(article, text="Ohne Token geschrieben", name="Lena"),
        **BROWSER,
        **headers,
    )
    assert response.status_code == 200
    assert Comment.objects.count() == 0
    assert_kept(response, "Ohne Token geschrieben", "Lena", "noch einmal")
    # The answer carries a real token; sending again with it works.
    token = response.context["csrf_token"]
    assert token
    again = client.post(
        reverse("comments:post", args=[article.pk]),
        {**form_data(article, text="Ohne Token geschrieben"), "csrfmiddlewaretoken": str(token)},
    )
    assert again.status_code == 302
    assert Comment.objects.count() == 1


FORGED = {
    "text": "Wir haben gelogen. Alles Weitere: https://evil.example/wahrheit",
    "name": "Die Redaktion",
    "email": "redaktion@evil.example",
    "url": "https://evil.example/",
}


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_a_form_forged_on_another_site_is_not_echoed_back_with_a_valid_token(article, headers):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        form_data(article, **FORGED),
        **BROWSER,
        **headers,
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert Comment.objects.count() == 0
    for value in FORGED.values():
        assert value not in page, value
    # An empty form to write one's own comment, and why the other one is gone.
    assert "von einer anderen Website" in page
    assert 'name="text"' in page and "errorlist" not in page


def test_a_forged_form_cannot_make_an_editor_publish_in_the_newsrooms_name(article):
    """The attack: a page elsewhere posts to us; the logged-in editor sees our own form,
    filled in and with a valid token, and clicks "send"."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(role="Editor", first_name="Erika", last_name="Muster"))
    url = reverse("comments:post", args=[article.pk])
    headers = {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"}
    response = client.post(url, form_data(article, **FORGED), **BROWSER, **headers)
    page = response.content.decode()
    assert FORGED["text"] not in page and FORGED["name"] not in page
    # Clicking "send" on that page sends what it shows: an empty form, which posts nothing.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', page)
    stamp = re.search(r'name="stamp" value="([^"]*)"', page).group(1)
    shown = {"csrfmiddlewaretoken": token.group(1) if token else "", "stamp": stamp}
    client.post(url, {**shown, "text": "", "name": "", "email": ""}, **BROWSER)
    assert Comment.objects.count() == 0


def test_staff_comments_carry_the_accounts_name_not_the_one_typed_in(client, article):
    editor = make_user(
        role="Editor", first_name="Erika", last_name="Muster", email="erika@newsroom.example"
    )
    client.force_login(editor)
    post(client, article, name="Der Bundeskanzler", email="kanzler@example.org", text="Hallo")
    comment = Comment.objects.get()
    assert comment.is_from_staff
    assert (comment.name, comment.email) == ("Erika Muster", "erika@newsroom.example")


def test_staff_without_a_full_name_comment_under_their_user_name(client, article):
    client.force_login(make_user("mmeier", role="Editor", email="mm@newsroom.example"))
    post(client, article, name="Die Redaktion", text="Hallo")
    assert Comment.objects.get().name == "mmeier"


def test_author_sees_the_comment_as_usual_once_it_is_approved(client, article):
    from comments import services

    client.get(post(client, article, text="Bald freigegeben")["Location"])
    comment = Comment.objects.get()
    services.change_status([comment], Comment.Status.APPROVED)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Bald freigegeben" in page
    assert "wartet auf Freigabe" not in page
    assert "1 Kommentar<" in page


def test_a_tampered_session_list_shows_nothing_extra(client, article):
    other = make_comment(article, status="pending", text="Fremder Kommentar")
    session = client.session
    session["comments_held"] = ["x", True, None, other.pk + 1000]
    session.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Fremder Kommentar" not in page


def test_stamp_for_a_missing_article_is_not_found(client):
    assert client.get(reverse("comments:stamp", args=[424242])).status_code == 404
