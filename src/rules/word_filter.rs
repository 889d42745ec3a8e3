//! A quick "certainly not in the set" test for words, by their first two
//! bytes and their length. Most words of a text are no cue word; this
//! answers them without hashing the word.

/// Bits for every (first byte, second byte, length) class of the words added.
#[derive(Debug, Clone)]
pub struct WordFilter {
    bits: Box<[u64; WORDS]>,
}

/// 32 × 32 first-byte classes × 16 lengths, one bit each.
const WORDS: usize = 32 * 32 * 16 / 64;

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            bits: Box::new([0; WORDS]),
        }
    }
}

impl WordFilter {
    /// Records `word`.
    pub fn insert(&mut self, word: &str) {
        let slot = slot(word.as_bytes());
        self.bits[slot / 64] |= 1 << (slot % 64);
    }

    /// False when `word` was certainly never inserted.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        let slot = slot(word.as_bytes());
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }

    /// False when no word inserted certainly begins with the two bytes `a`
    /// and `b` (a word of two bytes or more): the sixteen length bits of
    /// that pair are one group of one `u64`.
    #[inline]
    pub fn may_begin_with(&self, a: u8, b: u8) -> bool {
        let slot = slot(&[a, b]) & !15;
        self.bits[slot / 64] >> (slot % 64) & 0xffff != 0
    }
}

/// The bit of a word. Only the low five bits of each byte count, so ASCII
/// letters land in the same bit in either case.
#[inline]
fn slot(word: &[u8]) -> usize {
    let first = usize::from(word.first().copied().unwrap_or(0) & 31);
    let second = usize::from(word.get(1).copied().unwrap_or(0) & 31);
    first << 9 | second << 4 | word.len().min(15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_misses_a_word_it_holds() {
        let mut filter = WordFilter::default();
        let words = [
            "said",
            "according",
            "a",
            "",
            "über",
            "twenty-three-year-old",
        ];
        for w in words {
            filter.insert(w);
        }
        assert!(words.iter().all(|w| filter.may_contain(w)));
        assert!(!filter.may_contain("the"));
        assert!(!filter.may_contain("sad"));
        assert!(filter.may_begin_with(b'S', b'a'));
        assert!(filter.may_begin_with(b'a', b'c'));
        assert!(!filter.may_begin_with(b't', b'h'));
    }
}
