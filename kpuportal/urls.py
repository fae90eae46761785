from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from api.views import not_found as api_not_found
from news.newsroom.editor_upload import editor_upload
from news.public import sitemap_views
from news.public.media import media
from news.public.views import HomeView
from satker.admin import view_on_site

# The editor's image upload: our own view (CSRF-protected, staff only, per satker), called by
# XHR, so no page needs to allow frames.
editor_urls = [path("upload/", editor_upload, name="ckeditor_upload")]

admin.site.site_header = _("Ruang Redaksi Portal Berita KPU")
admin.site.site_title = _("Redaksi KPU")
admin.site.index_title = _("Beranda redaksi")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("sitemap.xml", sitemap_views.sitemap_index, name="sitemap"),
    path("sitemap-news.xml", sitemap_views.news_sitemap, name="news_sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", sitemap_views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin): the site's own SVG.
    path("favicon.ico", lambda request: redirect(static("favicon.svg"), permanent=True)),
    path("", include("news.public.urls")),
    path("", include("news.public.satker_urls")),
    path("", include("news.commissioners.urls")),  # /komisioner/
    path("", include("news.elections.urls")),  # /tahapan/, /tahapan.ics
    path("", include("news.pages.urls")),
    path("", include("viewcount.urls")),
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", api_not_found),  # any other path under /api/: the API's JSON 404
    # Before admin.site.urls: Django's own "view on site" redirect is not scoped to the user's satker.
    path("admin/r/<path:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    path("ckeditor/", include(editor_urls)),
    path("", include("ops.urls")),
]
handler500 = "ops.outage.server_error"  # the database away outside a view: 503, not 500
# Inside /admin/ the newsroom's own styled, Indonesian pages; elsewhere the site's 403.html/404.html.
handler403 = "news.newsroom.errors.permission_denied"
handler404 = "news.newsroom.errors.page_not_found"

# Uploaded files: an article's only while it is public (news/public/media.py, docs/security.md).
urlpatterns.append(path("media/<path:path>", media, name="media"))

if settings.KPU_BENCH:
    from bench.views import do_nothing  # noqa: PLC0415  (never imported in production)

    urlpatterns.append(path("tolok-ukur/kosong/", do_nothing, name="bench_noop"))
