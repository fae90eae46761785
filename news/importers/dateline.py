"""The dateline satker sites open their articles with: "Kediri, kota-kediri.kpu.go.id - ".

The portal shows the place in its own dateline line, so importers move it out of the body.
"""

import re
from dataclasses import dataclass

HOST = r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})"
PLACE = r"(?P<place>[A-Za-zÀ-ÿ'.() ]{2,60}?)"
DASH = r"\s*[-–—]+\s*"
# Plain text: "Kediri, kota-kediri.kpu.go.id - Rapat ..." or "kota-kediri.kpu.go.id - Rapat ...".
TEXT_DATELINE = re.compile(rf"^\s*(?:{PLACE},\s*)?{HOST}{DASH}", re.IGNORECASE)
# The same at the start of a paragraph's HTML, where the dateline is often bold.
TAGS = r"(?:\s|</?(?:strong|b|em|span)>)*"
HTML_DATELINE = re.compile(rf"^{TAGS}(?:{PLACE},\s*)?{HOST}{TAGS}{DASH}{TAGS}", re.IGNORECASE)
FIRST_PARAGRAPH = re.compile(r"^\s*<p>(.*?)</p>", re.DOTALL)


@dataclass
class Dateline:
    place: str
    host: str
    rest: str  # what follows the dash: the first words of the article


def split_text_dateline(line):
    """The dateline at the start of `line`, or None."""
    match = TEXT_DATELINE.match(line)
    if not match:
        return None
    return Dateline((match["place"] or "").strip(), match["host"].lower(), line[match.end() :])


def split_html_dateline(html):
    """(dateline, html without it) when the first paragraph opens with a dateline, else (None, html)."""
    paragraph = FIRST_PARAGRAPH.match(html)
    if not paragraph:
        return None, html
    match = HTML_DATELINE.match(paragraph[1])
    if not match:
        return None, html
    rest = paragraph[1][match.end() :]
    dateline = Dateline((match["place"] or "").strip(), match["host"].lower(), rest)
    return dateline, f"<p>{rest}</p>{html[paragraph.end() :]}"
