"""The one shape every source is turned into before it is written: an `ArticleRecord`.

WordPress items, text files and the portal's own JSON export all become records, so the
writer (`store.py`) has one idempotent path to the database whatever the source.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from news.models import Kind, Status


@dataclass
class ImageRef:
    """An image an article uses, found in the old site's uploads (or the portal's media)."""

    path: str  # relative to the media directory, e.g. "2023/08/pleno.jpg"
    alt: str = ""
    caption: str = ""


@dataclass
class ArticleRecord:
    source_key: str  # "wp:123", "text:<sha1>": the idempotency key, unique per satker
    label: str  # how the report names the item: file and item number or title
    title: str
    body: str = ""
    slug: str = ""
    kind: str = Kind.NEWS
    dateline: str = ""
    lead: str = ""
    status: str = Status.PUBLISHED
    published_at: datetime | None = None
    editor_credit: str = ""
    view_count: int = 0
    source_url: str = ""
    old_urls: list[str] = field(default_factory=list)  # old addresses to redirect here (legacy.OldLink)
    categories: list[str] = field(default_factory=list)  # mapped to divisions by the writer
    divisions: list[str] = field(default_factory=list)  # division names already decided
    tags: list[str] = field(default_factory=list)
    featured_image: ImageRef | None = None
    gallery: list[ImageRef] = field(default_factory=list)
    attachment: str = ""  # a PDF's path in media_root
    share_down: bool = False  # shown on the sites of the satker below (news.Article.share_down)
    inline_images: dict[str, str] = field(default_factory=dict)  # <img src> URL -> path in media_root
    media_root: Path | None = None  # where ImageRef paths are found; None: images are not imported
    keep_media_names: bool = False  # a portal export: its media paths are storage names to keep
    satker: object = None  # the satker.Satker it goes to, decided by the source
    warnings: list[str] = field(default_factory=list)  # for the report, e.g. an image not saved with the page


@dataclass
class Skip:
    """An item deliberately not imported (a page, an attachment, a revision...)."""

    label: str
    reason: str


@dataclass
class Failure:
    """An item that could not be read; the report names it and the import goes on."""

    label: str
    reason: str
