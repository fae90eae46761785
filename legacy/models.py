from django.db import models
from django.utils.translation import gettext_lazy as _


class OldLink(models.Model):
    """An old URL of a satker's site and where it now leads: an article, a page, or a path here."""

    satker = models.ForeignKey("satker.Satker", models.CASCADE, related_name="old_links", verbose_name=_("satker"))
    key = models.CharField(_("kunci"), max_length=300, editable=False)
    old_url = models.CharField(
        _("alamat lama"), max_length=500, help_text=_("Misalnya /berita/baca/1234/judul-lama atau /?p=56")
    )
    article = models.ForeignKey(
        "news.Article",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="old_links",
        verbose_name=_("artikel tujuan"),
    )
    page = models.ForeignKey(
        "pages.Page",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="old_links",
        verbose_name=_("halaman tujuan"),
    )
    target_path = models.CharField(
        _("alamat tujuan"),
        max_length=500,
        blank=True,
        help_text=_("Alamat di situs ini, diawali '/'. Kosongkan bila memilih artikel atau halaman."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengalihan tautan lama")
        verbose_name_plural = _("pengalihan tautan lama")
        # The one indexed lookup a request on a satker's domain makes for an old URL.
        constraints = [models.UniqueConstraint(fields=["satker", "key"], name="oldlink_one_per_key")]

    def __str__(self):
        return self.old_url


class OldCategory(models.Model):
    """A category id of the old central platform (the same ids on every satker) and its listing."""

    category_id = models.PositiveIntegerField(_("nomor kategori lama"), unique=True)
    name = models.CharField(_("nama"), max_length=120)
    query = models.CharField(
        _("saringan daftar berita"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya jenis=pengumuman atau divisi=hukum-dan-pengawasan; kosong: semua berita."),
    )

    class Meta:
        verbose_name = _("kategori lama")
        verbose_name_plural = _("kategori lama")
        ordering = ["category_id"]

    def __str__(self):
        return f"{self.category_id} {self.name}"
