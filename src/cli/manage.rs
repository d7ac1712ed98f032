//! `qari rm`, `qari restore`, `qari rename`, `qari retitle`: the library's
//! articles managed (see [`crate::article::Library::remove`] and the
//! others for what each does on disk). What they print goes through
//! [`Printable`]: an id is a file's name, which may hold anything.

use std::io::Write;

use crate::article::{Library, Removed, Restored};
use crate::files::Printable;
use crate::quote::quoted;

use super::Error;
use super::output::counted;

/// `qari rm ARTICLE`: to the trash, or a bundled article hidden; says
/// which on `out`.
pub fn rm(library: &Library, id: &str, out: impl Write) -> Result<Removed, Error> {
    let mut out = Printable::new(out);
    let removed = library.remove(id)?;
    match &removed {
        Removed::Trashed { article, overlay } => {
            let with = if overlay.is_some() {
                " with your translations of it"
            } else {
                ""
            };
            writeln!(
                out,
                "moved {id}{with} to the trash ({}); `qari restore {id}` brings it back",
                article.display()
            )?;
        }
        Removed::Hidden(newly) => {
            let already = if *newly { "" } else { " (it was already)" };
            writeln!(
                out,
                "{id} is bundled with qari and cannot be removed: hidden from `qari list`{already}; `qari restore {id}` shows it again"
            )?;
        }
    }
    Ok(removed)
}

/// `qari restore ARTICLE`: back from the trash, or a hidden bundled
/// article listed again; says which on `out`.
pub fn restore(library: &Library, id: &str, out: impl Write) -> Result<Restored, Error> {
    let mut out = Printable::new(out);
    let restored = library.restore(id)?;
    match &restored {
        Restored::FromTrash { article, overlay } => {
            let with = if overlay.is_some() {
                " with your translations of it"
            } else {
                ""
            };
            match article {
                Some(path) => writeln!(out, "restored {id}{with} ({})", path.display())?,
                None => writeln!(out, "restored your translations of {id}")?,
            }
        }
        Restored::Unhidden => writeln!(out, "{id} is listed again")?,
    }
    Ok(restored)
}

/// `qari rename ARTICLE NEW-ID`; says on `out` what moved, and on `err`
/// when the glossary could not follow.
pub fn rename(
    library: &Library,
    id: &str,
    new_id: &str,
    out: impl Write,
    mut err: impl Write,
) -> Result<(), Error> {
    let mut out = Printable::new(out);
    let renamed = library.rename(id, new_id)?;
    let with = if renamed.overlay.is_some() {
        " with your translations of it"
    } else {
        ""
    };
    writeln!(
        out,
        "renamed {id} to {new_id}{with} ({})",
        renamed.path.display()
    )?;
    match renamed.glossary {
        Ok(0) => {}
        Ok(count) => writeln!(
            out,
            "{} met in it now {} {new_id}",
            counted(count, "glossary entry", "glossary entries"),
            if count == 1 { "names" } else { "name" }
        )?,
        Err(error) => writeln!(
            err,
            "qari: the glossary entries met in {id} still name it (their review shows no sentence): {error}"
        )?,
    }
    writeln!(out, "id: {new_id}")?;
    Ok(())
}

/// `qari retitle ARTICLE TITLE`.
pub fn retitle(library: &Library, id: &str, title: &str, out: impl Write) -> Result<(), Error> {
    let mut out = Printable::new(out);
    library.retitle(id, title)?;
    writeln!(out, "retitled {id}: {}", quoted(title.trim()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{BUNDLED_ID, library, text};

    #[test]
    fn a_bundled_article_is_hidden_and_shown_again_and_said_so() {
        let (_dir, library) = library();
        let mut out = Vec::new();
        rm(&library, BUNDLED_ID, &mut out).unwrap();
        restore(&library, BUNDLED_ID, &mut out).unwrap();
        assert_eq!(
            text(out),
            format!(
                "{BUNDLED_ID} is bundled with qari and cannot be removed: hidden from `qari list`; `qari restore {BUNDLED_ID}` shows it again\n{BUNDLED_ID} is listed again\n"
            )
        );
        let error = rename(&library, BUNDLED_ID, "x-y", Vec::new(), Vec::new()).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("\"{BUNDLED_ID}\" is bundled with qari: it cannot be renamed")
        );
        let error = rm(&library, "none", Vec::new()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "no article \"none\" in the library: `qari list` shows the ids"
        );
    }
}
