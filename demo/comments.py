"""Demo comments: approved threads and a few held ones on the demo articles.

Called by ``manage.py seed_demo_comments`` (and from seed_demo).
All text here is written for this project.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments import services
from comments.models import Comment

READERS = [
    ("Jana Albrecht", "jana.albrecht@example.org", "https://jana-albrecht.example/"),
    ("Tobias Brenner", "tobias@example.net", ""),
    ("Mira Okafor", "mira.okafor@example.org", ""),
    ("Henrik Sölter", "henrik.soelter@example.com", "https://soelter.example/"),
    ("Aylin Demir", "aylin.demir@example.org", ""),
]

# (reader index, text, replies): one thread per entry, replies nest one level each.
THREADS = [
    (
        0,
        "Danke für die Übersicht. Mir fehlt noch ein Satz dazu, was das für kleine "
        "Betriebe bedeutet, die keine eigene IT-Abteilung haben.",
        [
            (
                1,
                "Gute Frage. Bei uns im Handwerksbetrieb macht das der Chef nebenbei, "
                "und genau da hakt es dann im Alltag.",
            ),
            (0, "Genau das meine ich. Vielleicht ein Thema für einen zweiten Teil?"),
        ],
    ),
    (
        2,
        "Ich habe das am Wochenende selbst ausprobiert.\nDer zweite Schritt hat bei mir "
        "länger gedauert als beschrieben, am Ende lief aber alles.",
        [(3, "Welche Version hattest du installiert? Bei mir war es umgekehrt.")],
    ),
    (4, "Sachlich und ohne Aufregung erklärt. So etwas lese ich gern.", []),
]

HELD = [
    (1, "Erster Kommentar von mir, bin gespannt, ob er durchkommt."),
    (
        3,
        "Mehr dazu unter https://example.org/a und https://example.org/b und https://example.org/c",
    ),
]


@transaction.atomic
def seed_comments(articles=None) -> int:
    """Add demo comments to live articles that have none yet; returns how many were made."""
    if articles is None:
        articles = list(Article.objects.published().order_by("-published_at")[:6])
    made = 0
    seeded = set()
    for index, article in enumerate(articles):
        if Comment.objects.filter(article=article).exists():
            continue
        start = max(article.published_at, timezone.now() - timedelta(days=3))
        clock = iter(start + timedelta(minutes=37 * n) for n in range(1, 100))
        for position, (reader, text, replies) in enumerate(THREADS):
            if (index + position) % 3 == 2:
                continue  # vary the threads a little from article to article
            parent = _add(article, None, reader, text, next(clock), "approved")
            made += 1
            for reply_reader, reply_text in replies:
                parent = _add(article, parent, reply_reader, reply_text, next(clock), "approved")
                made += 1
        if index < 2:
            reader, text = HELD[index]
            _add(article, None, reader, text, next(clock), "pending")
            made += 1
        seeded.add(article.pk)
    if seeded:
        services.approved_comments_changed(seeded)
    return made


def _add(article, parent, reader, text, when, status) -> Comment:
    name, email, url = READERS[reader]
    now = timezone.now()
    comment = services.new_comment(
        article,
        parent,
        name=name,
        email=email,
        url=url,
        text=text,
        status=status,
        created_at=min(when, now),
        notify_on_reply=reader % 2 == 0,
    )
    comment.save()
    return comment
