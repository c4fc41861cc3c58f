"""The demo newsroom: categories, authors with avatars, illustrated articles.

``seed()`` is idempotent: it creates what is missing (looked up by slug) and
leaves everything else alone. ``bulk_articles()`` adds many more articles in
a few bulk inserts for benchmarks, reusing the demo's images.
"""

import hashlib
import io
import random
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont
from taggit.models import Tag, TaggedItem

from articles import images, publishing, sanitize
from articles.models import Article, ArticleViews, AuthorProfile, Byline, Category, Source
from articles.popularity import hour_of
from articles.slugs import slug_for

from .content import ARTICLES, AUTHORS, CATEGORIES, CLOSING_SECTIONS, SECTIONS

IMAGE_SIZE = (1440, 810)
CREDIT = "Newsroom-Demo"


@dataclass
class SeedReport:
    created: dict = field(default_factory=dict)

    def count(self, kind: str, n: int = 1) -> None:
        self.created[kind] = self.created.get(kind, 0) + n


# --- Pictures ------------------------------------------------------------------


def _png(image: Image.Image) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def _jpeg(image: Image.Image) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return ContentFile(buffer.getvalue())


def avatar_image(name: str, colour: tuple[int, int, int], size: int = 256) -> ContentFile:
    """The initials of ``name`` in white on a coloured disc (PNG, transparent corners)."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=(*colour, 255))
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=size * 0.42)
    draw.text((size / 2, size / 2), initials, font=font, fill="white", anchor="mm")
    return _png(image)


def _blend(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


PALETTES = {
    "ki": ((15, 23, 42), (37, 99, 235), (125, 211, 252)),
    "hardware": ((41, 13, 13), (185, 28, 28), (252, 165, 165)),
    "software": ((6, 36, 27), (5, 150, 105), (167, 243, 208)),
    "open-source": ((20, 40, 10), (101, 163, 13), (217, 249, 157)),
    "sicherheit": ((30, 14, 56), (124, 58, 237), (221, 214, 254)),
    "netzpolitik": ((50, 26, 4), (217, 119, 6), (253, 230, 138)),
    "wissenschaft": ((4, 30, 40), (8, 145, 178), (165, 243, 252)),
}

# What each category's illustration shows, for its alternative text.
MOTIFS = {
    "ki": "ein Netz aus verbundenen Knoten",
    "hardware": "ein Raster aus Rechtecken wie auf einer Platine",
    "software": "versetzte Balken wie Zeilen in einem Code-Editor",
    "open-source": "versetzte Balken wie Zeilen in einem Code-Editor",
    "sicherheit": "konzentrische Ringe um einen hellen Kern",
    "netzpolitik": "ein Geflecht aus Linien zwischen verstreuten Punkten",
    "wissenschaft": "elliptische Umlaufbahnen um einen leuchtenden Punkt",
}
COLOUR_NAMES = {
    "ki": "Blau",
    "hardware": "Rot",
    "software": "Grün",
    "open-source": "Gelbgrün",
    "sicherheit": "Violett",
    "netzpolitik": "Orange",
    "wissenschaft": "Türkis",
}


def illustration(category_slug: str, seed: str) -> Image.Image:
    """An abstract picture in the category's colours; ``seed`` makes it unique."""
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    dark, mid, light = PALETTES.get(category_slug, PALETTES["ki"])
    width, height = IMAGE_SIZE
    # A diagonal gradient from dark to the middle colour, drawn on a small image
    # and scaled up: quick and smooth.
    small = Image.new("RGB", (64, 36))
    angle = rng.random()
    for x in range(64):
        for y in range(36):
            t = (x / 63) * angle + (y / 35) * (1 - angle)
            small.putpixel((x, y), _blend(dark, mid, t * 0.9))
    base = small.resize(IMAGE_SIZE, Image.Resampling.BICUBIC).convert("RGBA")
    layer = Image.new("RGBA", IMAGE_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)

    def tint(alpha):
        return (*_blend(mid, light, rng.random()), alpha)

    if category_slug == "ki":
        nodes = [(rng.randrange(width), rng.randrange(height)) for _ in range(34)]
        for a in nodes:
            for b in rng.sample(nodes, 3):
                draw.line((a, b), fill=tint(90), width=3)
        for x, y in nodes:
            r = rng.randrange(8, 26)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=tint(220))
    elif category_slug == "hardware":
        step = rng.choice((60, 80, 90))
        for x in range(0, width, step):
            for y in range(0, height, step):
                if rng.random() < 0.45:
                    w, h = rng.randrange(20, step * 2), rng.randrange(14, step)
                    draw.rectangle((x, y, x + w, y + h), outline=tint(200), width=3)
                elif rng.random() < 0.2:
                    draw.rectangle((x, y, x + step - 8, y + step - 8), fill=tint(90))
    elif category_slug in {"software", "open-source"}:
        y = 60
        while y < height - 40:
            x = 80 + rng.randrange(0, 4) * 60
            for _ in range(rng.randrange(1, 5)):
                length = rng.randrange(60, 360)
                draw.rounded_rectangle((x, y, x + length, y + 26), radius=12, fill=tint(200))
                x += length + 30
            y += 48
    elif category_slug == "sicherheit":
        cx, cy = rng.randrange(width // 3, 2 * width // 3), height // 2
        for r in range(40, 1200, rng.choice((38, 46, 54))):
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=tint(170), width=6)
        draw.ellipse((cx - 40, cy - 40, cx + 40, cy + 40), fill=(*light, 255))
    elif category_slug == "netzpolitik":
        points = [(rng.randrange(width), rng.randrange(height)) for _ in range(60)]
        for a, b in zip(points, points[1:] + points[:1], strict=True):
            draw.line((a, b), fill=tint(110), width=2)
        for x, y in points:
            draw.regular_polygon((x, y, rng.randrange(10, 30)), 6, fill=tint(200))
    else:
        cx, cy = width // 2 + rng.randrange(-200, 200), height // 2
        for i in range(7):
            rx, ry = 120 + i * 95, 50 + i * 38
            draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=tint(160), width=4)
            angle_x = rng.randrange(-rx, rx)
            draw.ellipse((cx + angle_x - 12, cy - ry - 12, cx + angle_x + 12, cy - ry + 12),
                         fill=tint(255))  # fmt: skip
        draw.ellipse((cx - 34, cy - 34, cx + 34, cy + 34), fill=(*light, 255))
    return Image.alpha_composite(base, layer).convert("RGB")


