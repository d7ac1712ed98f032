//! Senses the Buckwalter lexicon lacks: qari's own file of the meanings
//! today's news gives common lemmas that the 2002 lexicon does not list, or
//! lists after older ones (خَطَّط "plan", not only "draw lines"; عُقُود
//! "decades" as well as "contracts"). It is read at run time beside the
//! lexicon (`data/senses/news.tsv`; its README says how it was made) and
//! its senses are written into the glosses of the lemma's stems, so every
//! reading, word gloss and entry made from one shows them.
//!
//! Format: UTF-8, `#` comments, one addition a line, five fields separated
//! by tabs: the lemma as the lexicon spells it (vocalised), its sense number
//! there, `verb` or `noun/adj` (which of the lemma's stems take the
//! senses), the senses (English, `;` between them), and `first` (shown
//! before the lexicon's glosses: the sense news uses most) or `after`.
//!
//! Beside it, `data/senses/usual.tsv` names the reading news usually means
//! by a common written word where that is not the one the lemma frequencies
//! put first (شرطة is شُرْطَة "police", not شَرْطَة "dash"): the word as
//! written (without vowels), the lemma (vocalised) and `verb` or
//! `noun/adj`, separated by tabs.

use super::lexicon::{LexiconError, bad};

/// The records of one of these files: each line that is not a `#` comment
/// or blank, with its number (from 1) and its tab-separated fields.
fn records(text: &str) -> impl Iterator<Item = (usize, &str, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(n, line)| (n + 1, line, line.split('\t').collect()))
}

/// One line of the senses file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenseAddition {
    /// Vocalised, as the lexicon's `L` line spells it.
    pub lemma: String,
    /// The lexicon's sense number of the lemma (homographs are told apart
    /// by it: عَقْد 1 "holding", عَقْد 2 "contract").
    pub sense: u16,
    /// Whether the senses go on the lemma's verb stems (else its noun and
    /// adjective stems). Passive stems never take them: "plan" is not a
    /// gloss of "be planned".
    pub verb: bool,
    /// Each sense, as it is to be shown.
    pub senses: Vec<String>,
    /// Before the lexicon's glosses (the sense news uses most), or after.
    pub first: bool,
}

/// The additions of a senses file, or the first line that is not one.
pub fn parse(text: &str) -> Result<Vec<SenseAddition>, LexiconError> {
    let mut additions = Vec::new();
    for (n, line, fields) in records(text) {
        let bad = |expected| bad(n, line, expected);
        let [lemma, sense, pos, senses, place] = fields[..] else {
            return Err(bad(
                "5 fields: lemma, sense number, verb or noun/adj, senses, first or after",
            ));
        };
        let sense = sense
            .parse::<u16>()
            .map_err(|_| bad("a sense number in the second field"))?;
        let verb = match pos {
            "verb" => true,
            "noun/adj" => false,
            _ => return Err(bad("`verb` or `noun/adj` in the third field")),
        };
        let first = match place {
            "first" => true,
            "after" => false,
            _ => return Err(bad("`first` or `after` in the fifth field")),
        };
        let senses: Vec<String> = senses
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if lemma.trim().is_empty() || senses.is_empty() {
            return Err(bad("a lemma and at least one sense"));
        }
        additions.push(SenseAddition {
            lemma: lemma.trim().to_owned(),
            sense,
            verb,
            senses,
            first,
        });
    }
    Ok(additions)
}

/// One line of the usual readings file: `word` (as written, no vowels)
/// usually means `lemma` (a verb reading of it, or not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsualReading {
    pub word: String,
    pub lemma: String,
    pub verb: bool,
}

/// The lines of a usual readings file, or the first line that is not one.
pub fn parse_usual(text: &str) -> Result<Vec<UsualReading>, LexiconError> {
    let mut usual = Vec::new();
    for (n, line, fields) in records(text) {
        let verb = match fields[..] {
            [word, lemma, "verb"] if !word.is_empty() && !lemma.is_empty() => true,
            [word, lemma, "noun/adj"] if !word.is_empty() && !lemma.is_empty() => false,
            _ => {
                return Err(bad(
                    n,
                    line,
                    "3 fields: a word, its usual lemma, and verb or noun/adj",
                ));
            }
        };
        usual.push(UsualReading {
            word: fields[0].to_owned(),
            lemma: fields[1].to_owned(),
            verb,
        });
    }
    Ok(usual)
}

/// qari's names file (`data/senses/names.tsv`: word, gloss, part of
/// speech, kind, separated by tabs) as stems in the lexicon's own format, to
/// be parsed with it: each word a lemma of its own, without a root, in the
/// lexicon's category for names (`Nprop`: a conjunction or preposition may
/// be written on it, وترامب, لترامب; no suffix), tagged as the part of
/// speech says. The words are written as news writes them, with the
/// article where it is part of what is listed (الحوثيين "the Houthis").
pub fn names_as_stems(text: &str) -> Result<String, LexiconError> {
    let mut stems = String::from("[stems]\nR\t\n");
    for (n, line, fields) in records(text) {
        let bad = |expected| bad(n, line, expected);
        let [word, gloss, pos, _kind] = fields[..] else {
            return Err(bad("4 fields: word, gloss, part of speech, kind"));
        };
        if word.is_empty() || !word.chars().all(crate::arabic::is_arabic_letter) {
            return Err(bad("a word of Arabic letters in the first field"));
        }
        let tag = match pos {
            "noun_prop" => "NOUN_PROP",
            "noun" => "NOUN",
            "adj" => "ADJ",
            _ => return Err(bad("noun_prop, noun or adj in the third field")),
        };
        let gloss = gloss.trim().replace(';', ",");
        if gloss.is_empty() {
            return Err(bad("a gloss in the second field"));
        }
        stems.push_str(&format!("L\t{word}\t\t1\n{word}\tNprop\t{gloss}\t{tag}\n"));
    }
    Ok(stems)
}

