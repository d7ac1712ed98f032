//! Importing: a 5,000-word article (the seed text repeated) split into
//! sentences and made into an article file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use qari::article::{article_to_toml, import_text};

fn import(c: &mut Criterion) {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fribidi/seed.txt"
    ))
    .expect("the seed fixture");
    let mut text = String::new();
    while text.split_whitespace().count() < 5_000 {
        text.push_str(&seed);
        text.push('\n');
    }
    let words = text.split_whitespace().count();
    c.bench_function(&format!("import_and_split_{words}_words"), |b| {
        b.iter(|| {
            let imported = import_text("bench", &text, None, None, "2026-11-24", None);
            black_box(article_to_toml(&imported.article).len())
        })
    });
}

criterion_group!(benches, import);
criterion_main!(benches);
