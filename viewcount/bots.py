"""Requests that are not a person reading: crawlers, link previews, prefetch and prerender."""

from functools import lru_cache

from crawlerdetect import CrawlerDetect

PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


@lru_cache(maxsize=4096)
def is_crawler_agent(user_agent):
    """True for crawlers, bots and link-preview fetchers (WhatsApp, facebookexternalhit,
    Twitterbot, TelegramBot...), by the maintained crawlerdetect list; an empty agent is a script."""
    if not user_agent.strip():
        return True
    # A fresh detector per call: CrawlerDetect keeps state between calls, threads must not share it.
    return CrawlerDetect().isCrawler(user_agent)


def is_prefetch(request):
    """Browser prefetch/prerender announce themselves: `Sec-Purpose: prefetch;prerender`,
    `Purpose: prefetch` (older Chrome), `X-Moz: prefetch` (Firefox), `X-Purpose: preview` (Safari)."""
    for header in PREFETCH_HEADERS:
        value = request.headers.get(header, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return True
    return False


def is_automated(request):
    """Not a person reading now: do not count."""
    return is_prefetch(request) or is_crawler_agent(request.headers.get("User-Agent", "")[:512])
