#!/usr/bin/env python3
"""Validate tests/ntrex/labelled.tsv against the NTREX Arabic files beside it
(tests/ntrex/ar/). Run: python3 tools/check_labelled.py [tests/ntrex/labelled.tsv]"""
import sys, re, collections, os
HERE = os.path.dirname(os.path.abspath(__file__))
CORP = os.path.join(HERE, '..', 'tests', 'ntrex', 'ar') + '/'
PUNCT = '،.:«»()"؟!,;؛\'“”‘’[]-–—…/'
COLS = ['doc','line','word','occurrence','lemma','root','pos','gloss','why','split']
POS = set('noun adj verb noun_prop prep conj part pron adv num'.split())
AR = re.compile(r'^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670]+$')
def tokens(line):
    return [t for t in (x.strip(PUNCT) for x in line.split()) if t]
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', 'tests', 'ntrex', 'labelled.tsv')
lines = open(path, encoding='utf-8').read().split('\n')
assert lines[0].split('\t') == COLS, 'bad header'
rows = [l.split('\t') for l in lines[1:] if l]
errs = []; seen = set(); cache = {}
for n, r in enumerate(rows, 2):
    if len(r) != len(COLS): errs.append((n, 'ncols')); continue
    d = dict(zip(COLS, r))
    if d['doc'] not in cache:
        cache[d['doc']] = open(CORP + d['doc'] + '.ar.txt', encoding='utf-8').read().split('\n')
    L = cache[d['doc']]
    ln = int(d['line'])
    if not 1 <= ln <= len(L): errs.append((n, 'line out of range')); continue
    if tokens(L[ln-1]).count(d['word']) < int(d['occurrence']): errs.append((n, 'word not found', d['word']))
    if not AR.match(d['lemma']): errs.append((n, 'lemma not Arabic', d['lemma']))
    if d['root']:
        parts = d['root'].split(' ')
        if len(parts) not in (3, 4) or not all(len(p) == 1 and AR.match(p) for p in parts): errs.append((n, 'bad root', d['root']))
    if d['pos'] not in POS: errs.append((n, 'bad pos', d['pos']))
    gl = d['gloss'].split('|')
    if not d['gloss'] or d['gloss'] != d['gloss'].lower() or len(gl) > 16 or any(not g or len(g.split()) > 4 for g in gl): errs.append((n, 'bad gloss', d['gloss']))
    if not d['why'].strip(): errs.append((n, 'empty why'))
    if d['split'] not in ('tune', 'heldout'): errs.append((n, 'bad split'))
    k = (d['doc'], d['line'], d['word'], d['occurrence'])
    if k in seen: errs.append((n, 'duplicate', k))
    seen.add(k)
# split must be by document
sp = collections.defaultdict(set)
for r in rows: sp[r[0]].add(r[9])
errs += [(0, 'doc in both splits', d) for d, s in sp.items() if len(s) > 1]
for e in errs: print('ERROR', *e)
per_doc = collections.Counter(r[0] for r in rows)
print('rows', len(rows), '| docs', len(per_doc), '| max rows/doc', max(per_doc.values()))
print('split rows', dict(collections.Counter(r[9] for r in rows)), '| split docs', dict(collections.Counter(next(iter(s)) for s in sp.values())))
print('pos', dict(collections.Counter(r[6] for r in rows).most_common()))
func = sum(1 for r in rows if r[6] in ('prep','conj','part','pron','adv'))
print('function words %d (%.1f%%)' % (func, 100 * func / len(rows)))
sys.exit(1 if errs else 0)
