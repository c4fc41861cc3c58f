"""Newsletter sign-up, confirmation, unsubscribing and the admin, with a real SMTP server."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsletter import issues, signup, subscribers
from newsletter.models import IssueArticle, NewsletterIssue, Subscriber

from . import smtp_sink
from .conftest import make_article, make_user
from .smtp_sink import parts, run_queued_tasks

smtp = smtp_sink.smtp  # the fixture

pytestmark = pytest.mark.django_db

GOOD = {"email": "lena@example.org", "name": "Lena", "consent": "on", "source": "sidebar"}


def sign_up(client, **changes):
    return client.post("/newsletter/", {**GOOD, **changes})


def local(url: str) -> str:
    assert url.startswith("http://testserver/"), url
    return url.removeprefix("http://testserver")


def link(text: str, path: str) -> str:
    return re.search(rf"http://testserver/newsletter/{path}/[^\s\"<]+/", text).group(0)


def test_sign_up_sends_a_confirmation_mail_whose_link_confirms(client, smtp):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/newsletter/thanks/"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert smtp.messages == []  # the worker sends it, not the request

    run_queued_tasks()
    [mail] = smtp.to("lena@example.org")
    assert "bestätigen" in mail["Subject"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = f"http://testserver/newsletter/unsubscribe/{subscriber.token}/"
    assert mail["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    text, html = parts(mail)
    assert "Hallo," in text and unsubscribe in text and unsubscribe in html
    confirm_url = link(text, "confirm")
    assert confirm_url in html

    page = client.get(local(confirm_url))
    assert "Ihr Abonnement ist bestätigt" in page.content.decode()
    # A reader who just confirmed is not asked to subscribe in the sidebar.
    assert 'name="source" value="sidebar"' not in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.confirmed_at

    run_queued_tasks()
    [_, welcome] = smtp.to("lena@example.org")
    assert "Willkommen" in welcome["Subject"]
    assert welcome["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    welcome_text, welcome_html = parts(welcome)
    assert unsubscribe in welcome_text and unsubscribe in welcome_html


def test_consent_is_recorded_with_time_form_and_wording_version(client):
    sign_up(client, source="article")
    run_queued_tasks()
    subscriber = Subscriber.objects.get()
    assert subscriber.consent_source == "article"
    assert subscriber.consent_version == signup.CONSENT_VERSION
    assert timezone.now() - subscriber.consented_at < timedelta(minutes=1)
    assert subscriber.confirmation_sent_at is not None
    assert subscriber.confirmed_at is None


def test_the_answer_is_the_same_whatever_the_address_is(client):
    answers = [sign_up(client)]  # new
    answers.append(sign_up(client))  # pending
    Subscriber.objects.update(status="confirmed")
    answers.append(sign_up(client))  # confirmed
    Subscriber.objects.update(status="unsubscribed")
    answers.append(sign_up(client))  # unsubscribed
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, "/newsletter/thanks/")}


def statements_of_a_sign_up(email: str) -> list[str]:
    """The SQL a sign-up request runs, as written (values left out), in order."""
    from django.db import connection

    statements = []

    def note(execute, sql, params, many, context):
        statements.append(re.sub(r'"s\d+_x\d+"', '"savepoint"', sql))  # numbered per use
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        response = sign_up(Client(), email=email)
    assert (response.status_code, response["Location"]) == (302, "/newsletter/thanks/")
    return statements


def test_sign_up_timing_cannot_tell_new_pending_confirmed_and_unsubscribed_addresses(
    settings,
):
    """Whoever tries an address learns nothing from how long the answer takes: the
    request runs the same statements in the same order whatever the address's state."""
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 100
    now = timezone.now()
    Subscriber.objects.create(email="pending@example.org", confirmation_sent_at=now)
    Subscriber.objects.create(
        email="due@example.org", confirmation_sent_at=now - timedelta(hours=2)
    )
    Subscriber.objects.create(email="confirmed@example.org", status="confirmed")
    Subscriber.objects.create(email="gone@example.org", status="unsubscribed")
    statements_of_a_sign_up("warm-up@example.org")  # the rate limit's first sweep
    by_state = {
        state: statements_of_a_sign_up(email)
        for state, email in [
            ("new", "new@example.org"),
            ("pending", "PENDING@example.org"),
            ("pending, mail due again", "due@example.org"),
            ("confirmed", "confirmed@example.org"),
            ("unsubscribed", "gone@example.org"),
        ]
    }
    for state, statements in by_state.items():
        assert statements == by_state["new"], state
    # What differs is left to the worker: the queued follow-ups do it.
    run_queued_tasks()
    states = dict(Subscriber.objects.values_list("email", "status"))
    assert states["new@example.org"] == "pending"
    assert states["confirmed@example.org"] == "confirmed"
    assert states["gone@example.org"] == "pending"
    from django.core import mail

    assert sorted(m.to[0] for m in mail.outbox) == [
        "due@example.org",
        "gone@example.org",
        "new@example.org",
        "warm-up@example.org",
    ]


