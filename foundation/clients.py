"""Who is asking: the client's address, and keys derived from it.

Behind a reverse proxy the socket address is the proxy's, so the address is
read from the header named by CLIENT_IP_HEADER, and from nowhere else: a
header a client can set freely must not decide who the client is.
"""

import hashlib
import ipaddress

from django.conf import settings
from django.http import HttpRequest

# One IPv6 subscriber usually holds a whole /64 and picks addresses in it at will.
IPV6_CLIENT_PREFIX = 64


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


def client_network(request: HttpRequest) -> str:
    """What one client is for limits and counts: an IPv4 address, or an IPv6 /64 network.

    Stepping through the addresses of one's own /64 must not buy more
    comments or views. An IPv4 address a dual-stack socket reports in IPv6
    form (``::ffff:192.0.2.7``) stays that one IPv4 address.
    """
    address = client_ip(request)
    if not address:
        return ""
    ip = ipaddress.ip_address(address)
    if ip.version == 4:
        return address
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.IPv6Network((ip, IPV6_CLIENT_PREFIX), strict=False))


def client_key(request: HttpRequest, purpose: str) -> str:
    """A salted hash of the client's network (``client_network``), for keys; never stored as is."""
    material = f"{settings.SECRET_KEY}:{purpose}:{client_network(request)}"
    return hashlib.sha256(material.encode()).hexdigest()[:32]
