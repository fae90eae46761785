"""Finds anything a browser (or a feed reader rendering HTML) would run in a page or a feed.

Allowed on public pages: <script src="/static/..."> and JSON-LD data blocks; YouTube embeds.
Everything else that can run code is reported: other scripts, event handler attributes,
javascript:/vbscript:/data:text/html URLs, style attributes or elements (CSS expressions),
SVG, object, embed, base, meta refresh and foreign frames.
"""

import re
from html.parser import HTMLParser

from defusedxml import ElementTree

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
DANGEROUS_TAGS = {"svg", "math", "object", "embed", "applet", "base", "style", "frame", "frameset"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
YOUTUBE = re.compile(r"^https://(www\.)?youtube(-nocookie)?\.com/embed/")
INVISIBLE = re.compile(r"[\s\x00-\x1f]+")


class ExecutableFinder(HTMLParser):
    def __init__(self, where):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.found = []

    def report(self, what):
        self.found.append(f"{self.where}: {what}")

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            if values.get("type") == "application/ld+json" and "src" not in values:
                pass  # data, not code
            elif not (values.get("src") or "").startswith("/static/"):
                self.report(f"<script {attrs}>")
        elif tag == "link":
            if values.get("rel") in {"stylesheet", "import"} and not (values.get("href") or "").startswith("/static/"):
                self.report(f"<link {attrs}>")
        elif tag in DANGEROUS_TAGS:
            self.report(f"<{tag}>")
        elif tag == "iframe" and not YOUTUBE.match(values.get("src") or ""):
            self.report(f"<iframe src={values.get('src')!r}>")
        elif tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.report("<meta http-equiv=refresh>")
        for name, value in attrs:
            if name.startswith("on"):
                self.report(f"<{tag} {name}=...>")
            elif name == "style":
                self.report(f"<{tag} style={value!r}>")
            elif name in URL_ATTRIBUTES and INVISIBLE.sub("", value or "").lower().startswith(DANGEROUS_SCHEMES):
                self.report(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def executable_in_html(html, where="page"):
    finder = ExecutableFinder(where)
    finder.feed(html)
    finder.close()
    return finder.found


HTML_IN_FEEDS = {"description", "summary", "content", "encoded"}  # RSS/Atom elements readers show as HTML


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def executable_in_feed(xml, where="feed"):
    """Feed readers render descriptions, summaries and content as HTML: check each as a page.
    (Titles are text: RSS readers such as feedparser and Atom's type="text" treat them so.)"""
    root = ElementTree.fromstring(xml.encode() if isinstance(xml, str) else xml)
    found = []
    for element in root.iter():
        if local_name(element.tag) in HTML_IN_FEEDS and element.text and element.text.strip():
            found += executable_in_html(element.text, f"{where} <{element.tag}>")
        for name, value in element.attrib.items():
            if INVISIBLE.sub("", value).lower().startswith(DANGEROUS_SCHEMES):
                found.append(f"{where} <{element.tag} {name}={value!r}>")
    return found
