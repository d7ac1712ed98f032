//! Dictionaries: the real FreeDict Arabic–English and English–Arabic dictd
//! files (Debian's `dict-freedict-ara-eng` and `dict-freedict-eng-ara`,
//! which `tools/test.sh` installs), and a small StarDict fixture built by
//! `tests/fixtures/stardict/make.py`.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use qari::dict::{DictMatch, Dictionaries};

fn freedict() -> Dictionaries {
    let dir = PathBuf::from("/usr/share/dictd");
    assert!(
        dir.join("freedict-ara-eng.index").exists() && dir.join("freedict-eng-ara.index").exists(),
        "FreeDict is missing: apt-get install dict-freedict-ara-eng dict-freedict-eng-ara (tools/test.sh does)"
    );
    load_cleanly(dir)
}

fn stardict() -> Dictionaries {
    load_cleanly(PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/stardict"
    )))
}

/// The dictionaries in `dir`, none of them broken.
fn load_cleanly(dir: PathBuf) -> Dictionaries {
    let dictionaries = Dictionaries::load(&[dir]);
    assert!(
        dictionaries.problems.is_empty(),
        "{:?}",
        dictionaries.problems
    );
    dictionaries
}

fn find<'a>(found: &'a [DictMatch], dictionary: &str) -> Vec<&'a DictMatch> {
    found
        .iter()
        .filter(|m| m.dictionary == dictionary)
        .collect()
}

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs FreeDict in /usr/share/dictd (--features system-tests)"
)]
fn freedict_loads_both_directions() {
    let dictionaries = freedict();
    let names: Vec<(&str, bool, usize)> = dictionaries
        .list
        .iter()
        .map(|d| (d.name.as_str(), d.reverse, d.len()))
        .collect();
    assert_eq!(names.len(), 2);
    assert_eq!((names[0].0, names[0].1), ("freedict-ara-eng", false));
    assert!(names[0].2 > 50_000, "{names:?}");
    assert_eq!((names[1].0, names[1].1), ("freedict-eng-ara", true));
}

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs FreeDict in /usr/share/dictd (--features system-tests)"
)]
fn words_of_the_article_through_clitics_and_the_article() {
    let dictionaries = freedict();
    // للحكومة: ل + ال + حكومة; ara-eng has only الحكومة, with ال.
    let found = dictionaries.lookup("للحكومة");
    let forward = find(&found, "freedict-ara-eng");
    assert_eq!(forward[0].headword, "الحكومة");
    assert_eq!(forward[0].senses[0], "Government");
    assert_eq!(forward[0].how(), "ل + الحكومة");
    // سيطر is a headword as is.
    let found = dictionaries.lookup("سيطر");
    assert!(
        find(&found, "freedict-ara-eng")[0]
            .senses
            .contains(&"Dominate".to_owned())
    );
}

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs FreeDict in /usr/share/dictd (--features system-tests)"
)]
fn the_reverse_index_glosses_words_the_arabic_english_one_lacks() {
    let dictionaries = freedict();
    // جثامين is no ara-eng headword, but eng-ara gives it for "cadavers".
    let found = dictionaries.lookup("والجثامين");
    assert!(find(&found, "freedict-ara-eng").is_empty());
    let reverse = find(&found, "freedict-eng-ara");
    assert!(
        reverse
            .iter()
            .any(|m| m.headword == "Cadavers" && m.reverse),
        "{reverse:?}"
    );
    assert!(
        reverse.iter().all(|m| m.how() == "و + ال + جثامين"),
        "{reverse:?}"
    );
    // Both directions answer for الحليف (ally).
    let found = dictionaries.lookup("وحليفه");
    assert!(
        find(&found, "freedict-ara-eng")[0]
            .senses
            .contains(&"Ally".to_owned())
    );
    assert!(
        find(&found, "freedict-eng-ara")
            .iter()
            .any(|m| m.headword == "Ally")
    );
}

#[test]
fn stardict_with_and_without_compression_and_type_sequence() {
    let dictionaries = stardict();
    let found = dictionaries.lookup("والحكومة");
    assert_eq!(found[0].dictionary, "qari-test");
    assert_eq!(found[0].senses, ["government", "cabinet"]);
    assert_eq!(found[0].how(), "و + ال + حكومة");
    let truce = dictionaries.lookup("هدنة");
    assert_eq!(truce[0].headword, "الهدنة");
    // The English → Arabic one, tags stripped, indexed in reverse.
    let envoy = dictionaries.lookup("مبعوث");
    assert_eq!(
        (envoy[0].headword.as_str(), envoy[0].reverse),
        ("envoy", true)
    );
    let ceasefire = dictionaries.lookup("وقف إطلاق النار");
    assert_eq!(ceasefire[0].headword, "ceasefire");
}

