//! The Arabic layer: everything qari knows about Arabic as a language, in
//! one place, so that the glossary, the dictionaries, the app and the
//! interface ask the same questions and get the same answers.
//!
//! - [`normalize`]: the one spelling words and headwords are compared in;
//! - [`clitics`]: the pieces Arabic writes onto a word (و ف ب ك ل س ال in
//!   front, pronouns and endings behind) and what each means;
//! - [`Analyser`]: the seam a word's readings come through, with
//!   [`CliticStripper`] as its first implementation (a morphological
//!   analyser with a lexicon is the next);
//! - [`Bama`]: the morphological analyser over the Buckwalter lexicon
//!   (parsed from text the caller reads; this layer reads no files), and
//!   [`transliterate`];
//! - [`numeral`]: digits in the text and what they say;
//! - [`direction`]: which way a text runs, and [`has_arabic_letter`].
//!
//! Depends only on `crate::text` (for [`Direction`](crate::text::Direction));
//! nothing here reads files or knows about articles, glossaries or the
//! screen.

mod analysis;
pub mod bama;
pub mod clitics;
mod normalize;
mod numerals;
mod script;
mod stem;
mod translit;

pub use analysis::{Affix, Analyser, Analysis, ChosenReadings, ReadingId, Segment, SegmentKind};
pub use bama::Bama;
pub use clitics::{Clitic, CliticKind};
pub use normalize::{MarkedLetter, fold_marks, is_mark, marked_letters, marks_for, normalize};
pub use numerals::{Numeral, arabic_indic, numeral};
pub use script::{LANGUAGE, Written, direction, has_arabic_letter, is_arabic_letter};
pub use stem::{CliticStripper, analyses};
pub use translit::transliterate;
