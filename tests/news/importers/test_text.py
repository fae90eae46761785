from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from news.models import Article, Kind, Status

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def test_saved_page_lands_with_title_date_dateline_views_and_credit(run, samples):
    result = run("import_text", samples / "pleno-kota-kediri.txt")
    assert not result.failed, result.out
    article = Article.objects.get(satker__slug="kota-kediri")
    assert article.title == "Rapat Pleno Terbuka Penetapan Daftar Pemilih Tetap"
    assert article.published_at == datetime(2023, 8, 7, tzinfo=WIB)
    assert article.status == Status.PUBLISHED
    assert article.dateline == "Kediri"
    assert article.view_count == 1245
    assert article.editor_credit == "Ed: Rin"
    assert article.source_key.startswith("text:")
    assert article.body == (
        "<p>KPU Kota Kediri menggelar rapat pleno terbuka penetapan daftar pemilih tetap di aula kantor.</p>\n"
        "<p>Rapat dihadiri perwakilan partai politik, pengawas pemilu dan PPK dari tiga kecamatan.</p>\n"
        "<p>Ketua KPU mengajak warga memeriksa namanya melalui layanan cek DPT daring.</p>"
    )


def test_footer_and_comment_form_never_become_body_text(run, samples):
    run("import_text", samples / "pleno-kota-kediri.txt")
    body = Article.objects.get(satker__slug="kota-kediri").body
    noise_words = ("Bagikan", "facebook", "dilihat", "Tinggalkan", "Komentar", "Situs Web", "peramban", "Terkini")
    for noise in noise_words:
        assert noise.lower() not in body.lower()


def test_day_and_month_mention_takes_the_year_option(run, samples):
    result = run("import_text", samples / "sosialisasi-tanpa-tahun.txt", "--year", "2023")
    assert not result.failed, result.out
    article = Article.objects.get(title="Sosialisasi Pendidikan Pemilih untuk Pelajar SMA")
    assert article.satker.slug == "kota-kediri"
    assert article.published_at == datetime(2023, 9, 12, tzinfo=WIB)
    assert article.view_count == 87
    assert article.dateline == ""


def test_day_and_month_mention_without_year_option_takes_the_file_year_and_says_so(run, samples):
    # Year-less dates in depth: test_text_untidy.py.
    result = run("import_text", samples / "sosialisasi-tanpa-tahun.txt")
    assert not result.failed, result.out
    assert "sosialisasi-tanpa-tahun.txt: the date (12/9) has no year:" in result.out
    assert "taken from the file's modification time; give --year if that is wrong" in result.out


def test_satker_comes_from_the_dateline_host_and_a_header_sets_the_kind(run, samples):
    run("import_text", samples / "bimtek-kota-bandung.txt")
    article = Article.objects.get(title="Bimbingan Teknis PPS Se-Kota Bandung")
    assert article.satker.slug == "kota-bandung"
    assert article.kind == Kind.ANNOUNCEMENT
    assert article.published_at == datetime(2024, 3, 5, tzinfo=WIB)
    assert article.view_count == 30
    assert "Share" not in article.body


def test_host_matching_no_satker_fails_that_file_and_the_folder_goes_on(run, samples):
    result = run("import_text", samples, "--year", "2023")
    assert result.failed
    assert "host-tak-dikenal.txt: the host berita-pemilu.example.com is no satker's domain or alias; give --satker" in (
        result.out
    )
    assert "4 items: 3 imported, 0 updated, 0 skipped, 1 failed." in result.out
    assert not Article.objects.filter(title="Rapat Koordinasi Logistik Pemilu").exists()


def test_satker_option_overrides_the_host(run, samples):
    result = run("import_text", samples / "host-tak-dikenal.txt", "--satker", "kota-surabaya")
    assert not result.failed, result.out
    assert Article.objects.get(title="Rapat Koordinasi Logistik Pemilu").satker.slug == "kota-surabaya"


def test_alias_domain_of_a_satker_is_recognised(run, tmp_path):
    from satker.models import Satker

    Satker.objects.filter(slug="kab-kediri").update(alias_domains="kpu-kedirikab.go.id\n")
    page = tmp_path / "alias.txt"
    page.write_text("Pelantikan PPK\nRabu, 3 Januari 2024\nPare, www.kpu-kedirikab.go.id - Anggota PPK dilantik.\n")
    run("import_text", page)
    assert Article.objects.get(title="Pelantikan PPK").satker.slug == "kab-kediri"


