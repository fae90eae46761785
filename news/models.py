import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from satker.models import Level

from .attachments import validate_pdf
from .dateline import strip_repeated_place
from .links import absolute_url
from .renditions import make_renditions, srcset
from .sanitize import clean_html

SLUG_MAX_LENGTH = 200


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    REVIEW = "review", _("Menunggu tinjauan")
    PUBLISHED = "published", _("Terbit")
    ARCHIVED = "archived", _("Diarsipkan")


class Kind(models.TextChoices):
    NEWS = "berita", _("Berita")
    ANNOUNCEMENT = "pengumuman", _("Pengumuman")
    PRESS_RELEASE = "siaran-pers", _("Siaran Pers")


def public_q():
    """The one rule for what the public may see now: published, its time has come, not withdrawn."""
    return models.Q(status=Status.PUBLISHED, published_at__lte=timezone.now(), withdrawn_at__isnull=True)


def withdrawn_q():
    """Published, then withdrawn by an editor: its page shows a notice, no list shows it."""
    return models.Q(status=Status.PUBLISHED, withdrawn_at__isnull=False)


def scheduled_q():
    """Published with a time still to come: it goes public by itself then (no cron)."""
    return models.Q(status=Status.PUBLISHED, published_at__gt=timezone.now())


def upload_path(instance, filename, folder):
    satker = instance.satker if hasattr(instance, "satker_id") else instance.article.satker
    now = timezone.localdate()
    return f"{folder}/{satker.slug}/{now:%Y/%m}/{filename}"


def featured_image_path(instance, filename):
    return upload_path(instance, filename, "artikel")


def gallery_image_path(instance, filename):
    return upload_path(instance, filename, "galeri")


def attachment_path(instance, filename):
    return upload_path(instance, filename, "lampiran")


def slug_base(text):
    return slugify(text)[:SLUG_MAX_LENGTH].strip("-") or "artikel"


