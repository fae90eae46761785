"""The members of each satker's commission (Ketua, Anggota) and its Sekretaris, with their terms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Division, upload_path
from news.renditions import make_renditions, srcset

BIO_MAX_LENGTH = 1000


class Position(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    MEMBER = "anggota", _("Anggota")
    # The head of the secretariat: civil-service staff, not a commissioner; shown apart.
    SECRETARY = "sekretaris", _("Sekretaris")


def photo_path(instance, filename):
    return upload_path(instance, filename, "komisioner")


def serving_q(day):
    """In office on `day`: the term has begun and not ended (no end date: still serving)."""
    return models.Q(term_start__lte=day) & (models.Q(term_end__isnull=True) | models.Q(term_end__gte=day))


class CommissionerQuerySet(models.QuerySet):
    def of_satker(self, satker):
        return self.filter(satker_id=satker.pk)

    def serving(self, day=None):
        return self.filter(serving_q(day or timezone.localdate()))

    def former(self, day=None):
        """Terms that ended before `day`, newest term first."""
        return self.filter(term_end__lt=day or timezone.localdate()).order_by("-term_start", "position", "name")

    def in_board_order(self):
        """Ketua first, then the members in the order of their divisions."""
        chair_first = models.Case(models.When(position=Position.CHAIR, then=0), default=1)
        return self.select_related("division").order_by(
            chair_first, Coalesce("division__position", 999), "division__name", "name"
        )


class Commissioner(models.Model):
    satker = models.ForeignKey("satker.Satker", models.PROTECT, related_name="commissioners", verbose_name=_("satker"))
    name = models.CharField(_("nama"), max_length=150, help_text=_("Nama lengkap dengan gelar."))
    photo = models.ImageField(
        _("foto"), upload_to=photo_path, blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    position = models.CharField(_("jabatan"), max_length=12, choices=Position.choices, default=Position.MEMBER)
    division = models.ForeignKey(
        Division,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="commissioners",
        verbose_name=_("divisi"),
        help_text=_("Divisi yang dipimpin (Sekretaris: Sekretariat)."),
    )
    term_start = models.DateField(_("awal masa jabatan"))
    term_end = models.DateField(
        _("akhir masa jabatan"), null=True, blank=True, help_text=_("Kosongkan bila belum ditetapkan.")
    )
    bio = models.TextField(
        _("riwayat singkat"),
        max_length=BIO_MAX_LENGTH,
        blank=True,
        help_text=_("Teks biasa, paling banyak 1000 huruf."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = CommissionerQuerySet.as_manager()

    class Meta:
        verbose_name = _("komisioner")
        verbose_name_plural = _("komisioner")
        ordering = ["satker", "-term_start", "name"]
        indexes = [models.Index(fields=["satker", "term_start"], name="commissioner_satker_term")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True) | models.Q(term_end__gte=models.F("term_start")),
                name="commissioner_term_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_position_display()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.photo and self.photo.name != getattr(self, "_saved_photo", None):
            make_renditions(self.photo)
        self._saved_photo = self.photo.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_photo = instance.__dict__.get("photo")
        return instance

    def clean(self):
        if self.term_start and self.term_end and self.term_end < self.term_start:
            message = _("Akhir masa jabatan tidak boleh sebelum awal masa jabatan.")
            raise ValidationError({"term_end": ValidationError(message, code="term_order")})

    def photo_srcset(self):
        return srcset(self.photo, self.photo_width)
