//! The word-role table the attribution scan asks about every word of every
//! sentence: a [`KeyTable`] of the words, with the roles in a list of their
//! own. A hash map of `(String, WordRole)` pairs spread the same 521 roles
//! over 86 KB of buckets, and its probes missed the cache.

use rustc_hash::FxHashMap;

use super::key_table::{key_of, low_bytes_mask, KeyTable, KEY_BYTES};
use super::word_filter::WordFilter;
use super::WordRole;

/// What each lower-case word can be or begin.
#[derive(Debug, Clone, Default)]
pub struct RoleTable {
    /// For each word, the index of its roles.
    words: KeyTable,
    roles: Vec<WordRole>,
    /// Answers most words that have no role before any probe.
    filter: WordFilter,
}

impl RoleTable {
    /// The table of `roles`, keyed by lower-case word.
    pub fn new(roles: FxHashMap<String, WordRole>) -> RoleTable {
        let mut table = RoleTable::default();
        for (word, role) in roles {
            let index = u32::try_from(table.roles.len()).unwrap_or(u32::MAX);
            table.filter.insert(&word);
            table.roles.push(role);
            table.words.insert(word.as_bytes(), index);
        }
        table
    }

    /// The roles of `word`, if it has any.
    pub fn get(&self, word: &str) -> Option<&WordRole> {
        self.get_with_first_bytes(word, || key_of(word.as_bytes()).to_le_bytes())
    }

    /// The roles of `word`, given the sixteen bytes from its start (what
    /// comes after a shorter word is ignored), asked for only when the
    /// filter lets the word through: a fixed-size read from the caller's
    /// padded buffer.
    #[inline]
    pub fn get_with_first_bytes(
        &self,
        word: &str,
        first: impl FnOnce() -> [u8; KEY_BYTES],
    ) -> Option<&WordRole> {
        if !self.filter.may_contain(word) {
            return None;
        }
        let len = word.len();
        let index = if (1..=KEY_BYTES).contains(&len) {
            let key = u128::from_le_bytes(first()) & low_bytes_mask(len);
            self.words.get(key, len)
        } else {
            self.words.get_word(word.as_bytes())
        };
        index.map(|i| &self.roles[i as usize])
    }

    /// Every word's roles.
    pub fn roles(&self) -> impl Iterator<Item = &WordRole> {
        self.roles.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(words: &[&str]) -> RoleTable {
        let roles = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                (
                    w.to_string(),
                    WordRole {
                        verb: Some(i),
                        ..WordRole::default()
                    },
                )
            })
            .collect();
        RoleTable::new(roles)
    }

    #[test]
    fn finds_every_word_and_nothing_else() {
        let words = [
            "said",
            "says",
            "according",
            "acknowledged",
            "spokeswoman",
            "sixteen-letters!",
            "a-word-longer-than-sixteen-bytes",
            "é",
        ];
        let t = table(&words);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w).and_then(|r| r.verb), Some(i), "{w}");
        }
        for w in [
            "sai",
            "saidx",
            "said ",
            "according-",
            "é!",
            "a-word-longer-than-sixteen-byte",
        ] {
            assert!(t.get(w).is_none(), "{w}");
        }
        assert_eq!(t.roles().count(), words.len());
    }

    #[test]
    fn bytes_after_a_short_word_are_ignored() {
        let t = table(&["said"]);
        let mut first = [b'x'; KEY_BYTES];
        first[..4].copy_from_slice(b"said");
        assert_eq!(
            t.get_with_first_bytes("said", || first)
                .and_then(|r| r.verb),
            Some(0)
        );
    }
}
