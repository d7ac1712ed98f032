//! The fast path: the common paragraph laid out without `unicode-bidi`,
//! with exactly the general path's result.
//!
//! A paragraph qualifies when every character is in one property table
//! (`TABLE`) as one of the classes L, R, AL, EN, ES, ET, AN, CS, ON, WS
//! (brackets only the ASCII ones), drawn in one cell and always a grapheme
//! cluster of its own, or is an Arabic mark (U+064B–U+065F, U+0670) after an
//! Arabic letter (class AL). Real news paragraphs do. Such a paragraph has
//! no explicit embeddings, so it is one isolating run sequence at the
//! paragraph level, and every character begins a cluster but the marks,
//! which take their letter's level. The levels are then resolved in one
//! pass per rule group on the characters (W1–W7, N0 with a bracket stack,
//! N1–N2, I1–I2), a port of `unicode-bidi` 0.3.18's own passes
//! (`implicit.rs`), without its UTF-16 copy; units are cut without asking
//! the grapheme segmenter, in the same pass that shapes them and writes
//! what they draw as UTF-8 into one buffer (from tables of each character
//! and its forms, encoded in advance); and each line is reordered by
//! reversing runs, its bytes copied from that buffer a unit (or a
//! left-to-right run) at a time. Anything else goes to the general path,
//! which stays the reference: the tests compare the two
//! ([`crate::layout_general`]).

use std::sync::LazyLock;

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData, bidi_class};
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::clusters::is_plain;
use super::layout::{Cluster, Direction, Line, LineSink};
use super::mirror::mirror;
use super::shape::Joining;
use super::unicode_tables::{FORMS as FORM_TABLE, LAM_ALEF};
use super::units::{drawn_form, drawn_width};
use super::width::{cluster_width, is_plain_one_cell};

const LAM: char = '\u{0644}';

// Bidi classes, as the fast path numbers them.
const L: u8 = 0;
const R: u8 = 1;
const AL: u8 = 2;
const EN: u8 = 3;
const ES: u8 = 4;
const ET: u8 = 5;
const AN: u8 = 6;
const CS: u8 = 7;
const NSM: u8 = 8;
const ON: u8 = 9;
const WS: u8 = 10;

/// The class, in the low four bits of a property entry.
const CLASS: u16 = 0xF;
/// A character the fast path takes as a cluster of its own.
const BASE: u16 = 1 << 4;
/// An Arabic mark, taken after a letter of class AL.
const MARK: u16 = 1 << 5;
/// `char::is_whitespace`.
const SPACE: u16 = 1 << 6;
/// An opening ASCII bracket.
const OPEN: u16 = 1 << 7;
/// A closing ASCII bracket.
const CLOSE: u16 = 1 << 8;
/// Bidi_Mirrored: drawn as its mirror image at an odd level.
const MIRRORED: u16 = 1 << 9;
/// Joins the letter after it (joining type D, L or C).
const JOINS_NEXT: u16 = 1 << 10;
/// Joins the letter before it (joining type D, R or C).
const JOINS_PREVIOUS: u16 = 1 << 11;
/// Skipped when joining (joining type T).
const TRANSPARENT: u16 = 1 << 12;
/// Has presentation forms (or is lam): shaping may change it.
const FORMS: u16 = 1 << 13;
/// Of line break class AL, NU, QU, IS or CM, or U+0020 (SP): a paragraph
/// of these only breaks after spaces (see `U_BREAK`).
const LB_SIMPLE: u16 = 1 << 14;
/// Of line break class AL, NU or QU: a break is allowed before it after a
/// space (UAX #14 LB18), where IS or CM allow none (LB13, LB9).
const LB_AFTER_SPACE: u16 = 1 << 15;

/// Code points the table covers: up to the currency signs.
const TABLE_END: usize = 0x20C1;

static TABLE: LazyLock<Vec<u16>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|cp| char::from_u32(cp).map_or(0, entry))
        .collect()
});

/// Code points outside the first 2,048 that may be in the table: spaces,
/// dashes, quotes, bullets, primes, currency signs.
fn beyond_0800(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{200A}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{203B}' | '\u{20A0}'..='\u{20C0}')
}

fn fast_class(class: BidiClass) -> Option<u8> {
    Some(match class {
        BidiClass::L => L,
        BidiClass::R => R,
        BidiClass::AL => AL,
        BidiClass::EN => EN,
        BidiClass::ES => ES,
        BidiClass::ET => ET,
        BidiClass::AN => AN,
        BidiClass::CS => CS,
        BidiClass::NSM => NSM,
        BidiClass::ON => ON,
        BidiClass::WS => WS,
        _ => return None,
    })
}

/// The property entry of `c`, worked out from what the general path uses,
/// so the two cannot disagree: 0 for a character the fast path leaves to
/// the general one.
fn entry(c: char) -> u16 {
    let Some(class) = fast_class(bidi_class(c)) else {
        return 0;
    };
    let joining = Joining::of(c);
    let mut shaping = 0;
    if joining.joins_following() {
        shaping |= JOINS_NEXT;
    }
    if joining.joins_preceding() {
        shaping |= JOINS_PREVIOUS;
    }
    if joining == Joining::Transparent {
        shaping |= TRANSPARENT;
    }
    if has_forms(c) {
        shaping |= FORMS;
    }
    {
        use unicode_linebreak::BreakClass as B;
        match unicode_linebreak::break_property(c as u32) {
            B::Alphabetic | B::Numeric | B::Quotation => shaping |= LB_SIMPLE | LB_AFTER_SPACE,
            B::InfixSeparator | B::CombiningMark => shaping |= LB_SIMPLE,
            B::Space if c == ' ' => shaping |= LB_SIMPLE,
            _ => {}
        }
    }
    if matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}') {
        // Grapheme_Cluster_Break Extend: they join the letter before them.
        let extends = format!("\u{0628}{c}").graphemes(true).count() == 1;
        return if class == NSM && extends && mirror(c).is_none() {
            u16::from(NSM) | MARK | shaping
        } else {
            0
        };
    }
    let own_cluster = if (c as u32) < 0x800 {
        is_plain(c)
    } else {
        beyond_0800(c) && format!("a{c}{c}\u{0628}{c}").graphemes(true).count() == 5
    };
    let one_cell = |c: char| cluster_width(c.encode_utf8(&mut [0; 4])) == 1;
    let bracket = HardcodedBidiData.bidi_matched_opening_bracket(c);
    let ascii_bracket = matches!(c, '(' | ')' | '[' | ']' | '{' | '}');
    if class == NSM
        || !own_cluster
        || drawn_form(c, false) != Some(c)
        || !one_cell(c)
        || mirror(c).is_some_and(|m| !one_cell(m))
        || (bracket.is_some() && !ascii_bracket)
    {
        return 0;
    }
    let mut entry = u16::from(class) | BASE | shaping;
    if mirror(c).is_some() {
        entry |= MIRRORED;
    }
    if c.is_whitespace() {
        entry |= SPACE;
    }
    if let Some(bracket) = bracket {
        entry |= if bracket.is_open { OPEN } else { CLOSE };
    }
    entry
}

