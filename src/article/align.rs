//! Aligning a translation with an article: paragraph by paragraph, then
//! sentence by sentence inside each pair of paragraphs, by length (Gale and
//! Church, 1993: a sentence and its translation have lengths in a steady
//! ratio, with a spread that grows with the length). Where the two sides
//! were split differently (a sentence split or joined on one side, an extra
//! byline, a paragraph missing) the alignment repairs what it can, and
//! leaves empty only the Arabic sentences nothing could be aligned with.
//!
//! Pure: sentences in, slots out. `qari import --translation` and `qari
//! translation` put the slots into the article or its overlay.

use std::ops::Range;

use super::Sentence;
use super::split::split;

/// How one Arabic paragraph came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphOutcome {
    /// Paragraph to paragraph, sentence to sentence, as split.
    Aligned,
    /// Every sentence got a translation, but the two sides were split or
    /// grouped differently (sentences or paragraphs joined, split or extra
    /// on one side).
    Repaired,
    /// Some of its sentences got a translation, not all.
    Partly,
    /// None of its sentences did.
    Empty,
}

/// The outcome of aligning a translation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aligned {
    /// One slot per Arabic sentence, in order: its translation, or `None`.
    /// Two Arabic sentences translated by one English sentence both get it.
    pub slots: Vec<Option<String>>,
    /// One outcome per Arabic paragraph, in order.
    pub paragraphs: Vec<ParagraphOutcome>,
    /// The sentences (indices into `slots`) of each Arabic paragraph.
    pub paragraph_sentences: Vec<Range<usize>>,
    /// English sentences that matched no Arabic one (a byline, a paragraph
    /// the Arabic lacks), in order.
    pub unmatched: Vec<String>,
}

impl Aligned {
    /// How many Arabic sentences got a translation.
    pub fn filled(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// The sentences (indices) of the Arabic paragraphs with `outcome`,
    /// a range per paragraph.
    pub fn paragraphs_with(&self, outcome: ParagraphOutcome) -> Vec<Range<usize>> {
        (self.paragraphs.iter().zip(&self.paragraph_sentences))
            .filter(|(o, _)| **o == outcome)
            .map(|(_, sentences)| sentences.clone())
            .collect()
    }
}

/// Aligns the English text `english` with an article's `sentences`: the
/// English read with the same rules as the Arabic (each non-blank line a
/// paragraph, the same sentence splitter), the Arabic paragraphs as the
/// article has them (the headline one of its own).
pub fn align_translation(sentences: &[Sentence], english: &str) -> Aligned {
    let mut arabic: Vec<Vec<&str>> = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let previous_heading = index > 0 && sentences[index - 1].heading;
        let new_paragraph =
            index == 0 || sentence.starts_paragraph || sentence.heading || previous_heading;
        match arabic.last_mut() {
            Some(paragraph) if !new_paragraph => paragraph.push(&sentence.ar),
            _ => arabic.push(vec![&sentence.ar]),
        }
    }
    let headline = sentences.first().is_some_and(|s| s.heading);
    align_paragraphs(&arabic, &split(english).paragraphs, headline)
}

/// Expected English characters per Arabic character (the NTREX news pairs:
/// 1.07).
const RATIO: f64 = 1.07;
/// Variance of a translation's length per character of the original (Gale
/// and Church's figure for European languages; NTREX's Arabic and English
/// vary less, 3.6, and real translations more).
const VARIANCE: f64 = 6.8;
/// The largest table the dynamic programme fills (rows × columns); past it
/// the paragraphs are paired in order.
const MAX_CELLS: usize = 4_000_000;

/// The prior of a bead of one credit line alone (a byline, an agency's
/// name): far likelier than any other sentence with no counterpart.
const CREDIT_PRIOR: f64 = 0.3;

/// Whether `sentence` is a credit line, in either language: a short
/// sentence wholly in brackets («(Reuters)», «(الأناضول)», «(أ ف ب)»), a
/// byline («By Jane Doe», «بقلم …»), or a reporting or picture credit.
pub fn is_credit(sentence: &str) -> bool {
    let text = sentence.trim();
    let words = text.split_whitespace().count();
    let bracketed = (text.starts_with('(') && text.ends_with(')'))
        || (text.starts_with('[') && text.ends_with(']'));
    let lower = text.to_lowercase();
    const OPENINGS: &[&str] = &[
        "by ",
        "reporting by",
        "additional reporting",
        "editing by",
        "writing by",
        "compiled by",
        "image copyright",
        "image caption",
        "media playback",
        "photo:",
        "بقلم",
        "تحرير:",
        "إعداد:",
    ];
    (bracketed && words <= 5) || (words <= 12 && OPENINGS.iter().any(|o| lower.starts_with(o)))
}