def first_free_slug(base, taken):
    """`base`, or `base-2`, `base-3`... : the first not in `taken` (the slugs of the satker)."""
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class Division(models.Model):
    """A commissioners' division (divisi), e.g. Teknis Penyelenggaraan."""

    name = models.CharField(_("nama"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("deskripsi"), blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("divisi")
        verbose_name_plural = _("divisi")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:division_detail", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles the public may see now. Every public reader starts here."""
        return self.filter(public_q())

    def published_or_withdrawn(self):
        """Articles whose page answers: the public ones, and the withdrawn ones (their page keeps
        its address with a notice). Only the article page reads this; every list reads published()."""
        return self.filter(public_q() | withdrawn_q())

    def for_satker(self, satker):
        """Articles of the satker and of every unit below it (a province includes its kab/kota)."""
        from satker.directory_cache import children_of

        if satker.level == Level.PUSAT:
            return self
        # The units' ids as values from the in-memory directory, not a subquery: PostgreSQL then
        # estimates the rows from its per-satker statistics alone, and the listing's page count
        # comes from that estimate (a subquery, with the small satker table never analyzed,
        # gave ~176,000 for every province of the 1M benchmark: 3-10x the real count).
        return self.filter(satker_id__in=[satker.pk, *(unit.pk for unit in children_of(satker))])

    def for_site(self, site):
        """What a satker's site lists: its own and its children's articles, plus those its
        parents share down (unless the site switched that off)."""
        from satker.directory_cache import ancestors_of, children_of

        if site.level == Level.PUSAT:
            return self
        own = models.Q(satker_id__in=[site.pk, *(unit.pk for unit in children_of(site))])  # as for_satker
        if not site.show_shared_news:
            return self.filter(own)
        shared = models.Q(share_down=True, satker_id__in=[unit.pk for unit in ancestors_of(site)])
        return self.filter(own | shared)

    def scheduled(self):
        return self.filter(scheduled_q())

    def next_publication(self):
        """When the next scheduled article goes public, or None."""
        return self.scheduled().aggregate(first=models.Min("published_at"))["first"]

    def popular(self, days=7):
        """Articles with the most views in the last `days` days (today included, Asia/Jakarta
        dates), most viewed first, each with `recent_views`; those with no views then are left out."""
        since = timezone.localdate() - datetime.timedelta(days=days - 1)
        return (
            self.filter(daily_views__date__gte=since)
            .annotate(recent_views=models.Sum("daily_views__views"))
            .order_by("-recent_views", "-published_at", "-id")
        )

    def for_listing(self):
        # Cards show the satker: joined, not one query per card. No list shows the search
        # vector (~1.4 KB a row); search filters and ranks on the column in SQL.
        return self.select_related("satker").defer("search_vector")


class Article(models.Model):
    satker = models.ForeignKey("satker.Satker", models.PROTECT, related_name="articles", verbose_name=_("satker"))
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("judul"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH + 10,
        blank=True,
        help_text=_("Bagian alamat (URL) artikel. Dibuat dari judul bila kosong; jangan diubah setelah terbit."),
    )
    dateline = models.CharField(_("tempat"), max_length=100, blank=True, help_text=_("Misalnya Kediri."))
    lead = models.TextField(
        _("ringkasan"), max_length=300, blank=True, help_text=_("Satu atau dua kalimat; tampil saat dibagikan.")
    )
    body = models.TextField(_("isi"), blank=True)
    featured_image = models.ImageField(
        _("gambar utama"),
        upload_to=featured_image_path,
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_caption = models.CharField(_("keterangan gambar"), max_length=250, blank=True)
    featured_image_alt = models.CharField(
        _("teks alternatif gambar"), max_length=250, blank=True, help_text=_("Apa yang tampak pada gambar.")
    )
    divisions = models.ManyToManyField(Division, blank=True, related_name="articles", verbose_name=_("divisi"))
    tags = TaggableManager(_("tag"), through="TaggedArticle", blank=True, help_text=_("Pisahkan dengan koma."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("penulis"),
    )
    editor_credit = models.CharField(_("kredit editor"), max_length=100, blank=True, help_text=_("Misalnya Ed: Asa"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("waktu terbit"), null=True, blank=True, help_text=_("Waktu di masa depan menjadwalkan artikel.")
    )
    view_count = models.PositiveBigIntegerField(_("dilihat"), default=0, editable=False)
    source_key = models.CharField(
        _("kunci sumber impor"), max_length=120, blank=True, editable=False, help_text=_("Misalnya wp:123.")
    )
    source_url = models.URLField(_("alamat asal"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    revised_at = models.DateTimeField(_("diperbarui setelah terbit"), null=True, blank=True, editable=False)
    share_down = models.BooleanField(
        _("tampilkan di situs satker bawahan"),
        default=False,
        help_text=_(
            "Berita KPU RI tampil di semua situs satker, berita KPU Provinsi di situs kabupaten/kotanya, "
            "tanpa disalin: halaman, alamat dan hitungan tetap milik satker asal."
        ),
    )
    withdrawn_at = models.DateTimeField(_("waktu ditarik"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(
        _("alasan penarikan"),
        max_length=500,
        blank=True,
        help_text=_("Tampil di halaman artikel yang ditarik, menggantikan isinya."),
    )
    attachment = models.FileField(
        _("lampiran PDF"),
        upload_to=attachment_path,
        blank=True,
        validators=[validate_pdf],
        help_text=_("Misalnya salinan pengumuman; hanya PDF, paling besar 20 MB."),
    )
    # Optimistic locking: every save of a stored article moves it on (save()), so a form or an
    # import that loaded an older version is refused (news/newsroom/forms.py check_version).
    version = models.PositiveIntegerField(_("versi"), default=1, editable=False)
    # PostgreSQL full-text search: kept up to date by a trigger (migration 0006); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikel")
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", _("Dapat menerbitkan, menjadwalkan dan mengarsipkan artikel"))]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(status="published"),
                name="article_public_newest",
            ),
            models.Index(
                fields=["satker", "-published_at", "-id"],
                condition=models.Q(status="published"),
                name="article_public_by_satker",
            ),
            models.Index(fields=["satker", "status"], name="article_satker_status"),
            # The API's ?updated_since= reads the articles changed since then from this, in its
            # order (api/filters.py changed_since), instead of walking every public article.
            models.Index(
                fields=["updated_at"],
                condition=models.Q(status="published"),
                name="article_public_updated",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["satker", "slug"], name="article_slug_per_satker"),
            # Importers find an article again by its key in the old site, so re-runs update it.
            models.UniqueConstraint(
                fields=["satker", "source_key"], condition=~models.Q(source_key=""), name="article_source_per_satker"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = strip_repeated_place(clean_html(self.body), self.dateline)
        if not self.slug:
            self.slug = self.unique_slug()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if getattr(self, "_was_public", False) and self._saved_content != self.content_fingerprint():
            self.revised_at = timezone.now()
        bumps_version = not self._state.adding and self.pk is not None
        if bumps_version:
            # Moved in the database, not from this copy's number: two saves of stale copies
            # still give two versions.
            self.version = models.F("version") + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
        if bumps_version:
            self.version = Article.objects.filter(pk=self.pk).values_list("version", flat=True).get()
        if self.featured_image and self.featured_image.name != getattr(self, "_saved_image", None):
            make_renditions(self.featured_image)
        self._saved_image = self.featured_image.name
        self._saved_content = self.content_fingerprint()
        self._was_public = self.is_public()

    def get_absolute_url(self):
        return reverse("news:article_detail", args=[self.satker.slug, self.slug])

    def get_canonical_url(self):
        """The full URL on the satker's own domain when it has one (feeds, shares, Open Graph)."""
        return absolute_url(self.satker, self.get_absolute_url())

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if instance.get_deferred_fields():
            return instance  # a partial load (sitemaps, lists) is never saved back
        instance._saved_content = instance.content_fingerprint()
        instance._saved_image = instance.featured_image.name
        instance._was_public = instance.is_public()
        return instance

    def featured_srcset(self):
        return srcset(self.featured_image, self.featured_image_width)

    def content_fingerprint(self):
        return (self.title, self.lead, self.body, self.dateline)

    def is_public(self):
        """public_q() for this copy, without a query."""
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and self.withdrawn_at is None
        )

    def has_a_public_address(self):
        """Live, or withdrawn: its page answers (a withdrawn one with its notice), so old links lead there."""
        return self.is_public() or (self.status == Status.PUBLISHED and self.withdrawn_at is not None)

    def is_scheduled(self):
        """scheduled_q() for this copy, without a query."""
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    def unique_slug(self, text=None):
        """A slug from `text` (default: the title), unique within the satker: 'rapat-pleno', then
        'rapat-pleno-2'."""
        base = slug_base(text or self.title)
        taken = set(
            Article.objects.filter(satker_id=self.satker_id, slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        return first_free_slug(base, taken)


class Tag(TagBase):
    """A tag of articles. Names match without case (TAGGIT_CASE_INSENSITIVE): "Pemilu 2024" and
    "pemilu 2024" are one tag."""

    # As TagBase's fields, named in Indonesian (taggit ships no Indonesian translation).
    name = models.CharField(_("nama"), unique=True, max_length=100)
    slug = models.SlugField(_("slug"), unique=True, max_length=100, allow_unicode=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tag")
        ordering = ["name"]


class TaggedArticle(TaggedItemBase):
    """An article carrying a tag: taggit's through model with a real foreign key to the article,
    so an article's tags are one join of two tables, with no content type."""

    tag = models.ForeignKey(Tag, models.CASCADE, related_name="tagged_articles", verbose_name=_("tag"))
    content_object = models.ForeignKey(Article, models.CASCADE, related_name="tagged_items", verbose_name=_("artikel"))

    class Meta:
        verbose_name = _("tag artikel")
        verbose_name_plural = _("tag artikel")
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="article_tag_once")]


class ArticleImage(models.Model):
    """A gallery image of an article."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="images", verbose_name=_("artikel"))
    image = models.ImageField(_("gambar"), upload_to=gallery_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("keterangan"), max_length=250, blank=True)
    alt_text = models.CharField(_("teks alternatif"), max_length=250, help_text=_("Apa yang tampak pada gambar."))
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("gambar galeri")
        verbose_name_plural = _("galeri")
        ordering = ["position", "id"]

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        is_new_file = self.pk is None or not ArticleImage.objects.filter(pk=self.pk, image=self.image.name).exists()
        super().save(*args, **kwargs)
        if is_new_file:
            make_renditions(self.image)

    def srcset(self):
        return srcset(self.image, self.width)


class ArticleCorrection(models.Model):
    """A dated correction ("Ralat") of a published article, shown under it, in its feed entry
    and in its JSON-LD. Plain text: templates escape it."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="corrections", verbose_name=_("artikel"))
    noted_at = models.DateTimeField(_("waktu ralat"), default=timezone.now)
    text = models.TextField(
        _("ralat"), max_length=1000, help_text=_("Apa yang salah dan apa yang benar, misalnya tanggal atau nama.")
    )

    class Meta:
        verbose_name = _("ralat")
        verbose_name_plural = _("ralat")
        ordering = ["noted_at", "id"]

    def __str__(self):
        return f"{self.article_id} @ {self.noted_at:%Y-%m-%d %H:%M}"


class Revision(models.Model):
    """A saved state of an article: who saved it, when, and which fields changed (news/newsroom/revisions.py)."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="revisions", verbose_name=_("artikel"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_revisions",
        verbose_name=_("disimpan oleh"),
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    data = models.JSONField(_("isi tersimpan"))
    changed_fields = models.JSONField(_("bagian yang diubah"), default=list)
    note = models.CharField(_("catatan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("revisi")
        verbose_name_plural = _("revisi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at"], name="revision_article_newest")]

    def __str__(self):
        return f"{self.article_id} @ {self.created_at:%Y-%m-%d %H:%M}"
