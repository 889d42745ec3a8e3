//! Sentence segmentation: one forward pass over the bytes, stopping only at
//! candidate boundaries (`.`, `!`, `?`, `…`, newlines, bullets and list
//! markers), each decided from a few characters of context. No regex and no
//! allocation per sentence beyond the output vector, so it runs at memory
//! speed. Why not UAX #29 sentence breaks: they pass 29 of the 52 Golden
//! Rules and run at about 40 MB/s; every repair rule below would be needed on
//! top of them anyway.
//!
//! Owns: where sentences start and end, which paragraph each is in, and
//! whether it is a heading line. Leaves to `attribute` everything about
//! meaning.

mod layout;
mod terminal;
mod text;

use crate::rules::Lexicon;
use crate::span::Span;

use layout::{Block, ListState};

/// One sentence of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Position in the document, from 0.
    pub index: usize,
    /// Bytes of the sentence, trimmed of surrounding white space.
    pub span: Span,
    /// Paragraph number, from 0; a blank line starts a new paragraph.
    pub paragraph: usize,
    /// A line of its own without final punctuation: a headline, dateline or list item.
    pub heading: bool,
}

/// Splits `text` into sentences. Every non-space byte belongs to exactly one
/// sentence; spans are ordered and do not overlap.
pub fn segment(text: &str, lexicon: &Lexicon) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraphs = Paragraphs::new(text, lexicon);
    loop {
        let first = out.len();
        if !paragraphs.read_into(&mut out, first) {
            return out;
        }
    }
}

/// The sentences of a text a paragraph at a time, as [`segment`] finds
/// them, for a reader that keeps only some of them at once.
pub(crate) struct Paragraphs<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    blocks: Box<dyn Iterator<Item = Block> + 'a>,
    paragraph: usize,
}

impl<'a> Paragraphs<'a> {
    /// Before the first paragraph of `text`.
    pub(crate) fn new(text: &'a str, lexicon: &'a Lexicon) -> Self {
        Paragraphs {
            text,
            lexicon,
            blocks: Box::new(layout::blocks(text)),
            paragraph: 0,
        }
    }

    /// Appends the sentences of the next paragraph (perhaps none) to
    /// `out`, the first of them numbered `first`; `false` when there is no
    /// paragraph left.
    pub(crate) fn read_into(&mut self, out: &mut Vec<Sentence>, first: usize) -> bool {
        let Some(block) = self.blocks.next() else {
            return false;
        };
        let mut scanner = Scanner {
            text: self.text,
            bytes: self.text.as_bytes(),
            lexicon: self.lexicon,
            block,
            paragraph: self.paragraph,
            first: first.wrapping_sub(out.len()),
            out,
        };
        scanner.run();
        self.paragraph += 1;
        true
    }
}

/// Scans one block (the text between blank lines).
struct Scanner<'a, 'o> {
    text: &'a str,
    bytes: &'a [u8],
    lexicon: &'a Lexicon,
    block: Block,
    paragraph: usize,
    /// The index of the sentence at `out[0]`: a sentence's index is this
    /// plus its place in `out`.
    first: usize,
    out: &'o mut Vec<Sentence>,
}

/// The bytes that may end a sentence outside a list: line breaks, `.!?`,
/// and the first byte of `…` and of the bullets.
const MAY_END: [u8; 5] = [b'\n', b'.', b'!', b'?', 0xE2];

impl Scanner<'_, '_> {
    fn run(&mut self) {
        let (start, end) = (self.block.start, self.block.end);
        let mut list = ListState::detect(self.text, start, end);
        let mut sentence: Option<usize> = None;
        let mut i = start;
        while i < end {
            let b = self.bytes[i];
            let Some(from) = sentence else {
                if let Some(width) = text::space_width(self.bytes, i) {
                    i += width;
                    continue;
                }
                sentence = Some(i);
                i += list.marker_at_start(self.text, i, end);
                continue;
            };
            if matches!(list, ListState::Plain) {
                // Outside lists only these bytes can end a sentence: skip
                // the rest without looking at them one rule at a time.
                let skip = text::position_of_any(&self.bytes[i..end], &MAY_END).unwrap_or(end - i);
                if skip > 0 {
                    i += skip;
                    continue;
                }
            } else if i > from
                && text::is_space_byte(self.bytes[i - 1])
                && list.next_marker_at(self.text, i, end)
            {
                self.close(from, i);
                sentence = None;
                continue;
            }
            match b {
                b'\n' => {
                    if self.block.newline_breaks(self.text, i, self.lexicon) {
                        self.close(from, i);
                        sentence = None;
                    }
                    i += 1;
                }
                b'.' | b'!' | b'?' => {
                    let decision = terminal::decide(self.text, from, i, end, self.lexicon);
                    if let Some(stop) = decision.boundary {
                        self.close(from, stop);
                        sentence = None;
                    }
                    i = decision.resume;
                }
                0xE2 if text::starts_with(self.bytes, i, "…") => {
                    let decision = terminal::ellipsis_char(self.text, i, end);
                    if let Some(stop) = decision.boundary {
                        self.close(from, stop);
                        sentence = None;
                    }
                    i = decision.resume;
                }
                0xE2 if i > from && text::bullet_width(self.bytes, i).is_some() => {
                    self.close(from, i);
                    sentence = None;
                }
                _ => i += 1,
            }
        }
        if let Some(from) = sentence {
            self.close(from, end);
        }
    }

    /// Ends the sentence that began at `from` just before `to`, trimmed.
    fn close(&mut self, from: usize, to: usize) {
        let to = text::trim_end(self.bytes, from, to);
        if to <= from {
            return;
        }
        let heading = layout::is_heading_line(self.text, from, to);
        self.out.push(Sentence {
            index: self.first.wrapping_add(self.out.len()),
            span: Span::new(from, to),
            paragraph: self.paragraph,
            heading,
        });
    }
}

#[cfg(test)]
mod tests;
