//! The articles compiled into the binary, so `qari` works from any directory.
//! To bundle another article, put its file in the repository's `articles/`
//! and add a line here; a test checks that the two lists agree.

/// `(id, file name, contents)` of each bundled article.
pub const BUNDLED: &[(&str, &str, &str)] = &[(
    "deir-ez-zor-2017",
    "deir-ez-zor-2017.toml",
    include_str!("../../articles/deir-ez-zor-2017.toml"),
)];
