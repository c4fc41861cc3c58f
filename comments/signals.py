"""Signals the comments app sends, for other parts of the site to listen to."""

from django.dispatch import Signal

# Approved comments appeared on, or disappeared from, these articles
# (``article_ids``): pages that show them, or their counts, are out of date.
public_comments_changed = Signal()
