"""WordPress post content turned into the HTML the portal stores.

WordPress keeps markup the browser never sees as such: `<!-- wp:... -->` block comments,
`[caption]`, `[gallery]` and `[embed]` shortcodes, plugin shortcodes, and (in the classic
editor) paragraphs as blank lines instead of `<p>`. This module resolves those; the sanitizer
then decides what HTML is kept.
"""

import html
import re
from urllib.parse import parse_qs, urlsplit

from .media import upload_path

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
CAPTION = re.compile(r"\[(?:caption|wp_caption)(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?:caption|wp_caption)\]", re.DOTALL)
CAPTION_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)
ATTRIBUTE = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
GALLERY = re.compile(r"\[gallery(?P<attrs>[^\]]*)\]")
EMBED = re.compile(r"\[embed[^\]]*\](?P<url>.*?)\[/embed\]", re.DOTALL)
BARE_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.MULTILINE)
# Shortcodes of WordPress itself and of the page builders and plugins seen on satker sites; the
# tags go, the text between them stays. "[1]" or "[Foto: Humas]" in a sentence is left alone.
KNOWN_SHORTCODE = re.compile(
    r"\[/?(?:video|audio|playlist|button|column|row|one_half|one_third|two_third|one_fourth|"
    r"(?:vc|et_pb|fusion|su|av|tie|tdc|elementor|themify)_[a-z0-9_]*)(?:\s[^\]]*)?\]"
)
GENERIC_SHORTCODE = re.compile(r"\[/?[a-z][a-z0-9_-]*\s+[a-z_-]+=[^\]]*\]")
BLOCK_START = re.compile(r"^<(?:p|h[1-6]|ul|ol|li|table|figure|blockquote|div|iframe|hr|pre)\b", re.IGNORECASE)
IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def attributes(text):
    return {m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in ATTRIBUTE.finditer(text or "")}


def youtube_embed(url):
    """The privacy-friendly embed URL for a YouTube watch/short link, else None."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video = None
    if host == "youtube.com" and parts.path == "/watch":
        video = parse_qs(parts.query).get("v", [None])[0]
    elif host == "youtu.be":
        video = parts.path.strip("/")
    if video and re.fullmatch(r"[A-Za-z0-9_-]{6,20}", video):
        return f"https://www.youtube-nocookie.com/embed/{video}"
    return None


def iframe(url):
    return f'<iframe src="{url}" width="560" height="315" title="YouTube" allowfullscreen></iframe>'


def caption_to_figure(match):
    attrs = attributes(match["attrs"])
    media = CAPTION_MEDIA.match(match["inner"])
    if not media:
        return match["inner"]
    text = (attrs.get("caption") or media[2]).strip()
    caption = f"<figcaption>{text}</figcaption>" if text else ""
    return f"<figure>{media[1]}{caption}</figure>"


def embed(match):
    url = html.unescape(match["url"]).strip()
    target = youtube_embed(url)
    return iframe(target) if target else f'<a href="{html.escape(url)}">{html.escape(url)}</a>'


def bare_youtube_line(match):
    target = youtube_embed(html.unescape(match[1]))
    return iframe(target) if target else match[0]


def autop(text):
    """WordPress's wpautop, simplified: blank lines separate paragraphs, a single newline in a
    paragraph is a line break; chunks that already open with a block element are kept."""
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if chunk.strip()]
    out = []
    for chunk in chunks:
        if BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(out)


def gallery_ids(content):
    """Attachment ids of every [gallery ids="..."] in `content`, in order."""
    ids = []
    for match in GALLERY.finditer(content):
        ids += [int(n) for n in re.findall(r"\d+", attributes(match["attrs"]).get("ids", ""))]
    return ids


def convert(content):
    """Post content -> HTML: block comments dropped, shortcodes resolved, paragraphs made."""
    content = BLOCK_COMMENT.sub("", content or "")
    content = CAPTION.sub(caption_to_figure, content)
    content = EMBED.sub(embed, content)
    content = BARE_URL_LINE.sub(bare_youtube_line, content)
    content = GALLERY.sub("", content)
    content = KNOWN_SHORTCODE.sub("", content)
    content = GENERIC_SHORTCODE.sub("", content)
    return autop(content)


def inline_images(content):
    """{src URL: uploads path} for every <img> that points into wp-content/uploads."""
    found = {}
    for src in IMG_SRC.findall(content):
        path = upload_path(html.unescape(src))
        if path:
            found[src] = path
    return found
