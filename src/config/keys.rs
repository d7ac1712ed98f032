//! The keys file: `$XDG_CONFIG_HOME/qari/keys.toml`, else
//! `~/.config/qari/keys.toml`. It gives some actions other keys than the
//! defaults of the key table (`app::keys::BINDINGS`); one table per scope,
//! one line per action, a key or a list of keys:
//!
//! ```toml
//! [global]
//! quit = ["x", "Ctrl-C"]
//! search = "f"
//!
//! [reader]
//! next_sentence = ["l", "Down", "Space"]
//! ```
//!
//! The keys given replace the action's defaults in that scope; actions not
//! named keep theirs. A missing file is no change. A bad file (not TOML, a
//! table or an action the scope does not have, a key qari cannot read, a
//! key on two actions) is one error naming the file, the line and the
//! column; the reader then says so and uses the defaults.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::app::keys::{
    KeyPress, Keymap, Override, Scope, action_name, action_named, action_names, scope_name,
};
use crate::files::{Cap, FileError, read_capped, read_toml};

/// The keys file's cap: a few lines in practice.
pub const KEYS_FILE: Cap = Cap {
    limit: 1 << 20,
    what: "a keys file",
};

/// Why the keys file could not be used. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    /// The file is there but cannot be read.
    #[error("{0}")]
    Read(FileError),
    /// Not UTF-8, not TOML, or not keys qari can bind (with the line and
    /// the column).
    #[error("{0}")]
    Invalid(FileError),
}

/// The file as written: a table of actions per scope.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    global: Option<Actions>,
    reader: Option<Actions>,
    glossary: Option<Actions>,
    form: Option<Actions>,
    confirm: Option<Actions>,
    review: Option<Actions>,
    help: Option<Actions>,
    messages: Option<Actions>,
}

type Actions = BTreeMap<String, Spanned<toml::Value>>;

