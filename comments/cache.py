"""The comments app's cache tags, one helper each, and what a comment change refreshes."""

from collections.abc import Iterable

from articles.cache import article_tag
from foundation import pagecache

# Widgets that show comments from many articles ("Recent comments").
COMMENTS = "comments"
# The moderation rules (they open and close comment forms).
MODERATION_SETTINGS = "moderation-settings"


def comments_changed(article_ids: Iterable[int]) -> None:
    """Approved comments appeared or went: refresh their articles and the comment widgets."""
    pagecache.pages_changed(*map(article_tag, article_ids), COMMENTS)
