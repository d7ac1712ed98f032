//! dictd dictionaries: `NAME.index`, one line per entry (`headword TAB
//! offset TAB length`, the numbers in dictd's [`base64`](super::base64)),
//! and the definitions in `NAME.dict` or `NAME.dict.dz`, each starting with
//! its headword line ("Government /ɡˈʌvənmənt/"). Entries whose headword
//! starts with `00database` or `00-database` are dictd's own metadata.

use std::path::Path;

use super::index::{Layout, Parsed};
use super::{DictError, Dictionary, Format, base64, cache, dictzip, file_stem};

/// The dictd format, marked by `NAME.index`.
pub struct Dictd;

impl Format for Dictd {
    fn name(&self) -> &'static str {
        "dictd"
    }

    fn extension(&self) -> &'static str {
        "index"
    }

    fn load(&self, index_path: &Path) -> Result<Dictionary, DictError> {
        let parsed = parse(index_path)?;
        Dictionary::build(parsed, index_path)
    }

    fn load_cached(&self, index_path: &Path, cache: &Path) -> Result<Dictionary, DictError> {
        let name = file_stem(index_path);
        cache::load(index_path, cache, name, Layout::FirstLine, || {
            parse(index_path)
        })
    }
}

/// Reads the index and the definitions; checks every entry's span.
fn parse(index_path: &Path) -> Result<Parsed, DictError> {
    let path = || index_path.to_path_buf();
    let index =
        String::from_utf8(dictzip::read_file(index_path)?).map_err(|_| DictError::NotText {
            path: path(),
            expected: "a dictd index",
        })?;
    let data = dictzip::read_definitions(index_path)?;
    let data_len = u32::try_from(data.len()).unwrap_or(u32::MAX) as usize;
    let mut entries = Vec::new();
    for (number, line) in index.lines().enumerate() {
        let line_number = number + 1;
        let mut fields = line.split('\t');
        let (Some(headword), Some(offset), Some(length)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(DictError::IndexFields {
                path: path(),
                line: line_number,
            });
        };
        if headword.starts_with("00database") || headword.starts_with("00-database") {
            continue; // dictd's own metadata entries
        }
        let (Some(offset), Some(length)) = (base64::number(offset), base64::number(length)) else {
            return Err(DictError::IndexNumber {
                path: path(),
                line: line_number,
            });
        };
        if offset as usize + length as usize > data_len {
            return Err(DictError::IndexPastEnd {
                path: path(),
                line: line_number,
            });
        }
        entries.push((headword.to_owned(), offset, length));
    }
    Ok(Parsed {
        name: file_stem(index_path),
        data,
        entries,
        layout: Layout::FirstLine,
        // The definitions are the text.
        convert: None,
    })
}
