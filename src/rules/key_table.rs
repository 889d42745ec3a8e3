//! Short words as integers: a word of up to sixteen bytes is read as one
//! `u128` (two overlapping fixed-size reads, no copy of varying length) and
//! looked up in an open-addressed table of such keys, small enough to stay
//! in the L1 cache. The word lists and the word-role table are built on it;
//! the attribution scan asks them about nearly every word.

use rustc_hash::FxHashMap;

use crate::words8;
pub use crate::words8::low_bytes_mask;

/// Longest word a key holds.
pub const KEY_BYTES: usize = 16;

/// Words, each with a value (below 2^24). Words of 1 to [`KEY_BYTES`] bytes
/// without a zero byte (nearly all of them) are keys of an open-addressed
/// table, with linear probing, up to two thirds full; the others are hashed.
#[derive(Debug, Clone, Default)]
pub struct KeyTable {
    /// Each word's bytes, zero-padded, little-endian; 0 is an empty slot.
    keys: Box<[u128]>,
    /// Per slot: the word's length in the top byte, its value below. The
    /// length tells "ab" from "ab\0", which have the same key.
    values: Box<[u32]>,
    len: usize,
    /// The words that do not fit a key, with their values.
    long: FxHashMap<Box<[u8]>, u32>,
    /// Whether `long` holds a word of key length (one with a zero byte):
    /// only then can a short word missing from the keys be there. Tables
    /// with a long word (a hyphenated term of seventeen letters) would
    /// otherwise hash every short word they miss.
    short_in_long: bool,
}

impl KeyTable {
    /// Whether `word` fits a key: 1 to [`KEY_BYTES`] bytes, no zero byte.
    pub fn fits(word: &[u8]) -> bool {
        (1..=KEY_BYTES).contains(&word.len()) && !word.contains(&0)
    }

    /// Adds `word` with `value`; false, and the old value kept, when it was
    /// there already.
    pub fn insert(&mut self, word: &[u8], value: u32) -> bool {
        if !Self::fits(word) {
            if self.long.contains_key(word) {
                return false;
            }
            self.long.insert(word.into(), value);
            self.short_in_long |= word.len() <= KEY_BYTES;
            return true;
        }
        let key = key_of(word);
        let tagged = tag(word.len(), value);
        if self.probe(key, word.len()).is_some() {
            return false;
        }
        if (self.len + 1) * 3 > self.keys.len() * 2 {
            self.grow();
        }
        self.place(key, tagged);
        self.len += 1;
        true
    }

    /// The value of `word`.
    #[inline]
    pub fn get_word(&self, word: &[u8]) -> Option<u32> {
        let n = word.len();
        if (1..=KEY_BYTES).contains(&n) {
            return self.get(key_of(word), n);
        }
        self.get_long(word)
    }

    /// The value of the word of `len` bytes (1 to [`KEY_BYTES`]) whose key
    /// is `key`.
    #[inline]
    pub fn get(&self, key: u128, len: usize) -> Option<u32> {
        self.probe(key, len).or_else(|| {
            // Read as bytes only when there are such words at all.
            self.short_in_long
                .then(|| self.get_long(&key.to_le_bytes()[..len.min(KEY_BYTES)]))?
        })
    }

    /// A short word that does not fit a key (it holds a zero byte), or a
    /// long one; most tables have none, and then nothing is hashed.
    #[inline]
    fn get_long(&self, word: &[u8]) -> Option<u32> {
        if self.long.is_empty() {
            return None;
        }
        self.long.get(word).copied()
    }

