//! The word-role table the attribution scan asks about every word of every
//! sentence. Kept small enough to stay in the L1 cache: a slot is a word of
//! up to sixteen bytes read as one integer, with the roles in a list of
//! their own. A hash map of `(String, WordRole)` pairs spread the same 521
//! roles over 86 KB of buckets, and its probes missed the cache.

use rustc_hash::FxHashMap;

use super::word_filter::WordFilter;
use super::WordRole;

/// Longest word a slot holds; longer words go to a map of their own.
pub const KEY_BYTES: usize = 16;

/// What each lower-case word can be or begin.
#[derive(Debug, Clone, Default)]
pub struct RoleTable {
    /// Open addressing with linear probing: each word's bytes, zero-padded,
    /// as one little-endian integer; 0 is an empty slot (no word is empty
    /// or holds a zero byte).
    keys: Box<[u128]>,
    /// For each slot, the index of the word's roles in `roles`.
    slots: Box<[u32]>,
    roles: Vec<WordRole>,
    /// Words longer than [`KEY_BYTES`], with the index of their roles.
    long: FxHashMap<String, u32>,
    /// Answers most words that have no role before any probe.
    filter: WordFilter,
}

impl RoleTable {
    /// The table of `roles`, keyed by lower-case word.
    pub fn new(roles: FxHashMap<String, WordRole>) -> RoleTable {
        // Up to two thirds full: most probes end at the first slot, and the
        // keys of the embedded rules (521 words) take 16 KB.
        let size = (roles.len() * 3 / 2).next_power_of_two().max(16);
        let mut table = RoleTable {
            keys: vec![0; size].into_boxed_slice(),
            slots: vec![0; size].into_boxed_slice(),
            ..RoleTable::default()
        };
        for (word, role) in roles {
            let index = u32::try_from(table.roles.len()).unwrap_or(u32::MAX);
            table.filter.insert(&word);
            table.roles.push(role);
            if word.len() > KEY_BYTES || word.is_empty() || word.contains('\0') {
                table.long.insert(word, index);
                continue;
            }
            let key = key_of(word.as_bytes());
            let mut slot = table.slot_of(key);
            while table.keys[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            table.keys[slot] = key;
            table.slots[slot] = index;
        }
        table
    }

    /// The roles of `word`, if it has any.
    pub fn get(&self, word: &str) -> Option<&WordRole> {
        let bytes = word.as_bytes();
        let mut first = [0; KEY_BYTES];
        let n = bytes.len().min(KEY_BYTES);
        first[..n].copy_from_slice(&bytes[..n]);
        self.get_with_first_bytes(word, || first)
    }

    /// The roles of `word`, given the sixteen bytes from its start (what
    /// comes after a shorter word is ignored), asked for only when the
    /// filter lets the word through: a fixed-size read, where copying the
    /// word out would cost a `memcpy` of varying length.
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
        if len > KEY_BYTES {
            return self.long.get(word).map(|&i| &self.roles[i as usize]);
        }
        let key = u128::from_le_bytes(first()) & low_bytes_mask(len);
        let mut slot = self.slot_of(key);
        loop {
            let found = self.keys[slot];
            if found == key {
                return Some(&self.roles[self.slots[slot] as usize]);
            }
            if found == 0 {
                return None;
            }
            slot = (slot + 1) & (self.keys.len() - 1);
        }
    }

    /// Every word's roles.
    pub fn roles(&self) -> impl Iterator<Item = &WordRole> {
        self.roles.iter()
    }

    fn slot_of(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let hash = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The high bits are the best mixed; the table size is a power of two.
        let bits = self.keys.len().trailing_zeros();
        (hash >> (64 - bits)) as usize
    }
}

/// The key of a word of 1 to [`KEY_BYTES`] bytes.
fn key_of(word: &[u8]) -> u128 {
    let mut first = [0; KEY_BYTES];
    first[..word.len()].copy_from_slice(word);
    u128::from_le_bytes(first)
}

/// The low `len` bytes set (`len` up to [`KEY_BYTES`]).
#[inline]
fn low_bytes_mask(len: usize) -> u128 {
    if len >= KEY_BYTES {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
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
