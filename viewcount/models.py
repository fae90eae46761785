from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyViews(models.Model):
    """Counted views of one article on one day (Asia/Jakarta date): charts, Terpopuler, satker totals."""

    article = models.ForeignKey("news.Article", models.CASCADE, related_name="daily_views", verbose_name=_("artikel"))
    date = models.DateField(_("tanggal"))
    views = models.PositiveIntegerField(_("dilihat"), default=0)

    class Meta:
        verbose_name = _("kunjungan harian")
        verbose_name_plural = _("kunjungan harian")
        ordering = ["-date"]
        # "Terpopuler 7 hari terakhir" sums views over recent dates across all articles.
        indexes = [models.Index(fields=["date", "article"], name="dailyviews_date_article")]
        constraints = [models.UniqueConstraint(fields=["article", "date"], name="dailyviews_one_row_per_day")]

    def __str__(self):
        return f"{self.article_id} {self.date}: {self.views}"


def counted_articles():
    """The articles' manager, reached through the relation: viewcount counts views of what
    DailyViews points at and asks it what is public (`published()`), without importing news."""
    return DailyViews._meta.get_field("article").related_model.objects


class RecentView(models.Model):
    """When a visitor's view of an article last counted: one view per (visitor, article) per
    KPU_VIEW_WINDOW_MINUTES, decided by the database so every worker agrees, with or without
    Redis. `visitor` is a hash of the visitor id, never an address; rows older than the window
    are deleted by `flush_views` (and by the counter itself now and then)."""

    visitor = models.CharField(_("pengunjung (hash)"), max_length=32)
    article_id = models.BigIntegerField(_("artikel"))
    counted_at = models.BigIntegerField(_("dihitung (detik Unix)"), db_index=True)

    class Meta:
        verbose_name = _("kunjungan terbaru")
        verbose_name_plural = _("kunjungan terbaru")
        constraints = [models.UniqueConstraint(fields=["visitor", "article_id"], name="recentview_one_per_visitor")]

    def __str__(self):
        return f"{self.visitor} {self.article_id}"
