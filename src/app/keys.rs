//! The key table: one list that both the dispatcher and the help overlay
//! read, so what the help says is what the keys do.
//!
//! [`BINDINGS`] holds the defaults. The learner's `keys.toml` (see
//! `config::keys`) replaces the keys of some bindings, giving a [`Keymap`];
//! the reader installs it once at start ([`install`]), and everything that
//! names or dispatches keys reads the installed table ([`active`]).

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::{Action, Focus};
use crate::glossary::{Grade, Status};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Whatever has the focus.
    Global,
    /// Only while the reader has the focus.
    Reader,
    /// Only while the glossary pane has the focus.
    Glossary,
    /// In the entry form and the search prompt (other characters are typed).
    Editing,
    /// While a deletion waits for a yes.
    Confirm,
    /// In a review session.
    Reviewing,
    /// While the help is open.
    Help,
    /// While the last messages are open.
    Messages,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPress {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> KeyPress {
    KeyPress {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> KeyPress {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> KeyPress {
    KeyPress {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

/// Keys bound to one action in one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub scope: Scope,
    pub keys: Cow<'static, [KeyPress]>,
    pub action: Action,
}

const fn bind(scope: Scope, keys: &'static [KeyPress], action: Action) -> Binding {
    Binding {
        scope,
        keys: Cow::Borrowed(keys),
        action,
    }
}

use Action as A;
use KeyCode as K;
use Scope::{Confirm, Editing, Global, Glossary, Help, Messages, Reader, Reviewing};

/// Every key binding by default, in the order the help overlay lists them.
pub const BINDINGS: &[Binding] = &[
    bind(Reader, &[ch('j'), key(K::Down), ch(' ')], A::NextSentence),
    bind(
        Reader,
        &[ch('k'), key(K::Up), key(K::Backspace)],
        A::PreviousSentence,
    ),
    bind(Global, &[ch('g'), key(K::Home)], A::FirstSentence),
    bind(Global, &[ch('G'), key(K::End)], A::LastSentence),
    bind(Global, &[key(K::Left)], A::WordLeft),
    bind(Global, &[key(K::Right)], A::WordRight),
    bind(Global, &[ch('w')], A::NextWord),
    bind(Global, &[ch('b')], A::PreviousWord),
    bind(Global, &[ch('t')], A::ToggleTranslation),
    bind(Global, &[ch('T')], A::ToggleAlwaysTranslation),
    bind(Global, &[ch('n')], A::ToggleNotes),
    bind(Global, &[ch('N')], A::ToggleAlwaysNotes),
    bind(Global, &[ch('i')], A::CycleInterlinear),
    bind(Global, &[ch('x')], A::ToggleTranslit),
    bind(Global, &[ch('V')], A::ToggleVowels),
    bind(Global, &[ch('J'), key(K::PageDown)], A::StudyDown),
    bind(Global, &[ch('K'), key(K::PageUp)], A::StudyUp),
    bind(Global, &[key(K::Tab), key(K::BackTab)], A::SwitchFocus),
    bind(Glossary, &[ch('j'), key(K::Down)], A::GlossaryDown),
    bind(Glossary, &[ch('k'), key(K::Up)], A::GlossaryUp),
    bind(Glossary, &[key(K::Enter)], A::ChooseReading),
    bind(Glossary, &[ch(' ')], A::NextSentence),
    bind(Glossary, &[key(K::Backspace)], A::PreviousSentence),
    bind(Global, &[ch('a')], A::AddEntry),
    bind(Global, &[ch('e')], A::EditEntry),
    bind(Global, &[ch('d')], A::DeleteEntry),
    bind(Global, &[ch('E')], A::EditSentence),
    bind(Global, &[ch('D')], A::Draft),
    bind(Global, &[ch('c')], A::ToggleWordColours),
    bind(Global, &[ch('r')], A::StartReview),
    bind(Global, &[ch('s')], A::Speak),
    bind(Global, &[ch('S')], A::StopSpeaking),
    bind(Global, &[ch('1')], A::SetStatus(Status::Level(1))),
    bind(Global, &[ch('2')], A::SetStatus(Status::Level(2))),
    bind(Global, &[ch('3')], A::SetStatus(Status::Level(3))),
    bind(Global, &[ch('4')], A::SetStatus(Status::Level(4))),
    bind(Global, &[ch('5')], A::SetStatus(Status::Level(5))),
    bind(Global, &[ch('W')], A::SetStatus(Status::WellKnown)),
    bind(Global, &[ch('I')], A::SetStatus(Status::Ignored)),
    bind(Global, &[ch('u')], A::UndoStatus),
    bind(Global, &[ch('v')], A::ToggleSelection),
    bind(Global, &[ch('/')], A::Search),
    bind(Global, &[ch('p')], A::ToggleGlossaryPane),
    bind(Global, &[ch('P')], A::SwapGlossarySide),
    bind(Global, &[ch('?')], A::ToggleHelp),
    bind(Global, &[ch('m')], A::ToggleMessages),
    bind(Global, &[ch('q'), ctrl('c')], A::Quit),
    bind(Global, &[ctrl('z')], A::Suspend),
    bind(Global, &[key(K::Esc)], A::Back),
    bind(Editing, &[key(K::Enter)], A::Submit),
    bind(Editing, &[key(K::Esc)], A::Cancel),
    bind(Editing, &[key(K::Tab), key(K::Down)], A::NextField),
    bind(Editing, &[key(K::BackTab), key(K::Up)], A::PreviousField),
    bind(Editing, &[key(K::Left)], A::CursorLeft),
    bind(Editing, &[key(K::Right)], A::CursorRight),
    bind(Editing, &[key(K::Backspace)], A::DeleteBack),
    bind(Editing, &[key(K::Delete)], A::DeleteForward),
    bind(Editing, &[key(K::Home)], A::FieldStart),
    bind(Editing, &[key(K::End)], A::FieldEnd),
    bind(Editing, &[ctrl('w')], A::DeleteWordBack),
    bind(Editing, &[ctrl('u')], A::ClearField),
    bind(Editing, &[ctrl('c')], A::Quit),
    bind(
        Help,
        &[ch('j'), key(K::Down), ch(' '), key(K::PageDown)],
        A::HelpDown,
    ),
    bind(Help, &[ch('k'), key(K::Up), key(K::PageUp)], A::HelpUp),
    bind(Help, &[ch('?'), key(K::Esc)], A::ToggleHelp),
    bind(Help, &[ch('q'), ctrl('c')], A::Quit),
    bind(Messages, &[ch('m'), key(K::Esc)], A::ToggleMessages),
    bind(Messages, &[ch('q'), ctrl('c')], A::Quit),
    bind(Reviewing, &[ch(' '), key(K::Enter)], A::Reveal),
    bind(Reviewing, &[ch('1')], A::Grade(Grade::Again)),
    bind(Reviewing, &[ch('2')], A::Grade(Grade::Hard)),
    bind(Reviewing, &[ch('3')], A::Grade(Grade::Good)),
    bind(Reviewing, &[ch('4')], A::Grade(Grade::Easy)),
    bind(Reviewing, &[ch('s')], A::Speak),
    bind(Reviewing, &[ch('q'), key(K::Esc)], A::Cancel),
    bind(Reviewing, &[ctrl('c')], A::Quit),
    bind(Confirm, &[ch('y'), key(K::Enter)], A::Submit),
    bind(Confirm, &[ch('n'), key(K::Esc)], A::Cancel),
];

/// The keys bound to `action` in `scope` in the installed table, as the
/// help shows them (none: the keys bound to it anywhere): what a message
/// names when it tells the learner which key to press, so it never
/// disagrees with the table.
pub fn keys_in(scope: Scope, action: Action) -> Vec<String> {
    active().keys_in(scope, action)
}

/// The action bound to `key` in `scope` in the installed table (then in
/// the global scope, unless a form or a confirmation is open), if any. In a
/// form, other characters are typed.
pub fn action_for_key(key: KeyEvent, scope: Scope) -> Option<Action> {
    active().action_for_key(key, scope)
}

/// The keys bound to `action` in any scope of the installed table, in
/// table order, each once.
pub fn keys_for(action: Action) -> Vec<KeyPress> {
    active().keys_for(action)
}

thread_local! {
    /// The table in use on this thread: the reader's loop (the main
    /// thread) installs the learner's; tests install theirs on their own
    /// thread without touching the others'.
    static ACTIVE: RefCell<Rc<Keymap>> = RefCell::new(Rc::new(Keymap::default()));
}

/// Makes `keymap` the table this thread's dispatcher, help and messages
/// read.
pub fn install(keymap: Keymap) {
    ACTIVE.with(|active| *active.borrow_mut() = Rc::new(keymap));
}

/// The table installed on this thread (the defaults unless [`install`]ed).
pub fn active() -> Rc<Keymap> {
    ACTIVE.with(|active| Rc::clone(&active.borrow()))
}

/// A key table: the defaults, some of whose bindings may have other keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

/// One binding the keys file changes: the `action` named in `scope`'s
/// table gets `keys` instead of its defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub scope: Scope,
    pub action: Action,
    pub keys: Vec<KeyPress>,
}

/// Why overrides cannot make a table: two actions on one key where the
/// dispatcher would see both. `index` is the override that takes part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub index: usize,
    pub key: KeyPress,
    pub actions: [Action; 2],
    pub scope: Scope,
}

impl Keymap {
    /// Every binding, in the order the help lists them.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The defaults with `overrides` applied; refused when a key ends up
    /// on two actions in one scope, or on an action of the reader or the
    /// glossary pane and a global one (which one would win is not what the
    /// file says).
    pub fn with_overrides(overrides: &[Override]) -> Result<Keymap, Clash> {
        let mut keymap = Keymap::default();
        for o in overrides {
            if let Some(binding) = keymap
                .bindings
                .iter_mut()
                .find(|b| b.scope == o.scope && b.action == o.action)
            {
                binding.keys = Cow::Owned(o.keys.clone());
            }
        }
        let changed = |scope: Scope, action: Action| {
            overrides
                .iter()
                .position(|o| o.scope == scope && o.action == action)
        };
        for (i, a) in keymap.bindings.iter().enumerate() {
            for b in &keymap.bindings[i + 1..] {
                let seen_together = a.scope == b.scope
                    || (matches!(a.scope, Reader | Glossary) && b.scope == Global)
                    || (a.scope == Global && matches!(b.scope, Reader | Glossary));
                if !seen_together {
                    continue;
                }
                if let Some(key) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    let index = changed(b.scope, b.action)
                        .or_else(|| changed(a.scope, a.action))
                        .unwrap_or(0);
                    let scope = if a.scope == Global { b.scope } else { a.scope };
                    return Err(Clash {
                        index,
                        key: *key,
                        actions: [a.action, b.action],
                        scope,
                    });
                }
            }
        }
        Ok(keymap)
    }

    /// See [`keys_in`].
    pub fn keys_in(&self, scope: Scope, action: Action) -> Vec<String> {
        let in_scope: Vec<String> = self
            .bindings
            .iter()
            .filter(|b| b.scope == scope && b.action == action)
            .flat_map(|b| b.keys.iter().map(KeyPress::label))
            .collect();
        if in_scope.is_empty() {
            self.keys_for(action).iter().map(KeyPress::label).collect()
        } else {
            in_scope
        }
    }

    /// See [`action_for_key`].
    pub fn action_for_key(&self, key: KeyEvent, scope: Scope) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        // Shift is part of the character itself ('G', '?'), so it is
        // ignored; Control and Alt are not.
        let modifiers = key.modifiers - KeyModifiers::SHIFT;
        let global = matches!(scope, Reader | Glossary);
        let bound = self
            .bindings
            .iter()
            .filter(|b| b.scope == scope)
            .chain(self.bindings.iter().filter(|b| global && b.scope == Global))
            .find(|b| {
                b.keys
                    .iter()
                    .any(|k| k.code == key.code && k.modifiers == modifiers)
            })
            .map(|b| b.action);
        match (bound, key.code) {
            (None, K::Char(c)) if scope == Scope::Editing && modifiers.is_empty() => {
                Some(A::Input(c))
            }
            _ => bound,
        }
    }

    /// See [`keys_for`].
    pub fn keys_for(&self, action: Action) -> Vec<KeyPress> {
        let mut keys: Vec<KeyPress> = Vec::new();
        for key in self
            .bindings
            .iter()
            .filter(|b| b.action == action)
            .flat_map(|b| b.keys.iter())
        {
            if !keys.contains(key) {
                keys.push(*key);
            }
        }
        keys
    }
}

/// The name of each action a binding has, as the keys file writes it.
const NAMES: &[(Action, &str)] = &[
    (A::NextSentence, "next_sentence"),
    (A::PreviousSentence, "previous_sentence"),
    (A::FirstSentence, "first_sentence"),
    (A::LastSentence, "last_sentence"),
    (A::WordLeft, "word_left"),
    (A::WordRight, "word_right"),
    (A::NextWord, "next_word"),
    (A::PreviousWord, "previous_word"),
    (A::ToggleTranslation, "toggle_translation"),
    (A::ToggleAlwaysTranslation, "toggle_always_translation"),
    (A::ToggleNotes, "toggle_notes"),
    (A::ToggleAlwaysNotes, "toggle_always_notes"),
    (A::CycleInterlinear, "cycle_interlinear"),
    (A::ToggleTranslit, "toggle_translit"),
    (A::ToggleVowels, "toggle_vowels"),
    (A::StudyDown, "study_down"),
    (A::StudyUp, "study_up"),
    (A::SwitchFocus, "switch_focus"),
    (A::GlossaryDown, "glossary_down"),
    (A::ChooseReading, "choose_reading"),
    (A::GlossaryUp, "glossary_up"),
    (A::AddEntry, "add_entry"),
    (A::EditEntry, "edit_entry"),
    (A::DeleteEntry, "delete_entry"),
    (A::EditSentence, "edit_sentence"),
    (A::Draft, "draft_translation"),
    (A::ToggleWordColours, "toggle_word_colours"),
    (A::StartReview, "start_review"),
    (A::Speak, "speak"),
    (A::StopSpeaking, "stop_speaking"),
    (A::SetStatus(Status::Level(1)), "status_1"),
    (A::SetStatus(Status::Level(2)), "status_2"),
    (A::SetStatus(Status::Level(3)), "status_3"),
    (A::SetStatus(Status::Level(4)), "status_4"),
    (A::SetStatus(Status::Level(5)), "status_5"),
    (A::SetStatus(Status::WellKnown), "well_known"),
    (A::SetStatus(Status::Ignored), "ignored"),
    (A::UndoStatus, "undo_status"),
    (A::ToggleSelection, "toggle_selection"),
    (A::Search, "search"),
    (A::ToggleGlossaryPane, "toggle_glossary_pane"),
    (A::SwapGlossarySide, "swap_glossary_side"),
    (A::ToggleHelp, "toggle_help"),
    (A::ToggleMessages, "toggle_messages"),
    (A::Quit, "quit"),
    (A::Suspend, "suspend"),
    (A::Back, "back"),
    (A::Submit, "submit"),
    (A::Cancel, "cancel"),
    (A::NextField, "next_field"),
    (A::PreviousField, "previous_field"),
    (A::CursorLeft, "cursor_left"),
    (A::CursorRight, "cursor_right"),
    (A::DeleteBack, "delete_back"),
    (A::DeleteForward, "delete_forward"),
    (A::FieldStart, "field_start"),
    (A::FieldEnd, "field_end"),
    (A::DeleteWordBack, "delete_word_back"),
    (A::ClearField, "clear_field"),
    (A::HelpDown, "help_down"),
    (A::HelpUp, "help_up"),
    (A::Reveal, "reveal"),
    (A::Grade(Grade::Again), "again"),
    (A::Grade(Grade::Hard), "hard"),
    (A::Grade(Grade::Good), "good"),
    (A::Grade(Grade::Easy), "easy"),
];

/// The scopes as the keys file names its tables, in the help's order.
pub const SCOPE_NAMES: &[(Scope, &str)] = &[
    (Global, "global"),
    (Reader, "reader"),
    (Glossary, "glossary"),
    (Editing, "form"),
    (Confirm, "confirm"),
    (Reviewing, "review"),
    (Help, "help"),
    (Messages, "messages"),
];

/// The keys file's name for `action` (every action in the table has one).
pub fn action_name(action: Action) -> Option<&'static str> {
    NAMES.iter().find(|(a, _)| *a == action).map(|(_, n)| *n)
}

