//! The pieces Arabic writes onto a word, and what they mean: data, not
//! code, so the stripper, the numerals and the interface read one table.
//!
//! In front: conjunctions (و ف), prepositions (ب ك ل) and the future marker
//! (س), then the article (ال). Behind: inflectional endings (ة ات ون ين …),
//! then pronouns (ه ها هم …). Forms are normalised (the ending ة is ه),
//! as the stripper matches them.
//!
//! The order inside each table is the order the stripper tries them in
//! (longest first where one is the end of another), which decides how
//! readings of equal rank are listed: keep it.

/// What kind of piece a clitic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliticKind {
    Conjunction,
    Preposition,
    /// س, "will", in front of an imperfect verb.
    Future,
    Article,
    /// An object or possessive pronoun behind the word.
    Pronoun,
    /// An inflectional ending (feminine, plural, dual, a verb's person).
    Ending,
}

/// One clitic: its normalised form and its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clitic {
    pub form: &'static str,
    pub kind: CliticKind,
    /// A short English gloss, as the interface shows it ("and").
    pub gloss: &'static str,
}

const fn clitic(form: &'static str, kind: CliticKind, gloss: &'static str) -> Clitic {
    Clitic { form, kind, gloss }
}

use CliticKind::*;

/// Conjunctions: the outermost piece in front.
pub const CONJUNCTIONS: &[Clitic] = &[
    clitic("و", Conjunction, "and"),
    clitic("ف", Conjunction, "so"),
];

/// Prepositions and the future marker: after a conjunction, before the
/// article.
pub const PREPOSITIONS: &[Clitic] = &[
    clitic("ب", Preposition, "with, in"),
    clitic("ك", Preposition, "like, as"),
    clitic("ل", Preposition, "for, to"),
    clitic("س", Future, "will"),
];

/// The article, innermost in front (written just ل after the preposition
/// ل: لل).
pub const ARTICLE: Clitic = clitic("ال", Article, "the");

/// Pronoun suffixes, longest first.
pub const PRONOUNS: &[Clitic] = &[
    clitic("هما", Pronoun, "them, their (two)"),
    clitic("كما", Pronoun, "you, your (two)"),
    clitic("هم", Pronoun, "them, their"),
    clitic("هن", Pronoun, "them, their (women)"),
    clitic("ها", Pronoun, "her, its; them (things)"),
    clitic("كم", Pronoun, "you, your (plural)"),
    clitic("كن", Pronoun, "you, your (women)"),
    clitic("ني", Pronoun, "me"),
    clitic("نا", Pronoun, "us, our; we"),
    clitic("ه", Pronoun, "him, his, it, its"),
    clitic("ك", Pronoun, "you, your"),
    clitic("ي", Pronoun, "me, my"),
];

/// Inflectional endings, longest first (ة is ه once normalised).
pub const ENDINGS: &[Clitic] = &[
    clitic("تان", Ending, "two (feminine)"),
    clitic(
        "تين",
        Ending,
        "two (feminine), after a preposition or as object",
    ),
    clitic("ات", Ending, "plural (feminine)"),
    clitic("ون", Ending, "plural (masculine); they (verb)"),
    clitic(
        "ين",
        Ending,
        "plural or two (masculine), after a preposition or as object",
    ),
    clitic("ان", Ending, "two"),
    clitic("وا", Ending, "they (past verb)"),
    clitic("ه", Ending, "feminine (ة)"),
    clitic("ت", Ending, "she, I, you (past verb)"),
    clitic("ا", Ending, "as object (-an); they two (verb)"),
];

/// The clitic written `form` in front of a word (a conjunction, a
/// preposition, س or the article), if there is one.
pub fn proclitic(form: &str) -> Option<&'static Clitic> {
    CONJUNCTIONS
        .iter()
        .chain(PREPOSITIONS)
        .chain(std::iter::once(&ARTICLE))
        .find(|c| c.form == form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_clitic_has_a_meaning_and_each_table_one_kind_of_piece() {
        let all = CONJUNCTIONS
            .iter()
            .chain(PREPOSITIONS)
            .chain(PRONOUNS)
            .chain(ENDINGS)
            .chain([&ARTICLE]);
        for c in all {
            assert!(!c.gloss.is_empty() && !c.form.is_empty(), "{c:?}");
        }
        assert!(PRONOUNS.iter().all(|c| c.kind == Pronoun));
        assert!(ENDINGS.iter().all(|c| c.kind == Ending));
    }

    #[test]
    fn a_longer_piece_is_tried_before_its_own_ending() {
        // The add form's headword takes the first pronoun that fits, so no
        // entry may hide a longer one after it (ي before ني would leave its ن on the stem).
        for table in [PRONOUNS, ENDINGS] {
            for (i, a) in table.iter().enumerate() {
                for b in &table[i + 1..] {
                    assert!(
                        !b.form.ends_with(a.form) || b.form == a.form,
                        "{} is listed after {}, which ends it",
                        b.form,
                        a.form
                    );
                }
            }
        }
    }

    #[test]
    fn proclitics_are_found_by_their_form() {
        assert_eq!(proclitic("و").map(|c| c.gloss), Some("and"));
        assert_eq!(proclitic("ال").map(|c| c.kind), Some(Article));
        assert_eq!(proclitic("س").map(|c| c.kind), Some(Future));
        assert_eq!(proclitic("ها"), None);
    }
}
