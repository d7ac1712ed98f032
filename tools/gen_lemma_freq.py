#!/usr/bin/env python3
"""Generate data/freq/lemmas.tsv: how often each lemma of the Buckwalter lexicon
occurs in Arabic text, in occurrences per million words, estimated from the
word frequencies of the PyPI package `wordfreq` (pinned below).

qari reads the generated file at run time, to rank the readings of an ambiguous
word; it is never compiled in, and qari runs without it (see data/freq/README.md).

Run (from anywhere; paths are relative to the repository):
    python3 tools/gen_lemma_freq.py [--qari target/release/qari] [--top 100000]
                                    [--rounds 8] [--out data/freq/lemmas.tsv]

It needs a built qari (`cargo build --release`) and network access to PyPI the
first time: it creates the virtualenv target/freq-venv, installs the pinned
packages into it, and runs itself again inside it.

What it does:
1. takes wordfreq's `top_n_list('ar', TOP)` (its 'best' list for Arabic, which
   is the 'large' one), keeps the words that contain an Arabic letter, and gets
   each one's frequency with `word_frequency(word, 'ar')`;
2. feeds those words to `qari lookup --json -` (with a throw-away library and
   QARI_DATA pointing at a throw-away data folder holding only this tree's
   data/bama/lexicon.tsv: not qari's own additions in data/senses/, nor the
   frequencies being made) and keeps, for each word, the distinct `lemma`
   strings of its lexicon readings: source "analyser", "bundled" or "learner"
   with a non-empty `vocalized` field (dictionary and guess readings are
   ignored; a word with no lexicon reading contributes nothing);
3. shares each word's frequency among its lemmas by expectation-maximisation:
   first in proportion to each lemma's weight in that word, then, for ROUNDS
   rounds, in proportion to weight x the lemma's current estimate;
4. writes the lemmas at or above 0.01 per million, most frequent first, the
   frequency rounded to 3 significant digits (ties in lemma order, by code
   point), and a header saying how the file was made. The same inputs (wordfreq,
   qari's binary with its glossary, the lexicon) give the same bytes.

The weights. With every weight 1 (`--plain`) this is plain EM from an even
share, which goes wrong on exactly the words that matter most: the word list
has no context, so a lemma that is a reading of many different words (a short
verb like لَمّ, عَدّ, حَدّ, or آن that matches أن once hamzas are folded) soaks
up the frequency of the function words it collides with (لم, بعد, أحد, أن),
and EM, which favours lemmas that explain many words, makes it worse each
round. So a lemma's weight in a word is the best, over its readings of that
word, of the product of:
- MISSPELT (0.1) if the reading's letters are not the word's, beyond the
  usual informal swaps (hamza left off an alef, ى as ي, ة as ه): أن is not
  آن, على is not عَلِيّ, but ان may be أَنْ;
- CLITIC (0.5) per clitic the reading needs (و ف ب ك ل س, object or
  possessive pronouns): كان is rather كانَ than كَ+آن;
- GLOSSARY (3) if the reading is also one of qari's glossary entries (source
  bundled/learner): the glossary lists the readings a learner meets;
- 1 / n ** 0.5, n being how many words of the list the lemma is a reading of
  (a lemma spreads over its forms; this keeps ambiguous short lemmas down);
- the English frequency of its gloss (the commonest of its senses, from
  wordfreq's English list) ** 0.25: two lemmas spelt alike (قُدْرة "ability"
  and قِدْرة "pot") read exactly the same words, so nothing in the Arabic
  list can tell them apart and EM would keep them even; how often their
  meanings are talked about, which is what a news text does, can.
Fewer EM rounds (default 5) also keep EM from pushing one of two near-equal
lemmas to zero.
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "freq-venv")
WORDFREQ_VERSION = "3.1.1"
# wordfreq and everything it pulls in, pinned to the versions this file was
# made with (only wordfreq's own data decides the numbers).
PINS = [
    f"wordfreq=={WORDFREQ_VERSION}",
    "ftfy==6.3.1",
    "langcodes==3.5.1",
    "locate==1.1.1",
    "msgpack==1.2.4",
    "regex==2026.11.19",
    "wcwidth==0.9.4",
]
STAMP = os.path.join(VENV, "qari-pins.txt")
LEXICON_SOURCES = ("analyser", "bundled", "learner")
FLOOR = 0.01  # per million: lemmas below this are dropped
COMMAND = "python3 tools/gen_lemma_freq.py"

# Reading weights (see the notes at the top); --plain sets them all to 1.
MISSPELT = 0.1        # a reading spelt otherwise than the word, beyond a dropped hamza etc.
CLITIC = 0.5          # per clitic (conjunction, preposition, future, pronoun ...) a reading needs
GLOSSARY = 3.0        # a reading that qari's glossary also lists (source bundled/learner)
FORMS_EXPONENT = 0.5  # P(word | lemma) taken as 1 / (number of words it reads) ** this
ENGLISH_EXPONENT = 0.25  # a reading weighs (English frequency of its gloss) ** this
ENGLISH_FLOOR = 1e-7    # the English frequency of a gloss wordfreq does not know
MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
# (letter in the word, letter in the reading) that writers commonly swap:
# a hamza left off an alef, ى written as ي, ة written as ه.
INFORMAL = {("\u0627", "\u0623"), ("\u0627", "\u0625"), ("\u0627", "\u0622"),
            ("\u0627", "\u0671"), ("\u064A", "\u0649"), ("\u0647", "\u0629")}
CLITIC_PREFIXES = {"CONJ", "PREP", "FUT", "EMPHATIC_PARTICLE", "RESULT_CLAUSE_PARTICLE",
                   "SUBJUNC"}


def in_venv():
    return os.path.realpath(sys.prefix) == os.path.realpath(VENV)


def ensure_venv():
    """Create target/freq-venv with the pinned packages, then run this script in it."""
    py = os.path.join(VENV, "bin", "python")
    wanted = "\n".join(PINS) + "\n"
    have = None
    if os.path.exists(STAMP):
        with open(STAMP, encoding="utf-8") as f:
            have = f.read()
    if not os.path.exists(py) or have != wanted:
        if not os.path.exists(py):
            print(f"gen_lemma_freq.py: creating {VENV}", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        print("gen_lemma_freq.py: installing " + " ".join(PINS), file=sys.stderr)
        subprocess.run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        *PINS], check=True)
        with open(STAMP, "w", encoding="utf-8") as f:
            f.write(wanted)
    os.execv(py, [py, os.path.abspath(__file__), *sys.argv[1:]])


def is_arabic_letter(c):
    return ("\u0600" <= c <= "\u06FF" or "\u0750" <= c <= "\u077F"
            or "\u08A0" <= c <= "\u08FF") and c.isalpha()


def english_frequency(reading, wordfreq, cache={}):
    """The English frequency of the commonest sense among the reading's
    glosses, without parenthesised notes and a leading "to "."""
    best = ENGLISH_FLOOR
    for gloss in reading.get("gloss", []):
        for sense in gloss.replace(";", "/").replace(",", "/").split("/"):
            while "(" in sense and ")" in sense.split("(", 1)[1]:
                before, rest = sense.split("(", 1)
                sense = before + rest.split(")", 1)[1]
            sense = sense.strip().lower()
            if sense.startswith("to "):
                sense = sense[3:]
            if not sense:
                continue
            if sense not in cache:
                cache[sense] = wordfreq.word_frequency(sense, "en")
            best = max(best, cache[sense])
    return best


def is_verb(reading):
    """Whether the reading's stem is a verb, as qari's coarse part of speech
    says (its first tag VERB..., or a verb category PV/IV/CV)."""
    for seg in reading.get("segments", []):
        if seg.get("kind") == "stem":
            first = seg.get("pos", "").split("+")[0]
            return first.startswith(("VERB", "PV", "IV", "CV"))
    return False


def reading_weight(word, reading):
    """How plausible a reading is before frequencies: MISSPELT if its letters are
    not the word's (other than INFORMAL swaps), CLITIC per clitic, GLOSSARY if
    qari's glossary lists it."""
    bare = "".join(c for c in reading["vocalized"] if c not in MARKS)
    w = 1.0
    if bare != word and (len(bare) != len(word) or any(
            a != b and (a, b) not in INFORMAL for a, b in zip(word, bare))):
        w *= MISSPELT
    for seg in reading.get("segments", []):
        kind, pos = seg.get("kind"), seg.get("pos", "")
        if (kind == "prefix" and pos in CLITIC_PREFIXES) or (
                kind == "suffix" and (pos.startswith(("PRON_", "POSS_PRON_")) or "_DO:" in pos)):
            w *= CLITIC
    if reading.get("source") != "analyser":
        w *= GLOSSARY
    return w