/// Where the keys file is: `$XDG_CONFIG_HOME/qari/keys.toml`, else
/// `$HOME/.config/qari/keys.toml` (the variables count only when
/// absolute); `None` without either.
pub fn location(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
    absolute("XDG_CONFIG_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".config")))
        .map(|folder| folder.join("qari").join("keys.toml"))
}

/// The key table the environment's keys file gives (the defaults without
/// one).
pub fn from_env() -> Result<Keymap, KeysError> {
    match location(|name| std::env::var_os(name)) {
        Some(path) => read(&path),
        None => Ok(Keymap::default()),
    }
}

/// Reads the keys file at `path`: a missing file is the defaults.
pub fn read(path: &Path) -> Result<Keymap, KeysError> {
    match read_capped(path, KEYS_FILE) {
        Ok(bytes) => parse(&bytes, path),
        Err(error) if error.is_not_found() => Ok(Keymap::default()),
        Err(error) => Err(KeysError::Read(error)),
    }
}

/// The key table the text of the keys file at `path` gives.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Keymap, KeysError> {
    let (file, text): (KeysFile, &str) = read_toml(bytes, path).map_err(KeysError::Invalid)?;
    let tables = [
        (Scope::Global, file.global),
        (Scope::Reader, file.reader),
        (Scope::Glossary, file.glossary),
        (Scope::Editing, file.form),
        (Scope::Confirm, file.confirm),
        (Scope::Reviewing, file.review),
        (Scope::Help, file.help),
        (Scope::Messages, file.messages),
    ];
    // In the order of the file, so the first mistake is the one reported.
    let mut written: Vec<(Scope, String, Spanned<toml::Value>)> = tables
        .into_iter()
        .flat_map(|(scope, actions)| {
            actions
                .into_iter()
                .flatten()
                .map(move |(name, keys)| (scope, name, keys))
        })
        .collect();
    written.sort_by_key(|(_, _, keys)| keys.span().start);
    let mut overrides = Vec::new();
    let mut spans = Vec::new();
    for (scope, name, keys) in written {
        let start = keys.span().start;
        let invalid =
            |message: String| KeysError::Invalid(FileError::syntax(path, text, start, &message));
        let Some(action) = action_named(scope, &name) else {
            let names: Vec<String> = action_names(scope)
                .into_iter()
                .map(|n| format!("`{n}`"))
                .collect();
            return Err(invalid(format!(
                "unknown action `{name}` in [{}], expected one of {}",
                scope_name(scope),
                names.join(", ")
            )));
        };
        let texts: Vec<&str> = match keys.get_ref() {
            toml::Value::String(key) => vec![key.as_str()],
            toml::Value::Array(list) if !list.is_empty() => {
                let strings: Option<Vec<&str>> = list.iter().map(toml::Value::as_str).collect();
                strings.ok_or_else(|| {
                    invalid(format!("expected keys written as strings for `{name}`"))
                })?
            }
            _ => {
                return Err(invalid(format!(
                    "expected a key or a list of keys for `{name}`, such as \"x\" or [\"x\", \"Ctrl-X\"]"
                )));
            }
        };
        let mut pressed = Vec::new();
        for key_text in texts {
            let key = KeyPress::parse(key_text).ok_or_else(|| {
                invalid(format!(
                    "`{key_text}` is not a key qari knows (a character, Space, Enter, Esc, Tab, Shift-Tab, Backspace, Delete, Home, End, PageUp, PageDown, Up, Down, Left, Right, F1-F12, or Ctrl- and one of them)"
                ))
            })?;
            if pressed.contains(&key) {
                return Err(invalid(format!("`{key_text}` is given twice for `{name}`")));
            }
            pressed.push(key);
        }
        overrides.push(Override {
            scope,
            action,
            keys: pressed,
        });
        spans.push(start);
    }
    Keymap::with_overrides(&overrides).map_err(|clash| {
        let name = |action| action_name(action).unwrap_or("?");
        let message = format!(
            "{} would be bound to both `{}` and `{}` in [{}]",
            clash.key.label(),
            name(clash.actions[0]),
            name(clash.actions[1]),
            scope_name(clash.scope)
        );
        let start = spans.get(clash.index).copied().unwrap_or(0);
        KeysError::Invalid(FileError::syntax(path, text, start, &message))
    })
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::Action;

    const PATH: &str = "/home/u/.config/qari/keys.toml";

    fn parse_text(text: &str) -> Result<Keymap, KeysError> {
        parse(text.as_bytes(), Path::new(PATH))
    }

    fn message(text: &str) -> String {
        let message = parse_text(text).unwrap_err().to_string();
        assert!(!message.contains('\n'), "one line: {message}");
        message
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn keys_given_replace_the_defaults_of_that_action_only() {
        let keymap = parse_text(
            "# mine\n[global]\nquit = [\"z\", \"Ctrl-C\"]\nsearch = \"f\"\n\n[reader]\nnext_sentence = [\"l\", \"Down\"]\n",
        )
        .unwrap();
        assert_eq!(
            keymap.action_for_key(press('z'), Scope::Reader),
            Some(Action::Quit)
        );
        assert_eq!(keymap.action_for_key(press('q'), Scope::Reader), None);
        assert_eq!(
            keymap.action_for_key(press('f'), Scope::Reader),
            Some(Action::Search)
        );
        assert_eq!(
            keymap.action_for_key(press('l'), Scope::Reader),
            Some(Action::NextSentence)
        );
        assert_eq!(keymap.action_for_key(press('j'), Scope::Reader), None);
        // Elsewhere the defaults stay: q in the help, j in the glossary.
        assert_eq!(
            keymap.action_for_key(press('q'), Scope::Help),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action_for_key(press('j'), Scope::Glossary),
            Some(Action::GlossaryDown)
        );
        assert_eq!(keymap.keys_in(Scope::Global, Action::Quit), ["z", "Ctrl-C"]);
        assert_eq!(
            keymap.keys_in(Scope::Reader, Action::NextSentence),
            ["l", "↓"]
        );
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse_text("").unwrap(), Keymap::default());
        assert_eq!(parse_text("[reader]\n").unwrap(), Keymap::default());
    }

    #[test]
    fn an_unknown_action_is_refused_with_its_place_and_the_actions_there_are() {
        let refused = message("[global]\nquit = \"z\"\nfly = \"y\"\n");
        assert!(
            refused.starts_with(&format!(
                "{PATH}:3:7: unknown action `fly` in [global], expected one of `first_sentence`,"
            )),
            "{refused}"
        );
        // An action of another scope is not one of this scope's.
        assert!(
            message("[reader]\nglossary_down = \"z\"\n").starts_with(&format!(
                "{PATH}:2:17: unknown action `glossary_down` in [reader]"
            ))
        );
    }

    #[test]
    fn an_unknown_table_is_refused_with_its_place() {
        let refused = message("[global]\nquit = \"z\"\n[normal]\nquit = \"q\"\n");
        assert!(refused.starts_with(&format!("{PATH}:3:")), "{refused}");
        assert!(refused.contains("unknown field `normal`"), "{refused}");
    }

    #[test]
    fn a_key_qari_cannot_read_is_refused_with_its_place() {
        let refused = message("[global]\nsearch = \"Hyper-x\"\n");
        assert!(
            refused.starts_with(&format!("{PATH}:2:10: `Hyper-x` is not a key qari knows")),
            "{refused}"
        );
        assert!(
            message("[global]\nsearch = 3\n")
                .starts_with(&format!("{PATH}:2:10: expected a key or a list of keys"))
        );
        assert!(
            message("[global]\nsearch = []\n")
                .starts_with(&format!("{PATH}:2:10: expected a key or a list of keys"))
        );
    }

    #[test]
    fn toml_syntax_errors_give_the_line_and_the_column() {
        let refused = message("[global]\nquit = x\n");
        assert!(refused.starts_with(&format!("{PATH}:2:8: ")), "{refused}");
    }

    #[test]
    fn two_actions_on_one_key_are_refused() {
        // With a default of the same scope.
        assert_eq!(
            message("[global]\nsearch = \"q\"\n"),
            format!("{PATH}:2:10: q would be bound to both `search` and `quit` in [global]")
        );
        // Two overrides.
        assert!(
            message("[global]\nsearch = \"z\"\nquit = \"z\"\n")
                .starts_with(&format!("{PATH}:3:8: z would be bound to both"))
        );
        // A global key the reader binds to something else.
        assert_eq!(
            message("[global]\nsearch = \"j\"\n"),
            format!(
                "{PATH}:2:10: j would be bound to both `next_sentence` and `search` in [reader]"
            )
        );
        // Swapping two keys is fine when both are given.
        let swapped = parse_text("[global]\nsearch = \"q\"\nquit = \"/\"\n").unwrap();
        assert_eq!(
            swapped.action_for_key(press('q'), Scope::Reader),
            Some(Action::Search)
        );
    }

    #[test]
    fn keys_are_read_by_name_label_or_character() {
        use KeyCode as K;
        let plain = |code| {
            Some(KeyPress {
                code,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(KeyPress::parse("j"), plain(K::Char('j')));
        assert_eq!(KeyPress::parse("G"), plain(K::Char('G')));
        assert_eq!(KeyPress::parse("space"), plain(K::Char(' ')));
        assert_eq!(KeyPress::parse("PageDown"), plain(K::PageDown));
        assert_eq!(KeyPress::parse("↓"), plain(K::Down));
        assert_eq!(KeyPress::parse("F5"), plain(K::F(5)));
        assert_eq!(KeyPress::parse("Shift-Tab"), plain(K::BackTab));
        assert_eq!(
            KeyPress::parse("Ctrl-C"),
            Some(KeyPress {
                code: K::Char('c'),
                modifiers: KeyModifiers::CONTROL
            })
        );
        for bad in ["", " ", "F13", "Ctrl-", "jk", "Hyper-x"] {
            assert_eq!(KeyPress::parse(bad), None, "{bad:?}");
        }
        // Every label the help shows reads back as its key.
        for binding in crate::app::keys::BINDINGS {
            for key in binding.keys.iter() {
                assert_eq!(KeyPress::parse(&key.label()), Some(*key), "{}", key.label());
            }
        }
    }

    #[test]
    fn every_bound_action_has_a_name() {
        for binding in crate::app::keys::BINDINGS {
            let name = action_name(binding.action).unwrap();
            assert_eq!(action_named(binding.scope, name), Some(binding.action));
        }
    }

    #[test]
    fn the_file_is_under_xdg_config_home_else_under_home() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        assert_eq!(location(env(&[])), None);
        assert_eq!(
            location(env(&[("HOME", "/home/u")])),
            Some(PathBuf::from("/home/u/.config/qari/keys.toml"))
        );
        assert_eq!(
            location(env(&[("HOME", "/home/u"), ("XDG_CONFIG_HOME", "/xdg")])),
            Some(PathBuf::from("/xdg/qari/keys.toml"))
        );
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_a_present_one_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.toml");
        assert_eq!(read(&path).unwrap(), Keymap::default());
        std::fs::write(&path, "[global]\nsearch = \"f\"\n").unwrap();
        assert_eq!(
            read(&path).unwrap().keys_in(Scope::Global, Action::Search),
            ["f"]
        );
    }
}