def alt_text(category_slug: str) -> str:
    return (
        f"Abstrakte Illustration: {MOTIFS.get(category_slug, MOTIFS['ki'])} "
        f"auf einem Farbverlauf in {COLOUR_NAMES.get(category_slug, 'Blau')}."
    )


# --- Text ----------------------------------------------------------------------


def article_body(entry: dict, index: int) -> str:
    """The opening paragraph, two sections of the category's pool and a closing one."""
    pool = SECTIONS[entry["category"]]
    parts = [f"<p>{escape(entry['intro'])}</p>"]
    for offset in (0, 2):
        heading, paragraphs = pool[(index + offset) % len(pool)]
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.extend(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    heading, paragraph = CLOSING_SECTIONS[index % len(CLOSING_SECTIONS)]
    parts.append(f"<h2>{escape(heading)}</h2><p>{escape(paragraph)}</p>")
    return sanitize.clean_html("\n".join(parts))


# --- Seeding -------------------------------------------------------------------


def seed_categories(report: SeedReport) -> dict[str, Category]:
    categories = {}
    for slug, name, description, position, parent_slug in CATEGORIES:
        category, created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "position": position,
                "parent": categories.get(parent_slug),
            },
        )
        categories[slug] = category
        if created:
            report.count("categories")
    return categories


def seed_authors(report: SeedReport) -> dict[str, AuthorProfile]:
    User = get_user_model()
    authors = {}
    for data in AUTHORS:
        profile = AuthorProfile.objects.filter(slug=data["slug"]).first()
        if profile is None:
            user, created = User.objects.get_or_create(
                username=data["username"],
                defaults={
                    "first_name": data["display_name"].split()[0],
                    "last_name": data["display_name"].split()[-1],
                },
            )
            if created:
                # Demo bylines only: these people do not log in.
                user.set_unusable_password()
                user.save(update_fields=["password"])
            profile = AuthorProfile.objects.create(
                user=user,
                display_name=data["display_name"],
                slug=data["slug"],
                bio=data["bio"],
                website=data["website"],
                mastodon=data.get("mastodon", ""),
                bluesky=data.get("bluesky", ""),
                linkedin=data.get("linkedin", ""),
            )
            report.count("authors")
        if not profile.avatar:
            profile.avatar.save(
                f"{data['slug']}.png", avatar_image(data["display_name"], data["colour"])
            )
        authors[data["slug"]] = profile
    return authors


