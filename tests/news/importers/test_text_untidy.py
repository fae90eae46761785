"""Saved text that is not tidy still imports, each guess flagged in the report: a date range
"(17-19/1/2024)" gives its first day, a page opening with the dateline gets its title from the
first sentence, a year-less "(9/5)" takes --year or the file's modification year. A page with no
date at all is still refused, with the reason (issue 18)."""

import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from news.importers.text import first_sentence
from news.models import Article

pytestmark = pytest.mark.django_db
UNTIDY = Path(__file__).parent / "samples_untidy"
WIB, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Jayapura")


@pytest.fixture
def page(tmp_path):
    """A copy of an untidy sample, saved (modified) in the year given."""

    def copy(name, saved_in=2024):
        target = tmp_path / name
        shutil.copy(UNTIDY / name, target)
        moment = datetime(saved_in, 6, 1, 12, tzinfo=WIB).timestamp()
        os.utime(target, (moment, moment))
        return target

    return copy


def test_a_date_range_gives_its_first_day_and_says_so(run, page):
    result = run("import_text", page("bimtek-rentang-tanggal.txt"))
    assert not result.failed, result.out
    article = Article.objects.get(title="Bimbingan Teknis Rekapitulasi bagi PPK Se-Kabupaten Situbondo")
    assert article.satker.slug == "kab-situbondo"
    assert article.published_at == datetime(2024, 1, 17, tzinfo=WIB)
    assert "bimtek-rentang-tanggal.txt: date range (17-19/1/2024): the first day taken" in result.out


def test_a_page_opening_with_the_dateline_takes_its_first_sentence_as_title(run, page):
    result = run("import_text", page("sosialisasi-tanpa-judul.txt"))
    assert not result.failed, result.out
    title = "KPU Kota Kediri menggelar sosialisasi pemilih pemula di SMA Negeri 2 Kota Kediri"
    article = Article.objects.get(title=title)
    assert article.published_at == datetime(2024, 1, 23, tzinfo=WIB)
    assert article.dateline == "Kediri"
    assert article.editor_credit == "Ed: Asa"
    assert article.view_count == 87
    assert article.body.startswith(f"<p>{title} (23/1/2024). Sebanyak 250 pelajar")  # the body keeps it
    assert f"no title line: the title “{title}” is derived from the first sentence; check it" in result.out


def test_a_year_less_date_takes_the_year_option_and_says_so(run, page):
    result = run("import_text", page("rapat-tanpa-tahun.txt", saved_in=2024), "--year", "2023")
    assert not result.failed, result.out
    article = Article.objects.get(title="Rapat Koordinasi Distribusi Logistik Pilkada")
    assert article.published_at == datetime(2023, 5, 9, tzinfo=WIT)
    assert "the date (9/5) has no year: 2023 taken from --year" in result.out


def test_a_year_less_date_without_the_option_takes_the_file_modification_year(run, page):
    result = run("import_text", page("rapat-tanpa-tahun.txt", saved_in=2024))
    assert not result.failed, result.out
    article = Article.objects.get(title="Rapat Koordinasi Distribusi Logistik Pilkada")
    assert article.published_at == datetime(2024, 5, 9, tzinfo=WIT)
    assert "the date (9/5) has no year: 2024 taken from the file's modification time; give --year" in result.out


def test_a_page_with_no_date_at_all_is_still_refused_with_the_reason(run, page):
    result = run("import_text", page("tanpa-tanggal.txt"))
    assert result.failed
    assert "tanpa-tanggal.txt: no date: add a date line under the title or give a (d/m/yyyy) mention" in result.out
    assert not Article.objects.exists()


def test_the_untidy_folder_imports_all_but_the_dateless_page(run, tmp_path):
    folder = tmp_path / "simpanan"
    shutil.copytree(UNTIDY, folder)
    result = run("import_text", folder)
    assert "4 items: 3 imported, 0 updated, 0 skipped, 1 failed." in result.out
    assert Article.objects.count() == 3


@pytest.mark.parametrize(
    ("paragraph", "title"),
    [
        ("KPU Kab. Kediri melantik PPK. Acara digelar pagi.", "KPU Kab. Kediri melantik PPK"),
        ("Ketua KPU H. Asa membuka rapat (9/5)! Rapat berlangsung.", "Ketua KPU H. Asa membuka rapat"),
        ("Rapat dimulai pukul 09.00 WIB di aula", "Rapat dimulai pukul 09.00 WIB di aula"),
        ("kata " * 40, ("kata " * 24).strip() + "…"),
    ],
)
def test_a_derived_title_ends_at_the_sentence_not_at_an_abbreviation_and_stays_short(paragraph, title):
    assert first_sentence(paragraph) == title
