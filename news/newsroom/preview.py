"""The editor's "Pratinjau": an article exactly as its public page shows it, whatever its status.

Same template and context builder as the public page (news.public.views.article_page_context), with
`is_preview` set so the template leaves out the view beacon; never cached, never indexed.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from news.models import Article
from news.newsroom.workflow import STATE_LABELS, can_read, state_of
from news.public.views import article_page_context


def article_preview(request, pk):
    article = get_object_or_404(Article.objects.select_related("satker").prefetch_related("images"), pk=pk)
    if not (request.user.has_perm("news.view_article") and can_read(request.user, article)):
        raise PermissionDenied
    context = {
        "article": article,
        "object": article,
        "is_preview": True,
        "preview_label": preview_label(article),
        **article_page_context(article),
    }
    response = TemplateResponse(request, "news/article_detail.html", context)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def preview_label(article):
    """'Pratinjau — belum terbit (Draf)' above every preview the public cannot see (a withdrawn one
    says so instead); None when it can."""
    if article.is_public():
        return None
    if article.withdrawn_at is not None:
        return _("Pratinjau — ditarik: pembaca hanya melihat pemberitahuan penarikan")
    return _("Pratinjau — belum terbit (%(state)s)") % {"state": STATE_LABELS[state_of(article)]}
