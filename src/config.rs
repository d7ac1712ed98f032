//! The configuration file: `$XDG_CONFIG_HOME/qari/config.toml`, else
//! `~/.config/qari/config.toml`, or the file `QARI_CONFIG` names. It is read
//! once, at start; a missing file is no configuration, a bad one is one
//! error naming the file (and for a key qari does not know, or a value it
//! does not take, the line, the column and what was expected).
//!
//! Every setting is optional. The command line wins over the environment
//! (`QARI_LIBRARY`, `QARI_THEME`…), which wins over this file, which wins
//! over the defaults: see `cli::args::Cli::settings`.
//!
//! A new setting is one field of [`Config`] (a folder also goes through
//! [`Config::folders`], so that `~/` and relative paths are resolved).

pub mod keys;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::app::BidiMode;
use crate::files::{Cap, FileError, read_capped, read_toml};

/// The configuration file's cap: a few lines in practice.
pub const CONFIG_FILE: Cap = Cap {
    limit: 1 << 20,
    what: "a configuration file",
};

/// The variable that names the configuration file instead.
pub const CONFIG_VAR: &str = "QARI_CONFIG";

/// The settings of the file, each `None` when it does not set it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where articles, the glossary and reading positions live
    /// (`--library`, `QARI_LIBRARY`).
    pub library: Option<Folder>,
    /// Folders with dictd or StarDict dictionaries, searched in order
    /// (`--dictionaries`, `QARI_DICTIONARIES`).
    pub dictionaries: Option<Vec<Folder>>,
    /// Who does bidi: `app` or `terminal` (`--bidi`, `QARI_BIDI`).
    pub bidi: Option<Bidi>,
    /// The status colours: `auto`, `dark` or `light` (`--theme`,
    /// `QARI_THEME`).
    pub theme: Option<Theme>,
    /// The command that drafts translations (`QARI_TRANSLATOR`).
    pub translator: Option<String>,
    /// How sentences are handed to it: `lines` (a batch, a line each) or
    /// `sentence` (one run each).
    pub translator_mode: Option<TranslatorMode>,
    /// How long one batch may take, in seconds (1 or more).
    pub translator_timeout: Option<Spanned<u64>>,
}

/// `translator_mode =`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslatorMode {
    #[default]
    Lines,
    Sentence,
}

/// A folder named in the file: absolute once read (`~/` is the home
/// folder; a relative path is taken from the configuration file's folder).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Folder(Spanned<PathBuf>);

impl Folder {
    pub fn path(&self) -> &Path {
        self.0.get_ref()
    }

    pub fn into_path(self) -> PathBuf {
        self.0.into_inner()
    }
}

/// `--bidi`, `bidi =`: who reorders and shapes right-to-left text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Bidi {
    // (No doc comments here: clap would show them in `--help`.)
    #[default]
    App,
    Terminal,
}

impl From<Bidi> for BidiMode {
    fn from(bidi: Bidi) -> Self {
        match bidi {
            Bidi::App => BidiMode::App,
            Bidi::Terminal => BidiMode::Terminal,
        }
    }
}

/// `--theme`, `theme =`: the status colours for a dark or light
/// background, or found out from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Auto,
    Dark,
    Light,
}

/// Why the configuration could not be used. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file is there but cannot be read: not a regular file, over
    /// [`CONFIG_FILE`], unreadable; or `QARI_CONFIG` names no file.
    #[error("{0}")]
    Read(FileError),
    /// Not UTF-8, not TOML, a key qari does not know, a value it does not
    /// take, a folder that cannot be one ([`FileError::Syntax`] gives the
    /// line, the column and what was expected).
    #[error("{0}")]
    Invalid(FileError),
}

/// Where the configuration file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Named by `QARI_CONFIG`: it must exist.
    Given(PathBuf),
    /// The usual place: it may not exist.
    Usual(PathBuf),
}

impl Location {
    /// From the environment (`var` looks a variable up): `QARI_CONFIG`,
    /// else `$XDG_CONFIG_HOME/qari/config.toml`, else
    /// `$HOME/.config/qari/config.toml` (the XDG variables count only when
    /// absolute, as the convention says); `None` without any of them.
    pub fn find(var: impl Fn(&str) -> Option<OsString>) -> Option<Location> {
        if let Some(given) = var(CONFIG_VAR).filter(|v| !v.is_empty()) {
            return Some(Location::Given(given.into()));
        }
        let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
        absolute("XDG_CONFIG_HOME")
            .or_else(|| absolute("HOME").map(|home| home.join(".config")))
            .map(|folder| Location::Usual(folder.join("qari").join("config.toml")))
    }

    pub fn path(&self) -> &Path {
        match self {
            Location::Given(path) | Location::Usual(path) => path,
        }
    }
}

impl Config {
    /// The configuration the environment points to (see
    /// [`Location::find`]), or none.
    pub fn from_env() -> Result<Config, ConfigError> {
        let var = |name: &str| std::env::var_os(name);
        let home = var("HOME").map(PathBuf::from);
        match Location::find(var) {
            Some(location) => Config::read(&location, home.as_deref()),
            None => Ok(Config::default()),
        }
    }

