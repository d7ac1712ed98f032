//! Arabic shaping: each letter becomes the presentation form (isolated, final,
//! initial, medial) that its neighbours call for, and lam + alef becomes one
//! ligature, so a terminal that draws one code point per cell without shaping
//! still shows joined Arabic.
//!
//! Joining follows Unicode's ArabicShaping.txt (Core Spec §9.2): transparent
//! characters (harakat and other marks) are skipped when looking for a
//! neighbour, join-causing characters (tatweel, ZWJ) join on both sides, and
//! non-joining ones (ZWNJ, spaces, Latin) break the join. The tables come from
//! `unicode_tables.rs`, generated from the UCD by `tools/gen_unicode_tables.py`.

use super::unicode_tables::{ARABIC_JOINING, BASES, FORMS, JOINING, LAM_ALEF};

const LAM: char = '\u{0644}';

/// Joining type of a character (ArabicShaping.txt, field 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Joining {
    /// `U`: never joins (the default for characters not listed).
    None,
    /// `R`: joins only the preceding letter (alef, dal, reh, waw...).
    Right,
    /// `L`: joins only the following letter.
    Left,
    /// `D`: joins on both sides.
    Dual,
    /// `C`: causes joining on both sides but has no forms (tatweel, ZWJ).
    Causing,
    /// `T`: skipped when joining (harakat and other marks).
    Transparent,
}

impl Joining {
    pub(crate) fn of(c: char) -> Joining {
        let cp = c as u32;
        // Fast exits: nothing below U+00AD joins or is transparent, and the
        // Arabic blocks are indexed directly.
        if cp < 0xAD {
            return Joining::None;
        }
        if let Some(&joining) = cp
            .checked_sub(0x0600)
            .and_then(|i| ARABIC_JOINING.get(i as usize))
        {
            return joining;
        }
        match JOINING.binary_search_by(|&(start, end, _)| {
            if end < cp {
                std::cmp::Ordering::Less
            } else if start > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => JOINING[i].2,
            Err(_) => Joining::None,
        }
    }

    /// Can join the character that follows it in logical order?
    pub(crate) fn joins_following(self) -> bool {
        matches!(self, Joining::Dual | Joining::Left | Joining::Causing)
    }

    /// Can join the character that precedes it in logical order?
    pub(crate) fn joins_preceding(self) -> bool {
        matches!(self, Joining::Dual | Joining::Right | Joining::Causing)
    }
}

/// Whether `c` joins the letter that follows it (Arabic letters of joining
/// type D or L, tatweel, ZWJ).
pub(crate) fn joins_following(c: char) -> bool {
    Joining::of(c).joins_following()
}

/// What shaping made of one character of the logical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shaped {
    /// Drawn as this character (its presentation form, or itself).
    Char(char),
    /// An alef swallowed by the lam-alef ligature that the lam before it became.
    Ligated,
}

/// Quick check that lets pure non-Arabic text skip shaping altogether.
pub(crate) fn may_need_shaping(text: &str) -> bool {
    // Every joining letter lies at or above U+0600 (Arabic, Syriac, N'Ko,
    // Mongolian, ...), whose UTF-8 lead bytes are 0xD8 and above.
    text.bytes().any(|b| b >= 0xD8)
}

/// Shape `chars` (one paragraph, logical order), writing one [`Shaped`] per
/// character into `out` (cleared first).
pub(crate) fn shape(chars: &[char], out: &mut Vec<Shaped>) {
    out.clear();
    out.extend(chars.iter().map(|&c| Shaped::Char(c)));
    // One pass: a letter's form is settled once the next non-transparent
    // character tells whether it joins the following one.
    // (index, joining type, joins the preceding letter)
    let mut pending: Option<(usize, Joining, bool)> = None;
    for (i, &c) in chars.iter().enumerate() {
        let joining = Joining::of(c);
        if joining == Joining::Transparent {
            continue;
        }
        let joins = pending.is_some_and(|(_, previous, _)| {
            previous.joins_following() && joining.joins_preceding()
        });
        if let Some((p, _, joins_before)) = pending {
            settle(chars, out, p, joins_before, joins.then_some(i));
        }
        pending = Some((i, joining, joins));
    }
    if let Some((p, _, joins_before)) = pending {
        settle(chars, out, p, joins_before, None);
    }
}

/// Give the letter at `i` its form, knowing whether it joins the preceding
/// letter and which following letter it joins, if any: a lam joined to an
/// alef becomes their ligature, and the alef is marked as swallowed.
#[inline]
pub(crate) fn settle(
    chars: &[char],
    out: &mut [Shaped],
    i: usize,
    joins_before: bool,
    next: Option<usize>,
) {
    if out[i] == Shaped::Ligated {
        return;
    }
    let c = chars[i];
    if c == LAM
        && let Some(alef_at) = next
        && let Some(&(_, isolated, final_)) = LAM_ALEF
            .iter()
            .find(|&&(alef, _, _)| alef == chars[alef_at] as u32)
    {
        let ligature = if joins_before { final_ } else { isolated };
        out[i] = Shaped::Char(char::from_u32(ligature).unwrap_or(c));
        out[alef_at] = Shaped::Ligated;
        return;
    }
    let Some(forms) = (c as u32)
        .checked_sub(0x0600)
        .and_then(|k| FORMS.get(k as usize))
    else {
        return;
    };
    let form = match (joins_before, next.is_some()) {
        (false, false) => forms[0],
        (true, false) => forms[1],
        (false, true) => forms[2],
        (true, true) => forms[3],
    };
    if form != 0
        && let Some(shaped) = char::from_u32(u32::from(form))
    {
        out[i] = Shaped::Char(shaped);
    }
}

