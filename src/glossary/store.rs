//! Glossary files: TOML with one `[[entry]]` table per entry (see README,
//! "Glossary files"), and the learner's own file, `DIR/glossary/user.toml`,
//! which qari changes only under a lock, re-reading it first, and writes
//! atomically, so concurrent writers and crashes never lose an entry.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::entry::{Entry, EntryError, now};
use crate::arabic::{marked_letters, normalize};
use crate::files::{
    Cap, FileError, GLOSSARY_FILE, atomic_write, read_capped, read_toml, with_lock,
};
use crate::quote::quoted;

/// The file qari writes the learner's entries to, in `DIR/glossary/`.
pub const USER_FILE: &str = "user.toml";
const LOCK_FILE: &str = ".user.toml.lock";
const HEADER: &str = "# qari glossary: your entries, one [[entry]] table each. qari rewrites\n\
# this file when you add, edit or delete an entry; you may edit it by hand\n\
# too (format: README.md, \"Glossary files\").\n\n";

/// Why a glossary file could not be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{path} cannot be read ({reason}); qari leaves it as it is: fix it, then try again")]
    ReadOnly { path: String, reason: String },
    #[error(transparent)]
    Entry(#[from] EntryError),
    #[error("no entry {} in your glossary ({})", quoted(.0), .1)]
    NotFound(String, String),
    #[error(
        "your glossary already has an entry {}: edit that one, or delete it first",
        quoted(.0)
    )]
    Exists(String),
}

/// Whether two headwords name the same entry: the same letters as the
/// glossary folds them, and, letter by letter, vowels that agree where both
/// are written with vowels (one letter's marks among the other's). عِلْم
/// "knowledge" and عَلَم "flag" are two entries; علم, written bare, is
/// either.
pub fn same_headword(a: &str, b: &str) -> bool {
    if normalize(a) != normalize(b) {
        return false;
    }
    let (a, b) = (marked_letters(a), marked_letters(b));
    a.len() != b.len()
        || a.iter().zip(&b).all(|(a, b)| {
            a.marks.iter().all(|m| b.marks.contains(m))
                || b.marks.iter().all(|m| a.marks.contains(m))
        })
}

/// Which of `candidates` (index, headword) is the entry for `headword`:
/// the one spelt exactly so (vowels and all) if there is one, else the
/// first [`same_headword`] finds.
pub fn entry_for<'a>(
    candidates: impl Iterator<Item = (usize, &'a str)> + Clone,
    headword: &str,
) -> Option<usize> {
    let mut others = candidates.clone();
    let mut exact = candidates;
    exact
        .find(|(_, h)| *h == headword)
        .or_else(|| others.find(|(_, h)| same_headword(h, headword)))
        .map(|(i, _)| i)
}

/// Where the entry for `headword` is in `entries` ([`entry_for`]).
fn find_entry(entries: &[Entry], headword: &str) -> Option<usize> {
    entry_for(
        entries.iter().map(|e| e.headword.as_str()).enumerate(),
        headword,
    )
}

/// Where the entry `headword` is in `entries`, or `NotFound` naming the file.
fn position_of(entries: &[Entry], headword: &str, file: &Path) -> Result<usize, GlossaryError> {
    find_entry(entries, headword)
        .ok_or_else(|| GlossaryError::NotFound(headword.to_owned(), file.display().to_string()))
}

/// One glossary file's entries.
#[derive(Debug, Clone)]
pub struct GlossaryFile {
    pub path: PathBuf,
    pub bundled: bool,
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[serde(default)]
    entry: Vec<Spanned<Entry>>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    entry: &'a [Entry],
}

