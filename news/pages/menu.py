"""A site's page menu: its published pages, parents with their children (one level).

Shown in the header of every page of the site, so it is kept in the cache (one query when
missing) and dropped when a page of the site changes (news/pages/signals.py).
"""

from django.core.cache import cache

from satker.directory_cache import satker_by_slug

from .models import Page

NATIONAL_SLUG = "ri"


def site_or_national(site):
    """The satker whose pages a site shows: its own, or KPU RI's on the national portal."""
    return site if site is not None else satker_by_slug(NATIONAL_SLUG)


def menu_key(satker_id):
    return f"pages:menu:{satker_id}"


def build_menu(site):
    """[{title, url, slug, children: [...]}] in menu order. One query."""
    fields = ["satker_id", "title", "slug", "order", "parent_id", "for_all_sites", "status"]
    pages = list(Page.objects.published().shown_on(site).only(*fields).order_by("order", "title"))
    shown = {page.pk for page in pages}
    items = {
        page.pk: {"title": page.title, "slug": page.slug, "url": page.get_absolute_url(), "children": []}
        for page in pages
    }
    menu = []
    for page in pages:
        if page.parent_id is None:
            menu.append(items[page.pk])
        elif page.parent_id in shown:
            items[page.parent_id]["children"].append(items[page.pk])
        # A child whose parent is not public stays out of the menu (its page still answers).
    return menu


def menu_for(site):
    site = site_or_national(site)
    if site is None:
        return []
    menu = cache.get(menu_key(site.pk))
    if menu is None:
        menu = build_menu(site)
        cache.set(menu_key(site.pk), menu, timeout=None)
    return menu


def forget_menus(satker_ids):
    cache.delete_many([menu_key(pk) for pk in satker_ids])
