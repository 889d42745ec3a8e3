//! Eight bytes at a time: the byte tests that the scanners over whole texts
//! (segmenter, tokenizer, name search) share. A word holds eight bytes,
//! little-endian; each test sets the top bit of every byte that passes.
//!
//! The tests are the classic zero-byte trick. A borrow can spread only past
//! a byte that truly passed, so "does any byte pass" is exact, and so is the
//! lowest flagged byte; bytes above the first hit may be flagged wrongly.

/// 0x01 in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The top bit of every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes from `at`, if there are eight.
#[inline]
pub fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Up to sixteen bytes, zero-padded, as one little-endian integer: read as
/// two overlapping fixed-size pieces (the bytes they share are equal, so
/// or-ing them is exact), where copying them into a buffer would call
/// `memcpy` with a varying length.
#[inline]
pub fn load_up_to_16(word: &[u8]) -> u128 {
    let n = word.len();
    debug_assert!(n <= 16, "sixteen bytes at most");
    if n >= 8 {
        let low = u64::from_le_bytes(first8(word));
        // Bytes 8..n are the top n - 8 bytes of the last eight.
        let last = u64::from_le_bytes(first8(&word[n - 8..]));
        let high = last.checked_shr(8 * (16 - n as u32)).unwrap_or(0);
        u128::from(low) | (u128::from(high) << 64)
    } else if n >= 4 {
        let low = u32::from_le_bytes(first4(word));
        let last = u32::from_le_bytes(first4(&word[n - 4..]));
        u128::from(u64::from(low) | (u64::from(last) << (8 * (n - 4))))
    } else if n > 0 {
        let byte = |i: usize| u128::from(word[i]) << (8 * i);
        byte(0) | byte(n / 2) | byte(n - 1)
    } else {
        0
    }
}

/// The low `len` bytes set (`len` up to 16), to cut a [`load_up_to_16`] block to a length.
#[inline]
pub fn low_bytes_mask(len: usize) -> u128 {
    if len >= 16 {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    }
}

fn first8(bytes: &[u8]) -> [u8; 8] {
    let mut out = [0; 8];
    out.copy_from_slice(&bytes[..8]);
    out
}

fn first4(bytes: &[u8]) -> [u8; 4] {
    let mut out = [0; 4];
    out.copy_from_slice(&bytes[..4]);
    out
}

/// Flags the bytes equal to `b`.
#[inline]
pub fn equal_to(word: u64, b: u8) -> u64 {
    let x = word ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Flags the ASCII capitals and every byte outside ASCII. Exact per byte:
/// with the top bit cleared no sum carries into the next byte.
#[inline]
pub fn capital_or_non_ascii(word: u64) -> u64 {
    let low = word & (ONES * 0x7f);
    let capital = (low + ONES * (0x80 - 0x41)) & !(low + ONES * (0x80 - 0x5b));
    (word | capital) & HIGH
}

/// Flags the ASCII letters and digits. Exact per byte: every sum and
/// difference is taken on seven-bit values with the top bit as a guard.
#[inline]
pub fn ascii_alphanumeric(word: u64) -> u64 {
    let low = word & (ONES * 0x7f);
    let in_range = |x: u64, lo: u8, hi: u8| {
        let at_least = (x | HIGH).wrapping_sub(ONES * u64::from(lo));
        let at_most = (ONES * u64::from(hi | 0x80)).wrapping_sub(x);
        at_least & at_most & HIGH
    };
    let letter = in_range(low | (ONES * 0x20), b'a', b'z');
    let digit = in_range(low, b'0', b'9');
    (letter | digit) & !word & HIGH
}

/// The number of characters in `bytes` that start in it: every byte but
/// the UTF-8 continuation bytes (`10xxxxxx`), counted eight at a time.
pub fn chars_in(bytes: &[u8]) -> usize {
    let mut continuation = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Top bit set and the bit below it clear; exact per byte.
        continuation += (word & !(word << 1) & HIGH).count_ones() as usize;
    }
    let tail = chunks.remainder();
    continuation += tail.iter().filter(|&&b| b & 0xC0 == 0x80).count();
    bytes.len() - continuation
}

/// The first position from `from` on whose byte passes: `flags` tests eight
/// bytes at a time (flagging, as the tests here do, at least the first byte
/// that passes), `passes` the tail shorter than eight.
#[inline]
pub fn position(
    bytes: &[u8],
    mut from: usize,
    flags: impl Fn(u64) -> u64,
    passes: impl Fn(u8) -> bool,
) -> Option<usize> {
    while let Some(word) = load(bytes, from) {
        let hits = flags(word);
        if hits != 0 {
            return Some(from + first(hits));
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(|&b| passes(b))
        .map(|n| from + n)
}

/// The byte index of the lowest flagged byte of a non-zero mask.
#[inline]
pub fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_continuation_bytes() {
        for text in [
            "",
            "abc",
            "Kyiv’s “quoted” — text, ünïcödé and 😀 emoji",
            "ééééééééé",
        ] {
            for from in 0..text.len() {
                if text.is_char_boundary(from) {
                    assert_eq!(
                        chars_in(&text.as_bytes()[from..]),
                        text[from..].chars().count()
                    );
                }
            }
        }
    }

    #[test]
    fn the_first_flag_is_the_first_byte_that_passes() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[at] = b;
                let word = u64::from_le_bytes(bytes);
                let expect = |pass: bool| if pass { Some(at) } else { None };
                let got = |mask: u64| (mask != 0).then(|| first(mask));
                assert_eq!(got(equal_to(word, b'"')), expect(b == b'"'));
                let capital = b.is_ascii_uppercase() || !b.is_ascii();
                assert_eq!(got(capital_or_non_ascii(word)), expect(capital));
                // Exact for every byte, not only the first.
                let alnum = ascii_alphanumeric(word);
                for (i, &x) in bytes.iter().enumerate() {
                    let flagged = alnum >> (i * 8 + 7) & 1 == 1;
                    assert_eq!(flagged, x.is_ascii_alphanumeric(), "{x:#x} at {i}");
                }
            }
        }
    }
}
