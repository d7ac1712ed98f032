//! The clitic stripper: qari's one stemmer, and the first [`Analyser`].
//!
//! Arabic writes conjunctions (و ف), prepositions (ب ك ل), the future
//! marker (س) and the article (ال) onto the word, and object and possessive
//! pronouns (ه ها هم …) after it; inflection adds endings (ة ات ون ين ان
//! تان). The stripper knows those pieces ([`super::clitics`]) and nothing
//! else, so it does two things with them:
//!
//! - [`analyses`]: every way to take pieces off, ranked as the order to try
//!   the stems in against a lexicon (fewer pieces first, then the longer
//!   stem), with the spellings a stem takes before a suffix undone (ت → ة,
//!   ؤ/ئ → ء, ين → ون) and the article kept on or added. Glossary and
//!   dictionary lookups take the first readings that exist.
//! - [`Analyser::likeliest`]: with no lexicon to confirm it, one cautious
//!   reading for a new entry's headword: only the proclitic runs and
//!   pronouns that are rarely part of a word, at least three letters left,
//!   spelled as written (hamza seats kept, ة restored: سيطرتها → سيطرة).

use super::analysis::{Affix, Analyser, Analysis};
use super::clitics::{ARTICLE, CONJUNCTIONS, Clitic, CliticKind, ENDINGS, PREPOSITIONS, PRONOUNS};
use super::normalize::{fold_marks, normalize};

/// A stem shorter than this (in letters) is not tried: too many false hits.
const MIN_STEM: usize = 2;
/// A headword guessed without a lexicon keeps at least this many letters:
/// a shorter rest is more often a word of its own (وهي is not و + هي).
const MIN_HEADWORD: usize = 3;
/// The proclitic runs a headword guess takes off (ب, ك, ل and س alone
/// begin too many words: بلاد, كتب, لجنة, سيارة; وكال is وكالة).
const SURE_PROCLITICS: &[&[&str]] = &[
    &["و", "ب", "ال"],
    &["و", "ال"],
    &["ب", "ال"],
    &["ف", "ال"],
    &["ك", "ال"],
    &["و", "ل", "ال"],
    &["ل", "ال"],
    &["ال"],
    &["و"],
    &["ف"],
];
/// The pronouns a headword guess takes off (ه, ك, ي and ني end too many
/// words: وجه, ملك, عربي, ثاني). ه goes too when a hamza seat before it
/// shows it is a suffix (حلفاؤه).
const SURE_PRONOUNS: &[&str] = &["هما", "هم", "هن", "ها", "كم", "نا"];

/// Taken-off pieces, in the order they were written.
type Pieces = Vec<&'static Clitic>;

/// The clitic stripper as an [`Analyser`]: stateless, so it can be shared
/// freely.
#[derive(Debug, Clone, Copy, Default)]
pub struct CliticStripper;

/// Every reading the stripper gives is a guess: no lexicon confirms it.
impl Analyser for CliticStripper {
    fn analyse(&self, word: &str) -> Vec<Analysis> {
        analyses(&normalize(word))
            .into_iter()
            .map(|reading| Analysis {
                guess: true,
                ..reading
            })
            .collect()
    }

    fn likeliest(&self, word: &str) -> Option<Analysis> {
        Some(Analysis {
            guess: true,
            ..likeliest(word)
        })
    }
}

/// Every reading of `word` (already normalised), best first, each stem
/// once. The word itself comes first.
pub fn analyses(word: &str) -> Vec<Analysis> {
    let mut out: Vec<Analysis> = Vec::new();
    for (prefixes, rest) in prefix_splits(word) {
        for (stem, suffixes) in suffix_splits(rest) {
            if stem.chars().count() < MIN_STEM && !(prefixes.is_empty() && suffixes.is_empty()) {
                continue;
            }
            push_with_changes(&mut out, &prefixes, stem, &suffixes);
        }
    }
    out.sort_by(|a, b| {
        a.cost()
            .cmp(&b.cost())
            .then(b.stem.chars().count().cmp(&a.stem.chars().count()))
    });
    let mut seen = std::collections::HashSet::new();
    out.retain(|a| seen.insert(a.stem.clone()));
    out
}

