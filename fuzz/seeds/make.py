#!/usr/bin/env python3
"""Writes the seeds of the file-format targets (article, overlay, glossary,
dictd, stardict, import) into seeds/<target>/, from the repository's files and
from /usr/share/dictd/freedict-{ara-eng,eng-ara} when installed (else from
a few entries written here). Each seed is a few KB at most.
Run it from fuzz/: python3 seeds/make.py"""
import gzip, os, re, struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SEEDS = os.path.dirname(os.path.abspath(__file__))


def put(target, name, data):
    os.makedirs(os.path.join(SEEDS, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    assert len(data) <= 8192, (target, name, len(data))
    open(os.path.join(SEEDS, target, name), "wb").write(data)


def read(path):
    return open(os.path.join(ROOT, path), encoding="utf-8").read()


def tables(text, header):
    """The text before the first `header` table, and each table's text."""
    parts = text.split(header)
    return parts[0], [header + p for p in parts[1:]]


def gz(data):
    return gzip.compress(data, mtime=0)


# ---- article: parse_article(bytes)
article = read("articles/deir-ez-zor-2017.toml")
head, sentences = tables(article, "[[sentence]]\n")
put("article", "head_and_2", head + "".join(sentences[:2]))
put("article", "sentences_3_to_5", "".join(sentences[2:5]))
put("article", "no_meta", sentences[1])
put("article", "minimal", '[[sentence]]\nar = "هل بدأت؟"\n')
put("article", "escapes",
    '[article]\nlanguage = "ar"\nremoved = ["line 3", \'\'\'multi\nline\'\'\']\n\n'
    '[[sentence]]\nheading = true\nar = "عنوان \\u0623\\t«داعش»"\n\n'
    '[[sentence]]\nstarts_paragraph = true\nar = """جملة\n"أولى"."""\nen = \'A first sentence.\'\n'
    'notes = ["one", "two"]\n')
put("article", "inline_tables", 'sentence = [{ ar = "نص", en = "text" }, { ar = "آخر" }]\n'
    'article = { title_en = "t", date = "2017-08" }\n')
put("article", "bad_unknown_field", '[[sentence]]\nar = "x"\ntranslation = "y"\n')
put("article", "bad_empty_ar", '[[sentence]]\nar = "  "\n')
put("article", "bad_no_sentence", '[article]\ntitle_en = "x"\n')
put("article", "bad_utf8", b'[[sentence]]\nar = "\xd8\xa7\xff"\n')
put("article", "bad_unterminated", '[[sentence]]\nar = "x\n')

# ---- glossary: byte 0 is the `bundled` flag, then the file
def glossary(name, text, bundled=False):
    put("glossary", name, bytes([1 if bundled else 0]) + text.encode())

content = read("glossary/deir-ez-zor-2017.toml")
head, entries = tables(content, "[[entry]]\n")
glossary("content_head_and_4", head + "".join(entries[:4]), True)
glossary("content_8_to_12", "".join(entries[8:12]))
function = read("glossary/function-words.toml")
head, fentries = tables(function, "[[entry]]\n")
glossary("function_words_5", head + "".join(fentries[:5]), True)
glossary("user_with_review",
         '# qari glossary: your entries\n\n[[entry]]\nheadword = "نفير"\nsenses = ["mobilisation", "call to arms"]\n'
         'root = "ن ف ر"\nforms = ["النفير", "للنفير"]\ntags = ["military"]\n'
         'context = { article = "deir-ez-zor-2017", sentence = 3 }\nstatus = "3"\n'
         'created = "2026-11-24T10:00:00Z"\nupdated = "2026-11-24T10:00:00Z"\n\n'
         '[entry.review]\ndue = "2026-12-24T10:00:00Z"\nstability = 3.1\ndifficulty = 5.3\n'
         'elapsed_days = 0\nscheduled_days = 3\nreps = 2\nlapses = 0\nstate = "review"\n'
         'last_review = "2026-11-24T10:00:00Z"\n\n'
         '[[entry]]\nheadword = "دير الزور"\nsenses = ["Deir ez-Zor"]\nstatus = "W"\n')
glossary("inline", 'entry = [{ headword = "سيطر", senses = ["to control"], status = "I" }]\n')
glossary("bad_no_arabic", '[[entry]]\nheadword = "x"\nsenses = ["y"]\n')
glossary("bad_status", '[[entry]]\nheadword = "نفير"\nsenses = ["y"]\nstatus = "7"\n')
glossary("bad_senses_type", '[[entry]]\nheadword = "نفير"\nsenses = "not a list"\n')
glossary("bad_control", '[[entry]]\nheadword = "نفير"\nsenses = ["a\\u0007b"]\n')

# ---- dictd: the .index, a 0xFF byte, the .dict (gzip'd when it starts 1f 8b)
def b64(n):
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = ""
    while True:
        out = digits[n % 64] + out
        n //= 64
        if n == 0:
            return out


def from_b64(s):
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    n = 0
    for c in s:
        n = n * 64 + digits.index(c)
    return n


def dictd_entries(name, wanted, count):
    """Up to `count` (headword, definition) of an installed dictd dictionary:
    the `wanted` headwords first, then the first ones of the index."""
    base = "/usr/share/dictd/" + name
    if not os.path.exists(base + ".index"):
        return []
    data = gzip.open(base + ".dict.dz").read()
    rows = [l.split("\t") for l in open(base + ".index", encoding="utf-8").read().splitlines()]
    rows = [r for r in rows if len(r) == 3 and not r[0].startswith("00")]
    arabic = [r for r in rows if re.search("[\u0621-\u064a]", r[0])]
    picked = [r for r in rows if r[0] in wanted] + arabic[:count] + rows[:2]
    out = []
    for head, off, ln in picked[:count]:
        body = data[from_b64(off):from_b64(off) + from_b64(ln)].decode("utf-8", "replace")
        if len(body) < 300:
            out.append((head, body))
    return out


def dictd(entries, meta=True):
    index, data = "", b""
    if meta:
        info = "00-database-info\nA test dictionary for qari's fuzzer.\n".encode()
        index += f"00databaseinfo\t{b64(0)}\t{b64(len(info))}\n"
        data += info
    for head, body in entries:
        raw = body.encode()
        index += f"{head}\t{b64(len(data))}\t{b64(len(raw))}\n"
        data += raw
    return index.encode(), data

ara = dictd_entries("freedict-ara-eng", {"سيطر", "حكومة", "معركة", "هدنة"}, 8) or [
    ("سيطر", "سيطر /sˈajt̪ar/\n1. Dominated\n2. Dominate\n"),
    ("معركة", "معركة /maʕraka/\nbattle\n"),
]
eng = dictd_entries("freedict-eng-ara", {"government", "battle", "truce"}, 8) or [
    ("Government", "Government /ɡˈʌvənmənt/\nالحكومة\n"),
    ("battle", "battle /bˈatəl/\nمعركة، قتال\n"),
]
index, data = dictd(ara)
put("dictd", "ara_eng", index + b"\xff" + data)
put("dictd", "ara_eng_gz", index + b"\xff" + gz(data))
index, data = dictd(eng, meta=False)
put("dictd", "eng_ara", index + b"\xff" + data)
put("dictd", "bad_field", b"\xd8\xb3\xd9\x8a\xd8\xb7\xd8\xb1\tA\n\xff")
put("dictd", "bad_base64", "سيطر\tA\té\n".encode() + b"\xff" + "x".encode())
put("dictd", "bad_past_end", "سيطر\tA\tZ\n".encode() + b"\xff" + "short".encode())

# ---- stardict: the .ifo, 0xFF, the .idx's length (2 bytes, big-endian),
# the .idx, the .dict (gzip'd when it starts 1f 8b); as tests/fixtures/stardict/make.py
def stardict(name, entries, sametypesequence, wide=False, compress=False):
    entries = sorted(entries, key=lambda e: e[0].encode())
    data, idx = b"", b""
    for word, body in entries:
        raw = body.encode()
        idx += word.encode() + b"\0" + struct.pack(">QI" if wide else ">II", len(data), len(raw))
        data += raw
    ifo = ["StarDict's dict ifo file", "version=2.4.2", f"wordcount={len(entries)}",
           f"idxfilesize={len(idx)}", f"bookname={name}"]
    if sametypesequence:
        ifo.append(f"sametypesequence={sametypesequence}")
    if wide:
        ifo.append("idxoffsetbits=64")
    ifo = ("\n".join(ifo) + "\n").encode()
    return ifo + b"\xff" + struct.pack(">H", len(idx)) + idx + (gz(data) if compress else data)

ar = [("حكومة", "government\ncabinet"), ("معركة", "battle"),
      ("الهدنة", "the truce, armistice"), ("مفاوضات", "negotiations")]
en = [("ceasefire", "m" + "وقف إطلاق النار" + "\0"), ("envoy", "h" + "<b>مبعوث</b>, موفد" + "\0")]
put("stardict", "ar_en_m", stardict("qari-test", ar, "m"))
put("stardict", "ar_en_m_gz", stardict("qari-test", ar, "m", compress=True))
put("stardict", "ar_en_wide", stardict("qari-wide", ar, "m", wide=True))
put("stardict", "en_ar_typed", stardict("qari-test-en", en, None))
put("stardict", "en_ar_mh", stardict("mh", [("truce", "هدنة\0<i>a pause</i>")], "mh"))
put("stardict", "bad_first_line", b"version=2.4.2\n\xff\x00\x00")
put("stardict", "bad_no_nul", stardict("x", [], "m")[:-2] + b"\x00\x03abc")

# ---- import: qari's CSV or LUTE's term CSV
put("import", "qari_csv",
    "headword,senses,root,pos,pattern,translit,parent,forms,notes,tags,article,sentence,status,created,updated\n"
    'حليف,"ally; confederate, ""partner""",ح ل ف,noun,,ḥalīf,,حلفاء,,military,deir-ez-zor-2017,3,2,,\n'
    "نفير,mobilisation,,,,,,,,,,,,2026-11-24T10:00:00Z,2026-11-24T10:00:00Z\n"
    "سيطر,to control,س ي ط ر,verb,form II,sayṭara,,سيطرت; يسيطر,\"notes, with a comma\",,,,W,,\n")
put("import", "lute_csv",
    "language,term,translation,parent,status,tags,pronunciation\n"
    'Arabic,حليف,"ally; confederate, ""partner""",,1,military,ḥalīf\n'
    "Arabic,حلفاء,allies,حليف,99,\"military,plural\",ḥulafāʾ\n"
    "Arabic,نفير,mobilisation,,98,,\n"
    "French,mot,word,,1,,\n")
put("import", "lute_reordered", "Term,Language,Translation\r\nالهدنة,arabic,the truce\r\n")
put("import", "qari_bad_rows",
    "headword,senses\nabc,x\nنفير,\n\"نفير\nسطر\",y\nسيطر,a,extra,fields\n\"unterminated\n")
put("import", "bad_header", "a,b\n1,2\n")
put("import", "bom_header", "\ufeffheadword,senses\nنفير,mobilisation\n")

# ---- overlay: parse_overlay(bytes)
first, second, third = (re.search(r'\nar = (".*")\n', t).group(1) for t in sentences[:3])
put("overlay", "two_entries",
    "# Your changes to an article\n\n[[sentence]]\nnumber = 2\nar = " + second +
    '\nen = "Has the Deir ez-Zor battle started?"\nnotes = ["my note", "نفير"]\n\n'
    "[[sentence]]\nnumber = 3\nar = " + third + '\nnotes = []\n')
put("overlay", "orphan_and_moved",
    "[[sentence]]\nnumber = 9\nar = " + first + '\nen = ""\n\n'
    '[[sentence]]\nnumber = 9\nar = "قديم"\nen = "old"\n')
put("overlay", "inline", 'sentence = [{ number = 1, ar = "نص", en = "text" }]\n')
put("overlay", "empty", "# nothing changed yet\n")
put("overlay", "bad_unknown_field", '[[sentence]]\nnumber = 1\nar = "x"\nen_source = "machine"\n')
put("overlay", "bad_number", '[[sentence]]\nnumber = 0\nar = "x"\n')
put("overlay", "bad_duplicate", '[[sentence]]\nnumber = 1\nar = "x"\n[[sentence]]\nnumber = 1\nar = "x"\n')
put("overlay", "bad_empty_ar", '[[sentence]]\nnumber = 1\nar = ""\n')

# ---- What was written
for target in ("article", "overlay", "glossary", "dictd", "stardict", "import"):
    names = sorted(os.listdir(os.path.join(SEEDS, target)))
    total = sum(os.path.getsize(os.path.join(SEEDS, target, n)) for n in names)
    print(f"{target}: {len(names)} seeds, {total} bytes")
