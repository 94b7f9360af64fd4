"""Who is knocking: the client address, resolved correctly behind one reverse proxy."""

from django.conf import settings


def client_ip(request):
    """The visitor's address for login throttling (django-axes).

    Behind one proxy (BEHIND_PROXY=true), the proxy appends the address it saw
    to X-Forwarded-For, so the *last* entry is the one to trust; everything
    before it was written by the client and can be forged. Without a proxy,
    the socket's address is the truth and the header is ignored.
    """
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