/// The keys file's name for `scope`.
pub fn scope_name(scope: Scope) -> &'static str {
    SCOPE_NAMES
        .iter()
        .find(|(s, _)| *s == scope)
        .map_or("global", |(_, n)| *n)
}

/// The action called `name` that `scope` binds by default, if any.
pub fn action_named(scope: Scope, name: &str) -> Option<Action> {
    NAMES
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(a, _)| *a)
        .filter(|a| BINDINGS.iter().any(|b| b.scope == scope && b.action == *a))
}

/// The names of the actions `scope` binds, in table order.
pub fn action_names(scope: Scope) -> Vec<&'static str> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .filter_map(|b| action_name(b.action))
        .collect()
}

/// The scope keys go to: an open form or confirmation, else the focus.
pub fn scope_for(focus: Focus, overlay: Option<&super::Overlay>) -> Scope {
    match overlay {
        Some(super::Overlay::Form(_) | super::Overlay::Search(_)) => Editing,
        Some(super::Overlay::ConfirmDelete(_)) => Confirm,
        Some(super::Overlay::Review(_)) => Reviewing,
        Some(super::Overlay::Help) => Help,
        Some(super::Overlay::Messages) => Messages,
        _ => match focus {
            Focus::Reader => Reader,
            Focus::Glossary => Glossary,
        },
    }
}

