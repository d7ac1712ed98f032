#!/usr/bin/env python3
"""`qari render` against GNU FriBidi on a 10 MB news corpus (issue 17).

Builds the corpus (every paragraph of tests/ntrex/ar/*.ar.txt, the seed
article's paragraphs from articles/deir-ez-zor-2017.toml, and short
mixed-direction UI strings, the whole repeated to 10 MiB), then times, as
processes reading the file and writing to /dev/null, interleaved run after
run, the median of N runs (5 by default):

  one core (taskset -c 0 for both programs):
    fribidi --rtl --reordernsm --nobreak --nopad FILE
    qari render --dir rtl --align left --width 1000000 FILE      (unwrapped)
    fribidi --rtl --reordernsm --nopad --width 80 FILE
    qari render --dir rtl --align left --width 80 FILE
  both cores (no taskset): the same four.

and reports each qari time as a ratio of FriBidi's (below 1: faster), and
the share of the corpus's paragraphs that take the engine's fast path.

  python3 tools/bench_render.py [--runs 5] [--qari target/release/qari]

Build first: cargo build --release (and the share needs
cargo build --release -p qari-text --example fast_path_share).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_BYTES = 10 << 20

UI_STRINGS = [
    "حفظ الملف «report.txt»؟",
    "تعذّر فتح /home/user/مستندات: الإذن مرفوض",
    "الإصدار 2.4.1 (تجريبي)",
    "تم تنزيل 45% من 120 م.ب",
    "انقر OK للمتابعة أو Cancel للإلغاء",
    "%d ملفات محددة",
    "الخطوة 3 من 7: إعداد الشبكة",
    "البريد: user@example.com",
    "آخر تحديث: 2024-05-17 14:30",
    "السعر: 99.99 $ (شامل الضريبة)",
    "اضغط Ctrl+S للحفظ",
    "[تحذير] مساحة القرص منخفضة: 512 MB متبقية",
    "إعادة المحاولة خلال 5 ثوانٍ…",
    "Wi-Fi متصل — الإشارة قوية",
    "عرض الصفحة ١٢ من ٣٤",
    "اللغة: العربية / English",
    "تم نسخ 3 عناصر إلى الحافظة",
    "خطأ 404: الصفحة غير موجودة",
    "{name} انضم إلى المحادثة",
    "ملف PDF (2.3 MB)",
    "Settings > الخصوصية > الموقع",
    "هل تريد حذف \"draft-7\" نهائيًا؟",
    "تنتهي الجلسة بعد 15 دقيقة",
    "التنزيلات (٣)",
]


def seed_paragraphs():
    article = tomllib.loads((ROOT / "articles/deir-ez-zor-2017.toml").read_text())
    paragraphs, current = [], []
    for sentence in article["sentence"]:
        if (sentence.get("heading") or sentence.get("starts_paragraph")) and current:
            paragraphs.append(" ".join(current))
            current = []
        current.append(sentence["ar"])
        if sentence.get("heading"):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def build_corpus(path):
    block = []
    for f in sorted((ROOT / "tests/ntrex/ar").glob("*.ar.txt")):
        block += [l.strip() for l in f.read_text().splitlines() if l.strip()]
    block += seed_paragraphs()
    block += UI_STRINGS
    unit = "\n".join(block) + "\n"
    data = unit * (CORPUS_BYTES // len(unit.encode()) + 1)
    path.write_text(data)
    return data


def run(command):
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        subprocess.run(command, stdout=null, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--qari", default=str(ROOT / "target/release/qari"))
    parser.add_argument("--corpus", default="/tmp/qari-i17-corpus.txt")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    text = build_corpus(corpus)
    chars = len(text)
    print(f"corpus: {corpus}, {len(text.encode()) / 2**20:.1f} MiB, {chars / 1e6:.2f} M characters, "
          f"{sum(1 for l in text.splitlines() if l.strip())} paragraphs")

    share = ROOT / "target/release/examples/fast_path_share"
    if share.exists():
        print(subprocess.run([str(share), str(corpus)], capture_output=True, text=True, check=True).stdout.strip())

    fribidi = ["fribidi", "--rtl", "--reordernsm", "--nopad"]
    qari = [args.qari, "render", "--dir", "rtl", "--align", "left"]
    cases = {
        "fribidi unwrapped": fribidi + ["--nobreak", str(corpus)],
        "qari unwrapped": qari + ["--width", "1000000", str(corpus)],
        "fribidi width 80": fribidi + ["--width", "80", str(corpus)],
        "qari width 80": qari + ["--width", "80", str(corpus)],
    }
    for cores, prefix in [("one core (taskset -c 0)", ["taskset", "-c", "0"]), ("both cores", [])]:
        times = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, command in cases.items():
                times[name].append(run(prefix + command))
        median = {name: statistics.median(t) for name, t in times.items()}
        print(f"\n{cores}, median of {args.runs} interleaved runs:")
        for name in cases:
            print(f"  {name:18} {median[name] * 1000:7.0f} ms  {median[name] * 1e9 / chars:5.1f} ns/char"
                  f"  (runs: {' '.join(f'{t * 1000:.0f}' for t in times[name])})")
        for width in ["unwrapped", "width 80"]:
            ratio = median[f"qari {width}"] / median[f"fribidi {width}"]
            print(f"  qari / fribidi, {width}: {ratio:.2f} (qari {1 / ratio:.2f}x as fast)")


if __name__ == "__main__":
    sys.exit(main())
