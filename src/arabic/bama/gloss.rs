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

/// The first of alternatives written with a slash or a semicolon ("by/with"
/// and "by;with" -> "by", "he/it" -> "he"), keeping words that merely
/// contain one inside brackets.
fn first_alternative(piece: &str) -> String {
    piece
        .split_whitespace()
        .map(|word| word.split(['/', ';']).next().unwrap_or(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Subject pronouns an imperfect prefix glosses as; "will" goes after them.
const SUBJECTS: &[&str] = &["I", "you", "he", "she", "it", "we", "they"];

/// A verb's tense, from its stem's category: the perfect (PV) is told in
/// the past, the imperfect (IV) in the present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    /// An imperative, or not a verb: the English stays as it is.
    Plain,
}

impl Tense {
    pub fn of_category(category: &str) -> Tense {
        if category.starts_with("PV") {
            Tense::Past
        } else if category.starts_with("IV") {
            Tense::Present
        } else {
            Tense::Plain
        }
    }
}

/// English verbs whose past is not made with -ed.
const IRREGULAR_PAST: &[(&str, &str)] = &[
    ("arise", "arose"),
    ("bear", "bore"),
    ("beat", "beat"),
    ("become", "became"),
    ("begin", "began"),
    ("bend", "bent"),
    ("bind", "bound"),
    ("blow", "blew"),
    ("break", "broke"),
    ("bring", "brought"),
    ("build", "built"),
    ("buy", "bought"),
    ("cast", "cast"),
    ("catch", "caught"),
    ("choose", "chose"),
    ("come", "came"),
    ("cost", "cost"),
    ("cut", "cut"),
    ("deal", "dealt"),
    ("dig", "dug"),
    ("do", "did"),
    ("draw", "drew"),
    ("drink", "drank"),
    ("drive", "drove"),
    ("eat", "ate"),
    ("fall", "fell"),
    ("feed", "fed"),
    ("feel", "felt"),
    ("fight", "fought"),
    ("find", "found"),
    ("flee", "fled"),
    ("fly", "flew"),
    ("forbid", "forbade"),
    ("forget", "forgot"),
    ("forgive", "forgave"),
    ("freeze", "froze"),
    ("get", "got"),
    ("give", "gave"),
    ("go", "went"),
    ("grow", "grew"),
    ("hang", "hung"),
    ("have", "had"),
    ("hear", "heard"),
    ("hide", "hid"),
    ("hit", "hit"),
    ("hold", "held"),
    ("hurt", "hurt"),
    ("keep", "kept"),
    ("know", "knew"),
    ("lay", "laid"),
    ("lead", "led"),
    ("leave", "left"),
    ("lend", "lent"),
    ("let", "let"),
    ("lie", "lay"),
    ("light", "lit"),
    ("lose", "lost"),
    ("make", "made"),
    ("mean", "meant"),
    ("meet", "met"),
    ("mislead", "misled"),
    ("overcome", "overcame"),
    ("overtake", "overtook"),
    ("pay", "paid"),
    ("put", "put"),
    ("quit", "quit"),
    ("read", "read"),
    ("ride", "rode"),
    ("ring", "rang"),
    ("rise", "rose"),
    ("run", "ran"),
    ("say", "said"),
    ("see", "saw"),
    ("seek", "sought"),
    ("sell", "sold"),
    ("send", "sent"),
    ("set", "set"),
    ("shake", "shook"),
    ("shine", "shone"),
    ("shoot", "shot"),
    ("shut", "shut"),
    ("sing", "sang"),
    ("sink", "sank"),
    ("sit", "sat"),
    ("sleep", "slept"),
    ("slay", "slew"),
    ("speak", "spoke"),
    ("spend", "spent"),
    ("split", "split"),
    ("spread", "spread"),
    ("stand", "stood"),
    ("steal", "stole"),
    ("stick", "stuck"),
    ("strike", "struck"),
    ("strive", "strove"),
    ("swear", "swore"),
    ("sweep", "swept"),
    ("swim", "swam"),
    ("take", "took"),
    ("teach", "taught"),
    ("tear", "tore"),
    ("tell", "told"),
    ("think", "thought"),
    ("throw", "threw"),
    ("understand", "understood"),
    ("undertake", "undertook"),
    ("wake", "woke"),
    ("wear", "wore"),
    ("weep", "wept"),
    ("win", "won"),
    ("withdraw", "withdrew"),
    ("write", "wrote"),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The past of an English verb: plan → planned, try → tried, see → saw.
fn past(verb: &str, plural_subject: bool) -> String {
    if verb == "be" {
        return if plural_subject { "were" } else { "was" }.to_owned();
    }
    if let Some((_, past)) = IRREGULAR_PAST.iter().find(|(base, _)| *base == verb) {
        return (*past).to_owned();
    }
    let chars: Vec<char> = verb.chars().collect();
    match chars[..] {
        [.., 'e'] => format!("{verb}d"),
        [.., c, 'y'] if !is_vowel(c) => format!("{}ied", &verb[..verb.len() - 1]),
        // One short syllable ending consonant-vowel-consonant doubles its
        // last letter: stop → stopped, plan → planned.
        // (open, with two, is opened.)
        [a, b, c] | [_, a, b, c]
            if !is_vowel(chars[0])
                && !is_vowel(a)
                && is_vowel(b)
                && !is_vowel(c)
                && !"wxy".contains(c) =>
        {
            format!("{verb}{c}ed")
        }
        _ => format!("{verb}ed"),
    }
}

/// The present of an English verb after he, she or it: say → says.
fn third_person(verb: &str) -> String {
    match verb {
        "be" => return "is".to_owned(),
        "have" => return "has".to_owned(),
        "do" | "go" => return format!("{verb}es"),
        _ => {}
    }
    let chars: Vec<char> = verb.chars().collect();
    match chars[..] {
        [.., 's'] | [.., 'x'] | [.., 'z'] | [.., 'o'] | [.., 's', 'h'] | [.., 'c', 'h'] => {
            format!("{verb}es")
        }
        [.., c, 'y'] if !is_vowel(c) => format!("{}ies", &verb[..verb.len() - 1]),
        _ => format!("{verb}s"),
    }
}

/// `gloss` (an English verb phrase, "say", "be eloquent") told in `tense`
/// after `subject` ("he", "they"): only its first word changes.
fn conjugated(gloss: &str, tense: Tense, subject: &str) -> String {
    let Some((verb, rest)) = gloss
        .split_once(' ')
        .map(|(v, r)| (v, format!(" {r}")))
        .or(Some((gloss, String::new())))
    else {
        return gloss.to_owned();
    };
    // Only a plain lower-case English verb is inflected ("(did) not" and
    // names are left as they are).
    if verb.is_empty() || !verb.chars().all(|c| c.is_ascii_lowercase()) {
        return gloss.to_owned();
    }
    // A gloss already in the past ("said", "elected") stays.
    if tense == Tense::Past
        && (verb.ends_with("ed") || IRREGULAR_PAST.iter().any(|(_, past)| *past == verb))
    {
        return gloss.to_owned();
    }
    let singular = matches!(subject, "he" | "she" | "it");
    let inflected = match tense {
        Tense::Past => past(verb, !singular && subject != "I"),
        Tense::Present if singular => third_person(verb),
        Tense::Present if verb == "be" => if subject == "I" { "am" } else { "are" }.to_owned(),
        _ => verb.to_owned(),
    };
    format!("{inflected}{rest}")
}

/// A short gloss of the whole word, in English order; a verb's is told in
/// its `tense` ("he says", "they said", "he will say").
pub fn whole_word(prefix: &str, stem: &str, suffix: &str, pos: &str, tense: Tense) -> String {
    // A preposition and its pronoun written as one stem (لَهُ "to/for +
    // it/him") read as words: "to it".
    let mut stem = first_alternative(&first_sense(stem)).replace(" + ", " ");
    let mut before: Vec<String> = prefix
        .split(" + ")
        .map(|p| first_alternative(&without_notes(p)))
        .filter(|p| !p.is_empty())
        .collect();
    if pos == "verb" && !before.iter().any(|p| p == "will") {
        // The subject: an imperfect's prefix, or a perfect's suffix
        // ("they <verb>").
        let from_suffix = suffix
            .split("<verb>")
            .next()
            .filter(|_| suffix.contains("<verb>"));
        let subject = before
            .iter()
            .map(String::as_str)
            .chain(from_suffix.map(|s| first_alternative(s.trim())).as_deref())
            .filter_map(|p| p.split(' ').next())
            .find(|w| SUBJECTS.contains(w))
            .map(str::to_owned);
        if let Some(subject) = subject {
            stem = conjugated(&stem, tense, &subject);
        }
    }
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

    /// The lexicon glosses the prefix بِ "by;with": the word's gloss takes
    /// the first ("by ratio", not "by;with ratio").
    #[test]
    fn a_prefix_glossed_with_alternatives_gives_the_first() {
        assert_eq!(
            whole_word("by;with", "ratio", "", "noun", Tense::Plain),
            "by ratio"
        );
        assert_eq!(
            whole_word("and + by;with", "ratio", "", "noun", Tense::Plain),
            "and by ratio"
        );
    }

    #[test]
    fn a_preposition_and_pronoun_written_as_one_stem_read_as_words() {
        // BAMA glosses لَهُ "to/for + it/him (it/he has)": the learner sees
        // "to it (it has)", not the lexicon's "+".
        assert_eq!(
            whole_word("", "to/for + it/him (it/he has)", "", "prep", Tense::Plain),
            "to it (it has)"
        );
        assert_eq!(
            whole_word("and", "with/by + it/them/her", "", "prep", Tense::Plain),
            "and with it"
        );
    }

    #[test]
    fn a_noun_with_a_conjunction_and_a_possessive() {
        assert_eq!(
            whole_word("and", "allies", "his/its", "noun", Tense::Plain),
            "and his allies"
        );
    }

    #[test]
    fn a_verb_with_the_future_and_an_object() {
        assert_eq!(
            whole_word(
                "will + he/it",
                "demand;claim",
                "them",
                "verb",
                Tense::Present
            ),
            "he will demand them"
        );
        assert_eq!(
            whole_word("", "write", "he/it <verb> it/him", "verb", Tense::Past),
            "he wrote it"
        );
    }

    #[test]
    fn a_verb_is_told_in_its_tense_and_person() {
        assert_eq!(
            whole_word("he/it", "say", "", "verb", Tense::Present),
            "he says"
        );
        assert_eq!(
            whole_word("they", "dominate;control", "", "verb", Tense::Present),
            "they dominate"
        );
        assert_eq!(
            whole_word("", "plan", "they <verb>", "verb", Tense::Past),
            "they planned"
        );
        assert_eq!(
            whole_word("and", "try", "she/it <verb>", "verb", Tense::Past),
            "and she tried"
        );
        assert_eq!(
            whole_word("", "be eloquent", "he/it <verb>", "verb", Tense::Past),
            "he was eloquent"
        );
        assert_eq!(
            whole_word("he/it", "carry", "", "verb", Tense::Present),
            "he carries"
        );
        assert_eq!(past("stop", false), "stopped");
        assert_eq!(past("visit", false), "visited");
        assert_eq!(past("open", false), "opened");
        assert_eq!(
            whole_word("", "said", "he/it <verb>", "verb", Tense::Past),
            "he said"
        );
        assert_eq!(third_person("reach"), "reaches");
    }

    #[test]
    fn notes_in_brackets_go() {
        assert_eq!(
            whole_word("the", "city", "[fem.sg.]", "noun", Tense::Plain),
            "the city"
        );
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