/// Where in a word a presentation form stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Joined to neither neighbour.
    Isolated,
    /// Joined to the preceding letter only.
    Final,
    /// Joined to the following letter only.
    Initial,
    /// Joined on both sides.
    Medial,
}

/// What an Arabic presentation form stands for: its form and the logical
/// letters (two for a lam-alef ligature: lam, then the alef).
pub fn unshape_char(c: char) -> Option<(Form, char, Option<char>)> {
    let cp = c as u32;
    if let Some(&(alef, isolated, _)) = LAM_ALEF
        .iter()
        .find(|&&(_, isolated, final_)| cp == isolated || cp == final_)
    {
        let form = if cp == isolated {
            Form::Isolated
        } else {
            Form::Final
        };
        return Some((form, LAM, char::from_u32(alef)));
    }
    let i = BASES.binary_search_by_key(&cp, |&(form, _, _)| form).ok()?;
    let (_, base, index) = BASES[i];
    let form = [Form::Isolated, Form::Final, Form::Initial, Form::Medial][usize::from(index)];
    Some((form, char::from_u32(base)?, None))
}

/// Undo shaping: presentation forms back to the letters they stand for (text
/// pasted from a PDF or a shaped terminal often comes as presentation forms).
pub fn unshape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match unshape_char(c) {
            Some((_, base, alef)) => {
                out.push(base);
                out.extend(alef);
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        shape(&chars, &mut out);
        out.iter()
            .filter_map(|s| match s {
                Shaped::Char(c) => Some(*c),
                Shaped::Ligated => None,
            })
            .collect()
    }

    #[test]
    fn joins_letters_by_position() {
        // سلام: seen initial, lam-alef final ligature, meem isolated.
        assert_eq!(shaped("سلام"), "\u{FEB3}\u{FEFC}\u{FEE1}");
        // بيت: beh initial, yeh medial, teh final.
        assert_eq!(shaped("بيت"), "\u{FE91}\u{FEF4}\u{FE96}");
    }

    #[test]
    fn lam_alef_ligatures_isolated_and_final() {
        assert_eq!(shaped("لا"), "\u{FEFB}");
        assert_eq!(shaped("لأ"), "\u{FEF7}");
        assert_eq!(shaped("لإ"), "\u{FEF9}");
        assert_eq!(shaped("لآ"), "\u{FEF5}");
        assert_eq!(shaped("بلا"), "\u{FE91}\u{FEFC}");
    }

    #[test]
    fn harakat_are_kept_and_transparent() {
        // لَا: the fatha between lam and alef does not stop the ligature.
        assert_eq!(shaped("لَا"), "\u{FEFB}\u{064E}");
        // بَيْتٌ keeps all its marks and still joins.
        assert_eq!(
            shaped("بَيْتٌ"),
            "\u{FE91}\u{064E}\u{FEF4}\u{0652}\u{FE96}\u{064C}"
        );
    }

    #[test]
    fn zwj_and_tatweel_join_zwnj_breaks() {
        // ZWJ between lam and alef: no ligature, but both stay joined.
        assert_eq!(shaped("ل\u{200D}ا"), "\u{FEDF}\u{200D}\u{FE8E}");
        // Tatweel joins on both sides: عاجـل.
        assert_eq!(
            shaped("جـل"),
            "\u{FE9F}\u{0640}\u{FEDE}",
            "jeem initial, tatweel, lam final"
        );
        // ZWNJ breaks the join: می‌خواهم.
        assert_eq!(shaped("ب\u{200C}ب"), "\u{FE8F}\u{200C}\u{FE8F}");
    }

    #[test]
    fn persian_letters_have_forms() {
        assert_eq!(shaped("پچگک"), "\u{FB58}\u{FB7D}\u{FB95}\u{FB8F}");
        assert_eq!(shaped("ژ"), "\u{FB8A}");
        assert_eq!(shaped("ی"), "\u{FBFC}");
    }

    #[test]
    fn unshape_restores_the_logical_letters() {
        for text in ["سلام عليكم", "لأن الإسلام", "پژوهش گچ کتاب ی", "بِسْمِ"]
        {
            assert_eq!(unshape(&shaped(text)), text);
        }
        assert_eq!(
            unshape_char('\u{FEFC}'),
            Some((Form::Final, LAM, Some('\u{0627}')))
        );
        assert_eq!(
            unshape_char('\u{FE91}'),
            Some((Form::Initial, '\u{0628}', None))
        );
        assert_eq!(unshape_char('a'), None);
    }

    #[test]
    fn leading_mark_and_non_arabic_are_untouched() {
        assert_eq!(shaped("\u{064E}سلام"), "\u{064E}\u{FEB3}\u{FEFC}\u{FEE1}");
        assert_eq!(shaped("abc 123"), "abc 123");
    }
}