def test_signing_up_again_while_pending_resends_at_most_once_an_hour(client, smtp):
    sign_up(client)
    sign_up(client, email="LENA@Example.org")
    run_queued_tasks()
    assert len(smtp.to("lena@example.org")) == 1
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=61))
    sign_up(client)
    run_queued_tasks()
    assert len(smtp.to("lena@example.org")) == 2


def test_addresses_are_compared_case_insensitively_and_stored_once(client):
    sign_up(client, email="Lena@Example.org")
    sign_up(client, email="lena@example.ORG")
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["Lena@Example.org"]


def test_a_confirmed_reader_signing_up_again_gets_no_mail_and_stays_confirmed(client, smtp):
    sign_up(client)
    Subscriber.objects.update(status="confirmed", confirmation_sent_at=None)
    sign_up(client, name="Someone else")
    run_queued_tasks()
    assert smtp.messages == []
    assert Subscriber.objects.get().name == "Lena"


def test_an_unsubscribed_reader_may_subscribe_again_with_fresh_consent(client):
    sign_up(client)
    Subscriber.objects.update(
        status="unsubscribed", confirmation_sent_at=None, consent_source="page"
    )
    sign_up(client, source="sidebar")
    run_queued_tasks()  # the request only queues what depends on the address's state
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "pending" and subscriber.consent_source == "sidebar"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": ""}, "Bitte geben Sie Ihre E-Mail-Adresse ein."),
        ({"email": "not-an-address"}, "Das sieht nicht nach einer E-Mail-Adresse aus."),
        ({"email": "a" * 300 + "@example.org"}, "höchstens 254 Zeichen"),
        ({"email": "<script>alert(1)</script>@x.org"}, "Das sieht nicht nach einer"),
        ({"consent": ""}, "Bitte stimmen Sie dem Empfang des Newsletters zu."),
        ({"website": "http://spam.example"}, "leer"),
        ({"name": "N" * 500}, "höchstens 100 Zeichen"),
        ({"email": "lena\x00@example.org"}, "Null"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, changes, message):
    response = sign_up(client, **changes)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert Subscriber.objects.count() == 0
    if "name" not in changes:
        assert 'value="Lena"' in body


def test_html_in_the_name_is_escaped_in_page_and_mail(client, smtp):
    sign_up(client, name="<b>Lena</b>", email="")
    response = sign_up(client, name="<b>Lena</b>", email="")
    assert "<b>Lena</b>" not in response.content.decode()
    assert "&lt;b&gt;Lena&lt;/b&gt;" in response.content.decode()
    sign_up(client, name="<b>Lena</b>")
    run_queued_tasks()
    text, html = parts(smtp.messages[0])
    assert "<b>" not in text + html and "&lt;b&gt;" not in html


def test_an_attacker_cannot_put_words_into_the_confirmation_mail_through_the_name(client, smtp):
    """Anyone can sign up any address: the name typed in is the sender's, not the reader's."""
    bait = "Ihr Konto wird gesperrt. Bitte melden Sie sich unter evil.example an"
    sign_up(client, email="opfer@example.org", name=bait)
    run_queued_tasks()
    [mail] = smtp.to("opfer@example.org")
    text, html = parts(mail)
    assert "evil.example" not in mail["Subject"] + text + html
    assert text.startswith("Hallo,")
    link(text, "confirm")  # and it still does its job


def test_unicode_addresses_and_names_are_accepted(client):
    response = sign_up(client, email="juergen@bücher.example", name="Jürgen Çelik")
    assert response.status_code == 302
    assert Subscriber.objects.get().name == "Jürgen Çelik"


