//! `qari review --count` (`qari review` itself is the reader, in review:
//! see [`super::read`]).

use std::io::Write;

use chrono::{DateTime, Utc};

use crate::app::due_entries;
use crate::article::Library;
use crate::glossary::Glossary;

use super::Error;
use super::output::glossary_dir;

/// Prints how many of the learner's entries are due at `now`, and returns
/// it.
pub fn count(library: &Library, now: DateTime<Utc>, mut out: impl Write) -> Result<usize, Error> {
    let glossary = Glossary::load(Some(&glossary_dir(library)));
    let due = due_entries(&glossary, now).len();
    writeln!(out, "{due}")?;
    Ok(due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::glossary::add;
    use crate::cli::testing::library;
    use crate::glossary::Entry;

    #[test]
    fn counts_the_learners_new_entries_as_due() {
        let (_dir, library) = library();
        let mut out = Vec::new();
        assert_eq!(count(&library, Utc::now(), &mut out).unwrap(), 0);
        for (headword, gloss) in [("نفير", "mobilisation"), ("سيطر", "to control")] {
            let entry = Entry {
                headword: headword.to_owned(),
                senses: vec![gloss.to_owned()],
                ..Entry::default()
            };
            add(&library, entry, Vec::new()).unwrap();
        }
        assert_eq!(count(&library, Utc::now(), &mut out).unwrap(), 2);
        assert_eq!(out, b"0\n2\n");
    }
}
