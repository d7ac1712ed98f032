//! Glossary and dictionary speed: one word looked up in the bundled
//! glossary and both FreeDict dictionaries, every word of a sentence,
//! loading the dictionaries (whole, and through the cache of their
//! indexes), and a whole cold `qari lookup` process.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use qari::article::Library;
use qari::dict::Dictionaries;
use qari::glossary::{Entry, Glossary, UserGlossary};

fn dictionary_dirs() -> Vec<PathBuf> {
    vec![PathBuf::from("/usr/share/dictd")]
}

fn lookups(c: &mut Criterion) {
    let article = Library::new("/nonexistent/qari-bench-library")
        .catalog()
        .get("deir-ez-zor-2017")
        .expect("the bundled article")
        .clone();
    let glossary = Glossary::load(None);
    let dictionaries = Dictionaries::load(&dictionary_dirs());
    assert_eq!(
        dictionaries.list.len(),
        2,
        "FreeDict ara-eng and eng-ara are needed"
    );
    let words: Vec<&str> = article
        .sentences
        .iter()
        .flat_map(|s| s.words.iter().map(move |r| &s.ar[r.clone()]))
        .collect();
    let mut next = 0;
    c.bench_function("lookup_one_word_glossary_and_freedict", |b| {
        b.iter(|| {
            let word = words[next % words.len()];
            next += 1;
            black_box((glossary.lookup(word).len(), dictionaries.lookup(word).len()))
        })
    });
    // The longest sentence: what the pane needs when a sentence opens.
    let sentence = article
        .sentences
        .iter()
        .max_by_key(|s| s.words.len())
        .unwrap();
    let sentence_words: Vec<&str> = sentence
        .words
        .iter()
        .map(|r| &sentence.ar[r.clone()])
        .collect();
    c.bench_function("lookup_every_word_of_the_longest_sentence", |b| {
        b.iter(|| {
            let matches = glossary.match_sentence(&sentence_words);
            let found: usize = sentence_words
                .iter()
                .map(|w| dictionaries.lookup(w).len())
                .sum();
            black_box((matches.len(), found))
        })
    });
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("freedict_both_directions", |b| {
        b.iter(|| black_box(Dictionaries::load(&dictionary_dirs()).list.len()))
    });
    // Through the cache of their indexes (made once, before timing), as
    // `qari` loads them: the cache read and checked.
    let cache = tempfile::tempdir().unwrap();
    let cached = || Dictionaries::load_cached(&dictionary_dirs(), cache.path());
    assert!(cached().list.iter().all(|d| d.is_cached()));
    group.bench_function("freedict_both_directions_cached", |b| {
        b.iter(|| black_box(cached().list.len()))
    });
    // A cold lookup as `qari lookup` makes it: the caches read, then one
    // word looked up (its definitions read from the dictzip chunks).
    group.bench_function("freedict_cached_and_one_lookup", |b| {
        b.iter(|| black_box(cached().lookup("كتاب").len()))
    });
    group.bench_function("bundled_glossary", |b| {
        b.iter(|| black_box(Glossary::load(None).entries.len()))
    });
    group.finish();
}

/// `qari lookup كتاب` as a new process, from exec to exit: the bundled
/// glossary, the lexicon and both FreeDict dictionaries loaded for one
/// word, through the caches in `~/.cache/qari` (made by a first run here,
/// in a HOME of its own). Issue 13's target: 40 ms.
fn cold_lookup(c: &mut Criterion) {
    let home = tempfile::tempdir().unwrap();
    let run = || {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_qari"))
            .args(["lookup", "كتاب"])
            .env("HOME", home.path())
            .env_remove("XDG_CACHE_HOME")
            .env_remove("QARI_LIBRARY")
            .env("QARI_DICTIONARIES", "/usr/share/dictd")
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    run();
    let mut group = c.benchmark_group("process");
    group.sample_size(20);
    group.bench_function("cold_lookup_one_word_with_freedict_and_lexicon", |b| {
        b.iter(run)
    });
    group.finish();
}

/// `glossary import` of 20,000 rows under the lock into a glossary of
/// 10,000 (half of the rows update an entry, half add one): the reader
/// waits behind the lock meanwhile, so this must stay well under 2 s.
fn import_20000_rows(c: &mut Criterion) {
    let existing: Vec<Entry> = (0..10_000).map(|i| Entry::new(&word(i), "old")).collect();
    let rows: Vec<Entry> = (5_000..25_000)
        .map(|i| Entry::new(&word(i), "new"))
        .collect();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("20000_rows_into_10000_entries", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let user = UserGlossary::new(dir.path());
                user.add_all(existing.clone()).unwrap();
                (dir, user, rows.clone())
            },
            |(dir, user, rows)| {
                black_box(user.add_all(rows).unwrap());
                dir
            },
            criterion::BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// A distinct Arabic headword for `n` (its digits as letters).
fn word(n: usize) -> String {
    let letters = ['ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر'];
    format!("ك{n}")
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| letters[d as usize]))
        .collect()
}

criterion_group!(benches, lookups, loading, cold_lookup, import_20000_rows);
criterion_main!(benches);
