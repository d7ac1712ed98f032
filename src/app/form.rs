//! The entry form (`a` adds, `e` edits) and the search prompt (`/`): text
//! fields with a cursor. The cursor is a byte offset in logical order; in a
//! right-to-left field `←` moves it forward, as the text reads.

use crate::arabic::{Written, direction};
use crate::glossary::{Entry, MAX_FIELD_CHARS};
use crate::text::Direction;

/// The longest translation of a sentence, in characters.
pub const MAX_TRANSLATION_CHARS: usize = crate::article::MAX_TRANSLATION_CHARS;

/// One editable line of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub text: String,
    /// Byte offset of the cursor in `text`, on a char boundary.
    pub cursor: usize,
    /// The most characters the field takes (a paste is cut there).
    pub max_chars: usize,
    /// The whole text is selected (a prefilled gloss): typing, a paste or a
    /// deletion replaces it, a cursor key keeps it.
    pub selected: bool,
}

impl Field {
    pub fn new(label: &'static str, text: &str) -> Field {
        Field {
            label,
            text: text.to_owned(),
            cursor: text.len(),
            max_chars: MAX_FIELD_CHARS,
            selected: false,
        }
    }

    /// Empties the field if its text is selected; says whether it was.
    fn replace_selection(&mut self) -> bool {
        let selected = std::mem::take(&mut self.selected);
        if selected {
            self.clear();
        }
        selected
    }

