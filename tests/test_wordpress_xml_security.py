"""Hostile WordPress exports: entity expansion and external entities are refused early.

Every attack hides its document type declaration (DTD) from a quick look at the
start of the file, in UTF-16 or behind a long comment, so only the parser itself
can refuse it. The parse must end quickly and in little memory, with a message
that names the problem.
"""

import time
import tracemalloc

import pytest
from django.utils import translation

from articles.models import Article
from wordpress.importer import WordPressImporter
from wordpress.wxr import WXRError, read_index

WP = "http://wordpress.org/export/1.2/"
# Far below what the expansions below reach when entities are expanded (75 MB and up).
MEMORY_LIMIT = 50 * 1024 * 1024
SECONDS_LIMIT = 5


def laughs(levels: int = 5) -> str:
    """A "billion laughs" DTD: each entity repeats the one before ten times."""
    entities = ['<!ENTITY lol0 "' + "lol" * 20 + '">']
    entities += [f'<!ENTITY lol{n} "' + f"&lol{n - 1};" * 10 + '">' for n in range(1, levels + 1)]
    return "<!DOCTYPE rss [\n" + "\n".join(entities) + "\n]>"


def export_text(dtd: str, title: str, *, encoding: str = "UTF-8", before_dtd: str = "") -> str:
    # The padding before the references keeps the expansion under expat's own
    # amplification limit (100 times the input), as a real attack does.
    padding = "<!-- " + "x" * 800_000 + " -->"
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{before_dtd}{dtd}\n'
        f'<rss version="2.0" xmlns:wp="{WP}"><channel>{padding}'
        f"<title>{title}</title><wp:wxr_version>1.2</wp:wxr_version>"
        "</channel></rss>"
    )


def refused(path) -> str:
    """Import ``path``; return the refusal, checking it came fast and in little memory."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        with translation.override("en"), pytest.raises(WXRError) as error:
            WordPressImporter(path).run()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < SECONDS_LIMIT
    assert peak < MEMORY_LIMIT, f"the parse took {peak / 1e6:.0f} MB"
    assert Article.objects.count() == 0
    return str(error.value)


@pytest.mark.django_db
def test_billion_laughs_in_utf8_is_refused(tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_bytes(export_text(laughs(), "&lol5;" * 4).encode())
    assert "declares a document type" in refused(path)


@pytest.mark.django_db
def test_billion_laughs_in_utf16_is_refused(tmp_path):
    path = tmp_path / "laughs-utf16.xml"
    path.write_bytes(export_text(laughs(), "&lol5;" * 4, encoding="UTF-16").encode("utf-16"))
    assert "declares a document type" in refused(path)


@pytest.mark.django_db
def test_billion_laughs_after_a_70_kb_comment_is_refused(tmp_path):
    path = tmp_path / "laughs-late.xml"
    comment = "<!-- " + "Kommentar " * 7_000 + " -->\n"
    path.write_bytes(export_text(laughs(), "&lol5;" * 4, before_dtd=comment).encode())
    assert "declares a document type" in refused(path)


@pytest.mark.django_db
def test_external_entity_is_refused(tmp_path):
    path = tmp_path / "external.xml"
    dtd = '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    path.write_bytes(export_text(dtd, "&secret;", encoding="UTF-16").encode("utf-16"))
    assert "declares a document type" in refused(path)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_export_without_a_dtd_is_read(tmp_path, codec):
    path = tmp_path / "export.xml"
    text = "\ufeff" + export_text("", "Größe zählt", encoding="UTF-16")
    path.write_bytes(text.encode(codec))
    assert read_index(path).title == "Größe zählt"
