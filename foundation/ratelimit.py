"""A small fixed-window rate limit, counted in the database every process and server shares.

Not in the cache: a cache per process lets each worker grant the full limit
again, and a cache can evict a limit (or be cleared) before its window ends.
"""

from django.http import HttpRequest

from . import counters
from .clients import client_key


def is_limited(request: HttpRequest, purpose: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for this client and purpose; True once over ``limit`` in the window.

    The client is its IPv4 address or IPv6 /64 network (``clients.client_network``).
    """
    count = counters.hit(f"ratelimit:{purpose}:{client_key(request, purpose)}", window_seconds)
    # Every client that tries leaves a row for one window: sweep the ended ones now and then.
    counters.prune_when_due()
    return count > limit
