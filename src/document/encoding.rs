//! Which Unicode encoding a file's bytes are in, and decoding them. Word
//! and Windows tools write UTF-16 (and now and then UTF-32), with or
//! without a byte order mark; a checker that called those files binary
//! would pass articles it never read. Anything else with NUL bytes is
//! binary.

use std::path::Path;

use crate::error::InputError;

/// How many bytes the sniffing looks at.
pub const SNIFF_BYTES: usize = 8192;

/// A text encoding, or not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    #[default]
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// UTF-32, little-endian.
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
    /// NUL bytes in no pattern of a Unicode encoding.
    Binary,
}

impl Encoding {
    /// Bytes per code unit in the original file.
    pub fn unit(self) -> usize {
        match self {
            Encoding::Utf8 | Encoding::Binary => 1,
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
            Encoding::Utf32Le | Encoding::Utf32Be => 4,
        }
    }

    /// The name a user would know it by.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Utf32Le => "UTF-32LE",
            Encoding::Utf32Be => "UTF-32BE",
            Encoding::Binary => "binary",
        }
    }
}

/// The encoding of a file that starts with `head` (its first
/// `SNIFF_BYTES` or fewer): by byte order mark, else by where its NUL
/// bytes fall (ASCII text in UTF-16 has one in every other byte), else
/// UTF-8 when there are none.
pub fn sniff(head: &[u8]) -> Encoding {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    match head {
        [0xEF, 0xBB, 0xBF, ..] => return Encoding::Utf8,
        [0xFF, 0xFE, 0, 0, ..] => return Encoding::Utf32Le,
        [0, 0, 0xFE, 0xFF, ..] => return Encoding::Utf32Be,
        [0xFF, 0xFE, ..] => return Encoding::Utf16Le,
        [0xFE, 0xFF, ..] => return Encoding::Utf16Be,
        _ => {}
    }
    if !head.contains(&0) {
        return Encoding::Utf8;
    }
    // Without a mark: most of the text is ASCII, so in UTF-16 nearly every
    // high (or low) byte is zero and nearly no other one is. Counted over
    // whole units only.
    let zeros_at = |unit: usize, at: usize| head.chunks_exact(unit).filter(|c| c[at] == 0).count();
    let units16 = head.len() / 2;
    let mostly = |n: usize, of: usize| of > 0 && n * 10 >= of * 9;
    let hardly = |n: usize, of: usize| n * 10 <= of;
    let (even, odd) = (zeros_at(2, 0), zeros_at(2, 1));
    let units32 = head.len() / 4;
    // In UTF-32 the three high bytes of nearly every unit are zero and the
    // low one nearly never (all zeros, as from /dev/zero, is binary).
    let z: Vec<usize> = (0..4).map(|at| zeros_at(4, at)).collect();
    let high_zero = |a: usize, b: usize, c: usize| {
        units32 >= 2 && mostly(z[a], units32) && mostly(z[b], units32) && mostly(z[c], units32)
    };
    if high_zero(1, 2, 3) && hardly(z[0], units32) {
        Encoding::Utf32Le
    } else if high_zero(0, 1, 2) && hardly(z[3], units32) {
        Encoding::Utf32Be
    } else if mostly(odd, units16) && hardly(even, units16) {
        Encoding::Utf16Le
    } else if mostly(even, units16) && hardly(odd, units16) {
        Encoding::Utf16Be
    } else {
        Encoding::Binary
    }
}

/// The text of `bytes` in `encoding`, its byte order mark kept as U+FEFF
/// (so that offsets map back one character per code unit sequence). An
/// error names the line, column and byte of the first invalid sequence.
pub fn decode(path: &Path, bytes: Vec<u8>, encoding: Encoding) -> Result<String, InputError> {
    let unit = encoding.unit();
    let invalid = |text: &str, offset: usize| {
        let at = crate::span::LineIndex::new(text).line_column(text, text.len());
        InputError::Encoding {
            path: path.to_path_buf(),
            encoding: encoding.name(),
            line: at.line,
            column: at.column,
            offset,
        }
    };
    match encoding {
        Encoding::Utf8 | Encoding::Binary => super::decode(path, bytes),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let units = bytes.chunks(unit).map(|c| match (encoding, c) {
                (Encoding::Utf16Le, [a, b]) => u16::from_le_bytes([*a, *b]),
                (_, [a, b]) => u16::from_be_bytes([*a, *b]),
                // An odd last byte: no unit; U+FFFF is never valid here.
                _ => 0xDC00,
            });
            let mut text = String::with_capacity(bytes.len());
            let mut offset = 0;
            for c in char::decode_utf16(units) {
                let Ok(c) = c else {
                    return Err(invalid(&text, offset));
                };
                text.push(c);
                offset += c.len_utf16() * 2;
            }
            Ok(text)
        }
        Encoding::Utf32Le | Encoding::Utf32Be => {
            let mut text = String::with_capacity(bytes.len() / 2);
            for (i, c) in bytes.chunks(unit).enumerate() {
                let value = match (encoding, c) {
                    (Encoding::Utf32Le, [a, b, c, d]) => u32::from_le_bytes([*a, *b, *c, *d]),
                    (_, [a, b, c, d]) => u32::from_be_bytes([*a, *b, *c, *d]),
                    _ => u32::MAX,
                };
                let Some(c) = char::from_u32(value) else {
                    return Err(invalid(&text, i * unit));
                };
                text.push(c);
            }
            Ok(text)
        }
    }
}

