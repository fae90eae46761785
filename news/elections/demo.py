"""Demo elections for `seed_demo`: the national Pemilu 2029 (and 2024, past), and a governor
election of KPU Provinsi Jawa Timur shown on its kab/kota sites too. Dates are illustrative."""

from datetime import date

from satker.models import Satker

from .models import Election, Stage

# (election, owner slug or None for national, voting day, [(stage, start, end, description)])
ELECTIONS = [
    (
        "Pemilu 2029",
        None,
        date(2029, 2, 14),
        [
            (
                "Perencanaan program dan anggaran",
                date(2026, 6, 14),
                date(2027, 6, 13),
                "Termasuk penyusunan peraturan pelaksanaan.",
            ),
            ("Pendaftaran dan verifikasi partai politik peserta pemilu", date(2027, 7, 29), date(2028, 12, 13), ""),
            (
                "Pemutakhiran data pemilih dan penyusunan daftar pemilih",
                date(2027, 10, 14),
                date(2028, 6, 21),
                "Warga dapat memeriksa namanya melalui layanan cek DPT daring.",
            ),
            ("Pencalonan anggota DPR, DPD dan DPRD", date(2028, 4, 24), date(2028, 11, 25), ""),
            ("Masa kampanye", date(2028, 11, 28), date(2029, 2, 10), ""),
            ("Masa tenang", date(2029, 2, 11), date(2029, 2, 13), ""),
            ("Pemungutan dan penghitungan suara", date(2029, 2, 14), date(2029, 2, 15), ""),
            ("Rekapitulasi hasil penghitungan suara", date(2029, 2, 15), date(2029, 3, 20), ""),
        ],
    ),
    (
        "Pemilu 2024",
        None,
        date(2024, 2, 14),
        [
            ("Masa kampanye", date(2023, 11, 28), date(2024, 2, 10), ""),
            ("Pemungutan dan penghitungan suara", date(2024, 2, 14), date(2024, 2, 15), ""),
            ("Rekapitulasi hasil penghitungan suara", date(2024, 2, 15), date(2024, 3, 20), ""),
        ],
    ),
    (
        "Pemilihan Gubernur dan Wakil Gubernur Jawa Timur 2029",
        "prov-jawa-timur",
        date(2029, 11, 27),
        [
            ("Pemberitahuan dan pendaftaran pemantau pemilihan", date(2029, 2, 27), date(2029, 11, 16), ""),
            ("Pendaftaran pasangan calon", date(2029, 8, 27), date(2029, 8, 29), ""),
            ("Masa kampanye", date(2029, 9, 25), date(2029, 11, 23), ""),
            ("Pemungutan dan penghitungan suara", date(2029, 11, 27), date(2029, 11, 27), ""),
        ],
    ),
]


def seed_elections():
    """Create or refresh the demo elections (keyed by name and owner). Returns the stage count."""
    count = 0
    for name, owner, voting_day, stages in ELECTIONS:
        satker = Satker.objects.get(slug=owner) if owner else None
        election, _created = Election.objects.update_or_create(
            name=name, satker=satker, defaults={"voting_day": voting_day}
        )
        for stage_name, start, end, description in stages:
            Stage.objects.update_or_create(
                election=election, name=stage_name, defaults={"start": start, "end": end, "description": description}
            )
            count += 1
    return count
