//! Layout: paragraphs (blocks between blank lines), single newlines, and lists.
//!
//! A single newline is ambiguous: it ends a headline, a dateline or a list
//! line, but not a hard-wrapped sentence (Golden Rules #40 and #42 pull
//! against each other). A block whose lines never end in sentence punctuation
//! is laid out in lines, and every newline in it ends a sentence; in prose, a
//! newline ends one only before a list marker or after a short title-like
//! line followed by a capital.

use super::text::{bullet_width, is_space_byte, starts_with};
use crate::rules::{contains_lower, Lexicon};

/// A run of non-blank lines.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    /// First byte of the block.
    pub start: usize,
    /// One past its last byte (before the blank line).
    pub end: usize,
    /// No line of the block ends in sentence punctuation.
    laid_out: bool,
    /// Length in characters of the block's longest line.
    longest_line: usize,
}

/// The blocks of `text`, in order.
pub fn blocks(text: &str) -> impl Iterator<Item = Block> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        let mut end = pos;
        let mut laid_out = true;
        let mut lines = 0;
        let mut longest_line = 0;
        while pos < text.len() {
            let line_end = text[pos..].find('\n').map_or(text.len(), |n| pos + n);
            let line = text[pos..line_end].trim();
            let next = (line_end + 1).min(text.len());
            if line.is_empty() {
                pos = next.max(line_end);
                if start.is_some() {
                    break;
                }
                continue;
            }
            start.get_or_insert(pos);
            lines += 1;
            longest_line = longest_line.max(line.chars().count());
            if ends_sentence(line) {
                laid_out = false;
            }
            end = line_end;
            pos = if line_end == text.len() {
                text.len()
            } else {
                next
            };
        }
        start.map(|start| Block {
            start,
            end,
            laid_out: laid_out && lines > 1,
            longest_line,
        })
    })
}

/// Whether a trimmed line ends with sentence punctuation (before closing quotes).
fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', ')', ']', '”', '’', '»']);
    core.ends_with(['.', '!', '?', '…', ':', ';'])
}

impl Block {
    /// Whether the newline at byte `i` ends the sentence it is in.
    pub fn newline_breaks(&self, text: &str, i: usize, lexicon: &Lexicon) -> bool {
        let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1).max(self.start);
        let this = text[line_start..i].trim();
        let next_end = text[i + 1..]
            .find('\n')
            .map_or(text.len(), |n| i + 1 + n)
            .min(self.end);
        let next = text[(i + 1).min(next_end)..next_end].trim();
        if this.is_empty() || next.is_empty() {
            return false;
        }
        if self.laid_out || starts_with_list_marker(next) || ends_in_credit(this) {
            return true;
        }
        self.is_title_line(this, next, lexicon)
    }

    /// A short line without final punctuation before a capitalised line: a
    /// headline, a byline, a dateline.
    fn is_title_line(&self, this: &str, next: &str, lexicon: &Lexicon) -> bool {
        let last = this.chars().next_back().unwrap_or(' ');
        if matches!(last, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/' | '&') {
            return false;
        }
        let last_word = this
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        if contains_lower(&lexicon.function_words, last_word) {
            return false;
        }
        let first = next.chars().next().unwrap_or(' ');
        let opens =
            first.is_uppercase() || first.is_ascii_digit() || matches!(first, '"' | '“' | '‘');
        opens && this.chars().count() * 10 < self.longest_line * 7
    }
}

/// Most words in the name of a dash credit.
const MAX_CREDIT_WORDS: usize = 5;

/// Whether a line ends with a dash credit after a quotation ('..." ― Tom
/// Reyes') or is one: the name ends the quotation's sentence, and the next
/// line is another.
fn ends_in_credit(line: &str) -> bool {
    let Some((at, dash)) = line
        .char_indices()
        .rfind(|&(_, c)| matches!(c, '―' | '—' | '–'))
    else {
        return false;
    };
    let before = line[..at].trim_end();
    let after = line[at + dash.len_utf8()..].trim().trim_end_matches('.');
    let quoted = before.is_empty() || before.ends_with(['"', '”', '’', '\'', '»']);
    let words = after.split_whitespace().count();
    quoted
        && (1..=MAX_CREDIT_WORDS).contains(&words)
        && after
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
}

/// Whether a line opens with a bullet, a dash or a numbered marker.
fn starts_with_list_marker(line: &str) -> bool {
    let bytes = line.as_bytes();
    if bullet_width(bytes, 0).is_some() {
        return true;
    }
    if matches!(bytes.first(), Some(b'-' | b'*')) && bytes.get(1) == Some(&b' ') {
        return true;
    }
    numbered_marker(line, 0).is_some()
}

