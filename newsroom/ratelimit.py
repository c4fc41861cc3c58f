"""A small fixed-window rate limit kept in the cache (Redis or local memory)."""

from django.core.cache import cache
from django.http import HttpRequest

from .clients import client_key


def is_limited(request: HttpRequest, purpose: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for this client and purpose; True once over ``limit`` in the window."""
    key = f"ratelimit:{purpose}:{client_key(request, purpose)}"
    if cache.add(key, 1, timeout=window_seconds):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): a new window starts.
        cache.set(key, 1, timeout=window_seconds)
        return False
    return count > limit
