//! `qari render`: lay out a text file paragraph by paragraph, streaming.
//!
//! Each non-blank line of the input is a paragraph; its visual lines are
//! written one per line, with one empty line between paragraphs. Memory stays
//! bounded whatever the input: it is read one paragraph at a time, and a
//! paragraph longer than [`MAX_PARAGRAPH_BYTES`] is laid out in pieces cut at
//! a space (bidi levels are then resolved per piece, the one approximation).
//!
//! Paragraphs are independent, so batches of them are laid out on every core:
//! a reader thread deals batches out to the workers in turn, and the calling
//! thread writes their output back in the same order. Every channel holds at
//! most one batch, which bounds the memory in flight. With one core (under
//! `taskset -c 0`, say) the calling thread reads, lays out and writes by
//! itself: threads there would only add hand-overs.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use thiserror::Error;

use crate::text::{LayoutOptions, Layouter};

/// How `qari render` lays out and places its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    pub layout: LayoutOptions,
    /// Where a right-to-left line goes: flush left (unpadded, for pipes and
    /// scripts) or flush right at the width, as on an Arabic page.
    pub align: Align,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
}

/// Longest paragraph laid out in one piece.
pub const MAX_PARAGRAPH_BYTES: usize = 256 << 10;

/// Text handed to a worker at a time.
const BATCH_BYTES: usize = 256 << 10;

/// Why rendering stopped.
#[derive(Debug, Error)]
pub enum RenderError {
    /// Reading the input or writing the output failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The input is not UTF-8.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Offset of the first byte that is not UTF-8, from the start of the input.
        offset: u64,
    },
}

/// Paragraphs for one worker: their text, back to back, and for each its end
/// in `text` and whether an empty line goes before it.
#[derive(Default)]
struct Batch {
    text: String,
    paragraphs: Vec<(usize, bool)>,
}

/// What a worker sends back: rendered text (UTF-8), or the reader's error,
/// in turn.
type Rendered = Result<Vec<u8>, RenderError>;

/// Render every paragraph of `input` into `output`.
pub fn render(
    input: impl BufRead + Send,
    mut output: impl Write,
    options: &RenderOptions,
) -> Result<(), RenderError> {
    // (The cores this process may run on: one under `taskset -c 0`.)
    let workers = thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if workers == 1 {
        return render_here(input, output, options);
    }
    thread::scope(|scope| {
        let mut to_workers = Vec::with_capacity(workers);
        let mut from_workers = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (batch_tx, batch_rx) = sync_channel::<Result<Batch, RenderError>>(1);
            let (out_tx, out_rx) = sync_channel::<Rendered>(1);
            scope.spawn(move || lay_out_batches(&batch_rx, &out_tx, options));
            to_workers.push(batch_tx);
            from_workers.push(out_rx);
        }
        scope.spawn(move || read_batches(input, &to_workers));
        // Collect in the order the batches were dealt; a worker whose channel
        // closed has no batch left, and then neither has any after it.
        for turn in 0.. {
            match from_workers[turn % workers].recv() {
                Ok(rendered) => output.write_all(&rendered?)?,
                Err(_) => break,
            }
        }
        output.flush()?;
        Ok(())
    })
}

/// Render on the calling thread alone, for a single core: reading, laying
/// out and writing in turn, with no threads to hand batches between.
fn render_here(
    input: impl BufRead,
    mut output: impl Write,
    options: &RenderOptions,
) -> Result<(), RenderError> {
    let right_align = options.align == Align::Right;
    let mut paragraphs = Paragraphs::new(input, MAX_PARAGRAPH_BYTES);
    let mut layouter = Layouter::default();
    let mut out = Vec::with_capacity(2 * BATCH_BYTES);
    let mut first = true;
    loop {
        match paragraphs.next_paragraph() {
            Ok(Some((text, continued))) => {
                let Some(text) = trimmed(text, continued) else {
                    continue;
                };
                if !first && !continued {
                    out.push(b'\n');
                }
                first = false;
                layouter.write_lines_to(text, &options.layout, right_align, &mut out);
                if out.len() >= BATCH_BYTES {
                    output.write_all(&out)?;
                    out.clear();
                }
            }
            Ok(None) => break,
            Err(error) => {
                // What came before the error is written, as with threads.
                output.write_all(&out)?;
                output.flush()?;
                return Err(error);
            }
        }
    }
    output.write_all(&out)?;
    output.flush()?;
    Ok(())
}

/// A paragraph as laid out: trimmed (a piece continuing a cut paragraph
/// only at its end), `None` when blank.
fn trimmed(text: &str, continued: bool) -> Option<&str> {
    let text = if continued { text } else { text.trim_start() };
    let text = text.trim_end();
    (!text.is_empty()).then_some(text)
}

