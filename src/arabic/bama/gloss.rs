//! Glosses: each morpheme's, and a short one for the whole word ("and his
//! allies", "he will demand"), from BAMA's glosses of the prefix, the stem
//! and the suffix.

use super::super::analysis::{Segment, SegmentKind};

/// The morphemes of an affix (`وَ/CONJ+بِ/PREP+`), each with its share of
/// the affix's gloss ("and + by/with"; a suffix's "he/it <verb> it/him" is
/// split at `<verb>`: the subject before, the object after).
pub fn affix_segments(morphemes: &str, gloss: &str, kind: SegmentKind) -> Vec<Segment> {
    let parts: Vec<(&str, &str)> = morphemes
        .split('+')
        .filter_map(|m| m.rsplit_once('/'))
        .collect();
    let pieces: Vec<&str> = if gloss.contains("<verb>") {
        gloss.split("<verb>").map(str::trim).collect()
    } else {
        gloss.split(" + ").map(str::trim).collect()
    };
    let paired = pieces.len() == parts.len();
    let mut segments = Vec::new();
    for (i, (form, tag)) in parts.iter().enumerate() {
        // A morpheme BAMA writes as "(null)" (the 3rd person's empty
        // subject) or as marks alone (a case ending) is not a piece of the
        // word a learner sees.
        if form.is_empty() || *form == "(null)" || form.chars().all(super::super::is_mark) {
            continue;
        }
        let piece = if paired {
            pieces[i].to_owned()
        } else if segments.is_empty() {
            gloss.replace("<verb>", " ")
        } else {
            String::new()
        };
        segments.push(Segment {
            form: (*form).to_owned(),
            kind,
            pos: (*tag).to_owned(),
            gloss: piece.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    segments
}

/// The first sense of a gloss ("desire;aspire" -> "desire"), without
/// BAMA's bracketed notes ("[fem.sg.]").
fn first_sense(gloss: &str) -> String {
    let sense = gloss.split(';').next().unwrap_or("");
    without_notes(sense)
}

fn without_notes(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first of alternatives written with a slash ("by/with" -> "by",
/// "he/it" -> "he"), keeping words that merely contain one inside brackets.
fn first_alternative(piece: &str) -> String {
    piece
        .split_whitespace()
        .map(|word| word.split('/').next().unwrap_or(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Subject pronouns an imperfect prefix glosses as; "will" goes after them.
const SUBJECTS: &[&str] = &["I", "you", "he", "she", "it", "we", "they"];

/// A short gloss of the whole word, in English order.
pub fn whole_word(prefix: &str, stem: &str, suffix: &str, pos: &str) -> String {
    let stem = first_alternative(&first_sense(stem));
    let mut before: Vec<String> = prefix
        .split(" + ")
        .map(|p| first_alternative(&without_notes(p)))
        .filter(|p| !p.is_empty())
        .collect();
    // "will + he" reads "he will".
    if let Some(i) = before.iter().position(|p| p == "will")
        && before
            .get(i + 1)
            .is_some_and(|next| SUBJECTS.iter().any(|s| next.split(' ').next() == Some(*s)))
    {
        before.swap(i, i + 1);
    }
    let suffix = without_notes(suffix);
    let core = if suffix.contains("<verb>") {
        first_alternative(&suffix.replace("<verb>", &stem))
    } else if suffix.is_empty() {
        stem
    } else if pos == "verb" || pos == "prep" {
        format!("{stem} {}", first_alternative(&suffix))
    } else {
        format!("{} {stem}", first_alternative(&suffix))
    };
    before.push(core);
    before
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noun_with_a_conjunction_and_a_possessive() {
        assert_eq!(
            whole_word("and", "allies", "his/its", "noun"),
            "and his allies"
        );
    }

    #[test]
    fn a_verb_with_the_future_and_an_object() {
        assert_eq!(
            whole_word("will + he/it", "demand;claim", "them", "verb"),
            "he will demand them"
        );
        assert_eq!(
            whole_word("", "write", "he/it <verb> it/him", "verb"),
            "he write it"
        );
    }

    #[test]
    fn notes_in_brackets_go() {
        assert_eq!(whole_word("the", "city", "[fem.sg.]", "noun"), "the city");
        assert_eq!(first_sense("month;new moon"), "month");
    }

    #[test]
    fn affix_morphemes_share_the_gloss() {
        let segments = affix_segments("وَ/CONJ+بِ/PREP+", "and + by/with", SegmentKind::Prefix);
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[1].form, "بِ");
        assert_eq!(segments[1].gloss, "by/with");
        assert_eq!(segments[1].pos, "PREP");
        let segments = affix_segments(
            "+(null)/PVSUFF_SUBJ:3MS+هُ/PVSUFF_DO:3MS",
            "he/it <verb> it/him",
            SegmentKind::Suffix,
        );
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].form, "هُ");
        assert_eq!(segments[0].gloss, "it/him");
    }
}
