"""Share links for an article: each carries its canonical URL, percent-encoded."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    url: str


def query(params):
    # %20 rather than "+": every share target decodes it, and WhatsApp shows "+" literally.
    return urlencode(params, quote_via=quote)


def share_links(title, url):
    """Facebook, X, WhatsApp and Telegram links for `url`, with `title` as the message."""
    return [
        ShareLink("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + query({"u": url})),
        ShareLink("x", "X", "https://x.com/intent/post?" + query({"text": title, "url": url})),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + query({"text": f"{title} {url}"})),
        ShareLink("telegram", "Telegram", "https://t.me/share/url?" + query({"url": url, "text": title})),
    ]