#[test]
fn broken_dictionaries_are_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.index"), "word\tB\n").unwrap();
    std::fs::write(dir.path().join("bad.dict"), "").unwrap();
    std::fs::write(dir.path().join("worse.ifo"), "not stardict\n").unwrap();
    let loaded = Dictionaries::load(&[dir.path().to_path_buf(), PathBuf::from("/nonexistent")]);
    assert!(loaded.list.is_empty());
    assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
    assert!(
        loaded.problems[0]
            .to_string()
            .ends_with("bad.index: line 1: expected headword, offset and length separated by tabs")
    );
    assert!(
        loaded.problems[1]
            .to_string()
            .ends_with("worse.ifo: not a StarDict .ifo file (first line)")
    );
}

/// Found by `fuzz/fuzz_targets/stardict.rs`: a 64-bit offset near `u64::MAX`
/// overflowed `offset + size` (a panic where overflow is checked).
#[test]
fn a_stardict_offset_past_any_end_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let ifo = "StarDict's dict ifo file\nversion=3.0.0\nidxoffsetbits=64\n";
    std::fs::write(dir.path().join("wide.ifo"), ifo).unwrap();
    let mut idx = b"s\0".to_vec();
    idx.extend([0xff; 8]); // offset u64::MAX
    idx.extend(1u32.to_be_bytes()); // size 1
    std::fs::write(dir.path().join("wide.idx"), idx).unwrap();
    std::fs::write(dir.path().join("wide.dict"), "x").unwrap();
    let loaded = Dictionaries::load(&[dir.path().to_path_buf()]);
    assert!(loaded.list.is_empty());
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(
        loaded.problems[0]
            .to_string()
            .ends_with("wide.idx: entry \"s\" runs past the end of the .dict"),
        "{:?}",
        loaded.problems
    );
}

/// Words to compare cached and loaded dictionaries on: every `step`th
/// headword of the dictd indexes in `dir`, and each with clitics.
fn headwords(dir: &std::path::Path, step: usize) -> Vec<String> {
    let mut out = vec![
        "للحكومة".to_owned(),
        "والجثامين".to_owned(),
        "وحليفه".to_owned(),
    ];
    for name in ["ara-eng", "eng-ara"] {
        let Some(index) = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with(&format!("{name}.index")))
        else {
            continue;
        };
        let text = std::fs::read_to_string(index).unwrap();
        for line in text.lines().step_by(step) {
            let headword = line.split('\t').next().unwrap();
            out.extend([
                format!("و{headword}"),
                format!("ال{headword}"),
                headword.to_owned(),
            ]);
        }
    }
    out
}

/// The dictionaries of `dir`, loaded in memory, then through a cache
/// (built, then read back), give the same results for `words`.
fn cached_equals_loaded(dir: PathBuf, words: &[String]) {
    let cache = tempfile::tempdir().unwrap();
    let loaded = load_cleanly(dir.clone());
    assert!(!loaded.list.is_empty());
    let expected: Vec<Vec<DictMatch>> = words.iter().map(|w| loaded.lookup(w)).collect();
    assert!(expected.iter().filter(|found| !found.is_empty()).count() > words.len() / 4);
    for pass in ["built", "read back"] {
        let cached = Dictionaries::load_cached(std::slice::from_ref(&dir), cache.path());
        assert!(cached.problems.is_empty(), "{:?}", cached.problems);
        assert!(cached.list.iter().all(|d| d.is_cached()), "{pass}");
        for (word, expected) in words.iter().zip(&expected) {
            assert_eq!(&cached.lookup(word), expected, "{pass}: {word}");
        }
    }
}

#[test]
fn dictd_fixtures_give_the_same_results_cached() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dictd"));
    cached_equals_loaded(dir.clone(), &headwords(&dir, 1));
}

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs FreeDict in /usr/share/dictd (--features system-tests)"
)]
fn freedict_gives_the_same_results_cached() {
    let dir = PathBuf::from("/usr/share/dictd");
    let _ = freedict();
    cached_equals_loaded(dir.clone(), &headwords(&dir, 23));
}