/// A bead: how many items of each side go together.
type Bead = (usize, usize);

/// The prior of a sentence with no counterpart (Gale and Church's).
const SENTENCE_ALONE: f64 = 0.0099;
/// The prior of a paragraph with no counterpart: the same. (Five times
/// higher, 0.05, left more missing paragraphs empty rather than spread
/// the next one's English over both, but lost more NTREX pairs than it
/// saved: 94.7 % against 95.8 % after changes.)
const PARAGRAPH_ALONE: f64 = SENTENCE_ALONE;

/// The beads tried, with their prior probabilities (Gale and Church's;
/// the priors of 1:0 and 0:1 are [`SENTENCE_ALONE`] or [`PARAGRAPH_ALONE`]).
const BEADS: [(Bead, f64); 6] = [
    ((1, 1), 0.89),
    ((1, 0), SENTENCE_ALONE),
    ((0, 1), SENTENCE_ALONE),
    ((2, 1), 0.089 / 2.0),
    ((1, 2), 0.089 / 2.0),
    ((2, 2), 0.011),
];

/// Aligns `english` (paragraphs of sentences) with `arabic` (paragraphs
/// of sentences); `headline`: the first Arabic paragraph is the headline,
/// which translations often leave out or replace with their own, so it
/// may go without a counterpart as a credit line may.
pub fn align_paragraphs(arabic: &[Vec<&str>], english: &[Vec<String>], headline: bool) -> Aligned {
    // Not estimated from the two texts: a missing paragraph would skew it
    // exactly where it matters.
    let ratio = RATIO;
    let mut ar_items: Vec<Item> = arabic.iter().map(|p| Item::of(p)).collect();
    if let Some(first) = ar_items.first_mut() {
        first.credit |= headline;
    }
    let en_items: Vec<Item> = english.iter().map(|p| Item::of(p)).collect();
    let beads = match_lengths(&ar_items, &en_items, ratio, PARAGRAPH_ALONE)
        .unwrap_or_else(|| in_order(arabic.len(), english.len()));
    let starts: Vec<usize> = arabic
        .iter()
        .scan(0, |next, p| {
            let start = *next;
            *next += p.len();
            Some(start)
        })
        .collect();
    let mut out = Aligned {
        slots: vec![None; arabic.iter().map(Vec::len).sum()],
        paragraphs: vec![ParagraphOutcome::Empty; arabic.len()],
        paragraph_sentences: (starts.iter().zip(arabic))
            .map(|(&start, p)| start..start + p.len())
            .collect(),
        unmatched: Vec::new(),
    };
    for (ar, en) in beads {
        let ar_sentences: Vec<&str> = arabic[ar.clone()].iter().flatten().copied().collect();
        let en_sentences: Vec<&str> = english[en.clone()]
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let first = ar.clone().next().map_or(0, |p| starts[p]);
        let inner = align_sentences(&ar_sentences, &en_sentences, ratio);
        let mut one_to_one = ar.len() == 1 && en.len() == 1;
        for (ar_run, en_run) in &inner {
            one_to_one &= ar_run.len() == 1 && en_run.len() == 1;
            if ar_run.is_empty() {
                out.unmatched
                    .extend(en_sentences[en_run.clone()].iter().map(|s| (*s).to_owned()));
                continue;
            }
            if en_run.is_empty() {
                continue;
            }
            let text = en_sentences[en_run.clone()].join(" ");
            for index in ar_run.clone() {
                out.slots[first + index] = Some(text.clone());
            }
        }
        for paragraph in ar {
            let range = starts[paragraph]..starts[paragraph] + arabic[paragraph].len();
            let filled = out.slots[range.clone()]
                .iter()
                .filter(|s| s.is_some())
                .count();
            out.paragraphs[paragraph] = if filled == 0 {
                ParagraphOutcome::Empty
            } else if filled < range.len() {
                ParagraphOutcome::Partly
            } else if one_to_one {
                ParagraphOutcome::Aligned
            } else {
                ParagraphOutcome::Repaired
            };
        }
    }
    out
}

