"""The client's address for the login lock-out (django-axes ``AXES_CLIENT_IP_CALLABLE``)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """Behind DEKKEND_PROXY_COUNT reverse proxies, the address the outermost of our proxies saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the
    trustworthy entry is the N-th from the right; entries further left are typed by the client
    and can be forged. Without proxies (or without the header) it is REMOTE_ADDR.
    """
    proxies = settings.DEKKEND_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
