from django import template

from news.pages.menu import menu_for

register = template.Library()


@register.inclusion_tag("pages/menu.html", takes_context=True)
def page_menu(context):
    """The site's page menu for the header (kept in the cache: no query once built)."""
    return {"menu": menu_for(context.get("site_satker"))}
