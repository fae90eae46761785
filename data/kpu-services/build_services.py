"""Writes services.csv (PPID and JDIH defaults per satker) from the region list, the domains
list and the evidence in README.md. Run once from the repository root:

    .venv/bin/python data/kpu-services/build_services.py

services.csv is the source of truth afterwards: correct or upgrade a row there by hand (and its
evidence column) rather than re-running this, which would overwrite such corrections.
"""

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
ACEH = "11"
COLUMNS = ["region_code", "name", "ppid_url", "ppid_evidence", "jdih_url", "jdih_evidence"]

# Seen in public sources (README.md): host or URL -> where it was seen.
SEEN_PPID = {
    "https://ppid.kpu.go.id/": "public GitHub code (link cards of satker apps)",
    "https://situbondokabppid.kpu.go.id/": "public GitHub code (a 'Website PPID' link)",
    "https://sekadaukabppid.kpu.go.id/": "public GitHub code (a copy of its PPID site)",
    "https://seruyankabppid.kpu.go.id/": "stored public pages",
    "https://pontianakkotappid.kpu.go.id/": "public GitHub code (an Android WebView app)",
    "https://bengkulukotappid.kpu.go.id/": "public GitHub code (a satker portal's link cards)",
}
SEEN_JDIH = {
    "https://jdih.kpu.go.id/": "public GitHub code and stored pages",
    "https://jdih.kpu.go.id/kalteng/": "public sources",
    "https://jdih.kpu.go.id/kalbar/sekadau": "public sources",
    "https://jdih.kpu.go.id/bengkulu/bengkulu-kota": "public sources",
    "https://jdih.kpu.go.id/jabar/pangandaran": "public sources",
    "https://jdih.kpu.go.id/jabar/cianjur": "public sources",
}


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def short_name(name):
    """'Kabupaten Administrasi Kepulauan Seribu' -> ('kab', 'Kepulauan Seribu')."""
    kind, rest = name.split(" ", 1)
    return ("kab" if kind == "Kabupaten" else "kota"), rest.removeprefix("Administrasi ")


def joined(name):
    """'Toli-Toli' -> 'tolitoli': lower case, everything but a-z0-9 dropped (PPID hosts)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def hyphenated(name):
    """'Bengkulu Selatan' -> 'bengkulu-selatan': words joined by '-' (JDIH paths)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def evidence(url, seen):
    if not url:
        return "unknown"
    return f"seen: {seen[url]}" if url in seen else "pattern"


def build():
    domains = {row["region_code"]: row for row in rows(DATA / "kpu-domains" / "domains.csv")}
    # A province's JDIH segment is its news subdomain; none where that domain is unknown.
    segment = {
        code: row["domain"].removesuffix(".kpu.go.id")
        for code, row in domains.items()
        if row["level"] == "provinsi" and row["domain"]
    }
    out = [["", "KPU RI", "https://ppid.kpu.go.id/", "https://jdih.kpu.go.id/"]]
    for row in rows(DATA / "idn-area" / "provinces.csv"):
        jdih = f"https://jdih.kpu.go.id/{segment[row['code']]}/" if row["code"] in segment else ""
        out.append([row["code"], domains[row["code"]]["name"], "", jdih])  # no province PPID host confirmed
    for row in rows(DATA / "idn-area" / "regencies.csv"):
        kind, name = short_name(row["name"])
        ppid = f"https://{joined(name)}{kind}ppid.kpu.go.id/"
        province = segment.get(row["province_code"])
        suffix = "-kota" if kind == "kota" else ""
        jdih = f"https://jdih.kpu.go.id/{province}/{hyphenated(name)}{suffix}" if province else ""
        out.append([row["code"], domains[row["code"]]["name"], ppid, jdih])
    return [
        [code, name, ppid, evidence(ppid, SEEN_PPID), jdih, evidence(jdih, SEEN_JDIH)] for code, name, ppid, jdih in out
    ]


def main():
    built = build()
    for url in [*SEEN_PPID, *SEEN_JDIH]:  # the pattern must reproduce every URL seen
        assert any(url in (row[2], row[4]) for row in built), url
    with open(HERE / "services.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(built)
    print(f"{len(built)} rows written to {HERE / 'services.csv'}")


if __name__ == "__main__":
    main()