/// Whether shaping may draw `c` otherwise than as itself: only letters of
/// the Arabic block have forms (`shape::settle`), among the characters the
/// table may take.
fn has_forms(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

/// The opening bracket an ASCII closing one pairs with.
fn opening_of(c: char) -> char {
    match c {
        ')' => '(',
        ']' => '[',
        '}' => '{',
        _ => c,
    }
}

/// The fast path's working buffers, reused from paragraph to paragraph.
/// The per-character and per-unit ones only grow: the paragraph's are the
/// first `n` (or `units`) entries, so that sizing them writes nothing.
#[derive(Default)]
pub(crate) struct FastScratch {
    /// The paragraph's characters.
    n: usize,
    /// Per character: the character (its code point), its property entry,
    /// its resolved class, its resolved level.
    chars: Vec<u32>,
    entries: Vec<u16>,
    resolved: Vec<u8>,
    levels: Vec<u8>,
    /// Per character, its byte offset: filled only when needed (the maps,
    /// `unicode-linebreak`), then exactly `n` long.
    offsets: Vec<usize>,
    /// Bracket stack (opening bracket, character index) and pairs (N0).
    stack: Vec<(char, usize)>,
    pairs: Vec<(usize, usize)>,
    /// The paragraph's units.
    units: usize,
    /// Per unit: where it starts (in characters; one more entry, the end),
    /// the cells it takes, its level (rule L1 applied once its line is
    /// known), where its drawn text starts in `bytes` (one more entry, the
    /// end), flags of its first character, the break opportunity before it
    /// (when wrapping with `unicode-linebreak`).
    starts: Vec<u32>,
    widths: Vec<u32>,
    unit_levels: Vec<u8>,
    unit_bytes: Vec<u32>,
    /// Per unit: `U_SPACE`, `U_WS`, `U_BREAK`.
    unit_flags: Vec<u8>,
    breaks: Vec<Option<BreakOpportunity>>,
    /// What the units draw (shaped, mirrored), as UTF-8, unit after unit
    /// in logical order, with room to spare after the last.
    bytes: Vec<u8>,
    /// The lines: first unit, end, first unit hung past the end; and as
    /// filling finds them: first unit, end, whether the last.
    lines: Vec<(usize, usize, usize)>,
    spans: Vec<(usize, usize, bool)>,
    /// A line's visual order (indices into the line).
    order: Vec<u32>,
    /// The entries of the paragraph's characters or-ed together.
    seen: u16,
    /// One bit per class present in the paragraph.
    classes_seen: u16,
    /// The entries of the paragraph's characters and-ed together.
    every: u16,
}

/// A unit's flags: its first character is whitespace (`char::is_whitespace`:
/// it hangs at a line's end)...
const U_SPACE: u8 = 1;
/// ... of class WS (rule L1 resets it at a line's end) ...
const U_WS: u8 = 2;
/// ... or, in a paragraph of letters, digits, quotation marks, infix
/// separators (. , : ; ،), marks and spaces only (`LB_SIMPLE`), UAX #14
/// allows a break before it: only after a space (LB18), before a letter, a
/// digit or a quotation mark (LB7: not before a space; LB13: nor before IS;
/// LB9: nor before a mark). Everything else holds them together (LB19,
/// LB23, LB25, LB28, LB29). The tests compare this with
/// `unicode-linebreak`.
const U_BREAK: u8 = 4;

/// The first `n` entries of `v`, which grows to hold them (its entries are
/// left as they were: the caller writes them).
fn grow<T: Copy + Default>(v: &mut Vec<T>, n: usize) -> &mut [T] {
    if v.len() < n {
        v.resize(n, T::default());
    }
    &mut v[..n]
}

/// Whether the fast path takes `text` (one bidi paragraph) and, if so, its
/// paragraph level (`Some(true)`: right to left). Fills the characters and
/// their entries.
fn qualify(text: &str, auto: Option<bool>, fast: &mut FastScratch) -> Option<bool> {
    let table: &[u16] = &TABLE;
    // Sized for the most characters there can be: written by index, in
    // slices, rather than pushed.
    let bound = text.len();
    let chars_s = grow(&mut fast.chars, bound);
    let entries_s = grow(&mut fast.entries, bound);
    let mut n = 0;
    let mut seen = 0;
    let mut every = u16::MAX;
    let mut classes_seen = 0;
    let mut after_al = false;
    let mut first_strong: Option<bool> = None;
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        // Decoded here, as `str::chars` would, the common lengths first;
        // the table ends before the four-byte sequences.
        // All three lengths worked out, one chosen: no branch to mispredict
        // between Arabic letters and spaces.
        let b = u32::from(bytes[k]);
        if b >= 0xF0 {
            return None;
        }
        let b1 = u32::from(bytes.get(k + 1).copied().unwrap_or(0)) & 0x3F;
        let b2 = u32::from(bytes.get(k + 2).copied().unwrap_or(0)) & 0x3F;
        let two = (b & 0x1F) << 6 | b1;
        let three = (b & 0x0F) << 12 | b1 << 6 | b2;
        let c = if b < 0x80 {
            b
        } else if b < 0xE0 {
            two
        } else {
            three
        };
        k += 1 + usize::from(b >= 0xC0) + usize::from(b >= 0xE0);
        let entry = *table.get(c as usize)?;
        let class = (entry & CLASS) as u8;
        if entry & BASE != 0 {
            after_al = class == AL;
            if first_strong.is_none() && class <= AL {
                first_strong = Some(class != L);
            }
        } else if entry & MARK == 0 || !after_al {
            return None;
        }
        seen |= entry;
        every &= entry;
        classes_seen |= 1 << class;
        chars_s[n] = c;
        entries_s[n] = entry;
        n += 1;
    }
    fast.n = n;
    fast.seen = seen;
    fast.every = every;
    fast.classes_seen = classes_seen;
    if n == 0 {
        return None;
    }
    Some(match auto {
        Some(rtl) => rtl,
        None => first_strong.unwrap_or(true),
    })
}

