from django import template

register = template.Library()


@register.inclusion_tag("viewcount/beacon.html")
def view_beacon(article):
    """The counter for a public article page: the beacon script and the no-JavaScript pixel.
    Leave it out of editors' previews: a preview is not a reader's view."""
    return {"article_id": article.pk}