def test_too_many_sign_ups_from_one_client_are_refused(client, settings):
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 3
    for n in range(3):
        assert sign_up(client, email=f"reader{n}@example.org").status_code == 302
    response = sign_up(client, email="reader9@example.org")
    assert response.status_code == 200
    assert "Zu viele Anmeldungen" in response.content.decode()
    assert 'value="reader9@example.org"' in response.content.decode()
    assert not Subscriber.objects.with_email("reader9@example.org").exists()


def test_a_failed_csrf_check_keeps_the_input_and_asks_to_send_again():
    client = Client(enforce_csrf_checks=True)
    # Sent from the site's own page (the browser says so), without JavaScript to fill the token.
    response = client.post(
        "/newsletter/", GOOD, HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "noch einmal" in body and 'value="lena@example.org"' in body
    assert Subscriber.objects.count() == 0
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    assert token
    response = client.post("/newsletter/", {**GOOD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/"},
        {},
    ],
)
def test_a_sign_up_forged_on_another_site_is_not_shown_again_filled_in(headers):
    client = Client(enforce_csrf_checks=True)
    forged = {**GOOD, "email": "opfer@example.org", "name": "Gesperrt! evil.example"}
    response = client.post("/newsletter/", forged, **headers)
    body = response.content.decode()
    assert response.status_code == 403
    assert "opfer@example.org" not in body and "evil.example" not in body
    assert "von einer anderen Website" in body
    assert 'name="email"' in body and "errorlist" not in body
    assert Subscriber.objects.count() == 0


def test_the_form_is_in_the_sidebar_under_articles_and_on_its_own_page(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="source" value="sidebar"' in page
    assert 'name="source" value="article"' in page
    assert "Abonnieren Sie unseren Newsletter!" in page
    assert "data-csrf-refresh" in page
    own = client.get("/newsletter/").content.decode()
    assert 'name="source" value="page"' in own
    # Its own page has one form, not a second one in the sidebar.
    assert 'name="source" value="sidebar"' not in own
    assert "Neueste Kommentare" in own  # the rest of the sidebar stays
    thanks = client.get("/newsletter/thanks/").content.decode()
    assert 'name="source" value="sidebar"' not in thanks
    privacy = client.get("/privacy/").content.decode()
    assert 'id="newsletter"' in privacy and "Double-Opt-in" in privacy


def test_the_sign_up_form_adds_no_queries_to_a_page(client):
    """The sign-up page costs what the plain privacy page costs: the form itself is free."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article()
    counts = {}
    for url in ("/privacy/", "/newsletter/"):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    assert counts["/newsletter/"] == counts["/privacy/"]


def test_an_expired_confirmation_link_asks_to_sign_up_again(client, settings, smtp):
    sign_up(client)
    run_queued_tasks()
    text, _ = parts(smtp.messages[0])
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    response = client.get(local(link(text, "confirm")))
    assert "abgelaufen" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


def test_a_tampered_confirmation_link_confirms_nothing(client):
    sign_up(client)
    token = Subscriber.objects.get().token
    response = client.get(f"/newsletter/confirm/{token}:forged:sig/")
    assert response.status_code == 404
    assert Subscriber.objects.get().status == "pending"


def test_one_click_unsubscribe_needs_no_cookie_or_csrf_token():
    subscriber = Subscriber.objects.create(email="max@example.org", status="confirmed")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/newsletter/unsubscribe/{subscriber.token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and subscriber.unsubscribed_at


def test_the_unsubscribe_link_asks_before_it_unsubscribes(client):
    subscriber = Subscriber.objects.create(email="max@example.org", status="confirmed")
    url = f"/newsletter/unsubscribe/{subscriber.token}/"
    page = client.get(url).content.decode()
    assert "Newsletter abbestellen?" in page and '<form method="post">' in page
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    done = client.post(url).content.decode()
    assert "Sie sind abgemeldet" in done
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_an_unknown_unsubscribe_token_is_a_404(client):
    assert client.post("/newsletter/unsubscribe/nope/").status_code == 404


# --- Admin --------------------------------------------------------------------


def test_editors_manage_the_newsletter_authors_and_moderators_do_not(client, editor):
    client.force_login(editor)
    assert client.get("/admin/newsletter/subscriber/").status_code == 200
    assert client.get("/admin/newsletter/newsletterissue/add/").status_code == 200
    for role in ["Author", "Moderator"]:
        other = make_user(role=role)
        client.force_login(other)
        assert client.get("/admin/newsletter/subscriber/").status_code == 403
        assert "newsletter" not in client.get("/admin/").content.decode().lower()


def test_subscriber_list_filters_by_status_and_shows_counts(client, editor):
    Subscriber.objects.create(email="a@example.org", status="confirmed")
    Subscriber.objects.create(email="b@example.org", status="pending")
    Subscriber.objects.create(email="c@example.org", status="unsubscribed")
    client.force_login(editor)
    page = client.get("/admin/newsletter/subscriber/?status__exact=pending").content.decode()
    assert "b@example.org" in page and "a@example.org" not in page
    assert "Bestätigt:</strong> 1" in page
    found = client.get("/admin/newsletter/subscriber/?q=c%40example").content.decode()
    assert "c@example.org" in found and "b@example.org" not in found


def export(client, editor, *subscribers) -> str:
    client.force_login(editor)
    response = client.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_csv", "_selected_action": [s.pk for s in subscribers]},
    )
    return b"".join(response.streaming_content).decode()


def test_csv_export_of_subscribers_neutralises_formulas(client, editor):
    a = Subscriber.objects.create(email="a@example.org", name="=HYPERLINK()", status="confirmed")
    body = export(client, editor, a)
    assert body.splitlines()[0].startswith('"email","name","status"')
    assert '"a@example.org","\'=HYPERLINK()"' in body


def spreadsheet_cells(body: str, separator: str) -> list[str]:
    """The cells a spreadsheet makes of the file with this separator, quoted or not."""
    import csv
    import io

    cells = [cell for row in csv.reader(io.StringIO(body), delimiter=separator) for cell in row]
    # A spreadsheet that does not honour quotes splits at every separator and line break.
    naive = re.split(rf"[{re.escape(separator)}\r\n]", body)
    return cells + naive


@pytest.mark.parametrize("separator", [",", ";", "\t"])
@pytest.mark.parametrize(
    "name",
    ["x;=1+1;y", "x,=1+1,y", 'x;"=1+1";y', "x; =cmd|' /C calc'!A0", "x\n@SUM(1)", "Müller, -1+1"],
)
def test_a_name_cannot_smuggle_a_formula_into_a_spreadsheet_by_its_separators(
    client, editor, separator, name
):
    """A German spreadsheet splits the export at ";", an English one at ","."""
    a = Subscriber.objects.create(email="a@example.org", name=name, status="confirmed")
    body = export(client, editor, a)
    for cell in spreadsheet_cells(body, separator):
        assert cell.lstrip(' "')[:1] not in {"=", "+", "-", "@"}, (cell, body)


def test_csv_import_sends_confirmations_unless_consent_is_attested(client, editor, smtp):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Subscriber.objects.create(email="known@example.org", status="confirmed")
    client.force_login(editor)
    csv_text = "email,name\nnew@example.org,Neu\nKNOWN@example.org,\nnot an address,\n"
    response = client.post(
        "/admin/newsletter/subscriber/import/",
        {"file": SimpleUploadedFile("s.csv", csv_text.encode())},
        follow=True,
    )
    page = response.content.decode()
    assert "1 hinzugefügt, 1 bereits bekannt, 1 Zeilen übersprungen" in page
    assert "Zeile 4" in page
    new = Subscriber.objects.get(email="new@example.org")
    assert new.status == "pending" and new.consent_source == "import"
    run_queued_tasks()
    assert len(smtp.to("new@example.org")) == 1

    client.post(
        "/admin/newsletter/subscriber/import/",
        {
            "file": SimpleUploadedFile("t.csv", b"attested@example.org,Alt\n"),
            "already_consented": "on",
        },
    )
    attested = Subscriber.objects.get(email="attested@example.org")
    assert attested.status == "confirmed"
    assert "editor" in attested.consent_note
    run_queued_tasks()
    assert smtp.to("attested@example.org") == []


def test_a_broken_import_file_gets_a_message_not_an_error(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    response = client.post(
        "/admin/newsletter/subscriber/import/",
        {"file": SimpleUploadedFile("s.csv", b"\xff\xfe\x00bad")},
    )
    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()


def test_gdpr_export_and_erasure_of_one_subscriber(client, editor):
    subscriber = Subscriber.objects.create(email="ida@example.org", name="Ida")
    client.force_login(editor)
    data = client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/personal-data/").json()
    assert data["email"] == "ida@example.org" and data["name"] == "Ida"
    assert "consent_version" in data and data["deliveries"] == []
    client.post(f"/admin/newsletter/subscriber/{subscriber.pk}/delete/", {"post": "yes"})
    assert not Subscriber.objects.exists()


def test_an_issue_is_filled_previewed_tested_and_sent_from_the_admin(client, editor, smtp):
    old = make_article(title="Alt", published_at=timezone.now() - timedelta(days=3))
    NewsletterIssue.objects.create(
        subject="Vorige", status="sent", sent_at=timezone.now() - timedelta(days=2)
    )
    fresh = make_article(title="Frisch & neu", published_at=timezone.now() - timedelta(hours=1))
    make_article(title="Entwurf", status="draft")
    issue = NewsletterIssue.objects.create(subject="Die Woche", intro="Hallo zusammen.")
    Subscriber.objects.create(email="reader@example.org", status="confirmed")
    client.force_login(editor)
    base = f"/admin/newsletter/newsletterissue/{issue.pk}"

    client.post(f"{base}/fill/")
    assert issue.ordered_articles() == [fresh]
    assert old not in issue.ordered_articles()

    preview = client.get(f"{base}/preview/").content.decode()
    assert (
        "Frisch &amp; neu" in preview and "http://testserver" + fresh.get_absolute_url() in preview
    )
    assert "Frisch & neu" in client.get(f"{base}/preview/?format=text").content.decode()

    client.post(f"{base}/send-test/")
    run_queued_tasks()
    assert [m["Subject"] for m in smtp.to(editor.email)] == ["Die Woche"]

    client.post(f"{base}/send/")
    issue.refresh_from_db()
    assert issue.status == "sending"
    assert client.post(f"{base}/send/", follow=True).status_code == 200  # twice: no harm
    run_queued_tasks()
    issue.refresh_from_db()
    assert issue.status == "sent"
    assert len(smtp.to("reader@example.org")) == 1
    page = client.get(f"{base}/change/").content.decode()
    assert "1 gesendet · 0 fehlgeschlagen · 0 ausstehend" in page


@pytest.mark.parametrize(
    "subject",
    ["Die Woche\r\nBcc: alle@example.org", "Die Woche\nzweite Zeile", "Tab\tim Betreff",
     "Die\u2028Woche"],
)  # fmt: skip
def test_a_line_break_in_an_issue_subject_is_refused_before_it_can_jam_the_sending(
    client, editor, subject
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        NewsletterIssue(subject=subject).full_clean()
    assert "subject" in refused.value.message_dict
    client.force_login(editor)
    response = client.post(
        "/admin/newsletter/newsletterissue/add/",
        {
            "subject": subject,
            "intro": "",
            "entries-TOTAL_FORMS": "0",
            "entries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Der Betreff muss eine einzige Zeile" in response.content.decode()
    assert not NewsletterIssue.objects.exists()


def test_an_ordinary_subject_with_umlauts_and_emoji_is_accepted():
    NewsletterIssue(subject="Die Woche: Grüße aus Köln 👨‍👩‍👧 – „Zitat“").full_clean()


def test_filling_adds_what_was_published_since_the_last_issue_after_what_is_there():
    now = timezone.now()
    NewsletterIssue.objects.create(subject="Vorige", status="sent", sent_at=now - timedelta(days=2))
    make_article(title="Schon verschickt", published_at=now - timedelta(days=3))
    chosen = make_article(title="Gewählt", published_at=now - timedelta(hours=5))
    second = make_article(title="Zweiter", published_at=now - timedelta(hours=2))
    first = make_article(title="Erster", published_at=now - timedelta(hours=9))
    make_article(title="Entwurf", status="draft")
    issue = NewsletterIssue.objects.create(subject="Die Woche")
    IssueArticle.objects.create(issue=issue, article=chosen, position=5)

    assert issues.fill(issue) == 2
    assert issue.ordered_articles() == [chosen, first, second]
    assert list(issue.entries.values_list("position", flat=True)) == [5, 6, 7]
    assert issues.fill(issue) == 0  # filling again adds nothing twice


def test_the_first_issue_offers_the_last_week():
    recent = make_article(published_at=timezone.now() - timedelta(days=6))
    make_article(published_at=timezone.now() - timedelta(days=8))
    issue = NewsletterIssue.objects.create(subject="Die erste")
    assert list(issues.new_articles(issue)) == [recent]


def test_an_issue_that_is_sent_is_not_filled():
    make_article(published_at=timezone.now() - timedelta(hours=1))
    issue = NewsletterIssue.objects.create(subject="Unterwegs", status="sending")
    with pytest.raises(issues.NotADraft):
        issues.fill(issue)
    assert not issue.entries.exists()


def test_an_issue_needs_articles_or_an_introduction_to_be_sent():
    issue = NewsletterIssue.objects.create(subject="Leer", intro="  \n ")
    assert issues.is_empty(issue)
    issue.intro = "Hallo."
    assert not issues.is_empty(issue)
    issue.intro = ""
    IssueArticle.objects.create(issue=issue, article=make_article())
    assert not issues.is_empty(issue)


def test_an_import_skips_header_and_blank_lines_and_reports_what_is_no_address(editor):
    Subscriber.objects.create(email="known@example.org", status="confirmed")
    too_long = "a" * 250 + "@example.org"
    text = (
        "E-Mail;Name\n"
        "\n"
        " , \n"
        "neu@example.org,  Nina   Neu \n"
        "Known@Example.org,Schon da\n"
        "kaputt,\n"
        f"{too_long},\n"
    )
    report = subscribers.import_subscribers(text, already_consented=True, editor=editor)
    assert (report.added, report.existing) == (1, 1)
    assert report.invalid == [(6, "kaputt"), (7, too_long[:80])]
    new = Subscriber.objects.get(email="neu@example.org")
    assert new.name == "Nina Neu" and new.status == "confirmed"
    assert new.consent_source == "import" and "editor" in new.consent_note


def test_editors_unsubscribe_in_bulk_only_who_is_still_subscribed():
    earlier = timezone.now() - timedelta(days=30)
    gone = Subscriber.objects.create(
        email="weg@example.org", status="unsubscribed", unsubscribed_at=earlier
    )
    Subscriber.objects.create(email="a@example.org", status="confirmed")
    Subscriber.objects.create(email="b@example.org", status="pending")
    assert subscribers.unsubscribe_all(Subscriber.objects.all()) == 2
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"unsubscribed"}
    gone.refresh_from_db()
    assert gone.unsubscribed_at == earlier  # the first time they left stays on record


def test_an_empty_submission_shows_what_is_missing(client):
    response = client.post("/newsletter/", {})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein." in body
    assert "Bitte stimmen Sie dem Empfang des Newsletters zu." in body


def test_a_duplicate_submit_records_one_subscriber_and_sends_one_mail(client, smtp):
    sign_up(client)
    sign_up(client)
    run_queued_tasks()
    assert Subscriber.objects.count() == 1
    assert len(smtp.messages) == 1


def test_the_issue_list_shows_progress(client, editor):
    from newsletter.models import Delivery

    issue = NewsletterIssue.objects.create(subject="Läuft", status="sending")
    for n, status in enumerate(["sent", "sent", "failed", "pending"]):
        subscriber = Subscriber.objects.create(email=f"p{n}@example.org", status="confirmed")
        Delivery.objects.create(issue=issue, subscriber=subscriber, status=status)
    client.force_login(editor)
    page = client.get("/admin/newsletter/newsletterissue/").content.decode()
    assert "2 gesendet · 1 fehlgeschlagen · 1 ausstehend" in page


def test_editors_can_unsubscribe_people_who_ask_by_other_means(client, editor):
    subscriber = Subscriber.objects.create(email="asks@example.org", status="confirmed")
    client.force_login(editor)
    client.post(
        "/admin/newsletter/subscriber/",
        {"action": "unsubscribe_selected", "_selected_action": [subscriber.pk]},
    )
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and subscriber.unsubscribed_at


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_newsletter_catalogue_is_complete_and_compiled(language, tmp_path):
    import subprocess
    from pathlib import Path

    po = Path(__file__).parent.parent / "newsletter/locale" / language / "LC_MESSAGES/django.po"
    text = po.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    entries = text.split("\n\n")[1:]
    assert not [e for e in entries if e.rstrip().endswith('msgstr ""') and "msgid" in e]
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", compiled, po], check=True)
    assert compiled.read_bytes() == po.with_suffix(".mo").read_bytes()
