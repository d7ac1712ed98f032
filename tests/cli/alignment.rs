//! Aligning real translations: the 123 NTREX documents (Arabic news with
//! its English original, line k translating line k; `tests/ntrex/`, CC
//! BY-SA 4.0). Both sides are grouped into the same paragraphs, then one
//! side is made to disagree as real translations do: two sentences joined
//! into one, one split in two, one dropped. Both texts go through qari's
//! splitter, as `qari import --translation` reads them, and are aligned;
//! a pair counts as recovered when its Arabic sentences get exactly the
//! English of its line (with the line it was joined to, if it was), all of
//! it.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::ops::Range;

use qari::article::{align_paragraphs, split};

/// A small deterministic generator (xorshift), so every run makes the same
/// changes.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// One side of a document: paragraphs of lines (sentences as
/// translated), each line with the original line numbers it holds.
#[derive(Clone)]
struct Side {
    paragraphs: Vec<Vec<(String, BTreeSet<usize>)>>,
}

/// What a change did, for the expectations.
enum Change {
    /// Lines a and b became one sentence (on either side).
    Joined(usize, usize),
    /// Line k is gone from one side.
    Dropped(usize),
    Split,
}

fn read(doc: &str, lang: &str) -> Vec<String> {
    let path = format!(
        "{}/tests/ntrex/{lang}/{doc}.{lang}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.trim().to_owned())
        .collect()
}

/// Joins line `at` of `paragraph` with the next: its end made a comma.
fn join(paragraph: &mut Vec<(String, BTreeSet<usize>)>, at: usize, comma: &str) -> Option<Change> {
    if at + 1 >= paragraph.len() {
        return None;
    }
    let (next, origins) = paragraph.remove(at + 1);
    let (text, mine) = &mut paragraph[at];
    let a = *mine.iter().next()?;
    let b = *origins.iter().next()?;
    let trimmed = text.trim_end_matches(['.', '!', '?', '؟']).to_owned();
    *text = format!("{trimmed}{comma} {next}");
    mine.extend(origins);
    Some(Change::Joined(a, b))
}

/// Splits line `at` in two at the comma nearest its middle, else at the
/// middle word.
fn split_line(
    paragraph: &mut [(String, BTreeSet<usize>)],
    at: usize,
    comma: char,
) -> Option<Change> {
    let (text, _) = &mut paragraph[at];
    let middle = text.len() / 2;
    let after_comma = text
        .match_indices(&format!("{comma} "))
        .map(|(i, _)| (i, i + comma.len_utf8() + 1))
        .min_by_key(|(i, _)| i.abs_diff(middle));
    let after_space = || {
        text.match_indices(' ')
            .map(|(i, _)| (i, i + 1))
            .min_by_key(|(i, _)| i.abs_diff(middle))
    };
    let (cut, rest_at) = after_comma.or_else(after_space)?;
    let (first, rest) = (text[..cut].to_owned(), text[rest_at..].to_owned());
    if first.is_empty() || rest.is_empty() {
        return None;
    }
    *text = format!("{first}. {rest}");
    Some(Change::Split)
}

/// The text of one side (a line per paragraph), split as qari splits it:
/// its paragraphs of sentences, and each sentence's origin lines.
fn texts(side: &Side) -> (Vec<Vec<String>>, Vec<BTreeSet<usize>>) {
    let mut text = String::new();
    // Byte range of each line in the text, and its origins.
    let mut spans: Vec<(Range<usize>, &BTreeSet<usize>)> = Vec::new();
    for paragraph in &side.paragraphs {
        for (n, (line, origins)) in paragraph.iter().enumerate() {
            if n > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(line);
            spans.push((start..text.len(), origins));
        }
        text.push('\n');
    }
    let paragraphs = split(&text).paragraphs;
    // Each sentence found in order in the text: its lines' origins.
    let mut origins = Vec::new();
    let mut from = 0;
    for sentence in paragraphs.iter().flatten() {
        let at = text[from..].find(sentence.as_str()).unwrap() + from;
        let range = at..at + sentence.len();
        from = range.end;
        let mut set = BTreeSet::new();
        for (span, lines) in &spans {
            if span.start < range.end && range.start < span.end {
                set.extend(lines.iter().copied());
            }
        }
        origins.push(set);
    }
    (paragraphs, origins)
}

#[derive(Default)]
struct Score {
    scored: usize,
    recovered: usize,
    misses: Vec<String>,
}

fn run(documents: &[String], changes_per_document: usize) -> Score {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut score = Score::default();
    for doc in documents {
        let ar = read(doc, "ar");
        let en = read(doc, "en");
        assert_eq!(ar.len(), en.len(), "{doc}");
        let kept: Vec<usize> = (0..ar.len()).filter(|&k| !ar[k].is_empty()).collect();
        // The same paragraphs on both sides: the headline alone, then
        // runs of one to four lines.
        let mut sizes = vec![1];
        let mut left = kept.len() - 1;
        while left > 0 {
            let size = (1 + rng.below(4)).min(left);
            sizes.push(size);
            left -= size;
        }
        // Each line ends a sentence, as a line break does: one with no
        // final punctuation (NTREX's Arabic often has none) gets a full
        // stop before it is put in a paragraph with the next.
        let ended = |line: &String| {
            let end = line.trim_end_matches(['"', '\'', '»', '”', ')']);
            if end.ends_with(['.', '!', '?', '؟', '…']) {
                line.clone()
            } else {
                format!("{line}.")
            }
        };
        let side = |lines: &[String]| {
            let mut rest = kept.iter();
            Side {
                paragraphs: sizes
                    .iter()
                    .map(|&size| {
                        rest.by_ref()
                            .take(size)
                            .map(|&k| (ended(&lines[k]), BTreeSet::from([k])))
                            .collect()
                    })
                    .collect(),
            }
        };
        let (mut arabic, mut english) = (side(&ar), side(&en));
        let mut changes = Vec::new();
        for _ in 0..changes_per_document {
            let on_arabic = rng.below(2) == 0;
            let (target, comma, stop) = if on_arabic {
                (&mut arabic, "،", '،')
            } else {
                (&mut english, ",", ',')
            };
            // Not the headline: it is a paragraph of its own.
            if target.paragraphs.len() < 2 {
                continue;
            }
            let p = 1 + rng.below(target.paragraphs.len() - 1);
            let paragraph = &mut target.paragraphs[p];
            let at = rng.below(paragraph.len());
            let change = match rng.below(3) {
                0 => join(paragraph, at, comma),
                1 => split_line(paragraph, at, stop),
                _ => {
                    let (_, origins) = paragraph.remove(at);
                    if paragraph.is_empty() {
                        // A paragraph missing from one side.
                        target.paragraphs.remove(p);
                    }
                    origins.iter().next().map(|&k| Change::Dropped(k))
                }
            };
            changes.extend(change);
        }
        let (ar_paragraphs, ar_origins) = texts(&arabic);
        let (en_paragraphs, en_origins) = texts(&english);
        let ar_refs: Vec<Vec<&str>> = ar_paragraphs
            .iter()
            .map(|p| p.iter().map(String::as_str).collect())
            .collect();
        let aligned = align_paragraphs(&ar_refs, &en_paragraphs, true);
        let en_sentences: Vec<&String> = en_paragraphs.iter().flatten().collect();
        // Each original line k still on both sides: what its sentences got.
        let dropped: BTreeSet<usize> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Dropped(k) => Some(*k),
                _ => None,
            })
            .collect();
        let joined: Vec<(usize, usize)> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Joined(a, b) => Some((*a, *b)),
                _ => None,
            })
            .collect();
        for &k in &kept {
            if dropped.contains(&k) {
                continue;
            }
            score.scored += 1;
            let mine: Vec<usize> = (0..ar_origins.len())
                .filter(|&s| ar_origins[s].contains(&k))
                .collect();
            // The English sentences its slots hold, found by text.
            let mut got_lines = BTreeSet::new();
            let mut got_sentences = BTreeSet::new();
            for &s in &mine {
                let Some(slot) = &aligned.slots[s] else {
                    continue;
                };
                for (e, sentence) in en_sentences.iter().enumerate() {
                    if slot.contains(sentence.as_str()) {
                        got_sentences.insert(e);
                        got_lines.extend(en_origins[e].iter().copied());
                    }
                }
            }
            // Line k goes with every line it shares a sentence with, on
            // either side (joined by a change, or by the splitter where a
            // line has no final full stop: "on Oct.", an unpunctuated end).
            let together: Vec<(usize, usize)> = (joined.iter().copied())
                .chain(ar_origins.iter().chain(&en_origins).flat_map(|set| {
                    let first = *set.iter().next().unwrap_or(&0);
                    set.iter().map(move |&l| (first, l))
                }))
                .collect();
            let mut expected = BTreeSet::from([k]);
            let mut grew = true;
            while grew {
                grew = false;
                for &(a, b) in &together {
                    if expected.contains(&a) != expected.contains(&b) {
                        expected.insert(a);
                        expected.insert(b);
                        grew = true;
                    }
                }
            }
            expected.retain(|l| !dropped.contains(l));
            let all_of_k = (0..en_sentences.len())
                .filter(|&e| en_origins[e].contains(&k))
                .all(|e| got_sentences.contains(&e));
            if got_lines == expected && all_of_k {
                score.recovered += 1;
            } else if score.misses.len() < 12 {
                score.misses.push(format!(
                    "{doc} line {}: expected English of lines {expected:?}, got {got_lines:?}",
                    k + 1
                ));
            }
        }
    }
    score
}

fn documents() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ntrex/en");
    let mut docs: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".en.txt").map(str::to_owned))
        .collect();
    docs.sort();
    docs
}

#[test]
fn ntrex_pairs_are_recovered_after_joins_splits_and_drops() {
    let docs = documents();
    assert_eq!(docs.len(), 123);
    let plain = run(&docs, 0);
    let changed = run(&docs, 2);
    let share = |s: &Score| 100.0 * s.recovered as f64 / s.scored as f64;
    println!(
        "NTREX alignment: as split {:.1} % of {} pairs; with two changes per document {:.1} % of {} pairs",
        share(&plain),
        plain.scored,
        share(&changed),
        changed.scored
    );
    for miss in &changed.misses {
        println!("  {miss}");
    }
    assert!(share(&plain) >= 99.0, "{:?}", plain.misses);
    assert!(share(&changed) >= 95.0, "{:?}", changed.misses);
}
