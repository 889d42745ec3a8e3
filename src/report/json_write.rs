//! The pieces of JSON the document writer emits by hand: strings and
//! integers, byte for byte as serde_json writes them. Sentence text is most
//! of every document's JSON; escaping it eight bytes at a time, where
//! serde_json looks at each byte, is what makes the hand-written path worth
//! having (see `DocumentJson::write_to`).

use crate::words8;

/// Appends `text` as a JSON string: `"` and `\` escaped, control characters
/// as `\b \t \n \f \r` or `\u00XX`, everything else (non-ASCII included) as is.
pub fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    // Eight bytes at a time; a word holding a byte to escape is read byte
    // by byte.
    while let Some(word) = words8::load(bytes, i) {
        if !needs_escape(word) {
            i += 8;
            continue;
        }
        let end = i + 8;
        while i < end {
            let b = bytes[i];
            i += 1;
            if ESCAPED[usize::from(b)] {
                out.extend_from_slice(&bytes[run..i - 1]);
                escape(out, b);
                run = i;
            }
        }
    }
    // The tail, shorter than eight bytes (and all of most short strings).
    for (at, &b) in bytes.iter().enumerate().skip(i) {
        if ESCAPED[usize::from(b)] {
            out.extend_from_slice(&bytes[run..at]);
            escape(out, b);
            run = at + 1;
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The bytes JSON strings escape: control characters, `"` and `\`.
static ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b < 0x20 || b == b'"' as usize || b == b'\\' as usize;
        b += 1;
    }
    table
};

/// Whether any of the eight bytes is a control character, `"` or `\`.
#[inline]
fn needs_escape(word: u64) -> bool {
    words8::below(word, 0x20) | words8::equal_to(word, b'"') | words8::equal_to(word, b'\\') != 0
}

fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        b'\t' => b't',
        b'\n' => b'n',
        0x0c => b'f',
        b'\r' => b'r',
        _ => {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 15)]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Appends `n` in decimal (two digits per step, by `itoa`).
pub fn integer(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_serde_json_writes(text: &str) {
        let mut ours = Vec::new();
        string(&mut ours, text);
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string(text).unwrap(),
            "{text:?}"
        );
    }

    #[test]
    fn strings_match_serde_json_byte_for_byte() {
        as_serde_json_writes("");
        as_serde_json_writes("plain words, longer than eight bytes");
        as_serde_json_writes("\"Quoted,\" he said \\ back\\slash");
        as_serde_json_writes("tab\there\nline\r\u{8}\u{c}\u{1}\u{1f}\u{7f} end");
        as_serde_json_writes("“curly” — Київ, 東京 and é");
        // Every byte below 0x80 at every offset in an eight-byte chunk.
        for offset in 0..9 {
            for b in 0u8..0x80 {
                let mut text = "x".repeat(offset);
                text.push(char::from(b));
                text.push_str("tail of the string");
                as_serde_json_writes(&text);
            }
        }
    }

    #[test]
    fn integers_are_decimal() {
        for n in [0, 7, 10, 99, 1234567, usize::MAX] {
            let mut out = Vec::new();
            integer(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
