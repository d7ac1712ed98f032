//! Fuzz `qari::glossary::import`: any text, as qari's CSV or LUTE's term
//! CSV (told apart by the header). Invalid UTF-8 is run through
//! `String::from_utf8_lossy`, as `qari glossary import` would refuse it.
//!
//! - it never panics;
//! - an error is about line 1 (the header) and holds no control character
//!   (so it stays on one line and sends the terminal nothing);
//! - rows come with line numbers from 2, strictly increasing;
//! - every entry accepted passes `Entry::validate` unchanged;
//! - the entries accepted, exported in the format read (`export`, `Csv` or
//!   `Lute`), import back equal (for LUTE, an entry without a status comes
//!   back as status 1, which is what LUTE's export writes for it).

#![no_main]

use libfuzzer_sys::fuzz_target;
use qari::glossary::{Entry, Format, Status, export, import};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let rows = match import(&text) {
        Ok(rows) => rows,
        Err(error) => {
            assert!(
                error.starts_with("line 1: "),
                "error not about line 1: {error:?}"
            );
            assert!(
                !error.contains(char::is_control),
                "control character in {error:?}"
            );
            return;
        }
    };
    let mut last = 1;
    let mut entries: Vec<Entry> = Vec::new();
    for (line, row) in rows {
        assert!(line > last, "line {line} after line {last}");
        last = line;
        if let Ok(entry) = row {
            let mut again = entry.clone();
            assert_eq!(
                again.validate(),
                Ok(()),
                "an entry accepted does not validate"
            );
            assert_eq!(again, entry, "validate changed an entry accepted");
            entries.push(entry);
        }
    }

    // The format read: the same test `import` makes.
    let header = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes())
        .headers()
        .map(|h| {
            h.iter()
                .map(|h| h.trim().to_lowercase())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let lute = header.iter().any(|h| h == "term") && header.iter().any(|h| h == "language");
    let format = if lute { Format::Lute } else { Format::Csv };
    let written = match export(&entries, format, |_| None) {
        Ok(written) => written,
        Err(error) => panic!("entries accepted cannot be exported: {error}"),
    };
    let back = match import(&written) {
        Ok(back) => back,
        Err(error) => panic!("exported entries do not import: {error}\n{written}"),
    };
    assert_eq!(back.len(), entries.len(), "{written}");
    for ((_, row), entry) in back.into_iter().zip(&entries) {
        let mut expected = entry.clone();
        if lute {
            expected.status = Some(expected.status.unwrap_or(Status::NEW));
        }
        match row {
            Ok(got) => assert_eq!(got, expected, "round trip changed an entry\n{written}"),
            Err(error) => panic!("exported entry refused: {error}\n{expected:?}\n{written}"),
        }
    }
});
