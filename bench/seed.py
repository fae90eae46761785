"""Seed the benchmark database with N articles over all 553 satker, with COPY (bench/run.py calls it).

Usage: python bench/seed.py DATABASE_URL N. The schema must be migrated and the satker directory
loaded first. A re-run with the same N finds its own marker (table bench_seed) and does nothing.

What a million articles look like: ten years of news from every satker (KPU RI and the provinces
write more), about 4 tags each from a pool where a few tags are everywhere, 1 to 2 divisions,
0 to 4 gallery images, a featured image, some announcements and press releases, some shared down,
3 % not public (drafts, in review, archived, scheduled). Text is Indonesian words drawn with a
Zipf-like law, so a common word matches many articles and a rare one few, as in real search.

Speed: one COPY stream per table. The article search vector is filled by its trigger during
the COPY (PostgreSQL computes it while Python generates the next rows: two cores busy), the
other tables load with foreign-key triggers off (session_replication_role = replica; the rows
are generated consistent), and secondary indexes are dropped before and built after the load.
"""

import io
import itertools
import multiprocessing
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta

import psycopg2

SEED = 20261129
TEN_YEARS = 10 * 365 * 24 * 3600
TAG_POOL = 5000

WORDS = """pemilu pemilihan umum komisi kpu suara rekapitulasi penghitungan pemungutan tps kpps ppk pps
calon legislatif presiden wakil kepala daerah gubernur bupati wali kota dprd dpd partai politik
peserta verifikasi faktual administrasi pendaftaran pencalonan daftar pemilih tetap sementara dpt dps
pemutakhiran data coklit sosialisasi pendidikan pemilih partisipasi masyarakat relawan demokrasi
logistik surat kotak bilik tinta distribusi gudang sortir lipat anggaran hibah naskah perjanjian
rapat pleno terbuka koordinasi bimbingan teknis bimtek pelantikan sumpah janji badan adhoc seleksi
wawancara tes tertulis pengumuman hasil penetapan sengketa gugatan mahkamah konstitusi bawaslu
pengawasan netralitas aparatur sipil negara kampanye alat peraga iklan dana laporan audit akuntan
debat kandidat visi misi program jadwal tahapan tahun provinsi kabupaten kecamatan desa kelurahan
warga penyandang disabilitas perempuan pemuda pemilih pemula milenial media jurnalis wartawan
informasi publik ppid keterbukaan layanan website aplikasi sirekap silon sipol sidalih teknologi
sistem server jaringan internet komisioner ketua anggota sekretaris sekretariat pegawai staf honor
kegiatan acara hari kamis jumat senin selasa rabu sabtu minggu pagi siang malam kantor aula hotel
gedung lapangan sekolah kampus universitas mahasiswa guru siswa organisasi tokoh agama adat
dialog diskusi seminar lokakarya forum kunjungan kerja monitoring evaluasi supervisi pendampingan
pengadaan barang jasa lelang kontrak tender pengelolaan arsip dokumen inventaris aset keuangan
kinerja reformasi birokrasi integritas zona wilayah bebas korupsi melayani pelayanan prima inovasi
penghargaan prestasi terbaik nasional daerah pusat ibu kota indonesia nusantara kepulauan pesisir
pegunungan banjir cuaca akses transportasi kapal perahu motor jalan rusak terpencil pedalaman
perbatasan luar negeri diaspora pekerja migran rumah sakit lembaga pemasyarakatan tahanan pasien
khusus tambahan lanjutan ulang susulan pemungutan suara ulang pengganti antarwaktu paw kursi
dapil daerah pemilihan alokasi penataan bilangan pembagi sainte lague ambang batas parlemen
""".split()  # noqa: SIM905  (prose reads better than 400 quoted words)
DATELINES = ["Jakarta", "Surabaya", "Medan", "Makassar", "Kediri", "Jayapura", "Kupang", "Padang", "Pontianak"]
KINDS = ["berita"] * 80 + ["pengumuman"] * 12 + ["siaran-pers"] * 8
NOT_PUBLIC = ["draft", "review", "archived"]


def zipf_weights(count, exponent=1.0):
    return [1 / (rank + 1) ** exponent for rank in range(count)]


class Stream(io.RawIOBase):
    """A file-like reader over a generator of text lines: COPY pulls rows as it needs them."""

    def __init__(self, lines):
        self.lines = lines
        self.buffer = b""

    def readable(self):
        return True

    def read(self, size=-1):
        while size < 0 or len(self.buffer) < size:
            chunk = "".join(line for _, line in zip(range(2000), self.lines, strict=False))
            if not chunk:
                break
            self.buffer += chunk.encode()
        data, self.buffer = (self.buffer, b"") if size < 0 else (self.buffer[:size], self.buffer[size:])
        return data


def copy(cursor, table, columns, lines):
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", Stream(lines), size=1 << 20)


def clean(text):
    return text.replace("\\", "").replace("\t", " ").replace("\n", " ")


