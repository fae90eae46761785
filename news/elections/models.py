"""Elections and their stages (tahapan): national ones set by KPU RI, and a satker's own."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.attachments import validate_pdf
from news.models import Article
from satker.directory_cache import ancestors_of


def stage_document_path(instance, filename):
    owner = instance.election.satker.slug if instance.election.satker_id else "nasional"
    return f"tahapan/{owner}/{timezone.localdate():%Y/%m}/{filename}"


class ElectionQuerySet(models.QuerySet):
    def national(self):
        return self.filter(satker__isnull=True)

    def for_site(self, site):
        """What a site shows: the national elections, plus, on a satker's site, its own and those
        of the units above it (a province's governor election runs in all its kab/kota too)."""
        if site is None:
            return self.national()
        owners = [site.pk, *(unit.pk for unit in ancestors_of(site))]
        return self.filter(models.Q(satker__isnull=True) | models.Q(satker_id__in=owners))

    def with_stages(self):
        stages = Stage.objects.select_related("article").defer("article__body", "article__search_vector")
        return self.prefetch_related(models.Prefetch("stages", queryset=stages))


class Election(models.Model):
    name = models.CharField(_("nama"), max_length=150, help_text=_("Misalnya Pemilu 2029 atau Pilkada 2029."))
    voting_day = models.DateField(_("hari pemungutan suara"))
    satker = models.ForeignKey(
        "satker.Satker",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="elections",
        verbose_name=_("satker"),
        help_text=_("Kosong: pemilihan nasional oleh KPU RI, tampil di semua situs."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = ElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemilihan")
        verbose_name_plural = _("tahapan dan jadwal")
        ordering = ["voting_day", "name"]

    def __str__(self):
        return self.name

    def is_national(self):
        return self.satker_id is None


class Stage(models.Model):
    election = models.ForeignKey(Election, models.CASCADE, related_name="stages", verbose_name=_("pemilihan"))
    name = models.CharField(_("nama tahapan"), max_length=200)
    start = models.DateField(_("tanggal mulai"))
    end = models.DateField(_("tanggal selesai"))
    description = models.TextField(_("keterangan"), max_length=1000, blank=True, help_text=_("Teks biasa."))
    article = models.ForeignKey(
        Article,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="election_stages",
        verbose_name=_("artikel terkait"),
        help_text=_("Tautan tampil selama artikel itu terbit."),
    )
    document = models.FileField(
        _("dokumen PDF"),
        upload_to=stage_document_path,
        blank=True,
        validators=[validate_pdf],
        help_text=_("Misalnya keputusan tentang tahapan; hanya PDF, paling besar 20 MB."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("tahapan")
        verbose_name_plural = _("tahapan")
        ordering = ["start", "end", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="stage_ends_after_start")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {"end": ValidationError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."), code="stage_order")}
            )