/// The sentences of one pair of paragraphs, aligned: runs of Arabic
/// sentences with the runs of English that translate them (either may be
/// empty: a sentence with no counterpart).
fn align_sentences(
    arabic: &[&str],
    english: &[&str],
    ratio: f64,
) -> Vec<(Range<usize>, Range<usize>)> {
    if arabic.len() == english.len() && arabic.len() <= 1 {
        return vec![(0..arabic.len(), 0..english.len())];
    }
    let ar: Vec<Item> = arabic.iter().map(|s| Item::of(&[s])).collect();
    let en: Vec<Item> = english.iter().map(|s| Item::of(&[s])).collect();
    match_lengths(&ar, &en, ratio, SENTENCE_ALONE)
        .unwrap_or_else(|| in_order(arabic.len(), english.len()))
}

/// What the dynamic programme knows of a sentence or paragraph.
#[derive(Debug, Clone)]
struct Item {
    /// In characters.
    length: usize,
    /// A credit line (see [`is_credit`]), or a headline: either may well
    /// have no counterpart.
    credit: bool,
    /// The numbers written in digits (any digits: ١٤ is 14), sorted:
    /// translations keep them, so they anchor a sentence to its own.
    numbers: Vec<u64>,
}

impl Item {
    fn of<S: AsRef<str>>(sentences: &[S]) -> Item {
        let mut numbers: Vec<u64> = sentences
            .iter()
            .flat_map(|s| numbers_in(s.as_ref()))
            .collect();
        numbers.sort_unstable();
        Item {
            length: sentences.iter().map(|s| s.as_ref().chars().count()).sum(),
            credit: sentences.len() == 1 && is_credit(sentences[0].as_ref()),
            numbers,
        }
    }
}

/// The runs of digits in `text` as numbers (02:30 is 2 and 30; 820,000 is
/// 820 and 0, the same on both sides).
fn numbers_in(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.split(|c: char| !c.is_numeric())
        .filter(|run| !run.is_empty())
        .filter_map(|run| {
            run.chars().try_fold(0u64, |value, c| {
                let digit = match c {
                    '0'..='9' => c as u32 - '0' as u32,
                    '٠'..='٩' => c as u32 - '٠' as u32,
                    '۰'..='۹' => c as u32 - '۰' as u32,
                    _ => return None,
                };
                value.checked_mul(10)?.checked_add(u64::from(digit))
            })
        })
}

/// How many numbers two sorted lists share, and how many they do not.
fn shared_numbers(a: &[u64], b: &[u64]) -> (usize, usize) {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (shared, a.len() + b.len() - 2 * shared)
}

/// What a number found on both sides of a bead takes off its cost (a
/// tenfold likelier pairing), and what one found on one side only adds (a
/// number may be spelt out on the other side: only twice less likely).
const SHARED_NUMBER: f64 = std::f64::consts::LN_10;
const LONE_NUMBER: f64 = std::f64::consts::LN_2;

/// Pairs `a` items with `b` items one to one in order, the rest alone.
fn in_order(a: usize, b: usize) -> Vec<(Range<usize>, Range<usize>)> {
    let both = a.min(b);
    let mut out: Vec<_> = (0..both).map(|i| (i..i + 1, i..i + 1)).collect();
    out.extend((both..a).map(|i| (i..i + 1, b..b)));
    out.extend((both..b).map(|j| (a..a, j..j + 1)));
    out
}

