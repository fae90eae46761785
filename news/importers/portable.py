"""The portal's own JSON export (export.py) read back into article records."""

import json
from datetime import datetime
from pathlib import Path

from news.models import Kind, Status

from .export import FORMAT
from .records import ArticleRecord, Failure, ImageRef
from .satker_lookup import UnknownSatker, satker_by_slug


def json_items(path, *, satker=None, media_root=None):
    """Records for every article of a JSON export; the satker is the file's unless given."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield Failure(str(path), f"not a readable JSON export ({exc})")
        return
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        yield Failure(str(path), f'not a {FORMAT} export (no "format": "{FORMAT}")')
        return
    if satker is None:
        try:
            satker = satker_by_slug(document.get("satker", ""))
        except UnknownSatker as exc:
            yield Failure(str(path), str(exc))
            return
    for number, data in enumerate(document.get("articles", []), start=1):
        label = f"{Path(path).name} article {number} (“{str(data.get('title', ''))[:60]}”)"
        try:
            yield to_record(data, satker, media_root, label)
        except (KeyError, TypeError, ValueError) as exc:
            yield Failure(label, f"malformed article ({type(exc).__name__}: {exc})")


def to_record(data, satker, media_root, label):
    published_at = data.get("published_at")
    if data["status"] not in Status.values or data.get("kind", Kind.NEWS) not in Kind.values:
        raise ValueError(f"unknown status '{data['status']}' or kind '{data.get('kind')}'")
    record = ArticleRecord(
        source_key=data["source_key"],
        label=label,
        title=data["title"],
        body=data.get("body", ""),
        slug=data.get("slug", ""),
        kind=data.get("kind", Kind.NEWS),
        dateline=data.get("dateline", ""),
        lead=data.get("lead", ""),
        status=data["status"],
        published_at=datetime.fromisoformat(published_at) if published_at else None,
        editor_credit=data.get("editor_credit", ""),
        view_count=int(data.get("view_count", 0)),
        source_url=data.get("source_url", ""),
        old_urls=[data.get("source_url") or ""],
        divisions=list(data.get("divisions", [])),
        share_down=bool(data.get("share_down", False)),
        tags=list(data.get("tags", [])),
        satker=satker,
    )
    if media_root is not None:
        record.media_root = media_root
        record.keep_media_names = True
        if data.get("featured_image"):
            record.featured_image = ImageRef(
                data["featured_image"], data.get("featured_image_alt", ""), data.get("featured_image_caption", "")
            )
        record.attachment = data.get("attachment") or ""
        record.gallery = [ImageRef(g["image"], g.get("alt", ""), g.get("caption", "")) for g in data.get("gallery", [])]
    return record