    fn probe(&self, key: u128, len: usize) -> Option<u32> {
        if self.keys.is_empty() {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut slot = self.slot_of(key);
        loop {
            let found = self.keys[slot];
            let value = self.values[slot];
            if found == key && (value >> 24) as usize == len {
                return Some(value & 0x00ff_ffff);
            }
            if found == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    fn place(&mut self, key: u128, tagged: u32) {
        let mask = self.keys.len() - 1;
        let mut slot = self.slot_of(key);
        while self.keys[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.keys[slot] = key;
        self.values[slot] = tagged;
    }

    fn grow(&mut self) {
        let size = (self.keys.len() * 2).max(16);
        let keys = std::mem::replace(&mut self.keys, vec![0; size].into_boxed_slice());
        let values = std::mem::replace(&mut self.values, vec![0; size].into_boxed_slice());
        for (key, value) in keys.iter().zip(values.iter()) {
            if *key != 0 {
                self.place(*key, *value);
            }
        }
    }

    fn slot_of(&self, key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let hash = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The high bits are the best mixed; the size is a power of two.
        let bits = self.keys.len().trailing_zeros();
        (hash >> (64 - bits)) as usize
    }
}

fn tag(len: usize, value: u32) -> u32 {
    ((len as u32) << 24) | (value & 0x00ff_ffff)
}

/// The key of a word of 1 to [`KEY_BYTES`] bytes: its bytes, zero-padded,
/// as a little-endian integer.
#[inline]
pub fn key_of(word: &[u8]) -> u128 {
    debug_assert!(word.len() <= KEY_BYTES, "a key holds {KEY_BYTES} bytes");
    words8::load_up_to_16(word)
}

/// Whether every byte of a key is ASCII.
#[inline]
pub fn is_ascii(key: u128) -> bool {
    key & 0x8080_8080_8080_8080_8080_8080_8080_8080 == 0
}

/// An ASCII key with `A`–`Z` lower-cased, sixteen bytes at once.
#[inline]
pub fn ascii_lowercase(key: u128) -> u128 {
    const ONES: u128 = 0x0101_0101_0101_0101_0101_0101_0101_0101;
    // With the top bit of every byte free, adding (0x80 - c) sets it in the
    // bytes at or above c: at or above 'A' and not above 'Z' is a capital.
    let at_least_a = key + ONES * (0x80 - u128::from(b'A'));
    let above_z = key + ONES * (0x80 - u128::from(b'Z') - 1);
    let capitals = at_least_a & !above_z & (ONES * 0x80);
    key | capitals >> 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_zero_padded_bytes() {
        let text = b"abcdefghijklmnopq";
        for n in 1..=KEY_BYTES {
            let mut padded = [0; KEY_BYTES];
            padded[..n].copy_from_slice(&text[..n]);
            assert_eq!(key_of(&text[..n]), u128::from_le_bytes(padded), "{n}");
            assert_eq!(
                u128::from_le_bytes([b'z'; KEY_BYTES]) & low_bytes_mask(n),
                key_of(&[b'z'; KEY_BYTES][..n])
            );
        }
    }

    #[test]
    fn lower_cases_every_ascii_byte_and_nothing_else() {
        for b in 0..0x80u8 {
            for at in 0..KEY_BYTES {
                let mut bytes = [b'k'; KEY_BYTES];
                bytes[at] = b;
                let mut lower = bytes;
                lower.make_ascii_lowercase();
                assert_eq!(
                    ascii_lowercase(u128::from_le_bytes(bytes)),
                    u128::from_le_bytes(lower),
                    "byte {b:#x} at {at}"
                );
            }
        }
        assert!(is_ascii(key_of(b"plain")));
        assert!(!is_ascii(key_of("café".as_bytes())));
    }

    #[test]
    fn finds_what_was_inserted_and_tells_lengths_apart() {
        let mut table = KeyTable::default();
        let words: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert!(table.insert(w.as_bytes(), i as u32));
        }
        assert!(!table.insert(b"w7", 99));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(key_of(w.as_bytes()), w.len()), Some(i as u32));
        }
        assert_eq!(table.get(key_of(b"w7"), 3), None);
        assert_eq!(table.get(key_of(b"w300"), 4), None);
        assert!(!KeyTable::fits(b"ab\0"));
        assert!(!KeyTable::fits(b""));
        assert!(!KeyTable::fits(b"seventeen-letters"));
    }
}