/// The likeliest sequence of beads pairing items of lengths `a` with items
/// of lengths `b` (Gale and Church's dynamic programme); `None` when the
/// table would be over [`MAX_CELLS`].
fn match_lengths(
    a: &[Item],
    b: &[Item],
    ratio: f64,
    alone: f64,
) -> Option<Vec<(Range<usize>, Range<usize>)>> {
    let (n, m) = (a.len(), b.len());
    let cells = (n + 1).checked_mul(m + 1)?;
    if cells > MAX_CELLS {
        return None;
    }
    let at = |i: usize, j: usize| i * (m + 1) + j;
    let mut cost = vec![f64::INFINITY; cells];
    let mut step: Vec<u8> = vec![0; cells];
    cost[0] = 0.0;
    let prefix = |items: &[Item]| -> Vec<usize> {
        std::iter::once(0)
            .chain(items.iter().scan(0, |sum, item| {
                *sum += item.length;
                Some(*sum)
            }))
            .collect()
    };
    let (pa, pb) = (prefix(a), prefix(b));
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut best_step = 0u8;
            for (k, &((da, db), prior)) in BEADS.iter().enumerate() {
                if da > i || db > j {
                    continue;
                }
                let before = cost[at(i - da, j - db)];
                if before.is_infinite() {
                    continue;
                }
                let la = pa[i] - pa[i - da];
                let lb = pb[j] - pb[j - db];
                // Something with no counterpart has no length to compare:
                // its cost is how rare that is (a credit line, less so).
                let here = match (da, db) {
                    (1, 0) if a[i - 1].credit => -CREDIT_PRIOR.ln(),
                    (0, 1) if b[j - 1].credit => -CREDIT_PRIOR.ln(),
                    (_, 0) | (0, _) => -alone.ln(),
                    _ => {
                        let numbers = |items: &[Item]| -> Vec<u64> {
                            let mut all: Vec<u64> = items
                                .iter()
                                .flat_map(|it| it.numbers.iter().copied())
                                .collect();
                            all.sort_unstable();
                            all
                        };
                        let (ours, theirs) = (&a[i - da..i], &b[j - db..j]);
                        let none = |items: &[Item]| items.iter().all(|it| it.numbers.is_empty());
                        let (shared, lone) = if none(ours) && none(theirs) {
                            (0, 0)
                        } else {
                            shared_numbers(&numbers(ours), &numbers(theirs))
                        };
                        bead_cost(la, lb, prior, ratio) - SHARED_NUMBER * shared as f64
                            + LONE_NUMBER * lone as f64
                    }
                };
                let total = before + here;
                if total < best {
                    best = total;
                    best_step = k as u8;
                }
            }
            cost[at(i, j)] = best;
            step[at(i, j)] = best_step;
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let ((da, db), _) = BEADS[usize::from(step[at(i, j)])];
        beads.push((i - da..i, j - db..j));
        i -= da;
        j -= db;
    }
    beads.reverse();
    Some(beads)
}

/// The cost (a negative log probability) of a bead of `la` Arabic and `lb`
/// English characters: how unlikely its kind is, and how unlikely its
/// lengths are for a translation.
fn bead_cost(la: usize, lb: usize, prior: f64, ratio: f64) -> f64 {
    let (la, lb) = (la as f64, lb as f64);
    let mean = ((la + lb / ratio) / 2.0).max(1.0);
    let delta = (lb - la * ratio) / (mean * VARIANCE).sqrt();
    // Two-tailed: how likely a difference at least this large is.
    let p = (2.0 * (1.0 - normal_cdf(delta.abs()))).max(f64::MIN_POSITIVE);
    -prior.ln() - p.ln()
}