/// The English plural of a sense, made on its last word before any
/// parenthesis ("legal scholar" → "legal scholars", "capacity (as)" →
/// "capacities (as)"): for a plural stem of a noun, whose glosses the
/// lexicon writes in the plural.
pub fn plural(sense: &str) -> String {
    let (head, rest) = match sense.find(" (") {
        Some(at) => sense.split_at(at),
        None => (sense, ""),
    };
    let head = head.trim_end();
    let last_start = head.rfind(' ').map_or(0, |at| at + 1);
    let (before, last) = head.split_at(last_start);
    let bytes = last.as_bytes();
    let ends_with_consonant_y = bytes.len() >= 2
        && bytes[bytes.len() - 1] == b'y'
        && !b"aeiou".contains(&bytes[bytes.len() - 2]);
    let plural = if last.is_empty() || !last.is_ascii() {
        last.to_owned()
    } else if ends_with_consonant_y {
        format!("{}ies", &last[..last.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| last.ends_with(e))
    {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{before}{plural}{rest}")
}

/// Whether `gloss` (a stem's first gloss) is the plural of `singular` as
/// [`plural`] makes it: the stem is the plural of the lemma's first stem.
pub fn is_plural_of(gloss: &str, singular: &str) -> bool {
    !singular.is_empty() && gloss != singular && plural(singular) == gloss
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_and_bad_ones_name_their_line() {
        let text =
            "# news senses\nعَقْد\t2\tnoun/adj\tdecade\tafter\n\nخَطَّط\t1\tverb\tplan; intend\tfirst\n";
        let additions = parse(text).unwrap();
        assert_eq!(additions.len(), 2);
        assert_eq!(additions[1].senses, ["plan", "intend"]);
        assert!(additions[1].verb && additions[1].first);
        assert!(!additions[0].verb && !additions[0].first);
        for bad in [
            "عَقْد\t2\tnoun/adj\tdecade\n",
            "عَقْد\ttwo\tnoun/adj\tdecade\tafter\n",
            "عَقْد\t2\tnoun\tdecade\tafter\n",
            "عَقْد\t2\tnoun/adj\tdecade\tlast\n",
            "عَقْد\t2\tnoun/adj\t ; \tafter\n",
        ] {
            let error = parse(&format!("# c\n{bad}")).unwrap_err();
            assert!(error.to_string().starts_with("line 2:"), "{error}");
        }
    }

    #[test]
    fn usual_readings_parse_and_bad_ones_name_their_line() {
        let usual = parse_usual("# c\nشرطة\tشُرْطَة\tnoun/adj\nقال\tقال\tverb\n").unwrap();
        assert_eq!(usual.len(), 2);
        assert!(!usual[0].verb && usual[1].verb);
        for bad in ["شرطة\tشُرْطَة\n", "شرطة\tشُرْطَة\tnoun\n", "\tشُرْطَة\tverb\n"]
        {
            let error = parse_usual(&format!("# c\n{bad}")).unwrap_err();
            assert!(error.to_string().starts_with("line 2:"), "{error}");
        }
    }

    #[test]
    fn names_become_stems_and_bad_lines_name_their_line() {
        let stems = names_as_stems(
            "# c\nترامب\tTrump (president; US)\tnoun_prop\tperson\nالتغريدة\tthe tweet\tnoun\tword\n",
        )
        .unwrap();
        assert_eq!(
            stems,
            "[stems]\nR\t\nL\tترامب\t\t1\nترامب\tNprop\tTrump (president, US)\tNOUN_PROP\n\
             L\tالتغريدة\t\t1\nالتغريدة\tNprop\tthe tweet\tNOUN\n"
        );
        for bad in [
            "ترامب\tTrump\tnoun_prop\n",
            "Trump\tTrump\tnoun_prop\tperson\n",
            "ترامب\tTrump\tverb\tperson\n",
            "ترامب\t \tnoun_prop\tperson\n",
        ] {
            let error = names_as_stems(&format!("# c\n{bad}")).unwrap_err();
            assert!(error.to_string().starts_with("line 2:"), "{error}");
        }
    }

    #[test]
    fn plurals_of_senses() {
        assert_eq!(plural("decade"), "decades");
        assert_eq!(plural("legal scholar"), "legal scholars");
        assert_eq!(
            plural("capacity (as, in the role of)"),
            "capacities (as, in the role of)"
        );
        assert_eq!(plural("tax"), "taxes");
        assert_eq!(plural("day"), "days");
        assert!(is_plural_of("contracts", "contract"));
        assert!(!is_plural_of("contract", "contract"));
        assert!(!is_plural_of("holding", "contract"));
    }
}