/// Read paragraphs and deal them out in batches, turn by turn.
fn read_batches(input: impl BufRead, workers: &[SyncSender<Result<Batch, RenderError>>]) {
    let mut paragraphs = Paragraphs::new(input, MAX_PARAGRAPH_BYTES);
    let mut batch = Batch::default();
    let mut first = true;
    let mut turn = 0;
    let mut deal = |batch: Result<Batch, RenderError>| {
        let sent = workers[turn % workers.len()].send(batch).is_ok();
        turn += 1;
        sent
    };
    loop {
        match paragraphs.next_paragraph() {
            Ok(Some((text, continued))) => {
                let Some(text) = trimmed(text, continued) else {
                    continue;
                };
                batch.text.push_str(text);
                batch
                    .paragraphs
                    .push((batch.text.len(), !first && !continued));
                first = false;
                if batch.text.len() >= BATCH_BYTES && !deal(Ok(std::mem::take(&mut batch))) {
                    return;
                }
            }
            Ok(None) => break,
            Err(error) => {
                if !batch.paragraphs.is_empty() && !deal(Ok(std::mem::take(&mut batch))) {
                    return;
                }
                deal(Err(error));
                return;
            }
        }
    }
    if !batch.paragraphs.is_empty() {
        deal(Ok(batch));
    }
}

/// Lay out each batch received and send back its text.
fn lay_out_batches(
    batches: &Receiver<Result<Batch, RenderError>>,
    rendered: &SyncSender<Rendered>,
    options: &RenderOptions,
) {
    let right_align = options.align == Align::Right;
    let mut layouter = Layouter::default();
    while let Ok(batch) = batches.recv() {
        let result = batch.map(|batch| {
            let mut out = Vec::with_capacity(batch.text.len() * 2);
            let mut start = 0;
            for &(end, blank_line_before) in &batch.paragraphs {
                if blank_line_before {
                    out.push(b'\n');
                }
                layouter.write_lines_to(
                    &batch.text[start..end],
                    &options.layout,
                    right_align,
                    &mut out,
                );
                start = end;
            }
            out
        });
        if rendered.send(result).is_err() {
            return;
        }
    }
}

/// Reads lines of at most `limit` bytes, cutting longer ones at a space.
struct Paragraphs<R> {
    input: R,
    limit: usize,
    buffer: Vec<u8>,
    /// Bytes of `buffer` handed out by the last call, dropped by the next.
    consumed: usize,
    /// Input offset of `buffer[0]`.
    offset: u64,
    /// The last paragraph was cut short: the next piece continues it.
    cut: bool,
}

impl<R: BufRead> Paragraphs<R> {
    fn new(input: R, limit: usize) -> Self {
        Paragraphs {
            input,
            limit: limit.max(4),
            buffer: Vec::new(),
            consumed: 0,
            offset: 0,
            cut: false,
        }
    }

    /// The next paragraph (without its line ending) and whether it continues
    /// the previous one; `None` at the end of the input.
    fn next_paragraph(&mut self) -> Result<Option<(&str, bool)>, RenderError> {
        self.buffer.drain(..self.consumed);
        self.offset += self.consumed as u64;
        let continued = self.cut;
        // `self.buffer` may hold the rest of a cut paragraph: no newline in
        // it. Read up to the next one, or until the buffer is full (`read_until`
        // looks for it a word at a time).
        let room = self.limit.saturating_sub(self.buffer.len());
        (&mut self.input)
            .take(room as u64)
            .read_until(b'\n', &mut self.buffer)?;
        let newline_at = (self.buffer.last() == Some(&b'\n')).then(|| self.buffer.len() - 1);
        if self.buffer.is_empty() {
            return Ok(None);
        }
        let (end, consumed) = match newline_at {
            Some(i) => (i, i + 1),
            None if self.buffer.len() < self.limit => (self.buffer.len(), self.buffer.len()),
            None => {
                let cut = cut_point(&self.buffer);
                (cut, cut)
            }
        };
        self.cut = newline_at.is_none() && consumed < self.buffer.len();
        self.consumed = consumed;
        let mut line = &self.buffer[..end];
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        // Validated with SIMD (`simdutf8`), which on Arabic text is several
        // times std's speed; std finds the offset of an error.
        if let Ok(text) = simdutf8::basic::from_utf8(line) {
            return Ok(Some((text, continued)));
        }
        match std::str::from_utf8(line) {
            Ok(text) => Ok(Some((text, continued))),
            Err(error) => Err(RenderError::InvalidUtf8 {
                offset: self.offset + error.valid_up_to() as u64,
            }),
        }
    }
}