/// Reads a glossary file's text. Every entry is checked; the first bad one
/// is reported with its line and column.
pub fn parse_glossary(
    bytes: &[u8],
    path: &Path,
    bundled: bool,
) -> Result<GlossaryFile, GlossaryError> {
    let (file, text): (FileIn, &str) = read_toml(bytes, path)?;
    let located = |offset: usize, message: String| FileError::syntax(path, text, offset, &message);
    let mut entries = Vec::with_capacity(file.entry.len());
    for spanned in file.entry {
        let start = spanned.span().start;
        let mut entry = spanned.into_inner();
        entry.strip_bidi_controls();
        entry.validate().map_err(|error| {
            located(start, format!("entry {}: {error}", quoted(&entry.headword)))
        })?;
        entries.push(entry);
    }
    Ok(GlossaryFile {
        path: path.to_path_buf(),
        bundled,
        entries,
    })
}

/// Reads a glossary file from disk (a regular file within
/// [`GLOSSARY_FILE`]).
pub fn load_glossary_file(path: &Path) -> Result<GlossaryFile, GlossaryError> {
    let bytes = read_capped(path, GLOSSARY_FILE)?;
    parse_glossary(&bytes, path, false)
}

/// What an add did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Added,
    /// An entry with the same headword was there and was replaced.
    Updated,
}

/// What an import changed: headwords added, and for each entry updated
/// the fields that changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: Vec<String>,
    pub updated: Vec<(String, Vec<&'static str>)>,
}

/// The learner's glossary folder, `DIR/glossary/`.
#[derive(Debug, Clone)]
pub struct UserGlossary {
    pub dir: PathBuf,
    /// The most bytes its file takes, read or written: [`GLOSSARY_FILE`]
    /// (a smaller one in tests).
    cap: Cap,
}

