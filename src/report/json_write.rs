//! The pieces of JSON the document writer emits by hand: strings and
//! integers, byte for byte as serde_json writes them. Sentence text is most
//! of every document's JSON; escaping it sixteen bytes at a time, where
//! serde_json looks at each byte, is what makes the hand-written path worth
//! having (see `DocumentJson::write_to`).

use crate::words8::{self, low_bytes_mask};

/// Appends `text` as a JSON string: `"` and `\` escaped, control characters
/// as `\b \t \n \f \r` or `\u00XX`, everything else (non-ASCII included) as is.
pub fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Bytes before `run` are written; a block with nothing to escape is
    // left for one copy at the end or at the next escape.
    let mut run = 0;
    let mut blocks = bytes.chunks_exact(BLOCK);
    for (n, block) in (&mut blocks).enumerate() {
        if needs_escape(block) {
            escape_from(out, bytes, n * BLOCK, &mut run);
        }
    }
    // The tail, shorter than a block, is tested as one block: the last
    // sixteen bytes of a longer string (bytes tested twice can only cause
    // a needless look at the tail), or a short string padded with spaces,
    // read without a copy of varying length.
    let tail = blocks.remainder();
    let padded: [u8; BLOCK] = if bytes.len() >= BLOCK {
        let mut last = [0; BLOCK];
        last.copy_from_slice(&bytes[bytes.len() - BLOCK..]);
        last
    } else {
        let text = words8::load_up_to_16(bytes);
        let spaces = u128::from_le_bytes([b' '; BLOCK]) & !low_bytes_mask(bytes.len());
        (text | spaces).to_le_bytes()
    };
    if needs_escape(&padded) {
        escape_from(out, bytes, bytes.len() - tail.len(), &mut run);
    } else if run == 0 && bytes.len() < BLOCK {
        // A short string with nothing to escape ("warning", "person",
        // "said"): the whole block is written and cut to length, one store
        // where a copy of varying length calls `memcpy`, whose branches on
        // the length mispredict from one string to the next.
        let len = out.len();
        out.extend_from_slice(&padded);
        out.truncate(len + bytes.len());
        out.push(b'"');
        return;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Writes the block of `bytes` at `start` (or the tail) up to its last
/// byte to escape, escaped; `run` moves past it.
fn escape_from(out: &mut Vec<u8>, bytes: &[u8], start: usize, run: &mut usize) {
    let end = (start + BLOCK).min(bytes.len());
    for (at, &b) in bytes.iter().enumerate().take(end).skip(start) {
        if ESCAPED[usize::from(b)] {
            out.extend_from_slice(&bytes[*run..at]);
            escape(out, b);
            *run = at + 1;
        }
    }
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

/// Bytes tested at once: one vector register.
const BLOCK: usize = 16;

/// Whether any byte of the block is a control character, `"` or `\`.
/// Written without an early exit so that the compiler tests the whole
/// block with vector instructions.
#[inline]
fn needs_escape(block: &[u8]) -> bool {
    block.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
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
        // Every byte below 0x80 at every offset in a block and in the tail.
        for offset in 0..2 * BLOCK + 1 {
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