    /// Reads the file at `location`: a missing file in the usual place is
    /// no configuration. `home` is what `~/` stands for.
    pub fn read(location: &Location, home: Option<&Path>) -> Result<Config, ConfigError> {
        let path = location.path();
        match read_capped(path, CONFIG_FILE) {
            Ok(bytes) => Config::parse(&bytes, path, home),
            Err(error) if error.is_not_found() && matches!(location, Location::Usual(_)) => {
                Ok(Config::default())
            }
            Err(error) => Err(ConfigError::Read(error)),
        }
    }

    /// Parses the text of the file at `path`, its folders made absolute.
    pub fn parse(bytes: &[u8], path: &Path, home: Option<&Path>) -> Result<Config, ConfigError> {
        let (mut config, text): (Config, &str) =
            read_toml(bytes, path).map_err(ConfigError::Invalid)?;
        let base = path.parent().unwrap_or(Path::new(""));
        for folder in config.folders() {
            let span = folder.0.span();
            let invalid = |message: &str| {
                ConfigError::Invalid(FileError::syntax(path, text, span.start, &message))
            };
            let written = folder.path();
            let absolute = if written.as_os_str().is_empty() {
                return Err(invalid("expected a folder, found an empty string"));
            } else if let Ok(rest) = written.strip_prefix("~") {
                let home = home.ok_or_else(|| invalid("~ stands for HOME, which is not set"))?;
                home.join(rest)
            } else {
                base.join(written)
            };
            *folder.0.get_mut() = absolute;
        }
        if let Some(timeout) = &config.translator_timeout
            && *timeout.get_ref() == 0
        {
            let message = "expected the seconds a batch may take, 1 or more";
            let at = timeout.span().start;
            return Err(ConfigError::Invalid(FileError::syntax(
                path, text, at, &message,
            )));
        }
        Ok(config)
    }

    /// The translator set here, if any (`QARI_TRANSLATOR`, `translator` in
    /// the environment wins, see `cli::args::Cli::settings`).
    pub fn translator(
        &self,
        command: Option<String>,
    ) -> Option<crate::runtime::translator::Translator> {
        use crate::runtime::translator::{DEFAULT_TIMEOUT, Mode, Translator};
        let command = command.or_else(|| self.translator.clone())?;
        if command.trim().is_empty() {
            return None;
        }
        Some(Translator {
            command,
            mode: match self.translator_mode.unwrap_or_default() {
                TranslatorMode::Lines => Mode::Lines,
                TranslatorMode::Sentence => Mode::Sentence,
            },
            timeout: self
                .translator_timeout
                .as_ref()
                .map_or(DEFAULT_TIMEOUT, |t| {
                    std::time::Duration::from_secs(*t.get_ref())
                }),
        })
    }

    /// The settings that name folders.
    fn folders(&mut self) -> impl Iterator<Item = &mut Folder> {
        self.library
            .iter_mut()
            .chain(self.dictionaries.iter_mut().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "/home/u/.config/qari/config.toml";

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text.as_bytes(), Path::new(PATH), Some(Path::new("/home/u")))
    }

