"""The place line: the page writes "KEDIRI —" before the body from the article's "Tempat", so a
body pasted with its own "KEDIRI –" would say the place twice."""

import re

DASHES = "-\u2013\u2014"  # hyphen, en dash, em dash: whatever the writer's phone or Word typed


def strip_repeated_place(body, place):
    """`body` without a leading "PLACE –" (any dash, any case, bold or not) that repeats `place`."""
    place = (place or "").strip()
    if not body or not place:
        return body
    repeated = re.compile(
        rf"^(\s*(?:<p[^>]*>\s*)?)"  # kept: the first paragraph's opening tag
        rf"(?:<(strong|b)>\s*)?{re.escape(place)}\s*(?:</(?:strong|b)>\s*)?"
        rf"[{DASHES}]\s*(?(2)(?:</(?:strong|b)>\s*)?)",
        re.IGNORECASE,
    )
    return repeated.sub(r"\1", body, count=1)