/// Fill `fast.offsets` with the byte offset of each character of `text`.
fn fill_offsets(text: &str, fast: &mut FastScratch) {
    fast.offsets.clear();
    fast.offsets
        .extend(text.char_indices().map(|(offset, _)| offset));
}

/// UAX #9 W1–W7, N0–N2 and I1–I2 over one isolating run sequence at the
/// paragraph level, as `unicode-bidi` 0.3.18 does them
/// (`implicit::resolve_weak`, `resolve_neutral`, `resolve_levels`).
fn resolve(rtl: bool, fast: &mut FastScratch) {
    let FastScratch {
        n,
        chars,
        entries,
        resolved,
        levels,
        stack,
        pairs,
        seen,
        classes_seen,
        ..
    } = fast;
    let (chars, entries) = (&chars[..*n], &entries[..*n]);
    let sos = if rtl { R } else { L };
    let eos = sos;
    let bit = |class: u8| 1u16 << class;
    resolved.clear();
    if *classes_seen & (bit(NSM) | bit(EN) | bit(ES) | bit(ET) | bit(AN) | bit(CS)) == 0 {
        // Letters, spaces and other neutrals only: W3 is all there is.
        resolved.extend(entries.iter().map(|&entry| match (entry & CLASS) as u8 {
            AL => R,
            class => class,
        }));
    } else {
        resolved.extend(entries.iter().map(|&entry| (entry & CLASS) as u8));
        weak(resolved, sos, eos);
    }
    let p = resolved;
    if *classes_seen & bit(EN) != 0 {
        w7(p, sos);
    }
    if *seen & OPEN != 0 && *seen & CLOSE != 0 {
        brackets(chars, entries, p, sos, stack, pairs);
    }
    neutrals_and_levels(p, sos, rtl, grow(levels, *n));
}

/// The classes that W1–W6 leave alone but for AL, which becomes R (W3),
/// outside a sequence of ETs: one bit per class.
const UNTOUCHED: u16 = 1 << L | 1 << R | 1 << AL | 1 << WS | 1 << ON;

/// W1–W6 in one pass, as `unicode-bidi` does them.
fn weak(p: &mut [u8], sos: u8, eos: u8) {
    let n = p.len();
    let mut prev_before_w4 = sos;
    let mut prev_before_w5 = sos;
    let mut prev_before_w1 = sos;
    let mut last_strong_is_al = false;
    let mut et_from: Option<usize> = None;
    let mut i = 0;
    while i < n {
        if et_from.is_none() && (1 << p[i]) & UNTOUCHED != 0 {
            // A run of letters, spaces and other neutrals (most of the text)
            // in one go: Arabic letters become R (W3), nothing else changes,
            // and the state is left as the rules below would leave it.
            let mut last = p[i];
            while i < n && (1 << p[i]) & UNTOUCHED != 0 {
                let class = p[i];
                last = class;
                if class <= AL {
                    last_strong_is_al = class == AL;
                }
                p[i] = if class == AL { R } else { class };
                i += 1;
            }
            prev_before_w1 = last;
            let after = if last == AL { R } else { last };
            prev_before_w5 = after;
            prev_before_w4 = after;
            continue;
        }
        if p[i] == NSM {
            p[i] = prev_before_w1;
        }
        let w2_class = p[i];
        prev_before_w1 = p[i];
        match p[i] {
            EN if last_strong_is_al => p[i] = AN,
            AL => p[i] = R,
            _ => {}
        }
        match w2_class {
            L | R => last_strong_is_al = false,
            AL => last_strong_is_al = true,
            _ => {}
        }
        let before_w456 = p[i];
        match p[i] {
            EN => {
                if let Some(from) = et_from.take() {
                    p[from..i].fill(EN);
                }
            }
            ES | CS => {
                let mut next = if i + 1 < n { p[i + 1] } else { eos };
                if next == EN && last_strong_is_al {
                    next = AN;
                }
                p[i] = match (prev_before_w4, p[i], next) {
                    (EN, ES | CS, EN) => EN,
                    (AN, CS, AN) => AN,
                    _ => ON,
                };
            }
            ET => {
                if prev_before_w5 == EN {
                    p[i] = EN;
                } else {
                    et_from.get_or_insert(i);
                }
            }
            _ => {}
        }
        prev_before_w5 = p[i];
        if prev_before_w5 != ET
            && let Some(from) = et_from.take()
        {
            p[from..i].fill(ON);
        }
        prev_before_w4 = before_w456;
        i += 1;
    }
    if let Some(from) = et_from {
        p[from..n].fill(ON);
    }
}

