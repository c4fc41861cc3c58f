"""Who is asking: the client's address, and keys derived from it.

Behind a reverse proxy the socket address is the proxy's, so the address is
read from the header named by CLIENT_IP_HEADER, and from nowhere else: a
header a client can set freely must not decide who the client is.
"""

import hashlib
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's IP address as the site is configured to trust it."""
    address = ""
    header = settings.CLIENT_IP_HEADER
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        # The last entry is the one our own proxy added; earlier ones came from the client.
        address = request.META.get(meta_key, "").split(",")[-1].strip()
    if not address:
        address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return ""


def client_key(request: HttpRequest, purpose: str) -> str:
    """A salted hash of the client's address, for cache keys; never stored as is."""
    material = f"{settings.SECRET_KEY}:{purpose}:{client_ip(request)}"
    return hashlib.sha256(material.encode()).hexdigest()[:32]
