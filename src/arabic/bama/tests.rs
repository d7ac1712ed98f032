//! The analyser over the real lexicon (`data/bama/lexicon.tsv`, in the
//! repository): words of news text and what it must make of them.

use std::sync::OnceLock;

use super::{Bama, key};

fn bama() -> &'static Bama {
    static BAMA: OnceLock<Bama> = OnceLock::new();
    BAMA.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/bama/lexicon.tsv");
        let text =
            std::fs::read_to_string(path).expect("data/bama/lexicon.tsv is in the repository");
        Bama::parse(&text).expect("the lexicon parses")
    })
}

/// The lemmas of every reading, in order, vowels ignored.
fn lemmas(word: &str) -> Vec<String> {
    bama()
        .readings(word)
        .into_iter()
        .filter_map(|r| r.lemma)
        .map(|l| key(&l))
        .collect()
}

#[test]
fn the_whole_lexicon_is_read() {
    // 38,600 lemma lines, and 18 lemmas for stems that have none.
    assert_eq!(bama().lemma_count(), 38_618);
    assert!(bama().stem_count() > 70_000, "{}", bama().stem_count());
}

#[test]
fn a_noun_with_a_conjunction_and_a_possessive_pronoun() {
    let readings = bama().readings("وحلفائه");
    let reading = readings
        .iter()
        .find(|r| r.lemma.as_deref() == Some("حَلِيف"))
        .expect("حليف among the readings");
    assert_eq!(reading.root.as_deref(), Some("ح ل ف"));
    assert_eq!(reading.pos.as_deref(), Some("noun"));
    assert_eq!(reading.prefixes.len(), 1);
    assert_eq!(reading.suffixes.len(), 1);
    let gloss = reading.gloss.as_deref().unwrap_or("");
    assert!(
        gloss.starts_with("and ") && gloss.contains("allies"),
        "{gloss}"
    );
    assert!(
        reading
            .translit
            .as_deref()
            .unwrap_or("")
            .starts_with("wa-ḥulafāʾ"),
        "{:?}",
        reading.translit
    );
    let forms: Vec<&str> = reading.segments.iter().map(|s| s.kind.name()).collect();
    assert_eq!(forms, ["prefix", "stem", "suffix"]);
}

#[test]
fn imperfect_verbs_lose_their_prefixes() {
    for (word, lemma) in [
        ("تطالب", "طالَب"),
        ("نطالب", "طالَب"),
        ("تدعو", "دَعا"),
        ("يتحدثون", "تَحَدَّث"),
    ] {
        let found = lemmas(word);
        assert!(found.iter().any(|l| *l == key(lemma)), "{word}: {found:?}");
    }
}

#[test]
fn common_verbs_of_news_are_known() {
    for (word, lemma) in [("جاء", "جاء"), ("شهد", "شَهِد"), ("أفاد", "أَفاد")]
    {
        let found = lemmas(word);
        assert!(found.iter().any(|l| *l == key(lemma)), "{word}: {found:?}");
    }
}

#[test]
fn homographs_keep_every_reading() {
    let readings = bama().readings("شهر");
    let lemmas: Vec<&str> = readings.iter().filter_map(|r| r.lemma.as_deref()).collect();
    assert!(lemmas.contains(&"شَهْر"), "{lemmas:?}");
    assert!(lemmas.contains(&"شَهَر"), "{lemmas:?}");
}

#[test]
fn the_spelling_of_the_text_ranks_first() {
    // كان is "to be"; كأن ("as if") only matches once alef seats are folded.
    let first = bama()
        .readings("كان")
        .into_iter()
        .next()
        .expect("a reading");
    assert_eq!(first.lemma.as_deref(), Some("كان"), "{first:?}");
    assert_eq!(first.pos.as_deref(), Some("verb"));
}

#[test]
fn the_spelling_of_the_text_counts_in_affixes_too() {
    // عادة ends in ة: not عادَ + ـهُ "he returned it", whose pronoun is ه.
    let first = bama()
        .readings("عادة")
        .into_iter()
        .next()
        .expect("a reading");
    assert_eq!(first.lemma.as_deref(), Some("عادَة"), "{first:?}");
    // And the other way round: مدرسته is مدرسة + ه, spelt with ت.
    assert_eq!(lemmas("مدرسته").first(), Some(&key("مَدْرَسَة")));
}