/// W7: a European number after L (or sos L) becomes L.
fn w7(p: &mut [u8], sos: u8) {
    let mut last_strong_is_l = sos == L;
    for class in p.iter_mut() {
        match *class {
            EN if last_strong_is_l => *class = L,
            L => last_strong_is_l = true,
            R | AL => last_strong_is_l = false,
            _ => {}
        }
    }
}

/// N0: bracket pairs (BD16), in the order of their openings.
fn brackets(
    chars: &[u32],
    entries: &[u16],
    p: &mut [u8],
    sos: u8,
    stack: &mut Vec<(char, usize)>,
    pairs: &mut Vec<(usize, usize)>,
) {
    let n = p.len();
    let e = sos;
    let not_e = if sos == R { L } else { R };
    stack.clear();
    pairs.clear();
    for (i, &c) in chars.iter().enumerate() {
        if p[i] != ON || entries[i] & (OPEN | CLOSE) == 0 {
            continue;
        }
        let c = char::from_u32(c).unwrap_or('\0');
        if entries[i] & OPEN != 0 {
            if stack.len() >= 63 {
                break;
            }
            stack.push((c, i));
        } else if let Some(k) = stack.iter().rposition(|&(open, _)| open == opening_of(c)) {
            pairs.push((stack[k].1, i));
            stack.truncate(k);
        }
    }
    pairs.sort_unstable_by_key(|&(start, _)| start);
    for &(start, end) in pairs.iter() {
        let mut found_e = false;
        let mut found_not_e = false;
        for &class in &p[start + 1..end] {
            if class == e {
                found_e = true;
            } else if class == not_e {
                found_not_e = true;
            } else if matches!(class, EN | AN) {
                if e == L {
                    found_not_e = true;
                } else {
                    found_e = true;
                }
            }
            if found_e {
                break;
            }
        }
        let set = if found_e {
            e
        } else if found_not_e {
            match p[..start]
                .iter()
                .rev()
                .find(|&&class| matches!(class, L | R | EN | AN))
            {
                Some(&L) => L,
                Some(_) => R,
                None => sos,
            }
        } else {
            continue;
        };
        p[start] = set;
        p[end] = set;
        for at in [start + 1, end + 1] {
            for k in at..n {
                if entries[k] & CLASS != u16::from(NSM) {
                    break;
                }
                p[k] = set;
            }
        }
    }
}

/// N1–N2: a run of neutrals between two strong types of one direction
/// (numbers counting as R) takes it; any other, the embedding's. Then
/// I1–I2: the level of each character, into `levels`.
fn neutrals_and_levels(p: &[u8], sos: u8, rtl: bool, levels: &mut [u8]) {
    let n = p.len();
    let (e, eos) = (sos, sos);
    // By class, looked up rather than matched (no jump table): its level
    // (I1–I2), and as a neighbour of neutrals the direction it counts as
    // (1: L, 2: R, as R, AN and EN are; 0: neither).
    let mut level_of = [u8::from(rtl); 16];
    if rtl {
        for class in [L, EN, AN] {
            level_of[usize::from(class)] = 2;
        }
    } else {
        level_of[usize::from(R)] = 1;
        level_of[usize::from(AN)] = 2;
        level_of[usize::from(EN)] = 2;
    }
    let mut direction = [0u8; 16];
    direction[usize::from(L)] = 1;
    for class in [R, AN, EN] {
        direction[usize::from(class)] = 2;
    }
    let class_of = |direction: u8| if direction == 1 { L } else { R };
    let is_ni = |class: u8| matches!(class, ON | WS);
    let mut prev = sos;
    let mut i = 0;
    while i < n {
        let class = p[i];
        if is_ni(class) {
            let from = i;
            while i < n && is_ni(p[i]) {
                i += 1;
            }
            let next = if i < n { p[i] } else { eos };
            let (before, after) = (
                direction[usize::from(prev & 15)],
                direction[usize::from(next & 15)],
            );
            let resolved = if before != 0 && before == after {
                class_of(before)
            } else {
                e
            };
            levels[from..i].fill(level_of[usize::from(resolved & 15)]);
            continue;
        }
        levels[i] = level_of[usize::from(class & 15)];
        prev = class;
        i += 1;
    }
}

/// A drawn character packed for writing: its UTF-8 in the low four bytes
/// (the first byte lowest), its length in bits 32–34, and [`PLAIN`] when it
/// takes one cell alone (`width::is_plain_one_cell`).
fn pack(c: char) -> u64 {
    let mut utf8 = [0; 4];
    let len = c.encode_utf8(&mut utf8).len() as u64;
    let plain = if is_plain_one_cell(c) { PLAIN } else { 0 };
    u64::from(u32::from_le_bytes(utf8)) | len << 32 | plain
}

/// In a packed character: takes one cell alone.
const PLAIN: u64 = 1 << 35;

/// Bytes a packed character takes.
#[inline]
fn packed_len(packed: u64) -> usize {
    ((packed >> 32) & 7) as usize
}

/// Each character of the table, packed.
static PACKED: LazyLock<Vec<u64>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|cp| char::from_u32(cp).map_or(0, pack))
        .collect()
});

/// Each character of the table as shaping draws it (`shape::settle`),
/// packed, by whether it joins the letter before it (1) and the one after
/// it (2): the isolated, final, initial and medial forms of a letter of the
/// Arabic block, itself four times for any other character, for a
/// transparent one and where a letter lacks the form.
static PACKED_FORMS: LazyLock<Vec<[u64; 4]>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return [0; 4];
            };
            let forms = match (cp as usize).checked_sub(0x0600) {
                Some(k) if TABLE[cp as usize] & (FORMS | TRANSPARENT) == FORMS => {
                    FORM_TABLE.get(k).copied().unwrap_or_default()
                }
                _ => [0; 4],
            };
            forms.map(|form| match char::from_u32(u32::from(form)) {
                Some(shaped) if form != 0 => pack(shaped),
                _ => pack(c),
            })
        })
        .collect()
});

