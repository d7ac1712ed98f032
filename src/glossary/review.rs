//! Review scheduling with FSRS (the `rs-fsrs` scheduler, default
//! parameters): each of the learner's entries carries its card, saved with
//! the entry after every grade.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Rating, State};
use serde::{Deserialize, Serialize};

use super::entry::{Entry, Status};

/// An entry's review card, as stored in its glossary file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// When it is next due (RFC 3339, UTC).
    pub due: String,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: i32,
    pub lapses: i32,
    /// new, learning, review or relearning.
    pub state: String,
    pub last_review: String,
}

/// How well the learner remembered: FSRS's four grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl From<Grade> for Rating {
    fn from(grade: Grade) -> Rating {
        match grade {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }
}

fn time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn state_name(state: State) -> &'static str {
    match state {
        State::New => "new",
        State::Learning => "learning",
        State::Review => "review",
        State::Relearning => "relearning",
    }
}

impl Review {
    fn card(&self, now: DateTime<Utc>) -> Card {
        Card {
            due: time(&self.due).unwrap_or(now),
            stability: self.stability,
            difficulty: self.difficulty,
            elapsed_days: self.elapsed_days,
            scheduled_days: self.scheduled_days,
            reps: self.reps,
            lapses: self.lapses,
            state: match self.state.as_str() {
                "learning" => State::Learning,
                "review" => State::Review,
                "relearning" => State::Relearning,
                _ => State::New,
            },
            last_review: time(&self.last_review).unwrap_or(now),
        }
    }

    fn from_card(card: &Card) -> Review {
        Review {
            due: card.due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            stability: card.stability,
            difficulty: card.difficulty,
            elapsed_days: card.elapsed_days,
            scheduled_days: card.scheduled_days,
            reps: card.reps,
            lapses: card.lapses,
            state: state_name(card.state).to_owned(),
            last_review: card
                .last_review
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

/// Whether the learner should review `entry` at `now`: one of theirs, not
/// well known or ignored, never reviewed or due.
pub fn is_due(entry: &Entry, now: DateTime<Utc>) -> bool {
    if matches!(entry.status, Some(Status::WellKnown | Status::Ignored)) {
        return false;
    }
    match &entry.review {
        None => true,
        Some(review) => time(&review.due).is_none_or(|due| due <= now),
    }
}

/// Schedules `entry` after a grade at `now` (FSRS, default parameters).
pub fn grade(entry: &mut Entry, grade: Grade, now: DateTime<Utc>) {
    let card = match &entry.review {
        Some(review) => review.card(now),
        None => Card {
            due: now,
            last_review: now,
            ..Card::default()
        },
    };
    let next = FSRS::default().next(card, now, grade.into());
    entry.review = Some(Review::from_card(&next.card));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        time(text).unwrap()
    }

    #[test]
    fn good_pushes_the_next_review_out_and_again_brings_it_back() {
        let mut entry = Entry::new("نفير", "mobilisation");
        let now = at("2026-11-24T10:00:00Z");
        assert!(is_due(&entry, now), "never reviewed: due");
        grade(&mut entry, Grade::Good, now);
        let first = time(&entry.review.as_ref().unwrap().due).unwrap();
        assert!(first > now);
        assert!(!is_due(&entry, now));
        assert!(is_due(&entry, first));
        grade(&mut entry, Grade::Good, first);
        let second = time(&entry.review.as_ref().unwrap().due).unwrap();
        assert!(second - first > first - now, "intervals grow");
        grade(&mut entry, Grade::Again, second);
        let review = entry.review.clone().unwrap();
        assert!(time(&review.due).unwrap() - second < chrono::Duration::days(1));
        assert_eq!(review.reps, 3);
        // It survives being written and read back.
        let text = toml::to_string(&review).unwrap();
        assert_eq!(toml::from_str::<Review>(&text).unwrap(), review);
    }

    #[test]
    fn well_known_and_ignored_entries_are_not_reviewed() {
        let now = at("2026-11-24T10:00:00Z");
        let mut entry = Entry::new("في", "in");
        entry.status = Some(Status::WellKnown);
        assert!(!is_due(&entry, now));
        entry.status = Some(Status::Level(5));
        assert!(is_due(&entry, now));
    }
}