/// The action for a terminal event: keys through the table, the mouse
/// (click: word cursor; wheel: sentences) and resizes.
pub fn action_for_event(event: &Event, scope: Scope) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(*key, scope),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::NextSentence),
            MouseEventKind::ScrollUp => Some(Action::PreviousSentence),
            _ => None,
        },
        Event::Resize(columns, rows) => Some(Action::Resize {
            columns: *columns,
            rows: *rows,
        }),
        _ => None,
    }
}

impl KeyPress {
    /// How the key is written in the help and the status line.
    pub fn label(&self) -> String {
        let name = match self.code {
            K::Char(' ') => "Space".to_owned(),
            K::Char(c) => c.to_string(),
            K::Down => "↓".to_owned(),
            K::Up => "↑".to_owned(),
            K::Left => "←".to_owned(),
            K::Right => "→".to_owned(),
            K::BackTab => "Shift-Tab".to_owned(),
            other => other.to_string(),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", name.to_uppercase())
        } else {
            name
        }
    }

    /// The key `text` names, as the keys file writes it: one character
    /// (`"j"`, `"G"`, `"?"`), a key's name (`"Space"`, `"Enter"`, `"Esc"`,
    /// `"Tab"`, `"Shift-Tab"`, `"Backspace"`, `"Delete"`, `"Home"`, `"End"`,
    /// `"PageUp"`, `"PageDown"`, `"Up"`, `"Down"`, `"Left"`, `"Right"`,
    /// `"F1"`…`"F12"`, any case) or the help's label (`"↓"`), after
    /// `"Ctrl-"` for Control. `None` for anything else.
    pub fn parse(text: &str) -> Option<KeyPress> {
        let (control, rest) = match text
            .get(..5)
            .filter(|prefix| prefix.eq_ignore_ascii_case("ctrl-"))
        {
            Some(_) if text.len() > 5 => (true, &text[5..]),
            _ => (false, text),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() && c != ' ' => match c {
                '↓' => K::Down,
                '↑' => K::Up,
                '←' => K::Left,
                '→' => K::Right,
                c if control => K::Char(c.to_ascii_lowercase()),
                c => K::Char(c),
            },
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => K::Char(' '),
                "enter" | "return" => K::Enter,
                "esc" | "escape" => K::Esc,
                "tab" => K::Tab,
                "shift-tab" | "backtab" => K::BackTab,
                "backspace" => K::Backspace,
                "delete" | "del" => K::Delete,
                "home" => K::Home,
                "end" => K::End,
                "pageup" | "page up" => K::PageUp,
                "pagedown" | "page down" => K::PageDown,
                "up" => K::Up,
                "down" => K::Down,
                "left" => K::Left,
                "right" => K::Right,
                "insert" | "ins" => K::Insert,
                f => match f.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => K::F(n),
                    _ => return None,
                },
            },
        };
        let modifiers = if control {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        Some(KeyPress { code, modifiers })
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn terminal_events_become_actions_keys_clicks_wheel_and_resizes() {
        let key = |c| Event::Key(KeyEvent::new(K::Char(c), KeyModifiers::NONE));
        assert_eq!(action_for_event(&key('q'), Reader), Some(A::Quit));
        assert_eq!(action_for_event(&key('j'), Reader), Some(A::NextSentence));
        assert_eq!(
            action_for_event(&Event::Resize(80, 24), Reader),
            Some(A::Resize {
                columns: 80,
                rows: 24
            })
        );
        assert_eq!(action_for_event(&Event::FocusGained, Reader), None);
    }

    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for scope in [
            Global, Reader, Glossary, Editing, Confirm, Reviewing, Help, Messages,
        ] {
            let mut seen = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
                for key in binding.keys.iter() {
                    assert!(!seen.contains(key), "{key:?} bound twice in {scope:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn the_focused_scope_comes_before_the_global_one() {
        let j = KeyEvent::new(K::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for_key(j, Reader), Some(A::NextSentence));
        assert_eq!(action_for_key(j, Glossary), Some(A::GlossaryDown));
        let big_g = KeyEvent::new(K::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for_key(big_g, Glossary), Some(A::LastSentence));
        let ctrl_c = KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for_key(ctrl_c, Reader), Some(A::Quit));
        let plain_z = KeyEvent::new(K::Char('z'), KeyModifiers::NONE);
        assert_eq!(action_for_key(plain_z, Reader), None);
        // In a form, q and j are typed, not obeyed.
        let q = KeyEvent::new(K::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for_key(q, Scope::Editing), Some(A::Input('q')));
        let arabic = KeyEvent::new(K::Char('ن'), KeyModifiers::NONE);
        assert_eq!(action_for_key(arabic, Scope::Editing), Some(A::Input('ن')));
        assert_eq!(action_for_key(ctrl_c, Scope::Editing), Some(A::Quit));
        assert_eq!(action_for_key(q, Scope::Confirm), None);
    }

    /// The whole key table as it is meant to be, written out again here
    /// rather than read from `BINDINGS`: a key bound to the wrong action
    /// (`4` setting status 3) differs from this list.
    fn expected_table() -> Vec<(Scope, KeyPress, Action)> {
        use Grade::{Again, Easy, Good, Hard};
        use Status::{Ignored, Level, WellKnown};
        vec![
            (Reader, ch('j'), A::NextSentence),
            (Reader, key(K::Down), A::NextSentence),
            (Reader, ch(' '), A::NextSentence),
            (Reader, ch('k'), A::PreviousSentence),
            (Reader, key(K::Up), A::PreviousSentence),
            (Reader, key(K::Backspace), A::PreviousSentence),
            (Global, ch('g'), A::FirstSentence),
            (Global, key(K::Home), A::FirstSentence),
            (Global, ch('G'), A::LastSentence),
            (Global, key(K::End), A::LastSentence),
            (Global, key(K::Left), A::WordLeft),
            (Global, key(K::Right), A::WordRight),
            (Global, ch('w'), A::NextWord),
            (Global, ch('b'), A::PreviousWord),
            (Global, ch('t'), A::ToggleTranslation),
            (Global, ch('T'), A::ToggleAlwaysTranslation),
            (Global, ch('n'), A::ToggleNotes),
            (Global, ch('N'), A::ToggleAlwaysNotes),
            (Global, ch('i'), A::CycleInterlinear),
            (Global, ch('x'), A::ToggleTranslit),
            (Global, ch('V'), A::ToggleVowels),
            (Global, ch('J'), A::StudyDown),
            (Global, key(K::PageDown), A::StudyDown),
            (Global, ch('K'), A::StudyUp),
            (Global, key(K::PageUp), A::StudyUp),
            (Global, key(K::Tab), A::SwitchFocus),
            (Global, key(K::BackTab), A::SwitchFocus),
            (Glossary, ch('j'), A::GlossaryDown),
            (Glossary, key(K::Down), A::GlossaryDown),
            (Glossary, ch('k'), A::GlossaryUp),
            (Glossary, key(K::Up), A::GlossaryUp),
            (Glossary, key(K::Enter), A::ChooseReading),
            (Glossary, ch(' '), A::NextSentence),
            (Glossary, key(K::Backspace), A::PreviousSentence),
            (Global, ch('a'), A::AddEntry),
            (Global, ch('e'), A::EditEntry),
            (Global, ch('d'), A::DeleteEntry),
            (Global, ch('E'), A::EditSentence),
            (Global, ch('D'), A::Draft),
            (Global, ch('c'), A::ToggleWordColours),
            (Global, ch('r'), A::StartReview),
            (Global, ch('s'), A::Speak),
            (Global, ch('S'), A::StopSpeaking),
            (Global, ch('1'), A::SetStatus(Level(1))),
            (Global, ch('2'), A::SetStatus(Level(2))),
            (Global, ch('3'), A::SetStatus(Level(3))),
            (Global, ch('4'), A::SetStatus(Level(4))),
            (Global, ch('5'), A::SetStatus(Level(5))),
            (Global, ch('W'), A::SetStatus(WellKnown)),
            (Global, ch('I'), A::SetStatus(Ignored)),
            (Global, ch('u'), A::UndoStatus),
            (Global, ch('v'), A::ToggleSelection),
            (Global, ch('/'), A::Search),
            (Global, ch('p'), A::ToggleGlossaryPane),
            (Global, ch('P'), A::SwapGlossarySide),
            (Global, ch('?'), A::ToggleHelp),
            (Global, ch('m'), A::ToggleMessages),
            (Global, ch('q'), A::Quit),
            (Global, ctrl('c'), A::Quit),
            (Global, ctrl('z'), A::Suspend),
            (Global, key(K::Esc), A::Back),
            (Editing, key(K::Enter), A::Submit),
            (Editing, key(K::Esc), A::Cancel),
            (Editing, key(K::Tab), A::NextField),
            (Editing, key(K::Down), A::NextField),
            (Editing, key(K::BackTab), A::PreviousField),
            (Editing, key(K::Up), A::PreviousField),
            (Editing, key(K::Left), A::CursorLeft),
            (Editing, key(K::Right), A::CursorRight),
            (Editing, key(K::Backspace), A::DeleteBack),
            (Editing, key(K::Delete), A::DeleteForward),
            (Editing, key(K::Home), A::FieldStart),
            (Editing, key(K::End), A::FieldEnd),
            (Editing, ctrl('w'), A::DeleteWordBack),
            (Editing, ctrl('u'), A::ClearField),
            (Editing, ctrl('c'), A::Quit),
            (Help, ch('j'), A::HelpDown),
            (Help, key(K::Down), A::HelpDown),
            (Help, ch(' '), A::HelpDown),
            (Help, key(K::PageDown), A::HelpDown),
            (Help, ch('k'), A::HelpUp),
            (Help, key(K::Up), A::HelpUp),
            (Help, key(K::PageUp), A::HelpUp),
            (Help, ch('?'), A::ToggleHelp),
            (Help, key(K::Esc), A::ToggleHelp),
            (Help, ch('q'), A::Quit),
            (Help, ctrl('c'), A::Quit),
            (Messages, ch('m'), A::ToggleMessages),
            (Messages, key(K::Esc), A::ToggleMessages),
            (Messages, ch('q'), A::Quit),
            (Messages, ctrl('c'), A::Quit),
            (Reviewing, ch(' '), A::Reveal),
            (Reviewing, key(K::Enter), A::Reveal),
            (Reviewing, ch('1'), A::Grade(Again)),
            (Reviewing, ch('2'), A::Grade(Hard)),
            (Reviewing, ch('3'), A::Grade(Good)),
            (Reviewing, ch('4'), A::Grade(Easy)),
            (Reviewing, ch('s'), A::Speak),
            (Reviewing, ch('q'), A::Cancel),
            (Reviewing, key(K::Esc), A::Cancel),
            (Reviewing, ctrl('c'), A::Quit),
            (Confirm, ch('y'), A::Submit),
            (Confirm, key(K::Enter), A::Submit),
            (Confirm, ch('n'), A::Cancel),
            (Confirm, key(K::Esc), A::Cancel),
        ]
    }

    /// The event a terminal sends for `key` (an upper-case letter comes
    /// with Shift).
    fn event(key: KeyPress) -> KeyEvent {
        let shift = matches!(key.code, K::Char(c) if c.is_uppercase());
        let modifiers = if shift {
            key.modifiers | KeyModifiers::SHIFT
        } else {
            key.modifiers
        };
        KeyEvent::new(key.code, modifiers)
    }

    #[test]
    fn the_key_table_is_exactly_the_intended_one() {
        let table: Vec<(Scope, KeyPress, Action)> = BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().map(|k| (b.scope, *k, b.action)))
            .collect();
        let expected = expected_table();
        for row in &expected {
            assert!(table.contains(row), "{row:?} is not in the key table");
        }
        for row in &table {
            assert!(expected.contains(row), "{row:?} is not meant to be bound");
        }
        assert_eq!(table.len(), expected.len());
    }

    #[test]
    fn every_key_dispatches_to_its_own_action_in_its_scopes() {
        let expected = expected_table();
        let own = |scope: Scope, key: KeyPress| {
            expected
                .iter()
                .find(|(s, k, _)| *s == scope && *k == key)
                .map(|row| row.2)
        };
        for &(scope, key, action) in &expected {
            // A global key works in the reader and the glossary pane,
            // unless that scope binds the key itself.
            let scopes: Vec<Scope> = if scope == Global {
                vec![Reader, Glossary]
            } else {
                vec![scope]
            };
            for in_scope in scopes {
                let wanted = own(in_scope, key).unwrap_or(action);
                assert_eq!(
                    action_for_key(event(key), in_scope),
                    Some(wanted),
                    "{} in {in_scope:?}",
                    key.label()
                );
            }
            // Global keys do not reach forms, confirmations, reviews or
            // the help: there they are typed, or mean something else, or
            // nothing.
            for closed in [Editing, Confirm, Reviewing, Help, Messages] {
                if scope == Global && own(closed, key).is_none() {
                    let got = action_for_key(event(key), closed);
                    let typed = matches!(key.code, K::Char(c) if key.modifiers.is_empty() && got == Some(A::Input(c)));
                    assert!(
                        got.is_none() || typed,
                        "{} reaches {closed:?} as {got:?}",
                        key.label()
                    );
                }
            }
        }
        // A key release does nothing.
        let mut release = event(ch('4'));
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(release, Reader), None);
    }

    #[test]
    fn labels_read_as_in_the_help() {
        let labels: Vec<String> = keys_for(A::NextSentence)
            .iter()
            .map(KeyPress::label)
            .collect();
        assert_eq!(labels, ["j", "↓", "Space"]);
        assert_eq!(ctrl('c').label(), "Ctrl-C");
        assert_eq!(key(K::Home).label(), "Home");
    }
}