class Generator:
    def __init__(self, n, satker, divisions):
        self.n = n
        self.random = random.Random(SEED)
        self.words = WORDS
        self.word_weights = list(itertools.accumulate(zipf_weights(len(WORDS), 0.9)))  # for choices(cum_weights=)
        self.satker = satker  # [(id, slug, level)]
        # KPU RI and the provinces publish more than a kabupaten: weight 20, 4 and 1.
        weights = ({"pusat": 20, "provinsi": 4}.get(level, 1) for _, _, level in satker)
        self.satker_cum = list(itertools.accumulate(weights))
        self.divisions = divisions
        self.tag_cum = list(itertools.accumulate(zipf_weights(TAG_POOL, 1.1)))
        self.now = datetime.now(UTC)

    def text(self, count):
        return " ".join(self.random.choices(self.words, cum_weights=self.word_weights, k=count))

    def articles(self, start, stop):
        rand = self.random = random.Random(SEED + start)
        for article_id in range(start, stop):
            satker_id, satker_slug, level = rand.choices(self.satker, cum_weights=self.satker_cum)[0]
            title = self.text(rand.randint(6, 12)).capitalize()[:200]
            slug = f"{'-'.join(title.lower().split()[:8])}-{article_id}"
            lead = self.text(rand.randint(18, 30)).capitalize() + "."
            body = "".join(f"<p>{self.text(rand.randint(30, 60)).capitalize()}.</p>" for _ in range(rand.randint(2, 5)))
            roll = rand.random()
            if roll < 0.01:
                status, published = "published", self.now + timedelta(days=rand.randint(1, 30))  # scheduled
            elif roll < 0.03:
                status, published = rand.choice(NOT_PUBLIC), self.now - timedelta(seconds=rand.randint(0, TEN_YEARS))
            else:
                status, published = "published", self.now - timedelta(seconds=rand.randint(0, TEN_YEARS))
            share_down = level == "pusat" and rand.random() < 0.3 or level == "provinsi" and rand.random() < 0.15
            stamp = published.isoformat()
            image = f"artikel/{satker_slug}/{published:%Y/%m}/bench-{article_id}.jpg"
            yield (
                "\t".join(
                    [
                        str(article_id),
                        str(satker_id),
                        rand.choice(KINDS),
                        clean(title),
                        slug,
                        rand.choice(DATELINES),
                        clean(lead),
                        clean(body),
                        image,
                        "1200",
                        "800",
                        clean(title[:120]),
                        clean(title[:120]),
                        "",
                        status,
                        stamp,
                        str(rand.randint(0, 5000)),
                        "",
                        "",
                        stamp,
                        stamp,
                        "\\N",
                        "",
                        "t" if share_down else "f",
                        "1",
                        "",  # withdrawal_reason: none withdrawn (withdrawn_at stays NULL)
                    ]
                )  # fmt: skip
                + "\n"
            )

    ARTICLE_COLUMNS = [
        "id", "satker_id", "kind", "title", "slug", "dateline", "lead", "body", "featured_image",
        "featured_image_width", "featured_image_height", "featured_image_caption", "featured_image_alt",
        "editor_credit", "status", "published_at", "view_count", "source_key", "source_url", "created_at",
        "updated_at", "revised_at", "attachment", "share_down", "version", "withdrawal_reason",
    ]  # fmt: skip

    def tags(self):
        for tag_id in range(1, TAG_POOL + 1):
            name = f"{self.words[tag_id % len(self.words)]} {tag_id}" if tag_id > 20 else self.words[tag_id]
            yield f"{tag_id}\t{name}\t{name.replace(' ', '-')}\n"

    def tagged_items(self, start, stop):
        rand = random.Random(SEED + start + 1)
        tag_ids = range(1, TAG_POOL + 1)
        for article_id in range(start, stop):
            for tag_id in set(rand.choices(tag_ids, cum_weights=self.tag_cum, k=rand.randint(2, 6))):
                yield f"{article_id}\t{tag_id}\n"

    def article_divisions(self, start, stop):
        rand = random.Random(SEED + start + 2)
        for article_id in range(start, stop):
            for division_id in rand.sample(self.divisions, rand.choice([1, 1, 1, 2, 2, 3])):
                yield f"{article_id}\t{division_id}\n"

    def images(self, start, stop):
        rand = random.Random(SEED + start + 3)
        for article_id in range(start, stop):
            for position in range(rand.choice([0, 0, 1, 2, 2, 3, 4])):
                yield (
                    f"galeri/bench/{article_id}-{position}.jpg\tFoto {position + 1}\tFoto kegiatan\t{position}"
                    f"\t{article_id}\t800\t1200\n"
                )


SEARCH_TRIGGER = "news_article_search_vector_update"  # news/migrations/0006
TABLES = ["news_article", "news_tag", "news_taggedarticle", "news_article_divisions", "news_articleimage"]


CHUNK = 25_000
PROCESSES = (os.cpu_count() or 1) + 1  # PostgreSQL's backends do most of the work
JOBS = {
    "articles": ("news_article", Generator.ARTICLE_COLUMNS),
    "tagged_items": ("news_taggedarticle", ["content_object_id", "tag_id"]),
    "article_divisions": ("news_article_divisions", ["article_id", "division_id"]),
    "images": ("news_articleimage", ["image", "caption", "alt_text", "position", "article_id", "width", "height"]),
}
worker = {}