    /// `Ctrl-U`: the field emptied.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
    }

    /// `Ctrl-W`: the word before the cursor deleted, with the spaces after it.
    pub fn delete_word_back(&mut self) {
        if self.replace_selection() {
            return;
        }
        let before = &self.text[..self.cursor];
        let word_end = before.trim_end().len();
        let start = before[..word_end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .last()
            .map_or(word_end, |(i, _)| i);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// `Home`: the cursor to the start of the text (the right end of
    /// Arabic).
    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = 0;
    }

    /// `End`: the cursor past the end of the text.
    pub fn end(&mut self) {
        self.selected = false;
        self.cursor = self.text.len();
    }

    /// The same field taking up to `max_chars` characters.
    pub fn with_max_chars(mut self, max_chars: usize) -> Field {
        self.max_chars = max_chars;
        self
    }

    /// Inserts pasted text at the cursor in one step: line breaks and tabs
    /// become spaces (a paste never presses Enter), other control
    /// characters are dropped, and what goes past the field's cap is cut.
    /// Returns whether anything was cut.
    pub fn paste(&mut self, text: &str) -> bool {
        self.replace_selection();
        let room = self.max_chars.saturating_sub(self.text.chars().count());
        let mut cleaned = String::with_capacity(text.len().min(room * 4));
        let mut taken = 0;
        let mut cut = false;
        for c in text.chars() {
            let c = match c {
                '\r' | '\n' | '\t' => ' ',
                c if c.is_control() => continue,
                c => c,
            };
            if taken == room {
                cut = true;
                break;
            }
            cleaned.push(c);
            taken += 1;
        }
        self.text.insert_str(self.cursor, &cleaned);
        self.cursor += cleaned.len();
        cut
    }

    /// Whether the field reads right to left (its first strong letter is
    /// Arabic).
    pub fn rtl(&self) -> bool {
        direction(Written::AsTyped(&self.text)) == Direction::Rtl
    }

    pub fn insert(&mut self, c: char) {
        self.replace_selection();
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    pub fn delete_back(&mut self) {
        if self.replace_selection() {
            return;
        }
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    pub fn delete_forward(&mut self) {
        if self.replace_selection() {
            return;
        }
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    /// One character forward (`true`) or back in logical order.
    pub fn step(&mut self, forward: bool) {
        if forward {
            if let Some(c) = self.text[self.cursor..].chars().next() {
                self.cursor += c.len_utf8();
            }
        } else if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    /// `←` (`leftwards`) or `→` as seen on screen. On a selected text the
    /// first one keeps the text and puts the cursor at that end of it.
    pub fn move_on_screen(&mut self, leftwards: bool) {
        let forward = leftwards == self.rtl();
        if std::mem::take(&mut self.selected) {
            self.cursor = if forward { self.text.len() } else { 0 };
            return;
        }
        self.step(forward);
    }
}

/// What the form will do on `Enter`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    Add,
    /// Edit the entry with this headword (a bundled one is overridden by a
    /// copy in the learner's glossary).
    Edit {
        headword: String,
    },
    /// Edit the translation and notes of sentence `index`; `opened` is
    /// what the fields held when the form opened (only what the learner
    /// changes is saved), `draft` whether the translation was a machine
    /// draft (saving makes it the learner's).
    Sentence {
        index: usize,
        opened: Box<(String, Vec<String>)>,
        draft: bool,
    },
}

/// Separates notes in the one-line notes field of the sentence form.
pub const NOTE_SEPARATOR: &str = " | ";

/// The open entry form.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    /// Headword, gloss, root, part of speech, notes.
    pub fields: Vec<Field>,
    pub focused: usize,
    /// Why the last `Enter` was refused.
    pub error: Option<super::Notice>,
    /// `Enter` was pressed and the save has not come back yet.
    pub saving: bool,
    /// The entry being edited, to keep what the form does not show.
    pub base: Entry,
}

pub const HEADWORD: usize = 0;
pub const GLOSS: usize = 1;

impl Form {
    /// The form for a sentence's translation and notes.
    pub fn sentence(index: usize, translation: &str, notes: &[String], draft: bool) -> Form {
        let mut form = Form {
            kind: FormKind::Sentence {
                index,
                opened: Box::default(),
                draft,
            },
            fields: vec![
                Field::new("Translation", translation).with_max_chars(MAX_TRANSLATION_CHARS),
                Field::new("Notes (separate them with |)", &notes.join(NOTE_SEPARATOR)),
            ],
            focused: 0,
            error: None,
            saving: false,
            base: Entry::default(),
        };
        // As the fields read them, so that untouched fields compare equal.
        let fields = form.sentence_fields();
        if let FormKind::Sentence { opened, .. } = &mut form.kind {
            **opened = fields;
        }
        form
    }

    /// The sentence form's translation and notes.
    pub fn sentence_fields(&self) -> (String, Vec<String>) {
        let translation = self.fields[0].text.trim().to_owned();
        let notes = self.fields.get(1).map_or_else(Vec::new, |f| {
            f.text
                .split('|')
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect()
        });
        (translation, notes)
    }

    pub fn new(kind: FormKind, base: Entry) -> Form {
        let fields = vec![
            Field::new("Headword", &base.headword),
            Field::new("Gloss", &base.senses.join("; ")),
            Field::new("Root", &base.root),
            Field::new("Part of speech", &base.pos),
            Field::new("Notes", &base.notes),
        ];
        // Start where there is something to type.
        let focused = if base.headword.is_empty() {
            HEADWORD
        } else {
            GLOSS
        };
        let mut fields = fields;
        // A new entry's gloss is a guess: selected, so typing replaces it.
        fields[GLOSS].selected = kind == FormKind::Add && !fields[GLOSS].text.is_empty();
        Form {
            kind,
            fields,
            focused,
            error: None,
            saving: false,
            base,
        }
    }

    pub fn field(&mut self) -> &mut Field {
        &mut self.fields[self.focused]
    }

    /// The entry the form describes (not yet checked).
    pub fn entry(&self) -> Entry {
        let text = |i: usize| self.fields[i].text.trim().to_owned();
        Entry {
            headword: text(HEADWORD),
            senses: self.fields[GLOSS]
                .text
                .split(';')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            root: text(2),
            pos: text(3),
            notes: text(4),
            ..self.base.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_and_moving_in_arabic_and_latin() {
        let mut field = Field::new("Headword", "");
        for c in "نفير".chars() {
            field.insert(c);
        }
        assert!(field.rtl());
        field.move_on_screen(false); // → in Arabic: back one letter
        field.delete_back();
        assert_eq!(field.text, "نفر");
        field.move_on_screen(true); // ← in Arabic: forward
        assert_eq!(field.cursor, field.text.len());
        let mut latin = Field::new("Gloss", "cal");
        latin.move_on_screen(true);
        latin.insert('l');
        assert_eq!(latin.text, "call");
        latin.delete_forward();
        assert_eq!(latin.text, "cal");
    }

    #[test]
    fn a_selected_text_is_replaced_by_typing_and_kept_by_arrows_and_ctrl_keys_edit() {
        let selected = || Field {
            selected: true,
            ..Field::new("Gloss", "call to arms")
        };
        let mut typed = selected();
        typed.insert('x');
        assert_eq!((typed.text.as_str(), typed.selected), ("x", false));
        let mut pasted = selected();
        pasted.paste("ally");
        assert_eq!(pasted.text, "ally");
        let mut deleted = selected();
        deleted.delete_back();
        assert_eq!(deleted.text, "");
        // ← keeps it, the cursor at its start (Latin); typing then inserts.
        let mut kept = selected();
        kept.move_on_screen(true);
        assert_eq!((kept.cursor, kept.selected), (0, false));
        kept.insert('a');
        assert_eq!(kept.text, "acall to arms");
        // Home, End, Ctrl-W, Ctrl-U.
        kept.end();
        kept.delete_word_back();
        assert_eq!(kept.text, "acall to ");
        kept.delete_word_back();
        assert_eq!(kept.text, "acall ");
        kept.home();
        kept.insert('>');
        assert_eq!((kept.text.as_str(), kept.cursor), (">acall ", 1));
        kept.delete_word_back();
        assert_eq!(kept.text, "acall ");
        kept.clear();
        assert_eq!((kept.text.as_str(), kept.cursor), ("", 0));
        let mut arabic = Field::new("Headword", "منطقة المقابر");
        arabic.delete_word_back();
        assert_eq!(arabic.text, "منطقة ");
        // Only a new entry's prefilled gloss is selected.
        let add = Form::new(FormKind::Add, Entry::new("نفير", "call to arms"));
        assert!(add.fields[GLOSS].selected && !add.fields[HEADWORD].selected);
        let edit = Form::new(
            FormKind::Edit {
                headword: "نفير".into(),
            },
            Entry::new("نفير", "call to arms"),
        );
        assert!(!edit.fields[GLOSS].selected);
    }

    #[test]
    fn a_paste_is_one_line_cut_at_the_cap_and_fast() {
        let mut field = Field::new("Gloss", "a");
        assert!(!field.paste("lly\ndy\x1b"));
        assert_eq!(field.text, "ally dy");
        // 59 KB in one step, cut at the cap.
        let mut big = Field::new("Notes", "");
        assert!(big.paste(&"نص ".repeat(20_000)));
        assert_eq!(big.text.chars().count(), MAX_FIELD_CHARS);
        assert_eq!(big.cursor, big.text.len());
    }

    /// An entry with every field set, as the learner's glossary holds it.
    fn full_entry() -> Entry {
        use crate::glossary::{Context, Grade, Status, grade};
        let mut entry = Entry::new("حليف", "ally");
        entry.root = "ح ل ف".into();
        entry.pos = "noun".into();
        entry.pattern = "fa'il".into();
        entry.translit = "ḥalīf".into();
        entry.parent = "حلف".into();
        entry.forms = vec!["حلفاء".into()];
        entry.notes = "broken plural".into();
        entry.tags = vec!["news".into()];
        entry.context = Some(Context {
            article: "deir-ez-zor-2017".into(),
            sentence: 3,
        });
        entry.status = Some(Status::Level(4));
        grade(&mut entry, Grade::Good, chrono::Utc::now());
        entry.created = "2026-01-02T03:04:05Z".into();
        entry.updated = "2026-01-03T03:04:05Z".into();
        entry
    }

    #[test]
    fn editing_keeps_the_status_and_every_field_the_form_does_not_show() {
        let base = full_entry();
        let form = Form::new(
            FormKind::Edit {
                headword: base.headword.clone(),
            },
            base.clone(),
        );
        // Saved unchanged, the form gives the entry back as it was.
        assert_eq!(form.entry(), base);
        // Each field edited: that field changes, nothing else does.
        let mut form = form;
        form.fields[GLOSS].text = "ally; partner".into();
        form.fields[2].text = String::new();
        form.fields[4].text = "  plural حلفاء  ".into();
        let edited = form.entry();
        assert_eq!(edited.senses, ["ally", "partner"]);
        assert_eq!(edited.root, "");
        assert_eq!(edited.notes, "plural حلفاء");
        assert_eq!(
            Entry {
                senses: base.senses.clone(),
                root: base.root.clone(),
                notes: base.notes.clone(),
                ..edited
            },
            base,
            "status, review, forms, tags, context and times kept"
        );
    }

    #[test]
    fn glosses_split_on_semicolons() {
        let mut form = Form::new(FormKind::Add, Entry::new("نفير", "x"));
        form.fields[GLOSS].text = "mobilisation; call to arms;".into();
        assert_eq!(form.entry().senses, ["mobilisation", "call to arms"]);
    }
}
