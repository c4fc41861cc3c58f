"""Writes a large synthetic WordPress export (WXR 1.2) for the import benchmark.

python benchmarks/wordpress_export.py big.xml --posts 10000 --comments 100000
"""

import argparse
import random
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

WORDS = [
    "Redaktion",
    "Bericht",
    "Stadt",
    "Rat",
    "Haushalt",
    "Schule",
    "Verkehr",
    "Klima",
    "Energie",
    "Daten",
    "Netz",
    "Sicherheit",
    "Forschung",
    "Markt",
    "Gericht",
    "Wahl",
    "Zukunft",
    "Woche",
    "Leser",
    "Frage",
    "Antwort",
]


def sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def write_export(path: str, posts: int, comments: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = datetime(2015, 1, 1)
    categories = [f"rubrik-{n}" for n in range(20)]
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Benchmark</title><link>https://bench.example.org</link>\n"
            "<wp:wxr_version>1.2</wp:wxr_version>\n"
            "<wp:base_blog_url>https://bench.example.org</wp:base_blog_url>\n"
        )
        for n in range(10):
            out.write(
                f"<wp:author><wp:author_login>autor{n}</wp:author_login>"
                f"<wp:author_email>autor{n}@example.org</wp:author_email>"
                f"<wp:author_display_name>{cdata(f'Autor {n}')}</wp:author_display_name>"
                "</wp:author>\n"
            )
        for n, slug in enumerate(categories):
            parent = categories[n - 10] if n >= 10 else ""
            out.write(
                f"<wp:category><wp:term_id>{n + 1}</wp:term_id>"
                f"<wp:category_nicename>{slug}</wp:category_nicename>"
                f"<wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name>{cdata(f'Rubrik {n}')}</wp:cat_name></wp:category>\n"
            )
        comment_id = 1
        for n in range(posts):
            date = start + timedelta(hours=n * 3)
            body = "\n\n".join(sentence(rng, 40) for _ in range(6))
            image = f'<img src="https://bench.example.org/{n}.jpg" alt="Bild">'
            body += f'\n\n[caption align="alignleft"]{image} {sentence(rng, 5)}[/caption]'
            out.write(
                f"<item><title>{escape(sentence(rng, 6))}</title>"
                f"<link>https://bench.example.org/{date:%Y/%m/%d}/beitrag-{n}/</link>"
                f"<dc:creator>autor{n % 10}</dc:creator>"
                f"<content:encoded>{cdata(body)}</content:encoded>"
                f"<excerpt:encoded>{cdata('')}</excerpt:encoded>"
                f"<wp:post_id>{n + 100}</wp:post_id>"
                f"<wp:post_date>{date:%Y-%m-%d %H:%M:%S}</wp:post_date>"
                f"<wp:post_date_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
                "<wp:comment_status>open</wp:comment_status>"
                f"<wp:post_name>beitrag-{n}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
                "<wp:is_sticky>0</wp:is_sticky>"
                f'<category domain="category" nicename="{categories[n % 20]}">x</category>'
                f'<category domain="post_tag" nicename="tag-{n % 300}">Tag {n % 300}</category>'
            )
            share = comments // posts + (1 if n < comments % posts else 0)
            first = comment_id
            for c in range(share):
                parent = first + rng.randrange(c) if c and rng.random() < 0.4 else 0
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>{cdata(f'Leser {c}')}</wp:comment_author>"
                    f"<wp:comment_author_email>leser{c}@example.org</wp:comment_author_email>"
                    "<wp:comment_author_url></wp:comment_author_url>"
                    f"<wp:comment_date_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
                    f"<wp:comment_content>{cdata(sentence(rng, 25))}</wp:comment_content>"
                    "<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
                )
                comment_id += 1
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    arguments = parser.parse_args()
    write_export(arguments.path, arguments.posts, arguments.comments)