#[test]
fn vowels_in_the_text_rule_readings_out() {
    let bare = bama().readings("كتب");
    assert!(bare.iter().any(|r| r.pos.as_deref() == Some("verb")));
    let vowelled = bama().readings("كُتُب");
    assert!(!vowelled.is_empty());
    assert!(
        vowelled.iter().all(|r| r.pos.as_deref() != Some("verb")),
        "{vowelled:?}"
    );
}

#[test]
fn vowels_that_rule_out_every_reading_are_taken_as_hints() {
    // The lexicon has no passive: صُدّر "was exported" is read as صَدَّر.
    // Its shadda keeps the verb and leaves out صَدْر "chest".
    let readings = bama().readings("صُدّر");
    assert!(!readings.is_empty());
    assert!(
        readings.iter().all(|r| r.pos.as_deref() == Some("verb")),
        "{readings:?}"
    );
    // Tanween fath typed before the alef, as most writers do.
    assert_eq!(lemmas("سنويًا").first(), Some(&key("سَنَوِيّ")));
    assert_eq!(lemmas("خُلُقه").first(), Some(&key("خُلْق")));
}

#[test]
fn case_endings_are_left_off_and_readings_are_not_repeated() {
    let readings = bama().readings("كتاب");
    for reading in &readings {
        let vocalised = reading.vocalised.as_deref().unwrap_or("");
        assert!(
            !vocalised.ends_with(['\u{064F}', '\u{064C}', '\u{064D}']),
            "{vocalised}"
        );
    }
    let mut keys: Vec<(&str, &str)> = readings
        .iter()
        .map(|r| {
            (
                r.vocalised.as_deref().unwrap_or(""),
                r.lemma.as_deref().unwrap_or(""),
            )
        })
        .collect();
    let before = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), before);
}

#[test]
fn what_the_lexicon_does_not_know_gets_nothing() {
    assert!(bama().readings("ززززز").is_empty());
    assert!(bama().readings("").is_empty());
    assert!(bama().readings("2023").is_empty());
    assert!(bama().readings("news").is_empty());
}

#[test]
fn patterns_come_with_roots() {
    let readings = bama().readings("المفاوضات");
    let reading = readings
        .iter()
        .find(|r| r.root.as_deref() == Some("ف و ض"))
        .expect("a reading of root ف و ض");
    assert!(
        reading
            .pattern
            .as_deref()
            .unwrap_or("")
            .starts_with("مُفاعَل"),
        "{:?}",
        reading.pattern
    );
}

#[test]
fn a_verbs_subject_prefix_stays_on_its_word_in_transliteration() {
    let first = |word: &str| bama().readings(word).into_iter().next().expect("a reading");
    assert_eq!(first("تستعيد").translit.as_deref(), Some("tastaʿīd"));
    let will = first("سيصدرون");
    let translit = will.translit.expect("a transliteration");
    assert!(translit.starts_with("sa-y"), "{translit}");
    assert!(!translit.starts_with("sa-ya-"), "{translit}");
}

#[test]
fn patterns_are_the_lemmas_for_verbs_and_keep_the_feminine_ending() {
    let pattern = |word: &str, lemma: &str| {
        bama()
            .readings(word)
            .into_iter()
            .find(|r| r.lemma.as_deref() == Some(lemma))
            .and_then(|r| r.pattern)
            .unwrap_or_default()
    };
    assert_eq!(pattern("والهدنة", "هُدْنَة"), "فُعْلَة");
    assert_eq!(pattern("مفاوضات", "مُفاوَضَة"), "مُفاعَلات");
    assert_eq!(pattern("الحكومة", "حُكُومَة"), "فُعُولَة");
    // The verb's pattern is its lemma's (perfect) form, not the imperfect
    // stem's (صْدُر).
    assert_eq!(pattern("سيصدرون", "صَدَر"), "فَعَل");
    assert_eq!(pattern("يكتبون", "كَتَب"), "فَعَل");
}