fn affixes(pieces: &[&'static Clitic]) -> Vec<Affix> {
    pieces.iter().copied().map(Affix::from).collect()
}

/// The stem as is, plus the spellings it takes before a suffix undone, plus
/// the stem with ال (many dictionary headwords carry it).
fn push_with_changes(
    out: &mut Vec<Analysis>,
    prefixes: &[&'static Clitic],
    stem: &str,
    suffixes: &[&'static Clitic],
) {
    let make = |stem: String, change| Analysis {
        prefixes: affixes(prefixes),
        stem,
        suffixes: affixes(suffixes),
        change,
        ..Analysis::default()
    };
    out.push(make(stem.to_owned(), None));
    if suffixes.first().is_some_and(|s| s.form == "ين") {
        // اللاجئين: dictionaries cite sound plurals in the nominative.
        out.push(make(format!("{stem}ون"), Some("ين → ون")));
    }
    if !suffixes.is_empty() {
        // سيطرتها: ta marbuta is written ت before a suffix.
        if let Some(base) = stem.strip_suffix('ت') {
            out.push(make(format!("{base}ه"), Some(TA_MARBUTA)));
        }
        // حلفاؤه, حلفائه: hamza takes a seat before a suffix.
        if let Some(base) = stem.strip_suffix(SEATS) {
            out.push(make(format!("{base}ء"), Some(HAMZA_ON_LINE)));
        }
        // إليه, عليه: alif maqsura is written ي before a suffix (normalised
        // already), and final alif of some verbs/nouns is written ا: nothing to do.
    }
    if let Some(position) = prefixes.iter().position(|p| p.kind == CliticKind::Article) {
        // The article kept on the stem: many dictionary headwords carry it
        // (للحكومة → ل + الحكومة).
        let mut fewer = prefixes.to_vec();
        fewer.remove(position);
        out.push(Analysis {
            prefixes: affixes(&fewer),
            stem: format!("ال{stem}"),
            suffixes: affixes(suffixes),
            ..Analysis::default()
        });
    } else if !stem.starts_with("ال") {
        out.push(make(format!("ال{stem}"), Some("+ ال")));
    }
}

/// The change that restores ta marbuta (ت before a suffix → ة).
const TA_MARBUTA: &str = "ت → ة";
/// The change that puts a seated hamza back on the line (ؤ/ئ → ء).
const HAMZA_ON_LINE: &str = "ؤ/ئ → ء";
/// The seats hamza takes before a suffix.
const SEATS: [char; 2] = ['ؤ', 'ئ'];
/// Alif as written (normalised, all are ا).
const ALIFS: [char; 5] = ['ا', 'أ', 'إ', 'آ', 'ٱ'];

/// The ways to take proclitics off the front: (pieces, rest).
fn prefix_splits(word: &str) -> Vec<(Pieces, &str)> {
    let mut splits = vec![(Vec::new(), word)];
    let mut after_conjunction = vec![(Vec::new(), word)];
    for conjunction in CONJUNCTIONS {
        if let Some(rest) = word.strip_prefix(conjunction.form) {
            after_conjunction.push((vec![conjunction], rest));
            splits.push((vec![conjunction], rest));
        }
    }
    let mut after_preposition = after_conjunction.clone();
    for (pieces, rest) in &after_conjunction {
        for preposition in PREPOSITIONS {
            if let Some(after) = rest.strip_prefix(preposition.form) {
                let mut pieces = pieces.clone();
                pieces.push(preposition);
                after_preposition.push((pieces.clone(), after));
                splits.push((pieces, after));
            }
        }
    }
    for (pieces, rest) in &after_preposition {
        // The article: ال, or just ل after the preposition ل (لل).
        let article = if pieces.last().is_some_and(|p| p.form == "ل") {
            rest.strip_prefix('ل')
        } else {
            rest.strip_prefix(ARTICLE.form)
        };
        if let Some(after) = article {
            let mut pieces = pieces.clone();
            pieces.push(&ARTICLE);
            splits.push((pieces, after));
        }
    }
    splits
}

/// The ways to take an enclitic and/or an ending off the back.
fn suffix_splits(word: &str) -> Vec<(&str, Pieces)> {
    let mut splits = vec![(word, Vec::new())];
    let mut bases = vec![(word, Vec::new())];
    for pronoun in PRONOUNS {
        if let Some(rest) = word.strip_suffix(pronoun.form) {
            bases.push((rest, vec![pronoun]));
            splits.push((rest, vec![pronoun]));
        }
    }
    for (base, pieces) in &bases {
        for ending in ENDINGS {
            if let Some(rest) = base.strip_suffix(ending.form) {
                let mut pieces = pieces.clone();
                pieces.insert(0, ending);
                splits.push((rest, pieces));
            }
        }
    }
    splits
}

/// The headword reading of `word` (see the module's notes): the same
/// splits as [`analyses`], chosen cautiously, its `lemma` spelled as the
/// word is written.
fn likeliest(word: &str) -> Analysis {
    // Splits are found on the normalised word and cut out of the written
    // one: normalising changes letters one for one (أ → ا, final ة → ه)
    // except inside the stem (ىء → ئ, runs of spaces), so the first k and
    // last m letters are the same pieces in both. A piece must be written
    // exactly as the table has it (ألمانيا does not start with ال).
    let written = fold_marks(word.trim());
    let normal = normalize(&written);
    let letters: Vec<char> = written.chars().collect();
    let normal_letters: Vec<char> = normal.chars().collect();
    let as_written = |range: std::ops::Range<usize>, normal_range: std::ops::Range<usize>| {
        letters.get(range) == normal_letters.get(normal_range)
    };

    // The longest sure proclitic run that leaves enough letters (and is
    // not a word of its own: و الحلفاء).
    let mut prefixes: Pieces = Vec::new();
    let mut front = 0;
    for (pieces, rest) in prefix_splits(&normal) {
        let k = normal_letters.len() - rest.chars().count();
        let sure = SURE_PROCLITICS
            .iter()
            .any(|run| run.iter().copied().eq(pieces.iter().map(|p| p.form)));
        if sure
            && k > front
            && letters.len() >= k + MIN_HEADWORD
            && !rest.starts_with(' ')
            && as_written(0..k, 0..k)
        {
            prefixes = pieces;
            front = k;
        }
    }

    // Then one sure pronoun behind what is left.
    let rest = normal_letters[front..].iter().collect::<String>();
    let mut suffixes: Pieces = Vec::new();
    let mut back = 0;
    for (stem, pieces) in suffix_splits(&rest) {
        let [pronoun] = pieces[..] else { continue };
        let m = pronoun.form.chars().count();
        let end = letters.len().saturating_sub(m);
        let seated = letters[..end].last().is_some_and(|c| SEATS.contains(c));
        let sure = SURE_PRONOUNS.contains(&pronoun.form) || (pronoun.form == "ه" && seated);
        let normal_end = normal_letters.len() - m;
        if pronoun.kind == CliticKind::Pronoun
            && sure
            && !stem.ends_with(' ')
            && end >= front + MIN_HEADWORD
            && as_written(end..letters.len(), normal_end..normal_letters.len())
        {
            debug_assert_eq!(stem.chars().count(), normal_end - front);
            suffixes = pieces;
            back = m;
            break;
        }
    }

    // Undo the spelling the stem took before the suffix. A ت after alif is
    // the feminine plural's (تصريحاتها, قواتنا) far more often than a
    // noun's -āh (حياتها): it stays. A verb's ت (أرسلتها) is taken for a
    // noun's: nouns take possessives far more often.
    let mut lemma: String = letters[front..letters.len() - back].iter().collect();
    let mut change = None;
    if !suffixes.is_empty() {
        if let Some(base) = lemma.strip_suffix('ت')
            && !base.ends_with(ALIFS)
        {
            lemma = format!("{base}ة");
            change = Some(TA_MARBUTA);
        } else if let Some(base) = lemma.strip_suffix(SEATS) {
            lemma = format!("{base}ء");
            change = Some(HAMZA_ON_LINE);
        }
    }
    Analysis {
        prefixes: affixes(&prefixes),
        stem: normalize(&lemma),
        suffixes: affixes(&suffixes),
        change,
        lemma: Some(lemma),
        ..Analysis::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<String> {
        analyses(&normalize(word))
            .into_iter()
            .map(|a| a.stem)
            .collect()
    }

    fn reading(word: &str, stem: &str) -> Option<String> {
        analyses(&normalize(word))
            .into_iter()
            .find(|a| a.stem == normalize(stem))
            .map(|a| a.describe(stem))
    }

    fn headword(word: &str) -> String {
        CliticStripper.headword(word)
    }

    #[test]
    fn the_word_itself_comes_first() {
        assert_eq!(stems("سوريا")[0], "سوريا");
    }

    #[test]
    fn real_words_of_the_article_reach_their_stems() {
        assert_eq!(
            reading("وحلفاؤه", "حلفاء").as_deref(),
            Some("و + حلفاء + ه")
        );
        assert_eq!(reading("للنفير", "نفير").as_deref(), Some("ل + ال + نفير"));
        assert_eq!(reading("بموازاة", "موازاة").as_deref(), Some("ب + موازاة"));
        assert_eq!(reading("وأعلنت", "أعلن").as_deref(), Some("و + أعلن + ت"));
        assert_eq!(reading("سيطرتها", "سيطرة").as_deref(), Some("سيطرة + ها"));
        assert_eq!(
            reading("والحلفاء", "حلفاء").as_deref(),
            Some("و + ال + حلفاء")
        );
        assert_eq!(
            reading("وبالحلفاء", "حلفاء").as_deref(),
            Some("و + ب + ال + حلفاء")
        );
        assert_eq!(
            reading("الإرهابيين", "إرهابي").as_deref(),
            Some("ال + إرهابي + ين")
        );
        assert_eq!(reading("منطقتي", "منطقة").as_deref(), Some("منطقة + ي"));
        assert_eq!(reading("قيادتهم", "قيادة").as_deref(), Some("قيادة + هم"));
        assert_eq!(
            reading("للحكومة", "حكومة").as_deref(),
            Some("ل + ال + حكومة")
        );
        assert_eq!(reading("معركة", "المعركة").as_deref(), Some("المعركة"));
    }

    #[test]
    fn fewer_pieces_rank_first_and_tiny_stems_are_not_tried() {
        let all = analyses(&normalize("وحلفاؤه"));
        assert!(all.windows(2).all(|w| w[0].cost() <= w[1].cost()));
        assert!(all.iter().all(|a| a.stem.chars().count() >= 2));
    }

    #[test]
    fn each_piece_carries_its_meaning() {
        let found = analyses(&normalize("وبحكومتهم"))
            .into_iter()
            .find(|a| a.stem == normalize("حكومة"))
            .unwrap();
        let glosses = |pieces: &[Affix]| -> Vec<String> {
            pieces
                .iter()
                .map(|p| format!("{} {}", p.form, p.gloss))
                .collect()
        };
        assert_eq!(glosses(&found.prefixes), ["و and", "ب with, in"]);
        assert_eq!(glosses(&found.suffixes), ["هم them, their"]);
        assert_eq!(found.change, Some(TA_MARBUTA));
    }

    #[test]
    fn headwords_guessed_from_words_of_the_article() {
        assert_eq!(headword("وحلفاؤه"), "حلفاء");
        assert_eq!(headword("والحلفاء"), "حلفاء");
        assert_eq!(headword("للنفير"), "نفير");
        assert_eq!(headword("وهي"), "وهي");
        assert_eq!(headword("معركة"), "معركة");
        // Vowel marks go; hamza seats and ة stay as written.
        assert_eq!(headword("وَالْحُلَفَاءُ"), "حلفاء");
        assert_eq!(headword("وأعلنت"), "أعلنت");
    }

    #[test]
    fn a_headword_gets_its_ta_marbuta_back() {
        // The pronoun ها follows the ت that ة becomes before a suffix: the
        // headword is سيطرة (the clitic stripper of the add form used to
        // give سيطرت).
        assert_eq!(headword("سيطرتها"), "سيطرة");
        assert_eq!(headword("قيادتهم"), "قيادة");
        // After alif the ت is the plural's: it stays.
        assert_eq!(headword("تصريحاتها"), "تصريحات");
        assert_eq!(headword("ومنشآتها"), "منشآت");
        let reading = CliticStripper.likeliest("سيطرتها").unwrap();
        assert_eq!(
            reading.describe(reading.lemma.as_deref().unwrap()),
            "سيطرة + ها"
        );
        assert_eq!(
            (reading.stem.as_str(), reading.change),
            ("سيطره", Some(TA_MARBUTA))
        );
    }

    #[test]
    fn a_hamza_goes_back_on_the_line_only_before_a_suffix() {
        // Before a suffix hamza sits on a seat (حلفاؤه); at the end of a word
        // it keeps the seat its word has (الشاطئ, the shore, is شاطئ, which
        // the add form used to turn into شاطء).
        assert_eq!(headword("نظرائه"), "نظراء");
        assert_eq!(headword("الشاطئ"), "شاطئ");
        assert_eq!(headword("الطوارئ"), "طوارئ");
        assert_eq!(headword("تباطؤ"), "تباطؤ");
    }

    #[test]
    fn a_headword_guess_stays_cautious() {
        // Pieces must be written as the table has them, and enough must be
        // left; single-letter prepositions and pronouns stay on.
        assert_eq!(headword("ألمانيا"), "ألمانيا");
        assert_eq!(headword("بموازاة"), "بموازاة");
        assert_eq!(headword("وجه"), "وجه");
        assert_eq!(headword("عربي"), "عربي");
        assert_eq!(headword("بها"), "بها");
        // A term keeps its inner words as they are; a word alone is not a
        // clitic.
        assert_eq!(headword("والولايات المتحدة"), "ولايات المتحدة");
        assert_eq!(headword("دير  الزور"), "دير  الزور");
        assert_eq!(headword("و الحلفاء"), "و الحلفاء");
        assert_eq!(headword("مواقع ها"), "مواقع ها");
    }

    proptest::proptest! {
        /// Any text (Arabic letters, marks, seats, spaces, digits, Latin)
        /// gets a headword without a panic, and the reading's stem is its
        /// headword's matching form.
        #[test]
        fn any_text_gets_a_headword(text in "[وفبكلسالهمنيتةىءؤئأإآـَُِّ٣ a]{0,12}") {
            let reading = CliticStripper.likeliest(&text).unwrap();
            let lemma = reading.lemma.clone().unwrap();
            proptest::prop_assert_eq!(&normalize(&lemma), &reading.stem);
            proptest::prop_assert!(lemma.chars().count() <= text.chars().count() + 1);
        }
    }

    /// Words of real news that nobody on the team wrote: NTREX-128 (CC BY-SA
    /// 4.0; Federmann, Kocmi and Xin 2022), documents abcnews.306755,
    /// bbc.381736, cbsnews.248411, euronews-en.153799 and others of
    /// `../shared/corpus/ntrex/`. Single words, quoted as test data.
    #[test]
    fn words_of_real_news() {
        // What lookups try: the stem a glossary or dictionary would hold.
        for (word, stem, how) in [
            ("بقدرتها", "قدرة", "ب + قدرة + ها"),
            ("لحكومتنا", "حكومة", "ل + حكومة + نا"),
            ("خططها", "خطط", "خطط + ها"),
            ("وذكرت", "ذكر", "و + ذكر + ت"),
            ("بالولايات", "ولايات", "ب + ال + ولايات"),
            ("والمستشفيات", "مستشفى", "و + ال + مستشفى + ات"),
            ("اللاجئين", "لاجئون", "ال + لاجئون + ين"),
            ("لاستيائها", "استياء", "ل + استياء + ها"),
            ("وللأسف", "أسف", "و + ل + ال + أسف"),
        ] {
            assert_eq!(reading(word, stem).as_deref(), Some(how), "{word}");
        }
        // What the add form suggests.
        for (word, headword_) in [
            ("إرجاؤه", "إرجاء"),
            ("أدائها", "أداء"),
            ("ديمقراطيتنا", "ديمقراطية"),
            ("بياناتهم", "بيانات"),
            ("رسالتها", "رسالة"),
            ("وبالتالي", "تالي"),
            ("وللدفاع", "دفاع"),
            ("فالأمر", "أمر"),
            ("بقدرتها", "بقدرة"),
        ] {
            assert_eq!(headword(word), headword_, "{word}");
        }
    }
}