def _publication_times(now) -> list:
    """When each demo article went out: categories interleaved, newest first."""
    index_in_category: dict[str, int] = {}
    order = [slug for slug, *_ in CATEGORIES]
    times = []
    for entry in ARTICLES:
        index = index_in_category.get(entry["category"], 0)
        index_in_category[entry["category"]] = index + 1
        rank = index * len(order) + order.index(entry["category"])
        times.append((index, now - timedelta(hours=1 + rank * 5, minutes=rank * 7 % 50)))
    return times


def seed_articles(categories, authors, report: SeedReport) -> None:
    now = timezone.now()
    existing = set(Article.objects.filter(slug__in=[slug_for(e["title"]) for e in ARTICLES])
                   .values_list("slug", flat=True))  # fmt: skip
    scheduled = 0
    for entry, (index, published_at) in zip(ARTICLES, _publication_times(now), strict=True):
        slug = slug_for(entry["title"])
        if slug in existing:
            continue
        state = entry.get("state", "")
        status = Article.Status.PUBLISHED
        if state == "draft":
            status, published_at = Article.Status.DRAFT, None
        elif state == "review":
            status, published_at = Article.Status.REVIEW, None
        elif state == "scheduled":
            scheduled += 1
            published_at = now + timedelta(days=scheduled * 2, hours=6)
        with transaction.atomic():
            article = Article(
                title=entry["title"],
                slug=slug,
                teaser=entry["teaser"],
                body=article_body(entry, index),
                category=categories[entry["category"]],
                status=status,
                published_at=published_at,
                is_featured=state == "featured",
                featured_image_alt=alt_text(entry["category"]),
                featured_image_caption=f"Symbolbild zum Thema {entry['tags'][0]}.",
                featured_image_credit=CREDIT,
            )
            picture = illustration(entry["category"], slug)
            article.featured_image.save(f"{slug[:60]}.jpg", _jpeg(picture), save=False)
            # Published and scheduled articles go out the way an editor's do.
            publishing.change_status(article, status, published_at)
            # Not a web request: the demo shows its renditions at once, without a worker.
            images.refresh_renditions(article)
            Byline.objects.bulk_create(
                Byline(article=article, author=authors[author_slug], position=position)
                for position, author_slug in enumerate(entry["authors"])
            )
            Source.objects.bulk_create(
                Source(article=article, name=name, url=url, position=position)
                for position, (name, url) in enumerate(entry["sources"])
            )
            article.tags.add(*entry["tags"])
            # Seeded articles were not edited after they went out, except one
            # that shows the "updated" note.
            if published_at is not None:
                updated_at = published_at
                if index == 1 and entry["category"] == "sicherheit":
                    updated_at = published_at + timedelta(hours=3)
                Article.objects.filter(pk=article.pk).update(
                    created_at=published_at, updated_at=updated_at
                )
        report.count("articles")


def seed() -> SeedReport:
    """Create the demo newsroom where it is missing; return what was created."""
    report = SeedReport()
    categories = seed_categories(report)
    authors = seed_authors(report)
    seed_articles(categories, authors, report)
    seed_readings(report)
    return report


def seed_readings(report: SeedReport) -> None:
    """A few made-up readings of three articles, so "Popular now" is not empty.

    Few on purpose: the widget shows five, so the first articles a visitor
    reads in the demo join it within a minute, as on a site just opened.
    """
    if ArticleViews.objects.exists():
        return
    now = hour_of(timezone.now())
    live = list(Article.objects.published().order_by("-published_at").values_list("pk", flat=True))
    rows = [
        ArticleViews(article_id=pk, hour=now - timedelta(hours=hours_ago), views=3 - rank)
        for rank, pk in enumerate(live[:3])
        for hours_ago in range(1, 4)
    ]
    ArticleViews.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        report.count("hourly view counts", len(rows))


# --- Many articles for benchmarks ---------------------------------------------


