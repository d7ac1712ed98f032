//! An index from a string key to the rows that have it, built once over
//! keys kept in one arena string, and looked up with one hash and a probe
//! or two: the lexicon's 80,000 stems are indexed without a heap
//! allocation per key, so loading it is quick.
//!
//! Rows are grouped by key (rows of a key in ascending order, as they were
//! added); an open-addressing table of groups, by the key's hash, finds a
//! key's group. Keys whose hashes collide are different groups, told apart
//! by comparing the key itself.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use serde::{Deserialize, Serialize};

/// Where a string is in an arena: start and length in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    /// The text this span marks in `arena` (empty if it is not there, which
    /// the index never makes).
    pub fn of(self, arena: &str) -> &str {
        let start = self.start as usize;
        arena.get(start..start + self.len as usize).unwrap_or("")
    }
}

/// A key's rows: `rows[start..end]`, all with key `key`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Group {
    hash: u64,
    key: Span,
    start: u32,
    end: u32,
}

/// Key → rows, over the keys of an arena.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct KeyIndex {
    /// Row numbers, grouped by key.
    rows: Vec<u32>,
    groups: Vec<Group>,
    /// Open addressing by hash: a group's number plus one; 0 is empty.
    slots: Vec<u32>,
}

fn hash(key: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(key.as_bytes());
    hasher.finish()
}

impl KeyIndex {
    /// Indexes rows by their keys: `keys[row]` is row `row`'s key in `arena`.
    pub fn build(arena: &str, keys: &[Span]) -> KeyIndex {
        let mut order: Vec<(u64, u32)> = keys
            .iter()
            .enumerate()
            .map(|(row, span)| (hash(span.of(arena)), row as u32))
            .collect();
        let key_of = |row: u32| keys.get(row as usize).map_or("", |span| span.of(arena));
        // By hash, then key (colliding keys apart), then row.
        order.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| key_of(a.1).cmp(key_of(b.1)))
                .then(a.1.cmp(&b.1))
        });
        let mut index = KeyIndex {
            rows: order.iter().map(|&(_, row)| row).collect(),
            ..KeyIndex::default()
        };
        let mut start = 0;
        while start < order.len() {
            let (group_hash, first) = order[start];
            let key = key_of(first);
            let mut end = start + 1;
            while end < order.len() && order[end].0 == group_hash && key_of(order[end].1) == key {
                end += 1;
            }
            index.groups.push(Group {
                hash: group_hash,
                key: keys[first as usize],
                start: start as u32,
                end: end as u32,
            });
            start = end;
        }
        let size = (index.groups.len() * 2).next_power_of_two().max(2);
        index.slots = vec![0; size];
        for (number, group) in index.groups.iter().enumerate() {
            let mut slot = group.hash as usize & (size - 1);
            while index.slots[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            index.slots[slot] = number as u32 + 1;
        }
        index
    }

    /// Whether the index is whole, for `rows` rows over an arena of
    /// `arena_len` bytes: what a cached copy is checked for before use.
    pub fn is_consistent(&self, rows: usize, arena_len: usize) -> bool {
        let in_arena = |span: Span| span.start as usize + span.len as usize <= arena_len;
        self.slots.len().is_power_of_two()
            && self.slots.len() > self.groups.len()
            && self
                .slots
                .iter()
                .all(|&slot| slot as usize <= self.groups.len())
            && self.rows.iter().all(|&row| (row as usize) < rows)
            && self.groups.iter().all(|group| {
                group.start <= group.end
                    && group.end as usize <= self.rows.len()
                    && in_arena(group.key)
            })
    }

    /// The rows whose key is `key`, in ascending order.
    pub fn get(&self, arena: &str, key: &str) -> &[u32] {
        if self.slots.is_empty() {
            return &[];
        }
        let mask = self.slots.len() - 1;
        let wanted = hash(key);
        let mut slot = wanted as usize & mask;
        // The table is at most half full: an empty slot always comes.
        while let Some(&number) = self.slots.get(slot) {
            let Some(group) = number
                .checked_sub(1)
                .and_then(|n| self.groups.get(n as usize))
            else {
                return &[];
            };
            if group.hash == wanted && group.key.of(arena) == key {
                return self
                    .rows
                    .get(group.start as usize..group.end as usize)
                    .unwrap_or(&[]);
            }
            slot = (slot + 1) & mask;
        }
        &[]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(arena: &str, words: &[&str]) -> Vec<Span> {
        words
            .iter()
            .map(|word| {
                let start = arena.find(word).unwrap() as u32;
                Span {
                    start,
                    len: word.len() as u32,
                }
            })
            .collect()
    }

    #[test]
    fn rows_are_found_by_key_in_the_order_they_were_added() {
        let arena = "كتب كتاب قلم";
        let keys = spans(arena, &["كتاب", "قلم", "كتاب", "كتب", "كتاب"]);
        let index = KeyIndex::build(arena, &keys);
        assert_eq!(index.get(arena, "كتاب"), [0, 2, 4]);
        assert_eq!(index.get(arena, "قلم"), [1]);
        assert_eq!(index.get(arena, "كتب"), [3]);
        assert!(index.get(arena, "كت").is_empty());
        assert!(index.get(arena, "").is_empty());
        assert!(KeyIndex::default().get(arena, "كتب").is_empty());
    }

    #[test]
    fn many_keys_all_found() {
        let words: Vec<String> = (0..5000).map(|n| format!("k{n}")).collect();
        let arena = words.join(" ");
        let mut keys = Vec::new();
        let mut at = 0;
        for word in &words {
            keys.push(Span {
                start: at as u32,
                len: word.len() as u32,
            });
            at += word.len() + 1;
        }
        let index = KeyIndex::build(&arena, &keys);
        for (row, word) in words.iter().enumerate() {
            assert_eq!(index.get(&arena, word), [row as u32], "{word}");
        }
        assert!(index.get(&arena, "k5000").is_empty());
    }
}