/// A numbered marker at byte `i`: digits then ".)", ")" or "." and a space.
/// Returns the number and the marker's width.
fn numbered_marker(text: &str, i: usize) -> Option<(u32, usize)> {
    let bytes = text.as_bytes();
    let digits = bytes[i..]
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let number: u32 = text[i..i + digits].parse().ok()?;
    let rest = i + digits;
    let suffix = [".)", ")", "."]
        .into_iter()
        .find(|s| starts_with(bytes, rest, s))?;
    let after = rest + suffix.len();
    let spaced = bytes.get(after).is_none_or(|&b| is_space_byte(b));
    spaced.then_some((number, after - i))
}

/// A lettered marker at byte `i`: one lower-case letter then "." or ")" and a space.
fn lettered_marker(text: &str, i: usize) -> Option<(u8, usize)> {
    let bytes = text.as_bytes();
    let letter = *bytes.get(i)?;
    if !letter.is_ascii_lowercase() || i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let suffix = *bytes.get(i + 1)?;
    let spaced = bytes.get(i + 2).is_none_or(|&b| is_space_byte(b));
    (matches!(suffix, b'.' | b')') && spaced).then_some((letter, 2))
}

/// Which list marker, if any, is expected next in a block.
#[derive(Debug, Clone, Copy)]
pub enum ListState {
    /// The block is not a list (bullets still split it).
    Plain,
    /// A numbered list; the next marker carries this number.
    Numbered(u32),
    /// A lettered list; the next marker is this letter.
    Lettered(u8),
}

impl ListState {
    /// Looks at the start of a block for a numbered or lettered list.
    pub fn detect(text: &str, start: usize, end: usize) -> ListState {
        let mut i = start;
        if let Some(w) = bullet_width(text.as_bytes(), i) {
            i += w;
            while i < end && text.as_bytes()[i] == b' ' {
                i += 1;
            }
        }
        if i >= end {
            return ListState::Plain;
        }
        if let Some((n, _)) = numbered_marker(text, i) {
            return ListState::Numbered(n);
        }
        match lettered_marker(text, i) {
            Some((b'a', _)) => ListState::Lettered(b'a'),
            _ => ListState::Plain,
        }
    }

    /// Width of the list marker (bullet and/or number) opening a sentence at
    /// `i`, so its period is not taken for a full stop; advances the list.
    pub fn marker_at_start(&mut self, text: &str, i: usize, end: usize) -> usize {
        let bytes = text.as_bytes();
        let mut width = 0;
        if let Some(w) = bullet_width(bytes, i) {
            width = w;
            while i + width < end && bytes[i + width] == b' ' {
                width += 1;
            }
        }
        let at = i + width;
        if at >= end {
            return width;
        }
        match *self {
            ListState::Lettered(expected) => {
                if let Some((letter, w)) = lettered_marker(text, at) {
                    if letter == expected {
                        *self = ListState::Lettered(letter + 1);
                        width += w;
                    }
                }
            }
            _ => {
                if let Some((n, w)) = numbered_marker(text, at) {
                    *self = ListState::Numbered(n + 1);
                    width += w;
                }
            }
        }
        width
    }

    /// Whether the next marker of this list (or a bullet) starts at `i`.
    pub fn next_marker_at(&self, text: &str, i: usize, _end: usize) -> bool {
        match *self {
            ListState::Plain => false,
            ListState::Numbered(expected) => {
                let bytes = text.as_bytes();
                let at = bullet_width(bytes, i).map_or(i, |w| i + w);
                numbered_marker(text, at).is_some_and(|(n, _)| n == expected)
            }
            ListState::Lettered(expected) => {
                lettered_marker(text, i).is_some_and(|(l, _)| l == expected)
            }
        }
    }
}

/// Whether the sentence `[from, to)` is a whole line without final punctuation.
/// Checks the cheap condition first: most sentences end in punctuation.
pub fn is_heading_line(text: &str, from: usize, to: usize) -> bool {
    let last = text[from..to].chars().next_back().unwrap_or('.');
    let punctuated = matches!(
        last,
        '.' | '!' | '?' | '…' | ':' | ';' | ',' | '"' | '\'' | '”' | '’' | ')' | ']'
    );
    if punctuated {
        return false;
    }
    let bytes = text.as_bytes();
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    let line_start = bytes[..from]
        .iter()
        .rev()
        .find(|b| !blank(b))
        .is_none_or(|&b| b == b'\n');
    let line_end = bytes[to..]
        .iter()
        .find(|b| !blank(b))
        .is_none_or(|&b| b == b'\n' || b == b'\r');
    line_start && line_end && !text[from..to].contains('\n')
}
