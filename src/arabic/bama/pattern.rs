//! The pattern (wazn) of a stem: its root letters replaced by ف ع ل (ف ع ل ل
//! for a root of four), its other letters and its vowels kept: مُفاوَضَة of
//! ف و ض is مُفاعَلَة.
//!
//! Derived here from the root and the vocalised stem (BAMA does not give
//! it). Radicals are found in order; a hamza radical matches any seat, and a
//! letter with shadda may stand for a doubled radical. A weak radical (و ي)
//! that the stem does not show is put back: in a noun the pattern keeps the
//! long vowel and gains the radical's letter (اِسْتِعادَة → اِسْتِفْعالَة, the
//! hollow-root change), in a verb the long vowel stood for it (قال → فعل).
//! When the radicals cannot be found, there is no pattern rather than a
//! wrong one.

use super::super::{MarkedLetter, marked_letters};

const PLACEHOLDERS: [char; 4] = ['ف', 'ع', 'ل', 'ل'];
const SHADDA: char = '\u{0651}';

fn is_hamza(c: char) -> bool {
    matches!(c, 'ء' | 'أ' | 'إ' | 'آ' | 'ؤ' | 'ئ' | 'ٱ')
}

fn same_radical(letter: char, radical: char) -> bool {
    letter == radical || (radical == 'ء' && is_hamza(letter)) || (radical == 'ي' && letter == 'ى')
}

fn is_weak(radical: char) -> bool {
    matches!(radical, 'و' | 'ي')
}

/// What each letter of the stem became: a radical (its index), two radicals
/// (a shadda standing for a doubled one), or itself.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Radical(usize),
    Doubled(usize),
    Own,
}

/// Finds radicals `from..` in `letters[at..]`, in order; a weak radical may
/// be missing (noted in `missing`). Returns the roles, first found first.
fn assign(
    letters: &[MarkedLetter],
    radicals: &[char],
    at: usize,
    from: usize,
    roles: &mut Vec<Role>,
    missing: &mut Option<usize>,
) -> bool {
    if from == radicals.len() {
        roles.extend(std::iter::repeat_n(Role::Own, letters.len() - at));
        return true;
    }
    for i in at..letters.len() {
        let letter = &letters[i];
        if same_radical(letter.letter, radicals[from]) {
            let mark = roles.len();
            roles.extend(std::iter::repeat_n(Role::Own, i - at));
            // A shadda on a doubled radical stands for both.
            if letter.marks.contains(&SHADDA) && radicals.get(from + 1) == Some(&radicals[from]) {
                roles.push(Role::Doubled(from));
                if assign(letters, radicals, i + 1, from + 2, roles, missing) {
                    return true;
                }
                roles.truncate(mark);
                roles.extend(std::iter::repeat_n(Role::Own, i - at));
            }
            roles.push(Role::Radical(from));
            if assign(letters, radicals, i + 1, from + 1, roles, missing) {
                return true;
            }
            roles.truncate(mark);
        }
    }
    // A weak radical the stem does not show (hollow or defective roots).
    if missing.is_none() && is_weak(radicals[from]) {
        *missing = Some(from);
        if assign(letters, radicals, at, from + 1, roles, missing) {
            return true;
        }
        *missing = None;
    }
    false
}

/// The pattern of `stem` (vocalised) from `root` (letters separated by
/// spaces), or `None` when the root's letters are not found in it.
pub fn pattern(root: &str, stem: &str) -> Option<String> {
    let radicals: Vec<char> = root.split(' ').filter_map(|r| r.chars().next()).collect();
    if !(3..=4).contains(&radicals.len()) {
        return None;
    }
    let letters = marked_letters(stem);
    let mut roles = Vec::new();
    let mut missing = None;
    if !assign(&letters, &radicals, 0, 0, &mut roles, &mut missing) {
        return None;
    }
    let placeholder = |radical: usize| {
        if radicals.len() == 4 {
            PLACEHOLDERS[radical]
        } else {
            PLACEHOLDERS[radical.min(2)]
        }
    };
    // A short stem without ة is a verb's (or reads like one): its long
    // vowel stood for the missing radical.
    let is_verb_like = !stem.ends_with('ة') && letters.len() <= 3;
    let mut out = String::new();
    let mut placed = 0; // radicals written so far
    if missing == Some(0) && !is_verb_like {
        out.push(placeholder(0));
        placed = 1;
    }
    for (letter, role) in letters.iter().zip(&roles) {
        match role {
            Role::Radical(r) => {
                out.push(placeholder(*r));
                out.extend(&letter.marks);
                placed = r + 1;
            }
            Role::Doubled(r) => {
                out.push(placeholder(*r));
                out.push('\u{0652}');
                out.push(placeholder(r + 1));
                out.extend(letter.marks.iter().filter(|&&m| m != SHADDA));
                placed = r + 2;
            }
            Role::Own => {
                if let Some(m) = missing
                    && placed == m
                {
                    if is_verb_like && matches!(letter.letter, 'ا' | 'ى' | 'و' | 'ي') {
                        out.push(placeholder(m));
                        out.extend(&letter.marks);
                        placed = m + 1;
                        continue;
                    }
                    if !is_verb_like {
                        out.push(placeholder(m));
                        placed = m + 1;
                    }
                }
                out.push(letter.letter);
                out.extend(&letter.marks);
            }
        }
        // In a noun the missing radical follows the one before it at once
        // (which, vowelless now, takes a sukun).
        if let Some(m) = missing
            && placed == m
            && m > 0
            && !is_verb_like
            && role != &Role::Own
        {
            if letter.marks.is_empty() {
                out.push('\u{0652}');
            }
            out.push(placeholder(m));
            placed = m + 1;
        }
    }
    if placed < radicals.len() {
        let m = missing?;
        if m + 1 != radicals.len() {
            return None;
        }
        // A defective root whose last radical the stem does not show.
        out.push(placeholder(m));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sound_roots_keep_their_vowels_and_other_letters() {
        assert_eq!(pattern("ف و ض", "مُفاوَضَة").as_deref(), Some("مُفاعَلَة"));
        assert_eq!(pattern("ك ت ب", "كاتِب").as_deref(), Some("فاعِل"));
        assert_eq!(pattern("ق ب ل", "اِسْتِقْبال").as_deref(), Some("اِسْتِفْعال"));
    }

    #[test]
    fn a_hollow_root_in_a_noun_gets_its_radical_back() {
        assert_eq!(pattern("ع و د", "اِسْتِعادَة").as_deref(), Some("اِسْتِفْعالَة"));
    }

    #[test]
    fn a_hollow_verb_reads_its_long_vowel_as_the_radical() {
        assert_eq!(pattern("ق و ل", "قال").as_deref(), Some("فعل"));
    }

    #[test]
    fn a_doubled_radical_under_shadda() {
        assert_eq!(pattern("م د د", "مَدّ").as_deref(), Some("فَعْل"));
    }

    #[test]
    fn a_hamza_radical_matches_any_seat_and_missing_letters_give_none() {
        assert_eq!(pattern("ء م ر", "أَمِير").as_deref(), Some("فَعِيل"));
        assert_eq!(pattern("ك ت ب", "مَدْرَسَة"), None);
    }
}
