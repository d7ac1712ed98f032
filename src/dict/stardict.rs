//! StarDict dictionaries: `NAME.ifo` (`key=value` lines after StarDict's
//! first line: `bookname`, `sametypesequence`, `idxoffsetbits`), `NAME.idx`
//! (each entry a headword, NUL, then its definition's offset and size as
//! big-endian numbers: a 32-bit offset, or 64-bit with `idxoffsetbits=64`,
//! and a 32-bit size) and the definitions in `NAME.dict` or `NAME.dict.dz`.
//!
//! A definition is fields: with `sametypesequence` their types are given
//! once and the fields follow each other, NUL-separated (the last without
//! its NUL); without it each field starts with its type letter. qari shows
//! every field as text, markup stripped ([`html`](super::html)). Entries
//! may share a definition's bytes; its text is made once.

use std::path::Path;

use super::index::{Layout, Parsed};
use super::{DictError, Dictionary, Format, dictzip, file_stem, html};

/// The StarDict format, marked by `NAME.ifo`.
pub struct StarDict;

impl Format for StarDict {
    fn name(&self) -> &'static str {
        "StarDict"
    }

    fn extension(&self) -> &'static str {
        "ifo"
    }

    fn load(&self, ifo_path: &Path) -> Result<Dictionary, DictError> {
        Dictionary::build(parse(ifo_path)?, ifo_path)
    }
}

/// Reads the `.ifo`, the `.idx` and the definitions; checks every entry's
/// span.
fn parse(ifo_path: &Path) -> Result<Parsed, DictError> {
    let ifo = String::from_utf8(dictzip::read_file(ifo_path)?).map_err(|_| DictError::NotText {
        path: ifo_path.to_path_buf(),
        expected: "a StarDict .ifo",
    })?;
    if !ifo.starts_with("StarDict's dict ifo file") {
        return Err(DictError::NotStarDict {
            path: ifo_path.to_path_buf(),
        });
    }
    let setting = |key: &str| {
        ifo.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .map(str::trim)
    };
    let width = if setting("idxoffsetbits") == Some("64") {
        8
    } else {
        4
    };
    let sequence = setting("sametypesequence").unwrap_or("").to_owned();
    let name = setting("bookname").map_or_else(|| file_stem(ifo_path), str::to_owned);
    let idx_path = ifo_path.with_extension("idx");
    let idx = dictzip::read_file(&idx_path)?;
    let data = dictzip::read_definitions(ifo_path)?;
    let mut entries = Vec::new();
    let mut at = 0;
    while at < idx.len() {
        let end = idx[at..]
            .iter()
            .position(|&b| b == 0)
            .ok_or_else(|| DictError::IdxNoNul {
                path: idx_path.clone(),
            })?
            + at;
        let headword = String::from_utf8_lossy(&idx[at..end]).into_owned();
        let number = |from: usize, len: usize| -> Result<u64, DictError> {
            idx.get(from..from + len)
                .map(|b| b.iter().fold(0u64, |v, &x| v << 8 | u64::from(x)))
                .ok_or_else(|| DictError::IdxCut {
                    path: idx_path.clone(),
                })
        };
        let offset = number(end + 1, width)?;
        let size = number(end + 1 + width, 4)?;
        at = end + 1 + width + 4;
        let span = offset
            .checked_add(size)
            .filter(|&end| end <= data.len() as u64)
            .and_then(|_| Some((u32::try_from(offset).ok()?, u32::try_from(size).ok()?)));
        let Some((offset, size)) = span else {
            return Err(DictError::IdxPastEnd {
                path: idx_path,
                headword,
            });
        };
        entries.push((headword, offset, size));
    }
    Ok(Parsed {
        name,
        data,
        entries,
        layout: Layout::Apart,
        convert: Some(Box::new(move |body| definition_text(body, &sequence))),
    })
}

/// The text of a definition: its fields one per line (see the module's
/// notes), tags stripped.
fn definition_text(body: &[u8], sequence: &str) -> String {
    let text = String::from_utf8_lossy(body);
    let plain = if sequence.is_empty() {
        text.split('\0')
            .filter_map(|field| field.get(1..))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        text.replace('\0', "\n")
    };
    html::strip_tags(&plain)
}

#[cfg(test)]
mod tests {
    use super::definition_text;

    #[test]
    fn fields_with_and_without_a_type_sequence() {
        assert_eq!(
            definition_text(b"m<b>envoy</b>\0tmab\xca\xbfuth", ""),
            "envoy\nmabʿuth"
        );
        assert_eq!(
            definition_text(b"government\0cabinet", "mm"),
            "government\ncabinet"
        );
    }
}
