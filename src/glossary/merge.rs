//! Merging an incoming entry (an add on an existing headword, an imported
//! row) into the entry that is on disk: what the incoming entry carries
//! updates it, what it does not carry is kept, an empty field never clears
//! one, and a review history is never replaced by a shorter one.

use super::entry::{Entry, Status};

impl Entry {
    /// Merges `incoming` into `self` (same headword); returns the names of
    /// the fields that changed, empty when nothing did.
    pub fn merge_from(&mut self, incoming: &Entry) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if !incoming.senses.is_empty() && incoming.senses != self.senses {
            self.senses = incoming.senses.clone();
            changed.push("glosses");
        }
        let texts = [
            ("root", &mut self.root, &incoming.root),
            ("part of speech", &mut self.pos, &incoming.pos),
            ("pattern", &mut self.pattern, &incoming.pattern),
            ("transliteration", &mut self.translit, &incoming.translit),
            ("parent", &mut self.parent, &incoming.parent),
            ("notes", &mut self.notes, &incoming.notes),
        ];
        for (name, mine, theirs) in texts {
            if !theirs.is_empty() && mine != theirs {
                mine.clone_from(theirs);
                changed.push(name);
            }
        }
        let lists = [
            ("forms", &mut self.forms, &incoming.forms),
            ("tags", &mut self.tags, &incoming.tags),
        ];
        for (name, mine, theirs) in lists {
            let before = mine.len();
            for item in theirs {
                if !mine.contains(item) {
                    mine.push(item.clone());
                }
            }
            if mine.len() != before {
                changed.push(name);
            }
        }
        // No status counts as 1 (new): LUTE's export writes it out.
        let counted = |status: Option<Status>| status.unwrap_or(Status::NEW);
        if incoming.status.is_some() && counted(incoming.status) != counted(self.status) {
            self.status = incoming.status;
            changed.push("status");
        }
        if incoming.context.is_some() && self.context.is_none() {
            self.context.clone_from(&incoming.context);
            changed.push("context");
        }
        // The longer history wins: an old export imported again must not
        // undo reviews made since.
        if let Some(theirs) = &incoming.review {
            let newer = self.review.as_ref().is_none_or(|mine| {
                (theirs.reps, &theirs.last_review) > (mine.reps, &mine.last_review)
            });
            if newer {
                self.review = Some(theirs.clone());
                changed.push("review");
            }
        }
        if !incoming.created.is_empty()
            && (self.created.is_empty() || incoming.created < self.created)
        {
            self.created.clone_from(&incoming.created);
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::super::entry::Context;
    use super::super::review::{Grade, grade};
    use super::*;

    fn full() -> Entry {
        let mut entry = Entry::new("جيش", "army");
        entry.root = "ج ي ش".into();
        entry.notes = "mine".into();
        entry.forms = vec!["الجيش".into()];
        entry.status = Some(Status::Level(3));
        entry.context = Some(Context {
            article: "a".into(),
            sentence: 2,
        });
        entry.created = "2026-01-01T00:00:00Z".into();
        grade(&mut entry, Grade::Good, chrono::Utc::now());
        entry
    }

    #[test]
    fn what_the_incoming_entry_lacks_is_kept() {
        let mut entry = full();
        let before = entry.clone();
        let changed = entry.merge_from(&Entry::new("جيش", "troops"));
        assert_eq!(changed, ["glosses"]);
        assert_eq!(entry.senses, ["troops"]);
        assert_eq!(
            (&entry.root, &entry.notes, &entry.forms, entry.status),
            (&before.root, &before.notes, &before.forms, before.status)
        );
        assert_eq!(entry.review, before.review);
        assert_eq!(entry.context, before.context);
        assert_eq!(entry.created, before.created);
    }

    #[test]
    fn the_same_entry_again_changes_nothing_and_an_older_history_is_ignored() {
        let mut entry = full();
        let same = entry.clone();
        assert!(entry.merge_from(&same).is_empty());
        let mut older = full();
        older.review = None;
        assert!(entry.merge_from(&older).is_empty());
        let mut fresh = Entry::new("جيش", "army");
        fresh.status = Some(Status::Level(3));
        grade(&mut fresh, Grade::Again, chrono::Utc::now());
        let mut reviewed = entry.clone();
        grade(&mut reviewed, Grade::Good, chrono::Utc::now());
        // One review (fresh) does not replace two (reviewed).
        assert!(reviewed.clone().merge_from(&fresh).is_empty());
        // Two replace one.
        assert_eq!(entry.merge_from(&reviewed), ["review"]);
    }

    #[test]
    fn the_earliest_creation_time_is_kept() {
        let dated = |created: &str| {
            let mut entry = Entry::new("جيش", "army");
            entry.created = created.into();
            entry
        };
        let merged = |mine: &str, theirs: &str| {
            let mut entry = dated(mine);
            let changed = entry.merge_from(&dated(theirs));
            assert!(changed.is_empty(), "{changed:?}");
            entry.created
        };
        let (old, new) = ("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        assert_eq!(merged(new, old), old, "an older time replaces a newer one");
        assert_eq!(merged(old, new), old, "a newer one does not");
        assert_eq!(merged("", new), new, "a time fills an empty one");
        assert_eq!(merged(old, ""), old, "an empty one clears nothing");
    }

    #[test]
    fn an_incoming_entry_without_glosses_keeps_the_glosses() {
        let mut entry = full();
        let mut incoming = Entry::new("جيش", "x");
        incoming.senses.clear();
        incoming.status = Some(Status::WellKnown);
        assert_eq!(entry.merge_from(&incoming), ["status"]);
        assert_eq!(entry.senses, ["army"]);
    }

    #[test]
    fn forms_and_tags_are_joined_and_fields_set() {
        let mut entry = full();
        let mut incoming = Entry::new("جيش", "army");
        incoming.forms = vec!["جيوش".into(), "الجيش".into()];
        incoming.pos = "noun".into();
        incoming.status = Some(Status::WellKnown);
        let changed = entry.merge_from(&incoming);
        assert_eq!(changed, ["part of speech", "forms", "status"]);
        assert_eq!(entry.forms, ["الجيش", "جيوش"]);
    }
}