    fn message(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn every_setting_is_read_and_folders_made_absolute() {
        let config = parse(
            r#"
# A comment.
library = "~/arabic"
dictionaries = ["/usr/share/dictd", "dicts", "~"]
bidi = "terminal"
theme = "light"
"#,
        )
        .unwrap();
        assert_eq!(
            config.library.map(Folder::into_path),
            Some(PathBuf::from("/home/u/arabic"))
        );
        let dictionaries: Vec<PathBuf> = config
            .dictionaries
            .unwrap()
            .into_iter()
            .map(Folder::into_path)
            .collect();
        assert_eq!(
            dictionaries,
            ["/usr/share/dictd", "/home/u/.config/qari/dicts", "/home/u"].map(PathBuf::from)
        );
        assert_eq!(config.bidi, Some(Bidi::Terminal));
        assert_eq!(config.theme, Some(Theme::Light));
    }

    #[test]
    fn the_translator_its_mode_and_its_time_out() {
        use crate::runtime::translator::{DEFAULT_TIMEOUT, Mode};
        let config = parse("translator = \"trans -b ar:en\"\ntranslator_mode = \"sentence\"\ntranslator_timeout = 5\n").unwrap();
        let translator = config.translator(None).unwrap();
        assert_eq!(translator.command, "trans -b ar:en");
        assert_eq!(translator.mode, Mode::Sentence);
        assert_eq!(translator.timeout, std::time::Duration::from_secs(5));
        // The environment's command wins; the mode and time-out stay.
        let from_env = config.translator(Some("llm".into())).unwrap();
        assert_eq!(
            (from_env.command.as_str(), from_env.mode),
            ("llm", Mode::Sentence)
        );
        let plain = parse("translator = \"argos-translate --from ar --to en\"\n").unwrap();
        let translator = plain.translator(None).unwrap();
        assert_eq!(
            (translator.mode, translator.timeout),
            (Mode::Lines, DEFAULT_TIMEOUT)
        );
        assert!(Config::default().translator(None).is_none());
        assert_eq!(
            message("translator_timeout = 0\n"),
            format!("{PATH}:1:22: expected the seconds a batch may take, 1 or more")
        );
        assert!(message("translator_mode = \"words\"\n").contains("unknown variant `words`"));
    }

    #[test]
    fn an_empty_file_sets_nothing() {
        assert_eq!(parse("").unwrap(), Config::default());
        assert_eq!(parse("# nothing yet\n").unwrap(), Config::default());
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_place_and_the_keys_there_are() {
        assert_eq!(
            message("theme = \"dark\"\ncolour = \"blue\"\n"),
            format!(
                "{PATH}:2:1: unknown field `colour`, expected one of `library`, `dictionaries`, `bidi`, `theme`, `translator`, `translator_mode`, `translator_timeout`"
            )
        );
        // A table is not a setting either.
        assert!(message("[reader]\nbidi = \"app\"\n").starts_with(&format!("{PATH}:1:")));
    }

    #[test]
    fn a_value_qari_does_not_take_is_refused_with_what_it_takes() {
        assert_eq!(
            message("theme = \"blue\""),
            format!("{PATH}:1:9: unknown variant `blue`, expected one of `auto`, `dark`, `light`")
        );
        assert_eq!(
            message("bidi = \"App\""),
            format!("{PATH}:1:8: unknown variant `App`, expected `app` or `terminal`")
        );
        let wrong_type = message("library = 3");
        assert!(wrong_type.starts_with(&format!("{PATH}:1:11: invalid type: integer `3`")));
        let not_toml = message("library = ~/arabic");
        assert!(
            not_toml.starts_with(&format!("{PATH}:1:11: ")),
            "{not_toml}"
        );
        assert!(!not_toml.contains('\n'), "one line: {not_toml}");
    }

    #[test]
    fn a_folder_must_be_one() {
        assert_eq!(
            message("dictionaries = [\"/a\", \"\"]"),
            format!("{PATH}:1:23: expected a folder, found an empty string")
        );
        let no_home = Config::parse(b"library = \"~/x\"", Path::new(PATH), None);
        assert_eq!(
            no_home.unwrap_err().to_string(),
            format!("{PATH}:1:11: ~ stands for HOME, which is not set")
        );
    }

    #[test]
    fn not_utf8_is_refused() {
        let refused = Config::parse(b"theme = \"\xff\"", Path::new(PATH), None).unwrap_err();
        assert!(matches!(
            refused,
            ConfigError::Invalid(FileError::InvalidUtf8 { .. })
        ));
    }

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_file_is_qari_config_else_under_xdg_config_home_else_under_home() {
        let usual = |path: &str| Some(Location::Usual(PathBuf::from(path)));
        assert_eq!(Location::find(env(&[])), None);
        assert_eq!(
            Location::find(env(&[("HOME", "/home/u")])),
            usual("/home/u/.config/qari/config.toml")
        );
        assert_eq!(
            Location::find(env(&[("HOME", "/home/u"), ("XDG_CONFIG_HOME", "/xdg")])),
            usual("/xdg/qari/config.toml")
        );
        // A relative XDG_CONFIG_HOME is ignored, as the convention says.
        assert_eq!(
            Location::find(env(&[("HOME", "/home/u"), ("XDG_CONFIG_HOME", "rel")])),
            usual("/home/u/.config/qari/config.toml")
        );
        assert_eq!(
            Location::find(env(&[("XDG_CONFIG_HOME", "/xdg"), (CONFIG_VAR, "my.toml")])),
            Some(Location::Given(PathBuf::from("my.toml")))
        );
        assert_eq!(
            Location::find(env(&[("XDG_CONFIG_HOME", "/xdg"), (CONFIG_VAR, "")])),
            usual("/xdg/qari/config.toml")
        );
    }

    #[test]
    fn a_missing_file_is_no_configuration_unless_qari_config_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("config.toml");
        assert_eq!(
            Config::read(&Location::Usual(missing.clone()), None).unwrap(),
            Config::default()
        );
        let given = Config::read(&Location::Given(missing.clone()), None).unwrap_err();
        assert!(matches!(given, ConfigError::Read(ref e) if e.is_not_found()));
        assert!(
            given
                .to_string()
                .starts_with(&missing.display().to_string())
        );
        // A folder where the file should be is said, wherever it is.
        std::fs::create_dir(&missing).unwrap();
        let folder = Config::read(&Location::Usual(missing.clone()), None).unwrap_err();
        assert_eq!(
            folder.to_string(),
            format!(
                "{}: not a regular file (a directory); not read",
                missing.display()
            )
        );
    }

    #[test]
    fn the_file_is_read_from_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "library = \"lib\"\n").unwrap();
        let config = Config::read(&Location::Usual(path), None).unwrap();
        assert_eq!(config.library.unwrap().path(), dir.path().join("lib"));
    }
}