def bulk_articles(count: int, batch_size: int = 1000) -> int:
    """Add ``count`` published articles with bylines and tags in bulk inserts.

    They reuse the demo's images and rendition descriptions, so no image is
    resized; run ``seed()`` first.
    """
    rng = random.Random(count)
    templates = list(
        Article.objects.published()
        .exclude(featured_image="")
        .filter(slug__in=[slug_for(entry["title"]) for entry in ARTICLES])
        .prefetch_related("bylines")
    )
    if not templates:
        raise ValueError("Seed the demo newsroom first: there are no articles to copy.")
    tag_ids = list(Tag.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(Article)
    token = secrets.token_hex(3)
    now = timezone.now()
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        with transaction.atomic():
            batch = []
            for n in range(created, created + size):
                template = templates[n % len(templates)]
                published_at = now - timedelta(days=30 + rng.randrange(0, 3 * 365),
                                               minutes=rng.randrange(0, 1440))  # fmt: skip
                batch.append(
                    Article(
                        title=f"{template.title} ({n + 1})",
                        slug=f"archiv-{token}-{n + 1}",
                        teaser=template.teaser,
                        body=template.body,
                        category_id=template.category_id,
                        status=Article.Status.PUBLISHED,
                        published_at=published_at,
                        # Written in bulk, past the publishing service: what it would set.
                        first_published_at=published_at,
                        featured_image=template.featured_image.name,
                        featured_image_width=template.featured_image_width,
                        featured_image_height=template.featured_image_height,
                        featured_image_alt=template.featured_image_alt,
                        featured_image_caption=template.featured_image_caption,
                        featured_image_credit=template.featured_image_credit,
                        image_renditions=template.image_renditions,
                    )
                )
            articles = Article.objects.bulk_create(batch)
            bylines, tagged = [], []
            for n, article in enumerate(articles, start=created):
                template = templates[n % len(templates)]
                for byline in template.bylines.all():
                    bylines.append(
                        Byline(
                            article=article, author_id=byline.author_id, position=byline.position
                        )
                    )
                for tag_id in rng.sample(tag_ids, min(3, len(tag_ids))):
                    tagged.append(
                        TaggedItem(content_type=content_type, object_id=article.pk, tag_id=tag_id)
                    )
            Byline.objects.bulk_create(bylines)
            TaggedItem.objects.bulk_create(tagged)
        created += size
    return created


# --- Staff logins ---------------------------------------------------------------

STAFF = [
    # username, group, author profile display name (or None)
    ("editor", "Editor", "Eva Editorin"),
    ("author", "Author", "Anton Autor"),
    ("moderator", "Moderator", None),
]


def demo_address(username: str) -> str:
    return f"{username}@newsroom.example"


def reset_logins() -> list[tuple[str, str, str]]:
    """Create or reset the admin and the demo staff; return (username, password, role)."""
    User = get_user_model()
    logins = []
    admin, _ = User.objects.get_or_create(username="admin")
    admin.is_staff = admin.is_superuser = admin.is_active = True
    # An address, so that the demo's mails (moderation digests, "send test to me")
    # reach the console like everything else.
    admin.email = demo_address("admin")
    password = secrets.token_urlsafe(12)
    admin.set_password(password)
    admin.save()
    logins.append(("admin", password, "superuser"))
    for username, role, display_name in STAFF:
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = user.is_active = True
        user.is_superuser = False
        user.email = demo_address(username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        if display_name and not hasattr(user, "author_profile"):
            AuthorProfile.objects.create(
                user=user,
                display_name=display_name,
                slug=slug_for(display_name),
                bio=f"{display_name} ist ein Zugang zum Ausprobieren der Demo.",
            )
        logins.append((username, password, role))
    # The demo author owns the demo's unpublished articles, so the admin has
    # something to show them (and they cannot publish it themselves).
    author_profile = AuthorProfile.objects.get(user__username="author")
    demo_slugs = [slug_for(entry["title"]) for entry in ARTICLES]
    unpublished = Article.objects.filter(slug__in=demo_slugs).exclude(
        status=Article.Status.PUBLISHED
    )
    for article in unpublished:
        Byline.objects.get_or_create(
            article=article, author=author_profile, defaults={"position": 9}
        )
    return logins
