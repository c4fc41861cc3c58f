"""German by default, English on request: dates, numbers and every visible string."""

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation

from newsroom.templatetags.newsroom import date_line

from .conftest import make_article

LOCALE = Path(__file__).resolve().parent.parent / "locale"
WEDNESDAY = timezone.make_aware(datetime(2024, 12, 4, 9, 15))


def test_german_date_line_reads_like_a_newspaper():
    with translation.override("de"):
        assert date_line(WEDNESDAY) == "Mittwoch, 4. Dezember 2024"


def test_english_date_line():
    with translation.override("en"):
        assert date_line(WEDNESDAY) == "Wednesday, December 4, 2024"


@pytest.mark.django_db
def test_pages_speak_german_by_default(client):
    article = make_article(published_at=WEDNESDAY)
    article.sources.create(name="Quelle", position=0)
    page = client.get(article.get_absolute_url()).text
    assert '<html lang="de">' in page
    for text in ["Zum Inhalt springen", "Quellen:", "Start", "Minute Lesezeit", "04.12.2024"]:
        assert text in page or text in client.get("/").text, text


@pytest.mark.django_db
def test_pages_speak_english_when_asked(client):
    article = make_article(published_at=WEDNESDAY)
    article.sources.create(name="Source", position=0)
    with translation.override("en"):
        page = client.get(article.get_absolute_url()).text
    assert '<html lang="en">' in page
    for text in ["Skip to content", "Sources:", "Wednesday, December 4, 2024", "minute read"]:
        assert text in page, text


@pytest.mark.django_db
def test_numbers_are_localized(client):
    from django.template import Context, Template

    with translation.override("de"):
        assert Template("{{ n|floatformat:1 }}").render(Context({"n": 1234.5})) == "1234,5"
    with translation.override("en"):
        assert Template("{{ n|floatformat:1 }}").render(Context({"n": 1234.5})) == "1234.5"


@pytest.mark.parametrize("language", ["de", "en"])
def test_catalogue_is_complete_and_compiled(language, tmp_path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    entries = text.split("\n\n")[1:]
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""') and "msgid" in e]
    assert not untranslated, untranslated[:3]
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", compiled, po], check=True)
    committed = po.with_suffix(".mo").read_bytes()
    assert compiled.read_bytes() == committed, "run compilemessages and commit the .mo"
