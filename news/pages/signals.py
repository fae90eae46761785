"""What pages tell other apps when they change: the menu and every cached page of the sites
showing them must go. New satker get the starter pages."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache.generations import bump, move_keys, own_key
from satker.directory_cache import ancestors_of, children_of, directory
from satker.models import Level, Satker

from .menu import forget_menus
from .models import Page
from .starter import create_starter_pages


def sites_showing_pages_of(satker_id):
    """The sites whose header menu may show this satker's pages: its own; every site for KPU RI
    (national pages)."""
    unit = directory().by_id.get(satker_id)
    if unit is not None and unit.level == Level.PUSAT:
        return list(directory().by_id)
    return [satker_id]


def article_page_keys(site_ids):
    """Article pages are cached under their article's satker's "own" generation
    (pagecache.pages.own_articles_scope), and a site shows the articles of its units below and
    the news shared down from above: those move too, or their header menus would stay old."""
    units = directory().by_id
    if len(site_ids) == len(units):  # a national page: every satker's
        return {own_key(pk) for pk in units}
    keys = set()
    for site in filter(None, map(units.get, site_ids)):
        keys |= {own_key(unit.pk) for unit in (site, *ancestors_of(site), *children_of(site))}
    return keys


def pages_changed(satker_id):
    sites = sites_showing_pages_of(satker_id)
    forget_menus(sites)
    if transaction.get_connection().in_atomic_block:
        # Registered before the moves below: the menus are gone before the edge is purged.
        transaction.on_commit(lambda: forget_menus(sites))
    bump([satker_id])
    move_keys(article_page_keys(sites))


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def page_changed(instance, **kwargs):
    # A page moved to another satker (a superadmin's edit) changes the menus of both.
    for satker_id in {instance.satker_id, getattr(instance, "_loaded_satker_id", None)} - {None}:
        pages_changed(satker_id)
    instance._loaded_satker_id = instance.satker_id


@receiver(post_save, sender=Satker)
def new_satker_gets_starter_pages(instance, created, raw=False, **kwargs):
    if created and not raw:
        create_starter_pages(Page, [instance.pk])
