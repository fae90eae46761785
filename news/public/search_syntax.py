"""What a reader types into the search box, read as PostgreSQL's websearch_to_tsquery reads it,
and written out for either database with every word quoted, so no search syntax of SQLite's FTS5
or PostgreSQL's to_tsquery in the input is ever obeyed.

- words: all must match, in any order;
- "quoted words": a phrase (an unclosed quote runs to the end);
- -word, -"a phrase": must not match;
- a OR b: either side (OR binds looser than the words around it: `a b OR c` is (a b) or c).

Everything else (punctuation, `*`, `^`, `:`, `NEAR(`, a lone `-`) separates words. A group of
only excluded words is dropped: it would match nearly everything and no index can serve it.
"""

import re
from dataclasses import dataclass, field

from news.search_index import stem, words

MAX_TERMS = 12  # a pasted paragraph is cut: a search of 12 words is specific enough
MAX_PHRASE_WORDS = 8
CHUNK = re.compile(r'[^\s"]+')
PUNCTUATION = re.compile(r"[^\w-]+")
OR = object()


@dataclass(frozen=True)
class Term:
    words: tuple  # one word, or the words of a phrase
    negated: bool = False

    def fts5(self):
        # A quoted FTS5 string is a phrase of the tokens in it; the stems hold no quote (\w only).
        return '"' + " ".join(stem(word) for word in self.words) + '"'

    def tsquery(self):
        # Quoted lexemes: to_tsquery still stems them with the configuration, obeys no operator.
        return "(" + " <-> ".join(f"'{word}'" for word in self.words) + ")"


@dataclass
class Query:
    groups: list = field(default_factory=list)  # alternatives (OR), each a list of Terms (AND)

    def __bool__(self):
        return bool(self.groups)

    def positive_words(self):
        return [word for group in self.groups for term in group if not term.negated for word in term.words]

    def stems(self):
        """The stems of the words a match must hold: what a snippet marks."""
        return {stem(word) for word in self.positive_words()}

    def fts5(self):
        """An FTS5 MATCH expression."""
        alternatives = []
        for group in self.groups:
            positive = " AND ".join(term.fts5() for term in group if not term.negated)
            negative = "".join(f" NOT {term.fts5()}" for term in group if term.negated)
            alternatives.append(f"(({positive}){negative})")
        return " OR ".join(alternatives)

    def tsquery(self):
        """A to_tsquery expression."""
        return " | ".join(
            "(" + " & ".join(("!" if term.negated else "") + term.tsquery() for term in group) + ")"
            for group in self.groups
        )


def scan(text):
    """Terms and OR markers, in order."""
    items, position = [], 0
    while position < len(text) and len(items) < MAX_TERMS * 2:
        if text[position].isspace():
            position += 1
            continue
        negated = text[position] == "-"
        position += negated
        if position >= len(text) or text[position].isspace():
            continue  # a lone "-"
        if text[position] == '"':
            end = text.find('"', position + 1)
            end = len(text) if end == -1 else end
            chunk, quoted, position = text[position + 1 : end], True, end + 1
        else:
            match = CHUNK.match(text, position)
            chunk, quoted, position = match.group(), False, match.end()
        if chunk.lower() == "or" and not (quoted or negated):
            items.append(OR)
            continue
        # Outside quotes, words joined by a hyphen are a phrase ("sainte-lague"); by anything else, words.
        for part in [chunk] if quoted else PUNCTUATION.split(chunk):
            found = words(part)[:MAX_PHRASE_WORDS]
            if found:
                items.append(Term(tuple(found), negated))
                negated = False
    return items


def parse(text):
    """The Query for `text`; an empty Query when nothing in it can be searched."""
    items = scan(text or "")
    groups, current, count = [], [], 0
    for index, item in enumerate(items):
        if item is OR:
            following = items[index + 1] if index + 1 < len(items) else None
            if current and isinstance(following, Term):
                groups.append(current)
                current = []
                continue
            item = Term(("or",))  # an OR with nothing on one side is a word, as in PostgreSQL
        if count < MAX_TERMS:
            current.append(item)
            count += 1
    groups.append(current)
    return Query([group for group in groups if any(not term.negated for term in group)])
