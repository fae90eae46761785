"""What the Tahapan page and the API show of an election on a given day: each stage's state,
the current stage, and the days left to voting day."""

from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from satker.directory_cache import directory

DONE, CURRENT, UPCOMING = "selesai", "berlangsung", "akan-datang"


def site_today(site):
    """Today in the site's zone (WIB on the national portal)."""
    return timezone.localdate(timezone=ZoneInfo(site.time_zone if site else settings.TIME_ZONE))


def public_article(stage):
    """The stage's linked article while it is public, with its satker from the in-memory
    directory (no query per stage), else None."""
    article = stage.article
    if article is None or not article.is_public():
        return None
    satker = directory().by_id.get(article.satker_id)
    if satker is None:
        return None
    article.satker = satker
    return article


@dataclass
class StageRow:
    stage: object
    state: str
    article: object = None


@dataclass
class Timeline:
    election: object
    today: date
    rows: list = field(default_factory=list)

    @property
    def days_to_voting(self):
        return (self.election.voting_day - self.today).days

    @property
    def is_over(self):
        last_end = max((row.stage.end for row in self.rows), default=self.election.voting_day)
        return max(last_end, self.election.voting_day) < self.today


def stage_state(stage, today):
    if stage.end < today:
        return DONE
    return CURRENT if stage.start <= today else UPCOMING


def timelines(elections, today):
    """(ongoing or coming, past) timelines of elections loaded with_stages()."""
    built = [
        Timeline(
            election,
            today,
            [StageRow(stage, stage_state(stage, today), public_article(stage)) for stage in election.stages.all()],
        )
        for election in elections
    ]
    return [t for t in built if not t.is_over], [t for t in reversed(built) if t.is_over]