/// The standard normal distribution function, to about 1e-7 (Abramowitz
/// and Stegun 7.1.26, through erf).
fn normal_cdf(x: f64) -> f64 {
    let z = x / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z.abs());
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    let erf = if z < 0.0 { -erf } else { erf };
    0.5 * (1.0 + erf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(sentences: &[&str]) -> Vec<String> {
        sentences.iter().map(|s| (*s).to_owned()).collect()
    }

    fn ar<'a>(paragraphs: &[&[&'a str]]) -> Vec<Vec<&'a str>> {
        paragraphs.iter().map(|p| p.to_vec()).collect()
    }

    #[test]
    fn the_normal_distribution() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-4);
        assert!((normal_cdf(-1.0) - 0.158_655).abs() < 1e-5);
    }

    // Lengths stand for the texts: the aligner sees only lengths.
    const A40: &str = "ششششششششششششششششششششششششششششششششششششششش ش";
    const A80: &str = "ششششششششششششششششششششششششششششششششششششششششششششششششششششششششششششششششششششششش ش";
    const A20: &str = "شششششششششششششششش ش";

    fn en(length: usize, tag: char) -> String {
        std::iter::repeat_n(tag, length).collect()
    }

    #[test]
    fn matching_paragraphs_and_sentences_align_one_to_one() {
        let arabic = ar(&[&[A40, A80], &[A20]]);
        let english = vec![para(&[&en(43, 'a'), &en(85, 'b')]), para(&[&en(22, 'c')])];
        let aligned = align_paragraphs(&arabic, &english, false);
        assert_eq!(
            aligned.slots,
            [Some(en(43, 'a')), Some(en(85, 'b')), Some(en(22, 'c'))]
        );
        assert_eq!(aligned.paragraphs, [ParagraphOutcome::Aligned; 2]);
        assert!(aligned.unmatched.is_empty());
    }

    /// A table of what real translations do.
    #[test]
    fn what_real_translations_do_is_repaired() {
        // An extra byline sentence at the end of the English paragraph.
        let arabic = ar(&[&[A80, A40]]);
        let english = vec![para(&[&en(84, 'a'), &en(42, 'b'), "(Reuters)"])];
        let aligned = align_paragraphs(&arabic, &english, false);
        assert_eq!(aligned.slots, [Some(en(84, 'a')), Some(en(42, 'b'))]);
        assert_eq!(aligned.unmatched, ["(Reuters)"]);
        assert_eq!(aligned.paragraphs, [ParagraphOutcome::Repaired]);

        // One Arabic sentence split in two in English: joined in its slot.
        let arabic = ar(&[&[A40, A80, A20]]);
        let english = vec![para(&[
            &en(42, 'a'),
            &en(40, 'b'),
            &en(44, 'c'),
            &en(21, 'd'),
        ])];
        let aligned = align_paragraphs(&arabic, &english, false);
        assert_eq!(
            aligned.slots,
            [
                Some(en(42, 'a')),
                Some(format!("{} {}", en(40, 'b'), en(44, 'c'))),
                Some(en(21, 'd'))
            ]
        );
        assert_eq!(aligned.paragraphs, [ParagraphOutcome::Repaired]);

        // Two Arabic sentences joined in English: both get it.
        let arabic = ar(&[&[A40, A40, A80]]);
        let english = vec![para(&[&en(86, 'a'), &en(85, 'b')])];
        let aligned = align_paragraphs(&arabic, &english, false);
        assert_eq!(
            aligned.slots,
            [Some(en(86, 'a')), Some(en(86, 'a')), Some(en(85, 'b'))]
        );

        // A paragraph missing from the English: only it is left empty.
        let arabic = ar(&[&[A40], &[A80, A80], &[A20, A40]]);
        let english = vec![para(&[&en(42, 'a')]), para(&[&en(21, 'c'), &en(43, 'd')])];
        let aligned = align_paragraphs(&arabic, &english, false);
        assert_eq!(
            aligned.slots,
            [
                Some(en(42, 'a')),
                None,
                None,
                Some(en(21, 'c')),
                Some(en(43, 'd'))
            ]
        );
        assert_eq!(
            aligned.paragraphs,
            [
                ParagraphOutcome::Aligned,
                ParagraphOutcome::Empty,
                ParagraphOutcome::Aligned
            ]
        );

        // An extra paragraph in the English (a byline line): dropped.
        let arabic = ar(&[&[A80], &[A40]]);
        let english = vec![
            para(&["By Jane Doe, BBC News"]),
            para(&[&en(86, 'a')]),
            para(&[&en(41, 'b')]),
        ];
        let aligned = align_paragraphs(&arabic, &english, false);
        assert_eq!(aligned.slots, [Some(en(86, 'a')), Some(en(41, 'b'))]);
        assert_eq!(aligned.unmatched, ["By Jane Doe, BBC News"]);
    }

    /// Lengths alone cannot tell which of two sentences of the same length
    /// the English lacks; the numbers they share can.
    #[test]
    fn numbers_tell_which_sentence_has_no_translation() {
        let with_year = "ششششششششششششششش عام 1953 شششششششششش";
        let without = "شششششششششششششششش ششش شششششششششششششش";
        assert_eq!(with_year.chars().count(), without.chars().count());
        let english = "The rule has not been used since 1953 here.";
        for arabic in [vec![with_year, without], vec![without, with_year]] {
            let aligned =
                align_paragraphs(std::slice::from_ref(&arabic), &[para(&[english])], false);
            let filled: Vec<bool> = aligned.slots.iter().map(Option::is_some).collect();
            let expected: Vec<bool> = arabic.iter().map(|a| a.contains("1953")).collect();
            assert_eq!(filled, expected, "{arabic:?}");
        }
        assert_eq!(
            numbers_in("at ٠٢:٣٠, 14٪ of 820,000").collect::<Vec<_>>(),
            [2, 30, 14, 820, 0]
        );
    }

    #[test]
    fn nothing_on_one_side_leaves_every_slot_empty_or_every_sentence_unmatched() {
        let arabic = ar(&[&[A40, A20]]);
        let aligned = align_paragraphs(&arabic, &[], false);
        assert_eq!(aligned.slots, [None, None]);
        assert_eq!(aligned.paragraphs, [ParagraphOutcome::Empty]);
        let aligned = align_paragraphs(&[], &[para(&["Hello."])], false);
        assert!(aligned.slots.is_empty());
        assert_eq!(aligned.unmatched, ["Hello."]);
    }
}
