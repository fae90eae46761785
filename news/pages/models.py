"""Pages (Halaman) of a satker's site: Profil, Visi dan Misi, Kontak..., in its menu.

KPU RI can mark a page "for all sites": every site shows it by reference, unless the site
publishes its own page with the same slug.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.links import absolute_url
from news.models import Status, first_free_slug, slug_base
from news.sanitize import clean_html
from satker.models import Level

SLUG_MAX_LENGTH = 100


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages the public may see. Every public reader starts here."""
        return self.filter(status=Status.PUBLISHED)

    def shown_on(self, site):
        """Pages the site shows: its own, and KPU RI's pages for all sites, except where the site
        published its own page with the same slug (one query, the site's slugs a subquery)."""
        own_slugs = Page.objects.published().filter(satker=site).values("slug")
        national = models.Q(for_all_sites=True, satker__level=Level.PUSAT)
        return self.filter(models.Q(satker=site) | national).exclude(~models.Q(satker=site), slug__in=own_slugs)


class Page(models.Model):
    satker = models.ForeignKey("satker.Satker", models.PROTECT, related_name="pages", verbose_name=_("satker"))
    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        blank=True,
        help_text=_("Bagian alamat halaman: /halaman/<slug>/. Dibuat dari judul bila kosong."),
    )
    body = models.TextField(_("isi"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan di menu"), default=0, help_text=_("Kecil tampil lebih dulu."))
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
        help_text=_("Halaman di atasnya dalam menu (satu tingkat saja)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    for_all_sites = models.BooleanField(
        _("tampilkan di semua situs"),
        default=False,
        help_text=_(
            "Hanya untuk halaman KPU RI: tampil di situs setiap satker yang tidak punya halaman sendiri "
            "dengan slug yang sama."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("penulis")
    )
    source_url = models.URLField(_("alamat asal"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("halaman")
        verbose_name_plural = _("halaman")
        ordering = ["order", "title"]
        constraints = [models.UniqueConstraint(fields=["satker", "slug"], name="page_slug_per_satker")]
        indexes = [models.Index(fields=["satker", "status"], name="page_satker_status")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        if not self.slug:
            base = slug_base(self.title)[: SLUG_MAX_LENGTH - 5].strip("-") or "halaman"
            taken = set(
                Page.objects.filter(satker_id=self.satker_id, slug__startswith=base)
                .exclude(pk=self.pk)
                .values_list("slug", flat=True)
            )
            self.slug = first_free_slug(base, taken)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The path on any site that shows the page (its own satker's, or every site for a
        national page)."""
        return reverse("pages:page_detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The satker it was loaded with: a page moved to another satker leaves that site's menu.
        instance._loaded_satker_id = instance.__dict__.get("satker_id")
        return instance

    def get_canonical_url(self):
        return absolute_url(self.satker, self.get_absolute_url())

    def is_public(self):
        """published(), for a row already loaded (an old link's target)."""
        return self.status == Status.PUBLISHED


class PageRevision(models.Model):
    """A saved state of a page (news/pages/revisions.py): who, when, and its content."""

    page = models.ForeignKey(Page, models.CASCADE, related_name="revisions", verbose_name=_("halaman"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("oleh")
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)
    data = models.JSONField(_("isi tersimpan"))
    note = models.CharField(_("catatan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("revisi halaman")
        verbose_name_plural = _("revisi halaman")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.page_id} @ {self.created_at:%Y-%m-%d %H:%M}"
