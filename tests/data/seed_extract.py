#!/usr/bin/env python3
"""Extract the ranking tables of Decision 3247/QĐ-UBND (Sơn La, 2017) from the seed text into
TSV files used by tests/rank_seed.rs and tests/rank_it_tables.rs: the overall tables Bảng 1–4
and the per-category IT tables Bảng 1.1–1.6 and 2.1–2.7.

Usage: python3 tests/data/seed_extract.py /work/shared/seed/qd-3247-2017-sonla-results.txt tests/data

The seed text has one table cell per non-empty line: after the header cells ("STT", "Tên cơ
quan", "Tổng điểm" or "Điểm hạng mục", "Xếp hạng 2017" — once printed "Xếp hng 2017") come band headings ("A. Mức khá (67%)"; the web copy lost
some glyphs, e.g. "Mc khá", and one heading lost its letter) and rows of four cells (STT, name,
total, rank), until the caption "Bảng N. …". Names are kept exactly as written.

Output per overall table (seed_bangN.tsv): `# caption`, `#share<TAB>band_id<TAB>printed percent`
per heading, then rows `stt<TAB>name<TAB>total<TAB>rank<TAB>band_id` (total with the decision's
decimal comma). Per category table (seed_bangN_K.tsv for Bảng N.K, no band headings): `# caption`
then rows `stt<TAB>name<TAB>score<TAB>rank` (score as printed: "9,0", sometimes "10").
"""
import re
import sys

BANDS = [("trung bình", "trung_binh"), ("khá", "kha"), ("tốt", "tot"), ("yếu", "yeu")]
# The web copy lost some glyphs: one header reads "Xếp hng 2017".
HEADER_END = re.compile(r"^X\S*p h\S*ng 2017$")
HEADING = re.compile(r"^(?:[A-D]\.\s*)?M\S*c\s+(.+?)\s*\((\d+)%\)$")


def band_id(label):
    label = label.lower()
    for word, bid in BANDS:
        if label == word:
            return bid
    raise ValueError(f"unknown band heading {label!r}")


def main(src, outdir):
    lines = [l.strip() for l in open(src, encoding="utf-8")]
    lines = [l for l in lines if l]
    i = 0
    written = []
    while i < len(lines):
        if not HEADER_END.match(lines[i]):
            i += 1
            continue
        i += 1
        shares, rows, band = [], [], None
        while not lines[i].startswith("Bảng "):
            m = HEADING.match(lines[i])
            if m:
                band = band_id(m.group(1))
                shares.append((band, int(m.group(2))))
                i += 1
                continue
            stt, name, total, rank = lines[i:i + 4]
            assert stt.isdigit() and rank.isdigit(), (stt, name, total, rank)
            rows.append((stt, name, total, rank, band))
            i += 4
        caption = lines[i]
        num = re.match(r"Bảng (\d+)\.(?:(\d+)\.)?", caption)
        if num and num.group(2):
            # A per-category table (Bảng 1.1 …): no band headings.
            assert not shares, caption
            path = f"{outdir}/seed_bang{num.group(1)}_{num.group(2)}.tsv"
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"# {caption}\n")
                f.write("# extracted by tests/data/seed_extract.py from qd-3247-2017-sonla-results.txt\n")
                for r in rows:
                    f.write("\t".join(r[:4]) + "\n")
            written.append((path, len(rows)))
        # Only the overall tables carry band headings.
        elif num and shares:
            path = f"{outdir}/seed_bang{num.group(1)}.tsv"
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"# {caption}\n")
                f.write("# extracted by tests/data/seed_extract.py from qd-3247-2017-sonla-results.txt\n")
                for b, p in shares:
                    f.write(f"#share\t{b}\t{p}\n")
                for r in rows:
                    f.write("\t".join(r) + "\n")
            written.append((path, len(rows)))
        i += 1
    for path, n in written:
        print(f"{path}: {n} rows")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