/// Where to cut a paragraph that fills the whole buffer: after its last space,
/// else at its last character boundary.
fn cut_point(buffer: &[u8]) -> usize {
    if let Some(space) = buffer.iter().rposition(|&b| b == b' ') {
        return space + 1;
    }
    // Cut before the last character, which may be incomplete: back up over
    // UTF-8 continuation bytes to its first byte.
    let mut cut = buffer.len().saturating_sub(1);
    while cut > 0 && (buffer[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    if cut == 0 { buffer.len() } else { cut }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_str(input: &[u8], width: usize) -> Result<String, RenderError> {
        render_aligned(input, width, Align::Left)
    }

    fn render_aligned(input: &[u8], width: usize, align: Align) -> Result<String, RenderError> {
        let mut out = Vec::new();
        let layout = LayoutOptions {
            width,
            ..LayoutOptions::default()
        };
        render(input, &mut out, &RenderOptions { layout, align })?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn right_aligned_rtl_lines_end_at_the_width_and_ltr_lines_stay_left() {
        // Two lines of Arabic at width 12, and an English paragraph (auto
        // direction would make it LTR; here the base is RTL, so it is
        // right-aligned too).
        let out = render_aligned("كلمة كلمة كلمة\n".as_bytes(), 12, Align::Right).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines, ["   ﺔﻤﻠﻛ ﺔﻤﻠﻛ", "        ﺔﻤﻠﻛ"]);
        let mut out = Vec::new();
        let layout = LayoutOptions {
            width: 12,
            direction: crate::text::Direction::Auto,
            shape: true,
        };
        let options = RenderOptions {
            layout,
            align: Align::Right,
        };
        render("abc\nكلمة\n".as_bytes(), &mut out, &options).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "abc\n\n        ﺔﻤﻠﻛ\n");
        // Unaligned, nothing is padded.
        let out = render_str("كلمة\n".as_bytes(), 12).unwrap();
        assert_eq!(out, "ﺔﻤﻠﻛ\n");
    }

    #[test]
    fn one_empty_line_between_paragraphs_and_blank_lines_skipped() {
        let out = render_str(b"abc\n\n  \n\r\ndef\r\n", 80).unwrap();
        assert_eq!(out, "abc\n\ndef\n");
    }

    #[test]
    fn invalid_utf8_reports_the_byte_offset() {
        let err = render_str(b"abc\nd\xffe\n", 80).unwrap_err();
        assert!(
            matches!(err, RenderError::InvalidUtf8 { offset: 5 }),
            "{err:?}"
        );
    }

    #[test]
    fn long_paragraphs_are_cut_at_a_space_and_continue() {
        let input = "كلمة ".repeat(100);
        let mut paragraphs = Paragraphs::new(input.as_bytes(), 64);
        let mut total = String::new();
        let mut pieces = 0;
        while let Some((piece, continued)) = paragraphs.next_paragraph().unwrap() {
            assert!(piece.len() <= 64);
            assert_eq!(continued, pieces > 0);
            total.push_str(piece);
            pieces += 1;
        }
        assert!(pieces > 1);
        assert_eq!(total, input);
    }

    #[test]
    fn a_cut_never_splits_a_character() {
        // No spaces: the cut falls between characters.
        let input = "ب".repeat(100);
        let mut paragraphs = Paragraphs::new(input.as_bytes(), 33);
        let mut total = String::new();
        while let Some((piece, _)) = paragraphs.next_paragraph().unwrap() {
            total.push_str(piece);
        }
        assert_eq!(total, input);
    }

    #[test]
    fn one_thread_writes_what_the_workers_write() {
        // Several batches' worth, a blank line, a paragraph cut in pieces,
        // then (last) an invalid byte: the same text, and the same error
        // after it.
        let mut input = "كلمة (word) ١٢٣ 45.6% «نص»\n\n  abc\n".repeat(20_000);
        input.push_str(&"ب ".repeat(MAX_PARAGRAPH_BYTES));
        let mut input = input.into_bytes();
        input.extend_from_slice(b"\nx\xff\n");
        for align in [Align::Left, Align::Right] {
            let options = RenderOptions {
                layout: LayoutOptions {
                    width: 30,
                    ..LayoutOptions::default()
                },
                align,
            };
            let (mut threads, mut here) = (Vec::new(), Vec::new());
            let threads_error = render(&input[..], &mut threads, &options).unwrap_err();
            let here_error = render_here(&input[..], &mut here, &options).unwrap_err();
            assert!(threads.len() > 2 * BATCH_BYTES);
            assert!(threads == here, "{align:?}");
            assert_eq!(threads_error.to_string(), here_error.to_string());
        }
    }
}