impl UserGlossary {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        UserGlossary {
            dir: dir.into(),
            cap: GLOSSARY_FILE,
        }
    }

    /// The same folder with a file cap of `limit` bytes.
    #[cfg(test)]
    fn with_cap(mut self, limit: u64) -> Self {
        self.cap.limit = limit;
        self
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(USER_FILE)
    }

    /// Adds `entry`, or merges it into the entry with the same headword
    /// (after normalisation) as that entry is on disk: what `entry` carries
    /// updates it, the rest (status, review history, context…) is kept.
    pub fn add(&self, mut entry: Entry) -> Result<Saved, GlossaryError> {
        entry.validate()?;
        let incoming = entry.clone();
        self.add_or_update(entry, |existing| {
            existing.merge_from(&incoming);
        })
    }

    /// Adds `entry` when the file has no entry with its headword; else
    /// applies `change` to the one on disk (never a copy read earlier).
    pub fn add_or_update(
        &self,
        mut entry: Entry,
        change: impl FnOnce(&mut Entry),
    ) -> Result<Saved, GlossaryError> {
        entry.validate()?;
        self.change(|entries| {
            let stamp = now();
            match find_entry(entries, &entry.headword).map(|i| &mut entries[i]) {
                Some(existing) => {
                    change(existing);
                    existing.updated = stamp;
                    Ok(Saved::Updated)
                }
                None => {
                    if entry.created.is_empty() {
                        entry.created.clone_from(&stamp);
                    }
                    entry.updated = stamp;
                    entries.push(entry);
                    Ok(Saved::Added)
                }
            }
        })
    }

    /// Applies `change` to the entry `headword` as it is on disk, under the
    /// lock. An entry deleted meanwhile stays deleted: `NotFound`.
    pub fn update(
        &self,
        headword: &str,
        change: impl FnOnce(&mut Entry),
    ) -> Result<(), GlossaryError> {
        let file = self.path();
        self.change(|entries| {
            let position = position_of(entries, headword, &file)?;
            let entry = &mut entries[position];
            change(entry);
            entry.validate()?;
            entry.updated = now();
            Ok(())
        })
    }

    /// Merges several entries under one lock (an import): each goes into
    /// the entry with its headword as `add` does. Returns what changed.
    pub fn add_all(&self, entries: Vec<Entry>) -> Result<Merged, GlossaryError> {
        self.change(|existing| {
            let mut merged = Merged::default();
            // Headwords are looked up in a map (by their letters, then
            // among the few spelt so): an import of thousands of rows stays
            // linear.
            let mut index: std::collections::HashMap<String, Vec<usize>> =
                std::collections::HashMap::new();
            for (i, e) in existing.iter().enumerate() {
                index.entry(normalize(&e.headword)).or_default().push(i);
            }
            let stamp = now();
            for mut entry in entries {
                let key = normalize(&entry.headword);
                let candidates = index.get(&key).map(Vec::as_slice).unwrap_or_default();
                let found = entry_for(
                    candidates
                        .iter()
                        .map(|&i| (i, existing[i].headword.as_str())),
                    &entry.headword,
                );
                match found {
                    Some(i) => {
                        let changed = existing[i].merge_from(&entry);
                        if !changed.is_empty() {
                            existing[i].updated.clone_from(&stamp);
                            merged.updated.push((existing[i].headword.clone(), changed));
                        }
                    }
                    None => {
                        if entry.created.is_empty() {
                            entry.created.clone_from(&stamp);
                        }
                        entry.updated.clone_from(&stamp);
                        index.entry(key).or_default().push(existing.len());
                        merged.added.push(entry.headword.clone());
                        existing.push(entry);
                    }
                }
            }
            Ok(merged)
        })
    }

    /// The entry `old_headword` as it is on disk, with the fields the
    /// learner edited in a form set from `edited` (headword, glosses, root,
    /// part of speech, notes: an emptied field is cleared); its status,
    /// review history, forms and the rest are kept. A new headword that
    /// another entry has is refused: that entry is never lost.
    pub fn edit(&self, old_headword: &str, mut edited: Entry) -> Result<Saved, GlossaryError> {
        edited.validate()?;
        let renamed = !same_headword(old_headword, &edited.headword);
        let file = self.path();
        self.change(|entries| {
            let position = position_of(entries, old_headword, &file)?;
            if renamed && position_of(entries, &edited.headword, &file).is_ok() {
                return Err(GlossaryError::Exists(edited.headword.clone()));
            }
            let mut entry = entries.remove(position);
            entry.headword = edited.headword;
            entry.senses = edited.senses;
            entry.root = edited.root;
            entry.pos = edited.pos;
            entry.notes = edited.notes;
            entry.validate()?;
            entry.updated = now();
            entries.push(entry);
            Ok(Saved::Updated)
        })
    }

    /// Removes the entry `headword`; returns how many went.
    pub fn remove(&self, headword: &str) -> Result<usize, GlossaryError> {
        let file = self.path();
        self.change(|entries| {
            let position = position_of(entries, headword, &file)?;
            entries.remove(position);
            Ok(1)
        })
    }

    /// The entries met in article `old` (their `context`) now name it
    /// `new` (`qari rename`); returns how many. A missing file, or one
    /// with no such entry, is left as it is (not written).
    pub fn rename_article(&self, old: &str, new: &str) -> Result<usize, GlossaryError> {
        let met_in = |e: &Entry, id: &str| e.context.as_ref().is_some_and(|c| c.article == id);
        if !self.read()?.iter().any(|e| met_in(e, old)) {
            return Ok(0);
        }
        self.change(|entries| {
            let mut renamed = 0;
            for entry in entries.iter_mut().filter(|e| met_in(e, old)) {
                if let Some(context) = &mut entry.context {
                    new.clone_into(&mut context.article);
                    renamed += 1;
                }
            }
            Ok(renamed)
        })
    }

    /// Reads the file (a missing one is empty).
    pub fn read(&self) -> Result<Vec<Entry>, GlossaryError> {
        let path = self.path();
        match read_capped(&path, self.cap) {
            Ok(bytes) => Ok(parse_glossary(&bytes, &path, false)?.entries),
            Err(error) if error.is_not_found() => Ok(Vec::new()),
            Err(error) => Err(error.into()),
        }
    }

    /// Runs `edit` on the file's entries under an exclusive lock, re-reading
    /// the file first (another qari may have written it) and writing it
    /// back atomically. A file that cannot be parsed is never overwritten.
    fn change<T>(
        &self,
        edit: impl FnOnce(&mut Vec<Entry>) -> Result<T, GlossaryError>,
    ) -> Result<T, GlossaryError> {
        let lock_path = self.dir.join(LOCK_FILE);
        with_lock(&lock_path, || self.change_locked(edit))
            .map_err(|source| GlossaryError::from(FileError::io(&lock_path, source)))?
    }

    fn change_locked<T>(
        &self,
        edit: impl FnOnce(&mut Vec<Entry>) -> Result<T, GlossaryError>,
    ) -> Result<T, GlossaryError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| GlossaryError::from(FileError::io(&path, source))
        };
        let path = self.path();
        let mut entries = self.read().map_err(|error| match error {
            // These name the file and say what was refused already.
            GlossaryError::File(
                FileError::Io { .. } | FileError::NotRegular { .. } | FileError::TooLarge { .. },
            ) => error,
            other => GlossaryError::ReadOnly {
                path: path.display().to_string(),
                reason: other.to_string(),
            },
        })?;
        let before = entries.clone();
        let result = edit(&mut entries)?;
        if entries == before {
            // Nothing changed (an export imported back): the file, its
            // layout and comments included, stays as it is.
            return Ok(result);
        }
        let body = toml::to_string(&FileOut { entry: &entries })
            .map_err(|e| io(&path)(std::io::Error::other(e)))?;
        let text = format!("{HEADER}{body}");
        if text.len() as u64 > self.cap.limit {
            // Written, it could not be read back: refused, file unchanged.
            return Err(FileError::would_be_too_large(&path, self.cap, text.len()).into());
        }
        atomic_write(&path, text.as_bytes()).map_err(io(&path))?;
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn add_update_replace_remove_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserGlossary::new(dir.path());
        assert_eq!(
            user.add(Entry::new("نفير", "mobilisation")).unwrap(),
            Saved::Added
        );
        assert_eq!(
            user.add(Entry::new("سيطر", "to control")).unwrap(),
            Saved::Added
        );
        assert_eq!(
            user.add(Entry::new("نَفِير", "call to arms")).unwrap(),
            Saved::Updated
        );
        let entries = user.read().unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].gloss(), "call to arms");
        assert!(!entries[0].created.is_empty());
        user.edit("سيطر", Entry::new("سيطرة", "control")).unwrap();
        // A rename onto another entry's headword would lose that entry.
        assert!(matches!(
            user.edit("سيطرة", Entry::new("نفير", "x")),
            Err(GlossaryError::Exists(_))
        ));
        assert_eq!(user.read().unwrap().len(), 2);
        assert_eq!(user.read().unwrap()[1].headword, "سيطرة");
        assert_eq!(user.remove("نفير").unwrap(), 1);
        assert!(matches!(
            user.remove("نفير"),
            Err(GlossaryError::NotFound(..))
        ));
        assert_eq!(user.read().unwrap().len(), 1);
    }

    /// An entry is its headword with its vowels: عِلْم "knowledge" and عَلَم
    /// "flag" are two entries, where they used to fold into one (the second
    /// add changed the first). An entry written without vowels, as every
    /// entry of an older glossary may be, is still the one a vowelled
    /// headword with its letters finds.
    #[test]
    fn headwords_that_differ_in_their_vowels_are_two_entries() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserGlossary::new(dir.path());
        user.add(Entry::new("عِلْم", "knowledge")).unwrap();
        assert_eq!(user.add(Entry::new("عَلَم", "flag")).unwrap(), Saved::Added);
        let glosses = |user: &UserGlossary| -> Vec<String> {
            user.read()
                .unwrap()
                .iter()
                .map(|e| e.gloss().to_owned())
                .collect()
        };
        assert_eq!(glosses(&user), ["knowledge", "flag"]);
        user.update("عَلَم", |e| e.senses = vec!["banner".into()])
            .unwrap();
        assert_eq!(glosses(&user), ["knowledge", "banner"]);
        assert_eq!(user.remove("عِلْم").unwrap(), 1);
        assert_eq!(glosses(&user), ["banner"]);
        // An older, unvowelled entry: found by its vowelled lemma.
        user.add(Entry::new("كتاب", "book")).unwrap();
        assert_eq!(
            user.add(Entry::new("كِتاب", "volume")).unwrap(),
            Saved::Updated
        );
        assert_eq!(user.read().unwrap().len(), 2);
        let imported = user
            .add_all(vec![
                Entry::new("عِلْم", "science"),
                Entry::new("عَلَم", "emblem"),
            ])
            .unwrap();
        assert_eq!(imported.added, ["عِلْم"]);
        assert_eq!(user.read().unwrap().len(), 3);
    }

    /// Seconds since the epoch of an RFC 3339 time qari wrote.
    fn seconds(time: &str) -> u64 {
        humantime::parse_rfc3339(time)
            .unwrap_or_else(|e| panic!("{time:?}: {e}"))
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    }

    fn seconds_now() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    }

    const LONG_AGO: &str = "2020-01-02T03:04:05Z";

    #[test]
    fn add_records_the_creation_time_and_keeps_it_on_every_later_change() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserGlossary::new(dir.path());
        let start = seconds_now();
        assert_eq!(
            user.add(Entry::new("نفير", "mobilisation")).unwrap(),
            Saved::Added
        );
        let end = seconds_now();
        let added = &user.read().unwrap()[0];
        assert!(
            (start..=end).contains(&seconds(&added.created)),
            "created {:?} is not the time of the add",
            added.created
        );
        assert_eq!(added.updated, added.created);

        // An entry that carries its creation time (an export imported
        // back) keeps it.
        let mut dated = Entry::new("سيطر", "to control");
        dated.created = LONG_AGO.into();
        user.add(dated).unwrap();
        let entries = user.read().unwrap();
        assert_eq!(entries[1].created, LONG_AGO);
        assert!(seconds(&entries[1].updated) >= start);

        // Later changes, whatever their kind, keep the creation time and
        // move the update time.
        let old = format!(
            "[[entry]]\nheadword = \"جيش\"\nsenses = [\"army\"]\ncreated = \"{LONG_AGO}\"\nupdated = \"{LONG_AGO}\"\n"
        );
        let changes: [(&str, &dyn Fn()); 5] = [
            ("add", &|| {
                user.add(Entry::new("جيش", "troops")).unwrap();
            }),
            ("add_or_update", &|| {
                user.add_or_update(Entry::new("جيش", "x"), |e| e.notes = "n".into())
                    .unwrap();
            }),
            ("update", &|| {
                user.update("جيش", |e| e.root = "ج ي ش".into()).unwrap();
            }),
            ("edit", &|| {
                user.edit("جيش", Entry::new("جيش", "armed forces")).unwrap();
            }),
            ("add_all", &|| {
                user.add_all(vec![Entry::new("جيش", "host")]).unwrap();
            }),
        ];
        for (name, change) in changes {
            fs::write(user.path(), &old).unwrap();
            let start = seconds_now();
            change();
            let entry = user.read().unwrap().remove(0);
            assert_eq!(entry.created, LONG_AGO, "{name} changed the creation time");
            assert!(
                seconds(&entry.updated) >= start,
                "{name}: updated {:?}",
                entry.updated
            );
        }

        // An import stamps the entries it adds.
        fs::write(user.path(), "").unwrap();
        let start = seconds_now();
        user.add_all(vec![Entry::new("جيش", "army"), Entry::new("هدنة", "truce")])
            .unwrap();
        for entry in user.read().unwrap() {
            assert!(seconds(&entry.created) >= start, "{entry:?}");
            assert_eq!(entry.updated, entry.created);
        }
    }

    #[test]
    fn a_malformed_file_is_reported_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserGlossary::new(dir.path());
        let broken = "[[entry]]\nheadword = \"نفير\"\nsenses = \"not a list\"\n";
        fs::write(user.path(), broken).unwrap();
        let error = user
            .add(Entry::new("سيطر", "to control"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("user.toml:3:10: invalid type: string"),
            "{error}"
        );
        assert!(error.contains("qari leaves it as it is"), "{error}");
        assert_eq!(fs::read_to_string(user.path()).unwrap(), broken);
    }

    #[test]
    fn a_file_that_cannot_be_read_is_an_error_not_an_empty_glossary() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserGlossary::new(dir.path());
        assert!(user.read().unwrap().is_empty(), "a missing file is empty");
        fs::create_dir(user.path()).unwrap();
        assert!(user.read().is_err());
        assert!(user.add(Entry::new("جيش", "army")).is_err());
        assert!(user.path().is_dir());
    }

    #[test]
    fn an_import_says_what_it_changed_and_an_unchanged_one_leaves_the_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserGlossary::new(dir.path());
        let merged = user
            .add_all(vec![Entry::new("جيش", "army"), Entry::new("هدنة", "truce")])
            .unwrap();
        assert_eq!(merged.added, ["جيش", "هدنة"]);
        assert!(merged.updated.is_empty());
        let mut root = Entry::new("جيش", "army");
        root.root = "ج ي ش".into();
        let merged = user
            .add_all(vec![root, Entry::new("هدنة", "truce")])
            .unwrap();
        assert!(merged.added.is_empty());
        assert_eq!(merged.updated, [("جيش".to_owned(), vec!["root"])]);
        // The same again: nothing changes, not even the file's comments.
        let text = format!("# mine\n{}", fs::read_to_string(user.path()).unwrap());
        fs::write(user.path(), &text).unwrap();
        let entries = user.read().unwrap();
        assert_eq!(user.add_all(entries).unwrap(), Merged::default());
        assert_eq!(fs::read_to_string(user.path()).unwrap(), text);
    }

    #[test]
    fn a_change_past_the_files_cap_is_refused_and_one_up_to_it_is_written() {
        let add_two = |user: &UserGlossary| {
            user.add(Entry::new("جيش", "army"))?;
            user.add(Entry::new("هدنة", "truce"))
        };
        // The length of the file with both entries (the times qari writes
        // are always as long).
        let dir = tempfile::tempdir().unwrap();
        add_two(&UserGlossary::new(dir.path())).unwrap();
        let length = fs::metadata(dir.path().join(USER_FILE)).unwrap().len();

        let dir = tempfile::tempdir().unwrap();
        let exact = UserGlossary::new(dir.path()).with_cap(length);
        add_two(&exact).unwrap();
        assert_eq!(fs::metadata(exact.path()).unwrap().len(), length);
        assert_eq!(exact.read().unwrap().len(), 2);

        let dir = tempfile::tempdir().unwrap();
        let short = UserGlossary::new(dir.path()).with_cap(length - 1);
        short.add(Entry::new("جيش", "army")).unwrap();
        let before = fs::read(short.path()).unwrap();
        let error = short.add(Entry::new("هدنة", "truce")).unwrap_err();
        let refused = format!(
            "user.toml: larger than the {} bytes cap for a glossary file (it would grow to {length} bytes); nothing was changed",
            length - 1
        );
        assert!(error.to_string().ends_with(&refused), "{error}");
        assert_eq!(fs::read(short.path()).unwrap(), before, "file unchanged");
    }

    #[test]
    fn entries_are_checked_when_read() {
        let text = "[[entry]]\nheadword = \"x\"\nsenses = [\"y\"]\n";
        let error = parse_glossary(text.as_bytes(), Path::new("g.toml"), false).unwrap_err();
        assert_eq!(
            error.to_string(),
            "g.toml:1:1: entry \"x\": the headword \"x\" has no Arabic letter"
        );
    }
}