/// The lam-alef ligature that lam followed by `alef` becomes (final when
/// `joins_before`), if `alef` is one (`shape::settle`).
#[inline]
fn ligature(alef: u32, joins_before: bool) -> Option<char> {
    let &(_, isolated, final_) = LAM_ALEF.iter().find(|&&(a, _, _)| a == alef)?;
    char::from_u32(if joins_before { final_ } else { isolated })
}

/// The paragraph's units, as `units::build_units` cuts them, kept as
/// arrays: where each starts, the cells it takes, its level, and what it
/// draws, shaped (`shape::shape`, with the joining types from the property
/// table) and mirrored at an odd level (`units::drawn_form` for the
/// characters of the fast path, which are neither controls nor bidi
/// controls), written as UTF-8 into `bytes`. A unit is a character with the
/// Arabic marks after it, or a lam-alef ligature from the lam to the alef
/// (which draws nothing). Returns their total width.
fn build_units(shaping: bool, fast: &mut FastScratch) -> usize {
    if shaping && fast.seen & FORMS != 0 {
        cut_units::<true>(fast)
    } else {
        cut_units::<false>(fast)
    }
}

/// `build_units`, shaping or not.
fn cut_units<const SHAPE: bool>(fast: &mut FastScratch) -> usize {
    let n = fast.n;
    let FastScratch {
        chars,
        entries,
        levels,
        starts,
        widths,
        unit_levels,
        unit_bytes,
        unit_flags,
        bytes,
        units: unit_count,
        ..
    } = fast;
    let (chars, entries, levels) = (&chars[..n], &entries[..n], &levels[..n]);
    let packed: &[u64] = &PACKED;
    let packed_forms: &[[u64; 4]] = &PACKED_FORMS;
    // Sized for the most units there can be (and three bytes a character,
    // with room for a four-byte store at the end): written by index.
    let starts_s = grow(starts, n + 1);
    let widths_s = grow(widths, n);
    let unit_levels_s = grow(unit_levels, n);
    let unit_bytes_s = grow(unit_bytes, n + 1);
    let unit_flags_s = grow(unit_flags, n);
    let bytes_s = grow(bytes, 4 * n + 4);
    let mut units = 0;
    let mut total = 0;
    let mut pos = 0;
    // Characters up to here belong to a lam-alef ligature's unit; the alef
    // there draws nothing.
    let mut merge_until = 0;
    let mut ligated = usize::MAX;
    // Whether the last character that is not transparent joins the next.
    let mut previous_joins_next = false;
    // The unit being cut: its first drawn character (packed) and how many
    // it draws.
    let mut first = 0;
    let mut count = 0usize;
    for i in 0..n {
        let entry = entries[i];
        let c = chars[i];
        if entry & MARK == 0 && (i >= merge_until || units == 0) {
            if units > 0 {
                let width = unit_width(
                    first,
                    count,
                    &bytes_s[unit_bytes_s[units - 1] as usize..pos],
                );
                total += width;
                widths_s[units - 1] = width as u32;
            }
            starts_s[units] = i as u32;
            unit_levels_s[units] = levels[i];
            unit_bytes_s[units] = pos as u32;
            let after_space = i > 0 && chars[i - 1] == u32::from(' ');
            let flag = |set: bool, flag: u8| if set { flag } else { 0 };
            unit_flags_s[units] = flag(entry & SPACE != 0, U_SPACE)
                | flag(entry & CLASS == u16::from(WS), U_WS)
                | flag(entry & LB_AFTER_SPACE != 0 && after_space, U_BREAK);
            units += 1;
            count = 0;
        }
        let mut d;
        if SHAPE {
            // Joining, worked out without branching where it can be: with
            // the next character that is not transparent (the next one, but
            // for marks).
            let mut j = i + 1;
            let mut next = entries.get(j).copied().unwrap_or(0);
            if next & TRANSPARENT != 0 {
                while j < n && entries[j] & TRANSPARENT != 0 {
                    j += 1;
                }
                next = entries.get(j).copied().unwrap_or(0);
            }
            let joins_before = previous_joins_next & (entry & JOINS_PREVIOUS != 0);
            let joins_after = (entry & JOINS_NEXT != 0) & (next & JOINS_PREVIOUS != 0);
            if entry & TRANSPARENT == 0 {
                previous_joins_next = entry & JOINS_NEXT != 0;
            }
            if i == ligated {
                continue;
            }
            d = packed_forms.get(c as usize).map_or(0, |forms| {
                forms[usize::from(joins_before) | usize::from(joins_after) << 1]
            });
            if c == u32::from(LAM)
                && joins_after
                && let Some(ligature) = ligature(chars[j], joins_before)
            {
                d = pack(ligature);
                ligated = j;
                merge_until = j + 1;
            }
        } else {
            d = packed.get(c as usize).copied().unwrap_or(0);
        }
        if entry & MIRRORED != 0 && levels[i] & 1 == 1 {
            let c = char::from_u32(c).unwrap_or('\0');
            d = pack(mirror(c).unwrap_or(c));
        }
        bytes_s[pos..pos + 4].copy_from_slice(&(d as u32).to_le_bytes());
        pos += packed_len(d);
        if count == 0 {
            first = d;
        }
        count += 1;
    }
    if units > 0 {
        let width = unit_width(
            first,
            count,
            &bytes_s[unit_bytes_s[units - 1] as usize..pos],
        );
        total += width;
        widths_s[units - 1] = width as u32;
    }
    starts_s[units] = n as u32;
    unit_bytes_s[units] = pos as u32;
    *unit_count = units;
    total
}

/// Cells a unit takes, as `units::build_units` measures it: one plain
/// character is one cell, and so is one with Arabic marks after it (a
/// unit's characters after its first are marks: the only transparent
/// characters of the table; the tests check the widths); anything else is
/// measured (`drawn` is the unit's drawn text, `first` its first character
/// packed, `count` how many it has).
#[inline]
fn unit_width(first: u64, count: usize, drawn: &[u8]) -> usize {
    if count >= 1 && first & PLAIN != 0 {
        1
    } else {
        measure_unit(drawn)
    }
}

