"""The allowlist that decides which HTML an article body may keep.

Every body passes through `clean_html` on save (admin, importers, seeds), so nothing an editor
pastes or a file brings can run script on a public page, whatever the editor widget let through.
"""

import re
from urllib.parse import urlsplit

import nh3

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


def is_youtube_embed(url):
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.hostname in YOUTUBE_EMBED_HOSTS and parts.path.startswith("/embed/")


def filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src" and not is_youtube_embed(value):
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
    return EMPTY_IFRAME.sub("", cleaned).strip()
