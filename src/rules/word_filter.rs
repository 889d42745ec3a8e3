//! A quick "certainly not in the set" test for words, by their first two
//! bytes, their last two and their length. Most words of a text are no cue
//! word; this answers them without hashing the word.

/// Bits for every (first byte, second byte, length) class of the words
/// added, and for every (last byte, byte before it, length) class: a word
/// must match both. With the first two bytes alone about a third of the
/// words of news text pass the word-role filter (a hash lookup each, and a
/// branch no predictor can learn); the last two bytes cut that down.
#[derive(Debug, Clone)]
pub struct WordFilter {
    bits: Box<[u64; WORDS]>,
    tail_bits: Box<[u64; WORDS]>,
}

/// 32 × 32 byte-pair classes × 16 lengths, one bit each (per bit array).
const WORDS: usize = 32 * 32 * 16 / 64;

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            bits: Box::new([0; WORDS]),
            tail_bits: Box::new([0; WORDS]),
        }
    }
}

impl WordFilter {
    /// Records `word`.
    pub fn insert(&mut self, word: &str) {
        let slot = slot(word.as_bytes());
        self.bits[slot / 64] |= 1 << (slot % 64);
        let tail = tail_slot(word.as_bytes());
        self.tail_bits[tail / 64] |= 1 << (tail % 64);
    }

    /// False when `word` was certainly never inserted.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        let slot = slot(word.as_bytes());
        let tail = tail_slot(word.as_bytes());
        // Both bits are read before either is tested: one branch, not two.
        let head = self.bits[slot / 64] >> (slot % 64);
        let end = self.tail_bits[tail / 64] >> (tail % 64);
        head & end & 1 != 0
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

/// The bit of a word by its last two bytes (case-blind as in [`slot`]).
#[inline]
fn tail_slot(word: &[u8]) -> usize {
    let n = word.len();
    let last = usize::from(word.last().copied().unwrap_or(0) & 31);
    let before = usize::from(n.checked_sub(2).map_or(0, |i| word[i]) & 31);
    last << 9 | before << 4 | n.min(15)
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
        // Same first two bytes and length as "said", other last two.
        assert!(!filter.may_contain("sail"));
        assert!(filter.may_contain("SAID"));
        assert!(filter.may_begin_with(b'S', b'a'));
        assert!(filter.may_begin_with(b'a', b'c'));
        assert!(!filter.may_begin_with(b't', b'h'));
    }
}
