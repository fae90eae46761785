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
