"""A small newsroom for the browser journeys, made with the suite's factories.

Enough to exercise every part of the public pages: a lead story with a picture,
two sections and a subsection, authors with bio and links, tags, sources, a body
with headings, lists, a quote and a table, a long German compound word that
must not push the page sideways on a phone, readers' views for "Popular now" and
an approved comment with a reply for "Recent comments".
"""

import io
from datetime import timedelta
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.models import Source
from articles.popularity import record_view

from ..conftest import make_article, make_author, make_category, make_comment, make_user

BODY = """
<p>Die Stadtwerke haben am Dienstag ihr neues Rechenzentrum am Hafen in Betrieb genommen.
Die Abwärme der Server heizt künftig ein benachbartes Schwimmbad.</p>
<h2>Was sich für die Kundschaft ändert</h2>
<p>Zunächst nichts: Die Umstellung läuft im Hintergrund. Wer mehr wissen will, findet die
Details im <a href="https://example.org/bericht">Jahresbericht der Stadtwerke</a>.</p>
<ul><li>Strombedarf: 1,2 Megawatt</li><li>Abwärme: rund 800 Kilowatt</li></ul>
<blockquote><p>Wir wollten die Wärme nicht einfach in die Luft blasen.</p></blockquote>
<h3>Die Zahlen im Überblick</h3>
<table><thead><tr><th>Jahr</th><th>Verbrauch</th></tr></thead>
<tbody><tr><td>2024</td><td>9,8 GWh</td></tr><tr><td>2025</td><td>10,4 GWh</td></tr></tbody></table>
<p>Im Frühjahr folgt eine zweite Ausbaustufe.</p>
"""


def png_bytes(width: int = 1600, height: int = 900, colour: str = "#2f5d8a") -> bytes:
    """A PNG picture made on the spot (a few shapes, no text)."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 8, height // 4, width // 2, height * 3 // 4), fill="#f2c14e")
    draw.ellipse((width // 2, height // 5, width * 7 // 8, height * 4 // 5), fill="#e8e8e8")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def build_newsroom() -> SimpleNamespace:
    technik = make_category(
        "Technik", slug="technik", position=1, description="Rechner, Netze und was sie antreibt."
    )
    wissenschaft = make_category("Wissenschaft", slug="wissenschaft", position=2)
    raumfahrt = make_category("Raumfahrt", slug="raumfahrt", parent=wissenschaft, position=3)

    mara = make_author(
        "Mara Lindqvist",
        user=make_user("mara", role="Author"),
        slug="mara-lindqvist",
        bio="Mara schreibt seit zehn Jahren über Energie und Infrastruktur.",
        website="https://example.org/mara",
        mastodon="https://social.example.org/@mara",
    )
    jonas = make_author(
        "Jonas Ebert",
        user=make_user("jonas", role="Author"),
        slug="jonas-ebert",
        bio="Jonas berichtet über Forschung und Raumfahrt.",
    )

    now = timezone.now()
    lead = make_article(
        "Abwärme aus dem Rechenzentrum heizt das Hafenbad",
        slug="abwaerme-hafenbad",
        category=technik,
        authors=[mara],
        tags=["Energie", "Rechenzentren"],
        teaser="Ein neues Rechenzentrum der Stadtwerke gibt seine Wärme an ein Schwimmbad ab.",
        body=BODY,
        is_featured=True,
        published_at=now - timedelta(hours=1),
        featured_image_alt="Gelbes Rechteck und grauer Kreis auf blauem Grund",
        featured_image_caption="Symbolbild",
        featured_image_credit="Newsroom",
    )
    lead.featured_image.save("hafenbad.png", ContentFile(png_bytes()), save=True)
    Source.objects.create(article=lead, name="Stadtwerke", url="https://example.org/stadtwerke")
    Source.objects.create(article=lead, name="Eigene Recherche", position=1)

    longword = make_article(
        "Die Datenschutzgrundverordnungsanpassungsgesetzgebung erreicht die Rathäuser",
        slug="datenschutz-rathaus",
        category=technik,
        authors=[mara, jonas],
        tags=["Datenschutz"],
        teaser="Kommunalverwaltungsdigitalisierungsbeauftragte haben viel zu tun.",
        published_at=now - timedelta(hours=2),
    )
    technik_more = [
        make_article(
            f"Glasfaser erreicht das {place}",
            slug=f"glasfaser-{slug}",
            category=technik,
            authors=[jonas],
            tags=["Netze"],
            published_at=now - timedelta(hours=3 + index),
        )
        for index, (place, slug) in enumerate(
            [("Oberdorf", "oberdorf"), ("Unterdorf", "unterdorf")]
        )
    ]
    comet = make_article(
        "Ein Komet kommt der Erde näher als gedacht",
        slug="komet",
        category=raumfahrt,
        authors=[jonas],
        tags=["Raumfahrt", "Energie"],
        teaser="Astronominnen rechnen mit einem hellen Schweif im Februar.",
        published_at=now - timedelta(hours=5),
    )
    draft = make_article(
        "Ein Entwurf, den niemand sehen darf",
        slug="entwurf",
        category=technik,
        authors=[mara],
        status="draft",
    )
    # Read in the last hour, most of all the comet: "Popular now" ranks them.
    for article, views in [(comet, 3), (lead, 2), (longword, 1)]:
        for _ in range(views):
            record_view(article.pk)
    first_comment = make_comment(
        lead, name="Ole", text="Endlich wird die Abwärme genutzt. Wie warm wird das Becken?"
    )
    make_comment(lead, parent=first_comment, name="Mara", text="Gut 28 Grad, sagen die Stadtwerke.")

    return SimpleNamespace(
        technik=technik,
        wissenschaft=wissenschaft,
        raumfahrt=raumfahrt,
        mara=mara,
        jonas=jonas,
        lead=lead,
        longword=longword,
        technik_more=technik_more,
        comet=comet,
        draft=draft,
        first_comment=first_comment,
    )
