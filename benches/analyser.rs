//! The morphological analyser's speed, on real news (the NTREX Arabic in
//! `tests/ntrex/ar/`): the lexicon's readings of a word (its own work, no
//! cache); one word analysed and ranked in context, with the bundled
//! glossary's entries found for it (warm: the analyser keeps the readings
//! of the words it has read); `qari analyse --json` over a text of 1,000
//! word tokens, once everything is loaded; and loading the lexicon with its
//! frequencies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use qari::article::words;
use qari::glossary::Glossary;

fn lexicon_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/bama/lexicon.tsv")
}

/// NTREX documents, in name order, until `tokens` word tokens.
fn news(tokens: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ntrex/ar");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut text = String::new();
    for name in names {
        for line in std::fs::read_to_string(name).unwrap().lines() {
            if words(&text).len() >= tokens {
                return text;
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

fn analyser(c: &mut Criterion) {
    let bama = qari::data::load_lexicon(&lexicon_path()).unwrap();
    let mut glossary = Glossary::load(None);
    glossary.set_analyser(Arc::new(bama));

    let text = news(1_000);
    let tokens: Vec<&str> = words(&text).into_iter().map(|r| &text[r]).collect();
    // The lexicon's own work for a word met for the first time (the
    // analyser keeps what it has read, so the next benchmark is warm).
    let fresh = qari::data::load_lexicon(&lexicon_path()).unwrap();
    let mut next = 0;
    c.bench_function("lexicon_readings_of_a_new_word", |b| {
        b.iter(|| {
            let at = next % tokens.len();
            next += 1;
            black_box(fresh.readings(tokens[at]))
        })
    });
    let mut next = 0;
    c.bench_function("analyse_one_word_in_context", |b| {
        b.iter(|| {
            let at = next % tokens.len();
            next += 1;
            let previous = at.checked_sub(1).map(|p| tokens[p]);
            let next = tokens.get(at + 1).copied();
            black_box(glossary.readings_in_context(tokens[at], previous, next))
        })
    });

    c.bench_function("analyse_json_1000_word_tokens", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            qari::cli::analyse::analyse(&glossary, &text, true, &mut out).unwrap();
            black_box(out.len())
        })
    });

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("lexicon_and_frequencies", |b| {
        b.iter(|| {
            black_box(
                qari::data::load_lexicon(&lexicon_path())
                    .unwrap()
                    .lemma_count(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, analyser);
criterion_main!(benches);
