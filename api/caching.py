"""Cache headers of API answers for clients (ETag and 304 come from ConditionalGetMiddleware,
see settings); the server's own copy is pagecache/jsoncache.py."""

from pagecache.pages import PUBLIC_MAX_AGE

PUBLIC = f"public, max-age={PUBLIC_MAX_AGE}"
# A 429 belongs to one client, and a 5xx should not outlive its cause: stored only to revalidate.
PRIVATE = "private, no-cache"


def set_cache_headers(response):
    """Answers and client errors (400, 404) are the same for everyone for a minute."""
    if response.status_code == 429 or response.status_code >= 500:
        response["Cache-Control"] = PRIVATE
    elif not response.has_header("Cache-Control"):
        response["Cache-Control"] = PUBLIC
    return response
