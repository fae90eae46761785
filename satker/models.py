from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PUSAT = "pusat", _("Pusat")
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")


TIME_ZONE_LABELS = {TimeZone.WIB: "WIB", TimeZone.WITA: "WITA", TimeZone.WIT: "WIT"}


class Role(models.TextChoices):
    WRITER = "writer", _("Penulis")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Admin satker")


# JDIH is one central site holding every satker's documents: its front page is a right link
# for a satker whose own path is unknown. PPID has no such fallback (data/kpu-services/README.md).
NATIONAL_JDIH_URL = "https://jdih.kpu.go.id/"

# Links on public pages: http(s) only, never javascript:, data: or ftp:.
web_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Masukkan alamat web lengkap yang diawali http:// atau https://.")
)


class SatkerQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(level=Level.PROVINSI)

    def with_descendants(self, satker):
        """The satker itself and every unit below it (RI: all; a province: its kab/kota)."""
        if satker.level == Level.PUSAT:
            return self.all()
        if satker.level == Level.PROVINSI:
            return self.filter(models.Q(pk=satker.pk) | models.Q(parent=satker))
        return self.filter(pk=satker.pk)


class Satker(models.Model):
    """A KPU work unit: KPU RI, a KPU Provinsi or a KPU Kabupaten/Kota (KIP in Aceh)."""

    name = models.CharField(_("nama"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )
    region_code = models.CharField(
        _("kode wilayah Kemendagri"), max_length=10, unique=True, blank=True, help_text=_("Kosong untuk KPU RI.")
    )
    time_zone = models.CharField(_("zona waktu"), max_length=20, choices=TimeZone.choices, default=TimeZone.WIB)
    domain = models.CharField(
        _("domain web"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Misalnya kota-kediri.kpu.go.id"),
    )
    alias_domains = models.TextField(
        _("domain alias"), blank=True, help_text=_("Satu domain per baris, misalnya domain lama situs satker.")
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="satker/logo/", blank=True)
    ppid_url = models.URLField(
        _("alamat PPID"),
        blank=True,
        validators=[web_url_validator],
        help_text=_("Situs PPID satker. Diisi dari data bawaan bila kosong; isian Anda tidak akan ditimpa."),
    )
    jdih_url = models.URLField(
        _("alamat JDIH"),
        blank=True,
        validators=[web_url_validator],
        help_text=_("Halaman JDIH satker. Diisi dari data bawaan bila kosong; isian Anda tidak akan ditimpa."),
    )
    show_shared_news = models.BooleanField(
        _("tampilkan berita dari KPU RI dan provinsi"),
        default=True,
        help_text=_("Berita yang ditandai satker di atasnya untuk tampil di situs ini."),
    )

    objects = SatkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("satker")
        verbose_name_plural = _("satker")
        ordering = ["region_code"]
        indexes = [models.Index(fields=["level", "region_code"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("satker:satker_detail", args=[self.slug])

    @property
    def has_units_below(self):
        """KPU RI and the provinces oversee units below them (and may share news down to them)."""
        return self.level in (Level.PUSAT, Level.PROVINSI)

    @property
    def time_zone_label(self):
        """WIB, WITA or WIT, as Indonesians write after a time."""
        return TIME_ZONE_LABELS[self.time_zone]

    def domain_prefix(self):
        """'kota-kediri' for kota-kediri.kpu.go.id; None without a KPU domain."""
        if self.domain and self.domain.endswith(".kpu.go.id"):
            return self.domain.removesuffix(".kpu.go.id")
        return None

    def ppid_link(self):
        """The satker's information-disclosure (PPID) site, or "" when unknown (then no link)."""
        return self.ppid_url

    def jdih_link(self):
        """The satker's legal-documents (JDIH) page, else the national JDIH site."""
        return self.jdih_url or NATIONAL_JDIH_URL

    def alias_domain_list(self):
        return [line.strip().lower() for line in self.alias_domains.splitlines() if line.strip()]


class Membership(models.Model):
    """Binds a staff account to the one satker it works for, with its role there."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="membership", verbose_name=_("pengguna")
    )
    satker = models.ForeignKey(Satker, models.PROTECT, related_name="memberships", verbose_name=_("satker"))
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("keanggotaan satker")
        verbose_name_plural = _("keanggotaan satker")

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} {self.satker}"


class ServiceLink(models.Model):
    """A link in a site's footer (cek DPT, SP4N-LAPOR!, a survey form, a social account).

    Links without a satker are national: every site shows them, then its own; an own link with
    the label of a national one takes its place (satker/service_links.py merge_links)."""

    satker = models.ForeignKey(
        Satker,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="service_links",
        verbose_name=_("satker"),
        help_text=_("Kosong: tautan nasional, tampil di situs semua satker."),
    )
    label = models.CharField(_("label"), max_length=60)
    url = models.URLField(_("alamat"), max_length=300, validators=[web_url_validator])
    order = models.PositiveSmallIntegerField(_("urutan"), default=0, help_text=_("Kecil tampil lebih dulu."))

    class Meta:
        verbose_name = _("tautan layanan")
        verbose_name_plural = _("tautan layanan")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label
