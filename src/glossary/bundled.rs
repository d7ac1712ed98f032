//! The glossary files compiled into the binary, from the repository's
//! `glossary/`. Add a line here for a new file; a test checks that the two
//! lists agree.

/// `(file name, contents)` of each bundled glossary file.
pub const BUNDLED_GLOSSARY: &[(&str, &str)] = &[
    (
        "function-words.toml",
        include_str!("../../glossary/function-words.toml"),
    ),
    (
        "deir-ez-zor-2017.toml",
        include_str!("../../glossary/deir-ez-zor-2017.toml"),
    ),
    (
        "names-in-the-news.toml",
        include_str!("../../glossary/names-in-the-news.toml"),
    ),
];
