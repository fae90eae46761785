"""Recording old URLs and finding where they lead now."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from .keys import category_id, key_for_path, key_for_url, path_key
from .models import OldCategory, OldLink

MAX_HOPS = 10


def remember(article, old_url):
    """Record that `old_url` (a full URL or a path of the article's satker site) now leads to
    `article`. Idempotent; returns the OldLink, or None for a URL that names no page."""
    return record(article.satker_id, old_url, article=article)


def remember_page(page, old_url):
    """As remember(), for a page (news/importers/static_page.py)."""
    return record(page.satker_id, old_url, page=page)


def record(satker_id, old_url, *, article=None, page=None):
    """The old link of the satker's `old_url`, leading to its one target now (a re-import may
    turn a page's old address into an article's, or back)."""
    key = key_for_url(old_url)
    if key is None:
        return None
    link, _created = OldLink.objects.update_or_create(
        satker_id=satker_id,
        key=key,
        defaults={"article": article, "page": page, "target_path": "", "old_url": old_url[:500]},
    )
    return link


def find(satker, path, query):
    """Where an old URL on `satker`'s site leads now: a URL to redirect to, or None.

    One indexed query for an article link, one for a category."""
    if "\x00" in path:
        return None  # no stored URL has one, and PostgreSQL refuses it in a query
    number = category_id(path)
    if number is not None:
        category = OldCategory.objects.filter(category_id=number).first()
        if category is None:
            return None
        listing = reverse("news:article_list")
        return f"{listing}?{category.query}" if category.query else listing
    key = key_for_path(path, query) or path_key(path)
    link = OldLink.objects.filter(satker=satker, key=key).select_related("article__satker", "page").first()
    if link is None:
        return None
    if link.article_id:
        # The public rule, applied to the row already loaded: a draft's old link stays a 404; a
        # withdrawn article's leads to its notice.
        return link.article.get_canonical_url() if link.article.has_a_public_address() else None
    if link.page_id:
        # A page answers on the site the old link was on (/halaman/<slug>/).
        return link.page.get_absolute_url() if link.page.is_public() else None
    return link.target_path or None


def check_target(satker, old_url, target_path):
    """Refuse a hand-made redirect that leaves the site or leads back to itself."""
    if not target_path:
        return
    if not target_path.startswith("/") or target_path.startswith("//") or "\\" in target_path:
        raise ValidationError(
            _("Alamat tujuan harus alamat di situs ini, diawali '/', bukan ke domain lain."), code="offsite"
        )
    seen = {key_for_url(old_url)}
    path = target_path
    for _hop in range(MAX_HOPS):
        key = path_key(path.split("?", 1)[0])
        if key in seen:
            raise ValidationError(_("Pengalihan ini membuat putaran: tujuannya kembali ke alamat lama."), code="loop")
        seen.add(key)
        step = OldLink.objects.filter(satker=satker, key=key).values_list("target_path", flat=True).first()
        if not step:
            return
        path = step
