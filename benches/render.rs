//! Throughput of `qari render` on a ~10 MB corpus (the seed article repeated),
//! beside GNU FriBidi's CLI on the same file, in one run:
//!
//! - `fribidi_cli`: `fribidi --rtl --reordernsm --nobreak --nopad FILE > /dev/null`
//! - `qari_cli_unwrapped` / `qari_cli_width80`: `qari render` the same way
//!   (a process reading the file and writing to /dev/null, like FriBidi)
//! - `engine_1_thread_*`: the engine alone on one thread, paragraph after
//!   paragraph, no I/O: what one core does
//! - `engine_text_{fast,general}_*`: the engine on one thread writing text
//!   as `qari render` does (no maps), with its fast path and forced onto the
//!   general path (`Layouter::general`), for issue 17's comparison
//!
//! `tools/bench_render.py` gives the figures of the README: both programs
//! pinned to one core on a news corpus, interleaved, median of 5.
//!
//! Criterion reports each as elements (characters) per second; the README
//! gives the ratios. FriBidi is skipped, with a note, when not installed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark without its corpus should stop

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use qari::text::{Direction, LayoutOptions, Layouter};

const CORPUS_BYTES: usize = 10 << 20;

fn corpus() -> (PathBuf, String) {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fribidi/seed.txt"
    ))
    .unwrap();
    let mut text = String::with_capacity(CORPUS_BYTES + seed.len());
    while text.len() < CORPUS_BYTES {
        text.push_str(&seed);
    }
    let path = std::env::temp_dir().join("qari-bench-corpus.txt");
    std::fs::write(&path, &text).unwrap();
    (path, text)
}

fn run_to_null(program: &str, args: &[&str], file: &Path) {
    let status = Command::new(program)
        .args(args)
        .arg(file)
        .stdout(Stdio::from(File::create("/dev/null").unwrap()))
        .status()
        .unwrap();
    assert!(status.success(), "{program} failed");
}

fn bench_render(c: &mut Criterion) {
    let (path, text) = corpus();
    let chars = text.chars().count() as u64;
    let paragraphs: Vec<&str> = text.lines().collect();
    let mut group = c.benchmark_group("render_10MB");
    group.throughput(Throughput::Elements(chars));
    group.sample_size(10);

    if Command::new("fribidi").arg("--version").output().is_ok() {
        group.bench_function("fribidi_cli", |b| {
            b.iter(|| {
                run_to_null(
                    "fribidi",
                    &["--rtl", "--reordernsm", "--nobreak", "--nopad"],
                    &path,
                )
            })
        });
    } else {
        eprintln!("fribidi not installed (Debian package libfribidi-bin): skipping fribidi_cli");
    }
    let qari = env!("CARGO_BIN_EXE_qari");
    group.bench_function("qari_cli_unwrapped", |b| {
        b.iter(|| {
            run_to_null(
                qari,
                &["render", "--dir", "rtl", "--width", "100000"],
                &path,
            )
        })
    });
    group.bench_function("qari_cli_width80", |b| {
        b.iter(|| run_to_null(qari, &["render", "--dir", "rtl", "--width", "80"], &path))
    });
    for (name, width) in [
        ("engine_1_thread_unwrapped", 100_000),
        ("engine_1_thread_width80", 80),
    ] {
        let options = LayoutOptions {
            width,
            direction: Direction::Rtl,
            shape: true,
        };
        let mut layouter = Layouter::default();
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut cells = 0;
                for paragraph in &paragraphs {
                    for line in layouter.layout(paragraph, &options).lines {
                        cells += line.width;
                    }
                }
                cells
            })
        });
    }
    for (name, width, general) in [
        ("engine_text_fast_unwrapped", 100_000, false),
        ("engine_text_general_unwrapped", 100_000, true),
        ("engine_text_fast_width80", 80, false),
        ("engine_text_general_width80", 80, true),
    ] {
        let options = LayoutOptions {
            width,
            direction: Direction::Rtl,
            shape: true,
        };
        let mut layouter = if general {
            Layouter::general()
        } else {
            Layouter::default()
        };
        let mut out = Vec::new();
        group.bench_function(name, |b| {
            b.iter(|| {
                out.clear();
                for paragraph in &paragraphs {
                    layouter.write_lines_to(paragraph, &options, false, &mut out);
                }
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