#[cold]
fn measure_unit(drawn: &[u8]) -> usize {
    // (`bytes` holds what `char::encode_utf8` wrote: always UTF-8.)
    std::str::from_utf8(drawn).map_or(0, drawn_width)
}

/// Break opportunities (UAX #14) before units, as `units::attach_breaks`
/// finds them.
fn find_breaks(text: &str, fast: &mut FastScratch) {
    if fast.every & LB_SIMPLE == 0 {
        fill_offsets(text, fast);
    }
    let FastScratch {
        starts,
        offsets,
        breaks,
        unit_flags,
        every,
        units,
        ..
    } = fast;
    let units = *units;
    breaks.clear();
    breaks.resize(units, None);
    if *every & LB_SIMPLE != 0 {
        // (What `wrap` does without this array: for the tests.)
        for (k, brk) in breaks.iter_mut().enumerate().skip(1) {
            if unit_flags[k] & U_BREAK != 0 {
                *brk = Some(BreakOpportunity::Allowed);
            }
        }
        return;
    }
    let mut k = 0;
    for (offset, kind) in linebreaks(text) {
        while k < units && offsets[starts[k] as usize] < offset {
            k += 1;
        }
        if k < units && offsets[starts[k] as usize] == offset {
            breaks[k] = Some(kind);
        }
    }
}

/// Greedy filling into `fast.lines` (first unit, end, first unit hung),
/// `wrap::wrap` on the arrays, with the break opportunities of
/// `find_breaks` (in a paragraph of `LB_SIMPLE` characters, `U_BREAK`).
fn wrap(width: usize, total: usize, fast: &mut FastScratch) {
    let FastScratch {
        widths,
        unit_flags,
        breaks,
        lines,
        spans,
        units,
        every,
        ..
    } = fast;
    let units = *units;
    lines.clear();
    if total <= width {
        lines.push((0, units, units));
        return;
    }
    let (widths, flags) = (&widths[..units], &unit_flags[..units]);
    if *every & LB_SIMPLE != 0 {
        let brk = |k: usize| (flags[k] & U_BREAK != 0).then_some(BreakOpportunity::Allowed);
        fill(width, flags, widths, brk, spans);
    } else {
        fill(width, flags, widths, |k| breaks[k], spans);
    }
    let whitespace = |k: usize| flags[k] & U_SPACE != 0;
    for &(from, to, last) in spans.iter() {
        let trailing = (from..to).rev().take_while(|&k| whitespace(k)).count();
        let mut hung = to - trailing;
        if last && widths[from..to].iter().map(|&w| w as usize).sum::<usize>() <= width {
            hung = to;
        }
        lines.push((from, to, hung));
    }
}

/// The greedy filling of `wrap`, into `spans` (first unit, end, whether the
/// last line), with `brk(k)` the opportunity before unit `k`.
#[inline]
fn fill(
    width: usize,
    flags: &[u8],
    widths: &[u32],
    brk: impl Fn(usize) -> Option<BreakOpportunity>,
    spans: &mut Vec<(usize, usize, bool)>,
) {
    let units = widths.len();
    let whitespace = |k: usize| flags[k] & U_SPACE != 0;
    let w = |k: usize| widths[k] as usize;
    spans.clear();
    let mut start = 0;
    let mut line_width = 0;
    let mut segment_start = 0;
    while segment_start < units {
        // The segment up to the next opportunity, in one pass: the width of
        // what ends at its last unit that is not whitespace, and of the
        // whitespace after that.
        let mut content_end = segment_start;
        let mut content_width = 0;
        let mut space_width = 0;
        let mut segment_end = segment_start;
        loop {
            if whitespace(segment_end) {
                space_width += w(segment_end);
            } else {
                content_width += space_width + w(segment_end);
                space_width = 0;
                content_end = segment_end + 1;
            }
            segment_end += 1;
            if segment_end >= units || brk(segment_end).is_some() {
                break;
            }
        }
        if segment_start > start && line_width + content_width > width {
            spans.push((start, segment_start, false));
            start = segment_start;
            line_width = 0;
        }
        if line_width + content_width > width {
            for k in segment_start..content_end {
                if k > start && line_width + w(k) > width {
                    spans.push((start, k, false));
                    start = k;
                    line_width = 0;
                }
                line_width += w(k);
            }
            line_width += space_width;
        } else {
            line_width += content_width + space_width;
        }
        if segment_end < units && brk(segment_end) == Some(BreakOpportunity::Mandatory) {
            spans.push((start, segment_end, false));
            start = segment_end;
            line_width = 0;
        }
        segment_start = segment_end;
    }
    spans.push((start, units, true));
}

/// Rule L1 on a line's units (`reorder::line_levels` for the classes of
/// the fast path): the whitespace at its end, and what hangs past it, goes
/// back to the paragraph level, in `fast.unit_levels` (each unit is on one
/// line only).
fn line_levels(fast: &mut FastScratch, (from, to, hung): (usize, usize, usize), para: u8) {
    let FastScratch {
        unit_flags,
        unit_levels,
        ..
    } = fast;
    // As `line_levels` does it, going forwards: whitespace (class WS) starts
    // or continues the run to reset, anything else ends it, except that a
    // unit hung past the end starts one (NBSP, class CS, may hang).
    let mut reset_from = to;
    for k in (from..to).rev() {
        if unit_flags[k] & U_WS != 0 {
            reset_from = k;
        } else {
            if k >= hung {
                reset_from = k;
            }
            break;
        }
    }
    unit_levels[reset_from..to].fill(para);
}