def sig3(x):
    """x rounded to 3 significant digits, as text: an integer from 100 up."""
    if x <= 0:
        return "0"
    digits = 2 - int(math.floor(math.log10(x)))
    r = round(x, digits)
    # rounding may carry into a new digit (99.96 -> 100.0): redo at that size
    digits = 2 - int(math.floor(math.log10(r)))
    r = round(x, digits)
    if digits <= 0:
        return str(int(r))
    return f"{r:.{digits}f}".rstrip("0").rstrip(".")


def qari_version(qari):
    out = subprocess.run([qari, "--version"], capture_output=True, text=True).stdout.split()
    return out[-1] if out else "?"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def lookup(qari, words):
    """Run `qari lookup --json -` on the words; yield (word, readings) in order."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="qari-freq-") as library:
        env["QARI_LIBRARY"] = library
        env["XDG_CACHE_HOME"] = os.path.join(library, "cache")
        # A data folder with the lexicon alone: the estimate is of the
        # lexicon's lemmas and glosses, not of qari's additions beside it
        # (data/senses/), and does not depend on the frequencies it replaces.
        data = os.path.join(library, "data")
        os.makedirs(os.path.join(data, "bama"))
        os.symlink(os.path.join(ROOT, "data", "bama", "lexicon.tsv"),
                   os.path.join(data, "bama", "lexicon.tsv"))
        env["QARI_DATA"] = data
        proc = subprocess.run([qari, "lookup", "--json", "-"], input="\n".join(words) + "\n",
                              capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"gen_lemma_freq.py: {qari} lookup failed ({proc.returncode}):\n{proc.stderr}")
    lines = proc.stdout.splitlines()
    if len(lines) != len(words):
        sys.exit(f"gen_lemma_freq.py: gave {len(words)} words to qari, got {len(lines)} answers")
    for word, line in zip(words, lines):
        obj = json.loads(line)
        if obj["word"] != word:
            sys.exit(f"gen_lemma_freq.py: answer for {obj['word']!r} where {word!r} was expected")
        yield word, obj["readings"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--qari", default=os.path.join(ROOT, "target", "release", "qari"),
                    help="the qari binary (default: target/release/qari)")
    ap.add_argument("--top", type=int, default=100_000,
                    help="how many of wordfreq's top Arabic words to take (default 100000)")
    ap.add_argument("--rounds", type=int, default=5, help="EM rounds (default 5)")
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "freq", "lemmas.tsv"))
    ap.add_argument("--plain", action="store_true",
                    help="no reading weights: share each word evenly among its lemmas "
                         "before EM (see the notes at the top)")
    args = ap.parse_args()

    if not in_venv():
        ensure_venv()  # does not return
    import wordfreq  # noqa: E402  (only inside the venv)

    installed = wordfreq.__version__ if hasattr(wordfreq, "__version__") else None
    if installed is None:
        from importlib.metadata import version
        installed = version("wordfreq")
    if installed != WORDFREQ_VERSION:
        sys.exit(f"gen_lemma_freq.py: wordfreq {installed} in {VENV}, {WORDFREQ_VERSION} wanted")

    words, freqs = [], []
    top = wordfreq.top_n_list("ar", args.top)
    for w in top:
        if any(is_arabic_letter(c) for c in w) and "\n" not in w:
            words.append(w)
            freqs.append(wordfreq.word_frequency(w, "ar") * 1e6)
    print(f"gen_lemma_freq.py: {len(top)} words from wordfreq, {len(words)} Arabic",
          file=sys.stderr)

    # For each word: its frequency and, per lemma, the weight of its best reading.
    entries = []  # (freq, {lemma: weight})
    unanalysed = 0.0
    for (word, readings), f in zip(lookup(args.qari, words), freqs):
        lemmas = {}
        for r in readings:
            if r.get("source") in LEXICON_SOURCES and r.get("vocalized") and r.get("lemma"):
                a = 1.0 if args.plain else (reading_weight(word, r)
                                            * english_frequency(r, wordfreq) ** ENGLISH_EXPONENT)
                key = (r["lemma"], is_verb(r))
                lemmas[key] = max(lemmas.get(key, 0.0), a)
        if lemmas:
            entries.append((f, lemmas))
        else:
            unanalysed += f
    analysed = sum(e[0] for e in entries)
    print(f"gen_lemma_freq.py: {len(entries)} words with lexicon readings "
          f"({analysed:.0f} per million of text), {len(words) - len(entries)} without "
          f"({unanalysed:.0f} per million)", file=sys.stderr)

    # How likely a lemma is to be written as one particular word: 1 / (the number
    # of words in the list it is a reading of) ** FORMS_EXPONENT.
    if not args.plain:
        forms = {}
        for _, lemmas in entries:
            for lemma in lemmas:
                forms[lemma] = forms.get(lemma, 0) + 1
        entries = [(f, {l: a / forms[l] ** FORMS_EXPONENT for l, a in lemmas.items()})
                   for f, lemmas in entries]

    # EM: share each word's frequency among its lemmas in proportion to the
    # weights (evenly with --plain), then in proportion to weight x estimate.
    est = {}
    for f, lemmas in entries:
        total = sum(lemmas.values())
        for lemma, a in lemmas.items():
            est[lemma] = est.get(lemma, 0.0) + f * a / total
    for _ in range(args.rounds):
        new = dict.fromkeys(est, 0.0)
        for f, lemmas in entries:
            total = sum(est[l] * a for l, a in lemmas.items())
            for lemma, a in lemmas.items():
                new[lemma] += f * est[lemma] * a / total
        est = new

    rows = []
    for (lemma, verb), v in est.items():
        if v >= FLOOR:
            text = sig3(v)
            rows.append((-float(text), lemma, verb, text))
    rows.sort()

    lexicon = os.path.join(ROOT, "data", "bama", "lexicon.tsv")
    header = [
        "# qari's lemma frequencies: how often each lemma of the Buckwalter lexicon",
        "# (data/bama/lexicon.tsv) occurs in Arabic text, in occurrences per million words,",
        "# estimated from word frequencies. qari reads this file at run time to rank the",
        "# readings of an ambiguous word; it is not part of qari's program. See README.md.",
        "#",
        f"# Source: the Arabic word list of wordfreq {WORDFREQ_VERSION} (Robyn Speer;",
        "# https://github.com/rspeer/wordfreq), built from Wikipedia, OPUS OpenSubtitles",
        "# 2018, NewsCrawl/GlobalVoices news, OSCAR web text and Twitter.",
        "# Licence: wordfreq's data is under Creative Commons Attribution-ShareAlike 4.0",
        "# (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/), and so is this",
        "# file, which is adapted from it; wordfreq's code is under Apache-2.0.",
        f"# Made by: {COMMAND}{' --plain' if args.plain else ''}  (top {args.top} words, {args.rounds} EM rounds,",
        f"# lemmas below {FLOOR} per million dropped; lexicon sha256 {sha256(lexicon)})",
        "# Each word's frequency is shared among the distinct lemmas of its lexicon",
        "# readings in `qari lookup` (qari " + qari_version(args.qari) + "), by expectation-maximisation"
        + (" from an even share (--plain)." if args.plain else ","),
        *([] if args.plain else [
            f"# weighting readings by spelling ({MISSPELT} if misspelt), clitics ({CLITIC} each),",
            f"# glossary ({GLOSSARY}), 1/(words the lemma reads)^{FORMS_EXPONENT} and the English",
            f"# frequency of the gloss^{ENGLISH_EXPONENT} (wordfreq's English list): see the script."]),
        "#",
        "# Format: UTF-8, one lemma a line: lemma (vocalised, as qari prints it), TAB,",
        "# occurrences per million words (3 significant digits), and TAB `verb` for the",
        "# lemma's verb readings (a lemma the lexicon has as a noun and a verb, حَدَث",
        "# \"event\" and \"to happen\", has a line for each); most frequent first.",
    ]
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(header) + "\n")
        for _, lemma, verb, text in rows:
            out.write(f"{lemma}\t{text}{chr(9) + 'verb' if verb else ''}\n")
    print(f"gen_lemma_freq.py: wrote {len(rows)} lemmas to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