def start_worker(database_url, generator):
    worker["connection"] = psycopg2.connect(database_url)
    worker["generator"] = generator


def run_job(job):
    """One chunk of one table, in its own connection and transaction, foreign-key triggers off."""
    name, start, stop = job
    table, columns = JOBS[name]
    connection = worker["connection"]
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        copy(cursor, table, columns, getattr(worker["generator"], name)(start, stop))
    connection.commit()
    return stop - start


def secondary_indexes(cursor, table):
    """(name, definition) of the table's indexes that no constraint owns: safe to drop and rebuild."""
    cursor.execute(
        """SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
           JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
           WHERE t.relname = %s AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)""",
        [table],
    )
    return cursor.fetchall()


def seeded_count(cursor):
    cursor.execute("CREATE TABLE IF NOT EXISTS bench_seed (articles bigint NOT NULL, seconds double precision)")
    cursor.execute("SELECT articles FROM bench_seed")
    row = cursor.fetchone()
    return row[0] if row else None


def seed(database_url, n):
    connection = psycopg2.connect(database_url)
    cursor = connection.cursor()
    if seeded_count(cursor) == n:
        connection.commit()
        print(f"Benchmark database already holds {n:,} seeded articles: reused.", flush=True)
        return False
    started = time.monotonic()
    cursor.execute("SELECT id, slug, level FROM satker_satker ORDER BY id")
    satker = cursor.fetchall()
    if len(satker) < 553:
        sys.exit(f"The satker directory holds {len(satker)} satker, not 553: run `manage.py load_satker` first.")
    cursor.execute("SELECT id FROM news_division ORDER BY id")
    divisions = [row[0] for row in cursor.fetchall()]
    generator = Generator(n, satker, divisions)

    print(f"Seeding {n:,} articles over {len(satker)} satker ...", flush=True)
    cursor.execute("DELETE FROM bench_seed")
    cursor.execute("TRUNCATE news_article, news_tag, news_taggedarticle RESTART IDENTITY CASCADE")
    dropped = []
    for table in TABLES:
        for name, definition in secondary_indexes(cursor, table):
            cursor.execute(f'DROP INDEX "{name}"')
            dropped.append(definition)
    connection.commit()

    # Foreign-key triggers stay off (replica role) but the search-vector trigger is made to fire
    # anyway (ENABLE ALWAYS), so search_vector is filled row by row during the COPY.
    cursor.execute(f"ALTER TABLE news_article ENABLE ALWAYS TRIGGER {SEARCH_TRIGGER}")
    connection.commit()
    began = time.monotonic()
    copy(cursor, "news_tag", ["id", "name", "slug"], generator.tags())
    connection.commit()
    chunks = [(start, min(start + CHUNK, n + 1)) for start in range(1, n + 1, CHUNK)]
    jobs = [(job, start, stop) for job in JOBS for start, stop in chunks]
    with multiprocessing.get_context("fork").Pool(
        PROCESSES, initializer=start_worker, initargs=(database_url, generator)
    ) as pool:
        for done, _rows in enumerate(pool.imap_unordered(run_job, jobs), 1):
            if done % max(len(jobs) // 10, 1) == 0:
                print(f"  {done}/{len(jobs)} chunks, {time.monotonic() - began:.0f} s", flush=True)
    cursor.execute(f"ALTER TABLE news_article ENABLE TRIGGER {SEARCH_TRIGGER}")
    print(f"  rows copied: {time.monotonic() - began:.0f} s", flush=True)
    cursor.execute("SET session_replication_role = origin")
    began = time.monotonic()
    cursor.execute("SET maintenance_work_mem = '512MB'")
    for definition in dropped:
        cursor.execute(definition)
    for table in TABLES:
        last = f"(SELECT coalesce(max(id), 1) FROM {table})"
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last})")
    connection.commit()
    print(f"  {len(dropped)} indexes rebuilt: {time.monotonic() - began:.0f} s", flush=True)
    began = time.monotonic()
    connection.autocommit = True  # VACUUM cannot run in a transaction
    for table in TABLES:
        # VACUUM sets the visibility map, so listing pages read ids from the index alone.
        cursor.execute(f"VACUUM ANALYZE {table}")
    # The small tables the listings join or look up: without statistics the planner guesses a
    # province's share of the articles (and the listing's estimated count) badly.
    cursor.execute("ANALYZE satker_satker, news_tag, news_division")
    print(f"  vacuum and analyze: {time.monotonic() - began:.0f} s", flush=True)
    seconds = time.monotonic() - started
    cursor.execute("INSERT INTO bench_seed (articles, seconds) VALUES (%s, %s)", [n, seconds])
    print(f"Seeded {n:,} articles in {seconds:.0f} s.", flush=True)
    connection.close()
    return True


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[2].isdigit() or int(sys.argv[2]) < 1:
        sys.exit("usage: python bench/seed.py DATABASE_URL NUMBER_OF_ARTICLES (a whole number of at least 1)")
    seed(sys.argv[1], int(sys.argv[2]))