/// The visual order (L2) of units `from..to` into `fast.order`, from their
/// levels.
fn line_order(fast: &mut FastScratch, from: usize, to: usize) {
    let FastScratch {
        unit_levels, order, ..
    } = fast;
    let levels = &unit_levels[from..to];
    order.clear();
    order.extend(0..(to - from) as u32);
    // From the highest level down to the lowest odd one, reverse every run
    // at that level or above.
    let max = levels.iter().copied().max().unwrap_or(0);
    let lowest_odd = levels.iter().copied().min().map_or(1, |min| min | 1);
    let mut level = max;
    while level >= lowest_odd {
        let mut i = 0;
        while i < levels.len() {
            if levels[i] >= level {
                let run = i;
                while i < levels.len() && levels[i] >= level {
                    i += 1;
                }
                order[run..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

/// Copy what unit `k` draws to `dst[at..]`, and return where it ends: with
/// one four-byte copy when it takes four bytes or fewer (`bytes` and `dst`
/// have room to spare), as most do.
#[inline(always)]
fn copy_unit(bytes: &[u8], unit_bytes: &[u32], k: usize, dst: &mut [u8], at: usize) -> usize {
    let (start, end) = (unit_bytes[k] as usize, unit_bytes[k + 1] as usize);
    let len = end - start;
    if len <= 4 {
        dst[at..at + 4].copy_from_slice(&bytes[start..start + 4]);
    } else {
        dst[at..at + len].copy_from_slice(&bytes[start..end]);
    }
    at + len
}

/// Copy what units `from..to` draw, in logical order, to `dst[at..]`, and
/// return where it ends.
#[inline]
fn copy_units(
    bytes: &[u8],
    unit_bytes: &[u32],
    from: usize,
    to: usize,
    dst: &mut [u8],
    at: usize,
) -> usize {
    let (start, end) = (unit_bytes[from] as usize, unit_bytes[to] as usize);
    dst[at..at + end - start].copy_from_slice(&bytes[start..end]);
    at + end - start
}

/// Write a line (units `from..to`, those from `hung` on drawing nothing) as
/// `TextSink` would: in visual order, padded on the left to `pad_to` cells
/// when right to left, then a line feed; the drawn bytes are copied straight
/// from `fast.bytes`, a unit or a left-to-right run at a time.
fn emit_text(
    fast: &mut FastScratch,
    (from, to, hung): (usize, usize, usize),
    rtl: bool,
    pad_to: Option<usize>,
    out: &mut Vec<u8>,
) {
    if rtl && let Some(pad_to) = pad_to {
        let width: usize = fast.widths[from..hung].iter().map(|&w| w as usize).sum();
        out.resize(out.len() + pad_to.saturating_sub(width), b' ');
    }
    let needs_order = !rtl && fast.unit_levels[from..hung].iter().any(|&level| level != 0);
    if needs_order {
        line_order(fast, from, to);
    }
    let FastScratch {
        unit_levels,
        unit_bytes,
        bytes,
        order,
        ..
    } = fast;
    let size = (unit_bytes[hung] - unit_bytes[from]) as usize;
    let base = out.len();
    out.resize(base + size + 4, 0);
    let dst = &mut out[base..];
    let mut at = 0;
    if rtl {
        // Levels 1 and 2 only (I1–I2 at an odd paragraph level, then L1):
        // the line read backwards, each run at level 2 forwards.
        let mut k = hung;
        while k > from {
            k -= 1;
            if unit_levels[k] & 1 == 1 {
                at = copy_unit(bytes, unit_bytes, k, dst, at);
            } else {
                let end = k + 1;
                while k > from && unit_levels[k - 1] & 1 == 0 {
                    k -= 1;
                }
                at = copy_units(bytes, unit_bytes, k, end, dst, at);
            }
        }
    } else if !needs_order {
        at = copy_units(bytes, unit_bytes, from, hung, dst, at);
    } else {
        for &j in order.iter() {
            let k = from + j as usize;
            if k < hung {
                at = copy_unit(bytes, unit_bytes, k, dst, at);
            }
        }
    }
    debug_assert_eq!(at, size);
    out.truncate(base + at);
    out.push(b'\n');
}

/// Fill `line` (empty) with units `from..to` in `fast.order`, those from
/// `hung` on drawing nothing, and their clusters (`reorder::assemble` on
/// the arrays).
fn emit_maps(
    fast: &FastScratch,
    text_len: usize,
    (from, to, hung): (usize, usize, usize),
    offset: usize,
    rtl: bool,
    line: &mut Line,
) {
    let FastScratch {
        offsets,
        starts,
        widths,
        unit_levels,
        unit_bytes,
        bytes,
        order,
        ..
    } = fast;
    let byte = |char_index: u32| {
        offsets
            .get(char_index as usize)
            .copied()
            .unwrap_or(text_len)
    };
    line.rtl = rtl;
    line.source = offset + byte(starts[from])..offset + byte(starts[to]);
    line.clusters.reserve(to - from);
    for &j in order.iter() {
        let k = from + j as usize;
        let text_start = line.text.len();
        let width = if k < hung {
            let drawn = &bytes[unit_bytes[k] as usize..unit_bytes[k + 1] as usize];
            // (Always UTF-8: `build_units` wrote it with `char::encode_utf8`.)
            line.text
                .push_str(std::str::from_utf8(drawn).unwrap_or_default());
            widths[k] as usize
        } else {
            0
        };
        line.clusters.push(Cluster {
            text: text_start..line.text.len(),
            source: offset + byte(starts[k])..offset + byte(starts[k + 1]),
            column: line.width,
            width,
            rtl: unit_levels[k] & 1 == 1,
        });
        line.width += width;
    }
}

/// Whether the fast path takes `text` (one bidi paragraph).
pub(super) fn qualifies(text: &str, direction: Direction) -> bool {
    let auto = match direction {
        Direction::Ltr => Some(false),
        Direction::Rtl => Some(true),
        Direction::Auto => None,
    };
    qualify(text, auto, &mut FastScratch::default()).is_some()
}

/// Lay out one bidi paragraph on the fast path, into `sink`, and return how
/// many lines it made; `None`, having drawn nothing, when the paragraph is
/// not one the fast path takes.
pub(super) fn layout_paragraph<S: LineSink>(
    text: &str,
    offset: usize,
    direction: Direction,
    shaping: bool,
    width: usize,
    fast: &mut FastScratch,
    sink: &mut S,
) -> Option<usize> {
    let auto = match direction {
        Direction::Ltr => Some(false),
        Direction::Rtl => Some(true),
        Direction::Auto => None,
    };
    let rtl = qualify(text, auto, fast)?;
    resolve(rtl, fast);
    let total = build_units(shaping, fast);
    if total > width && fast.every & LB_SIMPLE == 0 {
        find_breaks(text, fast);
    }
    wrap(width, total, fast);
    if S::MAPS {
        fill_offsets(text, fast);
    }
    let lines = std::mem::take(&mut fast.lines);
    for &span in &lines {
        line_levels(fast, span, u8::from(rtl));
        if let Some((out, pad_to)) = sink.text_out() {
            emit_text(fast, span, rtl, pad_to, out);
        } else {
            line_order(fast, span.0, span.1);
            let line = sink.next_line();
            emit_maps(fast, text.len(), span, offset, rtl, line);
            sink.line_done();
        }
    }
    let count = lines.len();
    fast.lines = lines;
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The break opportunities before units that `find_breaks` gives, and
    /// those of `unicode-linebreak` at the same places.
    fn breaks_both_ways(text: &str) -> Option<(Vec<usize>, Vec<usize>)> {
        let mut fast = FastScratch::default();
        let rtl = qualify(text, Some(true), &mut fast)?;
        resolve(rtl, &mut fast);
        build_units(true, &mut fast);
        find_breaks(text, &mut fast);
        fill_offsets(text, &mut fast);
        let unit_offsets: Vec<usize> = fast.starts[..fast.units]
            .iter()
            .map(|&i| fast.offsets[i as usize])
            .collect();
        let ours = (0..unit_offsets.len())
            .filter(|&k| fast.breaks[k].is_some())
            .map(|k| unit_offsets[k])
            .collect();
        let theirs = linebreaks(text)
            .map(|(offset, _)| offset)
            .filter(|offset| unit_offsets.contains(offset))
            .collect();
        Some((ours, theirs))
    }

    #[test]
    fn the_simple_line_breaker_agrees_with_unicode_linebreak() {
        // Every sequence of up to four characters of the kinds it takes,
        // and pseudo-random ones of up to 24, with a few that it does not.
        let kinds: Vec<char> = "اب لa5٥۵«»\"“”'.,:;،\u{064E}\u{0651}ـ ".chars().collect();
        let others: Vec<char> = "()-/%؟!\u{A0}—…".chars().collect();
        let mut simple = 0;
        let mut check = |text: &str| {
            if let Some((ours, theirs)) = breaks_both_ways(text) {
                simple += usize::from(text.chars().all(|c| TABLE[c as usize] & LB_SIMPLE != 0));
                assert_eq!(ours, theirs, "{text:?}");
            }
        };
        let k = kinds.len();
        for length in 1..=4u32 {
            for mut n in 0..k.pow(length) {
                let mut text = String::new();
                for _ in 0..length {
                    text.push(kinds[n % k]);
                    n /= k;
                }
                check(&text);
            }
        }
        let mut seed: u64 = 17;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..200_000 {
            let length = 1 + next() % 24;
            let text: String = (0..length)
                .map(|_| {
                    if next() % 40 == 0 {
                        others[next() % others.len()]
                    } else {
                        kinds[next() % k]
                    }
                })
                .collect();
            check(&text);
        }
        assert!(simple > 100_000, "{simple}");
    }

    #[test]
    fn a_plain_letter_with_marks_is_one_cell_only_marks_are_transparent_none_mirrored_has_forms() {
        let marks: Vec<char> = (0..TABLE_END as u32)
            .filter_map(char::from_u32)
            .filter(|&c| TABLE[c as usize] & MARK != 0)
            .collect();
        assert_eq!(marks.len(), 22);
        for c in (0..TABLE_END as u32).filter_map(char::from_u32) {
            let entry = TABLE[c as usize];
            if entry & TRANSPARENT != 0 {
                assert_ne!(entry & MARK, 0, "{c:?}");
            }
            // (`build_units` mirrors the character, not its shaped form.)
            assert!(entry & FORMS == 0 || entry & MIRRORED == 0, "{c:?}");
            // What a unit can start with, drawn: shaped or not, ligated.
            if entry & BASE == 0 || entry & CLASS != u16::from(AL) {
                continue;
            }
            let mut firsts = vec![PACKED[c as usize]];
            firsts.extend(PACKED_FORMS[c as usize]);
            if c == LAM {
                for &(alef, _, _) in LAM_ALEF {
                    for joins_before in [false, true] {
                        firsts.extend(ligature(alef, joins_before).map(pack));
                    }
                }
            }
            for first in firsts.into_iter().filter(|&first| first & PLAIN != 0) {
                let bytes = (first as u32).to_le_bytes();
                let first = std::str::from_utf8(&bytes[..packed_len(first)]).unwrap();
                for &m in &marks {
                    for &m2 in &marks {
                        for drawn in [format!("{first}{m}"), format!("{first}{m}{m2}")] {
                            assert_eq!(drawn_width(&drawn), 1, "{drawn:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_table_takes_news_text_and_leaves_the_rest() {
        for c in "سلام عليكم 123 ٤٥ abc (x) [y] {z} «» .,:;-+%/٫٬٪،؛؟ “” — … €".chars()
        {
            assert_ne!(TABLE[c as usize] & (BASE | MARK), 0, "{c:?}");
        }
        for c in "\t\n\u{200D}\u{200C}\u{200F}\u{061C}\u{202B}\u{0600}\u{06DD}\u{05D0}\u{0301}\u{00AD}\u{2028}\u{0640}"
            .chars()
        {
            if c == '\u{0640}' {
                continue;
            }
            assert_eq!(TABLE.get(c as usize).copied().unwrap_or(0) & BASE, 0, "{c:?}");
        }
    }
}
