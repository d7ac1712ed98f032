//! A glossary entry, as stored in a glossary file's `[[entry]]` table, and
//! the checks every entry passes before it is saved.

use serde::{Deserialize, Serialize};

use crate::arabic::has_arabic_letter;
use crate::quote::quoted;

/// The longest field qari accepts, in characters.
pub const MAX_FIELD_CHARS: usize = 1000;

/// What the learner knows of an entry, as in LWT and LUTE: 1 (new) to 5
/// (learned), well known, or ignored. Written "1"…"5", "W", "I".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Status {
    /// 1 to 5.
    Level(u8),
    WellKnown,
    Ignored,
}

impl Status {
    pub const NEW: Status = Status::Level(1);

    /// Whether an entry with this status may have no gloss: an ignored or
    /// well-known word (a name, a typo) is marked without one being made up.
    pub fn needs_no_gloss(self) -> bool {
        matches!(self, Status::Ignored | Status::WellKnown)
    }

    /// "1"…"5", "W" or "I".
    pub fn code(self) -> String {
        match self {
            Status::Level(level) => level.to_string(),
            Status::WellKnown => "W".to_owned(),
            Status::Ignored => "I".to_owned(),
        }
    }

    /// Reads "1"…"5", "W", "I" (LUTE also writes 98 for ignored and 99 for
    /// well known).
    pub fn parse(code: &str) -> Option<Status> {
        match code.trim() {
            "W" | "w" | "99" => Some(Status::WellKnown),
            "I" | "i" | "98" => Some(Status::Ignored),
            digit => match digit.parse::<u8>() {
                Ok(level @ 1..=5) => Some(Status::Level(level)),
                _ => None,
            },
        }
    }
}

impl TryFrom<String> for Status {
    type Error = String;
    fn try_from(code: String) -> Result<Status, String> {
        Status::parse(&code)
            .ok_or_else(|| format!("status {}: expected 1 to 5, W or I", quoted(&code)))
    }
}

impl From<Status> for String {
    fn from(status: Status) -> String {
        status.code()
    }
}

/// Where an entry was added: the article and the sentence (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    pub article: String,
    pub sentence: usize,
}

/// One headword (a word or a multi-word term) and what the learner needs to
/// know about it. Only `headword` and one sense are required; an entry whose
/// status is ignored or well known may have no sense.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The lemma in Arabic script, vowels optional; may be several words.
    pub headword: String,
    /// English glosses, the most useful first.
    #[serde(default)]
    pub senses: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub root: String,
    /// Part of speech: noun, verb, adjective, preposition, proper noun…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pos: String,
    /// Verb form (I–X) or noun pattern.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pattern: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub translit: String,
    /// The lemma's headword when this entry is an inflected or derived form.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parent: String,
    /// Other spellings and inflected forms that should find this entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// What the learner knows of it (their entries only; new when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Its review schedule, once reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<super::review::Review>,
    /// RFC 3339 times (UTC), set by qari.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated: String,
}