def test_second_run_duplicates_nothing_and_a_changed_text_updates(run, samples, tmp_path):
    page = tmp_path / "pleno.txt"
    page.write_text((samples / "pleno-kota-kediri.txt").read_text())
    run("import_text", page)
    result = run("import_text", page)
    assert "1 × unchanged since the last import" in result.out
    page.write_text(page.read_text().replace("tiga kecamatan", "empat kecamatan"))
    result = run("import_text", page)
    assert "1 updated" in result.out
    article = Article.objects.get(satker__slug="kota-kediri")
    assert "empat kecamatan" in article.body


def test_file_in_another_encoding_names_the_option_to_give(run, samples, tmp_path):
    page = tmp_path / "windows.txt"
    page.write_bytes((samples / "pleno-kota-kediri.txt").read_text().replace("aula", "café").encode("cp1252"))
    result = run("import_text", page)
    assert result.failed
    assert "windows.txt: line 5: not UTF-8 (byte 0xe9); give --encoding" in result.out
    result = run("import_text", page, "--encoding", "cp1252")
    assert not result.failed
    assert "café" in Article.objects.get(satker__slug="kota-kediri").body


def test_text_is_escaped_never_taken_as_html(run, tmp_path):
    page = tmp_path / "skrip.txt"
    page.write_text("Judul Uji\n7 Agustus 2023\nKediri, kota-kediri.kpu.go.id - <script>alert(1)</script> & lainnya\n")
    run("import_text", page)
    assert Article.objects.get(title="Judul Uji").body == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; lainnya</p>"


def test_file_without_date_fails_with_a_clear_reason(run, tmp_path):
    page = tmp_path / "tanpa-tanggal.txt"
    page.write_text("Judul Tanpa Tanggal\nKediri, kota-kediri.kpu.go.id - Isi berita.\n")
    result = run("import_text", page)
    assert result.failed
    assert "tanpa-tanggal.txt: no date: add a date line under the title or give a (d/m/yyyy) mention" in result.out


def test_dry_run_saves_nothing(run, samples):
    result = run("import_text", samples / "pleno-kota-kediri.txt", "--dry-run")
    assert "1 would be imported" in result.out
    assert not Article.objects.filter(satker__slug="kota-kediri").exists()


def test_missing_path_is_an_operator_error(run, tmp_path):
    result = run("import_text", tmp_path / "tidak-ada.txt")
    assert result.failed
    assert "No such file or folder" in result.err


def test_date_line_with_time_sets_the_hour_in_the_satker_zone(run, tmp_path):
    page = tmp_path / "jayapura.txt"
    page.write_text(
        "Berita Terkini\nRapat Pleno di Jayapura\nSelasa, 5 Maret 2024 | 14.30 WIT\n"
        "Jayapura, kota-jayapura.kpu.go.id - Rapat pleno digelar.\n"
    )
    run("import_text", page)
    article = Article.objects.get(title="Rapat Pleno di Jayapura")
    assert article.published_at == datetime(2024, 3, 5, 14, 30, tzinfo=ZoneInfo("Asia/Jayapura"))


def test_a_failed_file_makes_the_command_exit_non_zero_saying_the_rest_was_imported(run, samples):
    result = run("import_text", samples, "--year", "2023")
    assert result.failed
    assert "1 item failed; see the list above. The others were imported." in result.err


def test_a_paragraph_that_mentions_facebook_is_body_text_not_a_share_bar(run, tmp_path):
    page = tmp_path / "medsos.txt"
    page.write_text(
        "Sosialisasi Lewat Media Sosial\n7 Agustus 2023\n"
        "Kediri, kota-kediri.kpu.go.id - KPU menyiarkan sosialisasi secara langsung.\n"
        "Facebook dan Instagram resmi KPU Kota Kediri menayangkan acara ini.\n"
        "facebook twitter whatapps\nIni sudah bagian kaki halaman.\n"
    )
    run("import_text", page)
    body = Article.objects.get(title="Sosialisasi Lewat Media Sosial").body
    assert "Facebook dan Instagram resmi KPU Kota Kediri menayangkan acara ini." in body
    assert "kaki halaman" not in body
