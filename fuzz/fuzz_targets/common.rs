//! Checks shared by the file-format targets (included with `#[path]`;
//! each target uses some of them).

#![allow(dead_code)]

use std::path::Path;

/// The path every target hands the parser: with a space and Arabic letters,
/// so an error message that loses or mangles it is caught.
pub const PATH: &str = "fuzz dir/ملف.toml";

/// An error message names the path it was given, first, and stays on one
/// line (qari shows it on the status line).
pub fn check_message(message: &str, path: &Path) {
    let shown = path.display().to_string();
    assert!(
        message.starts_with(&format!("{shown}:")),
        "error message does not start with the path {shown:?}: {message:?}"
    );
    assert!(
        !message.contains('\n'),
        "error message spans lines: {message:?}"
    );
}

/// A syntax error's line and column lie inside `text` (1-based; the column
/// counts characters, one past the end of the line at most).
pub fn check_position(bytes: &[u8], line: usize, column: usize) {
    let text = std::str::from_utf8(bytes).expect("a syntax error implies UTF-8");
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        line >= 1 && line <= lines.len(),
        "line {line} of {}",
        lines.len()
    );
    let chars = lines[line - 1].chars().count();
    assert!(
        column >= 1 && column <= chars + 1,
        "column {column} on line {line} of {chars} characters"
    );
}

/// A folder of this process's own (in /dev/shm when there is one, so the
/// dictionary targets' files stay in memory), made once, emptied by
/// [`dict_files`] on every run. libFuzzer exits without running destructors,
/// so each folder outlives its process: the folders of processes gone (no
/// `/proc/PID`) are removed when a new one is made.
pub fn folder() -> &'static std::path::PathBuf {
    static FOLDER: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    FOLDER.get_or_init(|| {
        let base = Path::new("/dev/shm");
        let base = if base.is_dir() {
            base.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let proc = Path::new("/proc/self").exists();
        for stale in std::fs::read_dir(&base).into_iter().flatten().flatten() {
            let name = stale.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("qari-fuzz-").filter(|_| proc)
                && pid.bytes().all(|b| b.is_ascii_digit())
                && !Path::new("/proc").join(pid).exists()
            {
                let _ = std::fs::remove_dir_all(stale.path());
            }
        }
        let dir = base.join(format!("qari-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the fuzz folder");
        dir
    })
}

/// Writes a dictionary's files into [`folder`], which holds nothing else:
/// each `(name, bytes)` of `files`, and `data` as `fuzz.dict`, or as
/// `fuzz.dict.dz` when it starts with gzip's magic bytes.
pub fn dict_files(files: &[(&str, &[u8])], data: &[u8]) -> &'static std::path::PathBuf {
    let dir = folder();
    for entry in std::fs::read_dir(dir).expect("list the fuzz folder") {
        std::fs::remove_file(entry.expect("fuzz folder entry").path()).expect("remove a file");
    }
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("write a dictionary file");
    }
    let data_name = if data.starts_with(&[0x1f, 0x8b]) {
        "fuzz.dict.dz"
    } else {
        "fuzz.dict"
    };
    std::fs::write(dir.join(data_name), data).expect("write the dictionary data");
    dir
}

/// Loads the one dictionary in `dir` (its main file `main`) and checks what
/// every load must give: one dictionary, or one problem naming the file, on
/// one line. Then looks up each of `words` (at most 64), checking that each
/// Arabic headword of a forward dictionary finds an entry, and that every
/// match says where it comes from.
pub fn load_and_look_up(
    dir: &std::path::PathBuf,
    main: &str,
    name: &str,
    headwords: &[String],
) -> Option<usize> {
    use qari::arabic::has_arabic_letter;
    use qari::glossary::Dictionaries;
    let found = Dictionaries::load(std::slice::from_ref(dir));
    // A problem names the file of this dictionary it is about (the index,
    // the .ifo, the .idx or the .dict).
    let stem = main.rsplit_once('.').map_or(main, |(stem, _)| stem);
    let prefix = dir.join(stem).display().to_string();
    let dictionary = match (found.list.as_slice(), found.problems.as_slice()) {
        ([], [problem]) => {
            let named = problem
                .split_once(": ")
                .is_some_and(|(path, _)| path.starts_with(&format!("{prefix}.")));
            assert!(named, "the problem does not name a file {prefix}.*: {problem:?}");
            assert!(!problem.contains('\n'), "problem spans lines: {problem:?}");
            return None;
        }
        ([dictionary], []) => dictionary,
        (list, problems) => panic!("{} dictionaries and problems {problems:?}", list.len()),
    };
    assert_eq!(dictionary.name, name, "dictionary name");
    for word in headwords.iter().take(64) {
        let matches = found.lookup(word);
        for m in &matches {
            assert_eq!(m.dictionary, name);
            assert_eq!(m.reverse, dictionary.reverse);
            let _ = m.how();
        }
        if !dictionary.reverse && has_arabic_letter(word) {
            assert!(
                !matches.is_empty(),
                "the headword {word:?} of a forward dictionary is not found"
            );
        }
    }
    Some(dictionary.len())
}