/// Why an entry cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("the headword is empty")]
    EmptyHeadword,
    #[error("the headword {} has no Arabic letter", quoted(.0))]
    NoArabicLetter(String),
    #[error("an entry needs at least one gloss")]
    NoGloss,
    #[error("the {field} holds a control character (U+{code:04X})")]
    ControlCharacter { field: &'static str, code: u32 },
    #[error("the {field} is {chars} characters long; the limit is {MAX_FIELD_CHARS}")]
    TooLong { field: &'static str, chars: usize },
}

impl Entry {
    /// A new entry with one gloss.
    pub fn new(headword: &str, gloss: &str) -> Entry {
        Entry {
            headword: headword.trim().to_owned(),
            senses: vec![gloss.trim().to_owned()],
            ..Entry::default()
        }
    }

    /// Checks the entry; trims its fields and drops empty senses and forms.
    pub fn validate(&mut self) -> Result<(), EntryError> {
        self.headword = self
            .headword
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for list in [&mut self.senses, &mut self.forms, &mut self.tags] {
            for item in list.iter_mut() {
                *item = item.trim().to_owned();
            }
            list.retain(|item| !item.is_empty());
        }
        for field in [
            &mut self.root,
            &mut self.pos,
            &mut self.pattern,
            &mut self.translit,
            &mut self.parent,
            &mut self.notes,
        ] {
            *field = field.trim().to_owned();
        }
        if self.headword.is_empty() {
            return Err(EntryError::EmptyHeadword);
        }
        if !has_arabic_letter(&self.headword) {
            return Err(EntryError::NoArabicLetter(self.headword.clone()));
        }
        if self.senses.is_empty() && !self.status.is_some_and(Status::needs_no_gloss) {
            return Err(EntryError::NoGloss);
        }
        let singles = [
            ("headword", &self.headword),
            ("root", &self.root),
            ("part of speech", &self.pos),
            ("pattern", &self.pattern),
            ("transliteration", &self.translit),
            ("parent", &self.parent),
            ("notes", &self.notes),
        ];
        let lists = [
            ("gloss", &self.senses),
            ("forms", &self.forms),
            ("tags", &self.tags),
        ];
        let fields = singles.into_iter().chain(
            lists
                .into_iter()
                .flat_map(|(name, items)| items.iter().map(move |item| (name, item))),
        );
        for (field, text) in fields {
            let chars = text.chars().count();
            if chars > MAX_FIELD_CHARS {
                return Err(EntryError::TooLong { field, chars });
            }
            if let Some(c) = text.chars().find(|&c| c.is_control() || is_bidi_control(c)) {
                return Err(EntryError::ControlCharacter {
                    field,
                    code: c as u32,
                });
            }
        }
        Ok(())
    }

    /// Drops bidi controls from every field: an entry read from a file made
    /// before they were refused can still be looked up, shown as it is and
    /// removed.
    pub fn strip_bidi_controls(&mut self) {
        let strip = |text: &mut String| {
            if text.chars().any(is_bidi_control) {
                text.retain(|c| !is_bidi_control(c));
            }
        };
        for field in [
            &mut self.headword,
            &mut self.root,
            &mut self.pos,
            &mut self.pattern,
            &mut self.translit,
            &mut self.parent,
            &mut self.notes,
        ] {
            strip(field);
        }
        for item in self
            .senses
            .iter_mut()
            .chain(&mut self.forms)
            .chain(&mut self.tags)
        {
            strip(item);
        }
    }

    /// The first gloss.
    pub fn gloss(&self) -> &str {
        self.senses.first().map_or("", String::as_str)
    }
}

/// Bidi and format controls that would make an entry display as something
/// it is not (U+202E turns "ylla" into "ally" on screen) or make it
/// impossible to look up: marks (LRM, RLM, ALM), embeddings and overrides,
/// isolates. ZWJ and ZWNJ stay allowed: Persian and Urdu spell with them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Now, as RFC 3339 to the second, UTC.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_entries_are_refused_with_a_reason() {
        let check = |mut e: Entry| e.validate().map_err(|e| e.to_string());
        assert_eq!(
            check(Entry::new("  ", "x")),
            Err("the headword is empty".into())
        );
        assert_eq!(
            check(Entry::new("abc", "x")),
            Err("the headword \"abc\" has no Arabic letter".into())
        );
        assert_eq!(
            check(Entry::new("نفير", " ")),
            Err("an entry needs at least one gloss".into())
        );
        assert_eq!(
            check(Entry::new("نفير", "call\u{7}")),
            Err("the gloss holds a control character (U+0007)".into())
        );
        assert_eq!(
            check(Entry::new("نفير", "\u{202E}ylla")),
            Err("the gloss holds a control character (U+202E)".into())
        );
        assert_eq!(
            check(Entry::new("نف\u{202D}ير", "x")),
            Err("the headword holds a control character (U+202D)".into())
        );
        assert_eq!(
            check(Entry::new("نفير", &"x".repeat(10_000))),
            Err("the gloss is 10000 characters long; the limit is 1000".into())
        );
        // Only an ignored or well-known word may have no gloss.
        for (status, allowed) in [
            (None, false),
            (Some(Status::Level(3)), false),
            (Some(Status::Ignored), true),
            (Some(Status::WellKnown), true),
        ] {
            let name = Entry {
                headword: "حربنفسه".into(),
                status,
                ..Entry::default()
            };
            assert_eq!(check(name).is_ok(), allowed, "{status:?}");
        }
        let mut fine = Entry::new("  دير   الزور ", " Deir ez-Zor ");
        fine.validate().unwrap();
        assert_eq!(
            (fine.headword.as_str(), fine.gloss()),
            ("دير الزور", "Deir ez-Zor")
        );
    }
}
