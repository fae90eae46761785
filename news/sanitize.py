"""The allowlist that decides which HTML an article body may keep.

Every body passes through `clean_html` on save (admin, importers, seeds), so nothing an editor
pastes or a file brings can run script on a public page, whatever the editor widget let through.
"""

import re
from urllib.parse import urlsplit

import nh3

from viewcount.endpoints import is_counter_url

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "hr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "iframe",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
YOUTUBE_EMBED_HOSTS = {"www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com"}
EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL)
# An image whose URL was dropped (the view counter's pixel) goes entirely.
IMAGE_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
# A link whose URL was dropped (javascript:, data:) would stay a link to nowhere: keep its text only.
LINK_WITHOUT_HREF = re.compile(r"<a(?![^>]*\shref=)(?:\s[^>]*)?>(.*?)</a>", re.DOTALL)


def is_youtube_embed(url):
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.hostname in YOUTUBE_EMBED_HOSTS and parts.path.startswith("/embed/")


def filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src" and not is_youtube_embed(value):
        return None
    # An image or link to the view counter would count a view of another article per reader.
    if attribute in ("src", "href") and is_counter_url(value):
        return None
    return value


def clean_html(html):
    """Return `html` with only allowlisted tags, attributes and URL schemes left.

    Script and style elements go with their content; event handlers, style attributes,
    javascript: and data: URLs are dropped; iframes survive only as YouTube embeds.
    """
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "noscript", "template", "object", "embed"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=filter_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    cleaned = LINK_WITHOUT_HREF.sub(r"\1", cleaned)
    cleaned = IMAGE_WITHOUT_SRC.sub("", cleaned)
    return EMPTY_IFRAME.sub("", cleaned).strip()
