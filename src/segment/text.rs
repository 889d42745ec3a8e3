//! Character helpers over raw bytes for the scanner: white space (ASCII and the
//! Unicode spaces news copy uses), closing punctuation, bullets.

use crate::words8;

/// Width in bytes of the white-space character at `i`, if it is one.
pub fn space_width(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => Some(1),
        // U+00A0 no-break space, U+0085 next line.
        0xC2 if matches!(bytes.get(i + 1), Some(0xA0 | 0x85)) => Some(2),
        // U+2000..U+200A, U+202F, U+205F: typographic spaces; U+200B zero
        // width space; U+2028 line and U+2029 paragraph separators.
        0xE2 if bytes.get(i + 1) == Some(&0x80)
            && matches!(bytes.get(i + 2), Some(0x80..=0x8B | 0xA8 | 0xA9 | 0xAF)) =>
        {
            Some(3)
        }
        0xE3 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0x80) => Some(3),
        // U+FEFF: a byte-order mark is no text.
        0xEF if bytes.get(i + 1) == Some(&0xBB) && bytes.get(i + 2) == Some(&0xBF) => Some(3),
        _ => None,
    }
}

/// Whether the ASCII byte is white space (cheap check for the byte before a word).
pub fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0xA0)
}

/// Whether `bytes[i..]` starts with `s`.
pub fn starts_with(bytes: &[u8], i: usize, s: &str) -> bool {
    bytes.get(i..i + s.len()) == Some(s.as_bytes())
}

/// Width of a bullet character at `i` (•, ‣, ⁃, ◦, ▪).
pub fn bullet_width(bytes: &[u8], i: usize) -> Option<usize> {
    ["•", "‣", "⁃", "◦", "▪"]
        .iter()
        .any(|b| starts_with(bytes, i, b))
        .then_some(3)
}

/// Width of the closing punctuation at `i` that stays with the sentence before
/// it: quotes, brackets.
pub fn closer_width(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' | b'\'' | b')' | b']' | b'}' => Some(1),
        _ if ["”", "’", "»", "›"]
            .iter()
            .any(|c| starts_with(bytes, i, c)) =>
        {
            Some(if bytes[i] == 0xC2 { 2 } else { 3 })
        }
        _ => None,
    }
}

/// Position after the run of closing punctuation starting at `i`, up to `end`.
pub fn skip_closers(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        match closer_width(bytes, i) {
            Some(w) => i += w,
            None => break,
        }
    }
    i.min(end)
}

/// Position of the first non-space character at or after `i`, before `end`.
pub fn skip_space(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        match space_width(bytes, i) {
            Some(w) => i += w,
            None => break,
        }
    }
    i
}

/// `to` moved back over trailing white space, not before `from`.
pub fn trim_end(bytes: &[u8], from: usize, mut to: usize) -> usize {
    while to > from {
        let b = bytes[to - 1];
        if b.is_ascii_whitespace() {
            to -= 1;
        } else if to >= from + 2 && bytes[to - 2] == 0xC2 && b == 0xA0 {
            to -= 2;
        } else if to >= from + 3 && space_width(bytes, to - 3) == Some(3) {
            to -= 3;
        } else {
            break;
        }
    }
    to
}

/// The character starting at byte `i` (which must be a char boundary).
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The character ending just before byte `i`.
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Where the first of `needles` is in `bytes`. Eight bytes at a time: the
/// segmenter skips the text between possible sentence ends with this, and
/// those are a few bytes in a hundred.
pub fn position_of_any(bytes: &[u8], needles: &[u8]) -> Option<usize> {
    words8::position(
        bytes,
        0,
        |word| {
            needles
                .iter()
                .fold(0, |hits, &n| hits | words8::equal_to(word, n))
        },
        |b| needles.contains(&b),
    )
}