/// Maps byte offsets of text decoded from UTF-16 or UTF-32 back to the
/// original file's bytes. Checkpoints every `STRIDE` bytes of the text
/// keep each lookup short on a long document.
#[derive(Debug, Clone, Default)]
pub struct Transcoded {
    encoding: Encoding,
    /// Per stride: (text offset on a character boundary, original offset).
    marks: Vec<(usize, usize)>,
}

/// Text bytes between checkpoints.
const STRIDE: usize = 4096;

impl Transcoded {
    /// The map for `text`, decoded from `encoding`.
    pub fn new(text: &str, encoding: Encoding) -> Transcoded {
        let mut marks = vec![(0, 0)];
        let mut original = 0;
        let mut next = STRIDE;
        for (i, c) in text.char_indices() {
            if i >= next {
                marks.push((i, original));
                next = i + STRIDE;
            }
            original += units(c, encoding) * encoding.unit();
        }
        Transcoded { encoding, marks }
    }

    /// The original byte offset of text offset `at` (a character boundary).
    pub fn original(&self, text: &str, at: usize) -> usize {
        let i = self.marks.partition_point(|&(t, _)| t <= at) - 1;
        let (from, mut original) = self.marks[i];
        let end = at.min(text.len());
        for c in text.get(from..end).unwrap_or_default().chars() {
            original += units(c, self.encoding) * self.encoding.unit();
        }
        original
    }
}

/// Code units a character takes.
fn units(c: char, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => c.len_utf16(),
        Encoding::Utf8 | Encoding::Binary => c.len_utf8(),
        Encoding::Utf32Le | Encoding::Utf32Be => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn sniffs_marks_and_nul_patterns() {
        assert_eq!(sniff(b"plain text"), Encoding::Utf8);
        assert_eq!(sniff(b"\xEF\xBB\xBFtext"), Encoding::Utf8);
        assert_eq!(sniff(&utf16le("Prices rose.", true)), Encoding::Utf16Le);
        assert_eq!(sniff(&utf16le("Prices rose.", false)), Encoding::Utf16Le);
        let be: Vec<u8> = "Prices rose."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(sniff(&be), Encoding::Utf16Be);
        let le32: Vec<u8> = "Prices rose."
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        assert_eq!(sniff(&le32), Encoding::Utf32Le);
        assert_eq!(sniff(b"\x00\x01\x02binary\x00\x00\x07"), Encoding::Binary);
        assert_eq!(sniff(&[0; 64]), Encoding::Binary);
    }

    #[test]
    fn decodes_and_maps_offsets_back_to_the_original_bytes() {
        let text = "\u{feff}Café 𝄞 rose 12%.";
        let bytes = utf16le(&text[3..], true);
        let decoded = decode(Path::new("a.txt"), bytes.clone(), Encoding::Utf16Le).unwrap();
        assert_eq!(decoded, text);
        let map = Transcoded::new(&decoded, Encoding::Utf16Le);
        let rose = decoded.find("rose").unwrap();
        // BOM (2) + "Café " (5 units) + the clef (2 units) + " " (1 unit).
        assert_eq!(map.original(&decoded, rose), 2 + 2 * (5 + 2 + 1));
        assert_eq!(map.original(&decoded, decoded.len()), bytes.len());
    }

    #[test]
    fn an_unpaired_surrogate_is_an_error_with_its_position() {
        let mut bytes = utf16le("ab\ncd", true);
        bytes.extend([0x00, 0xD8, b'x', 0]);
        let err = decode(Path::new("a.txt"), bytes, Encoding::Utf16Le).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt:2:3: invalid UTF-16LE at byte 12; convert the file to UTF-8"
        );
    }
}
