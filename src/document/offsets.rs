//! The map from extracted plain text back to the original file. Markdown and
//! HTML are read into plain prose (markup dropped, entities decoded, blocks
//! separated by blank lines); every byte of that prose knows where it came
//! from, so every span a report prints points into the original file.

use crate::span::Span;

/// One run of plain text and the original bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Start in the plain text.
    plain: usize,
    /// Length in the plain text.
    plain_len: usize,
    /// Start in the original.
    source: usize,
    /// Length in the original: equal to `plain_len` for copied text; other
    /// for a decoded entity ("&amp;" → "&"), zero for an inserted separator.
    source_len: usize,
}

/// Plain-text offsets to original offsets.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    fn piece_at(&self, plain: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.plain <= plain);
        self.pieces.get(i.checked_sub(1)?)
    }

    /// Original offset of the plain byte at `plain` (a span's start).
    pub fn start(&self, plain: usize) -> usize {
        match self.piece_at(plain) {
            Some(p) if p.plain_len == p.source_len => {
                p.source + (plain - p.plain).min(p.source_len)
            }
            Some(p) if plain - p.plain >= p.plain_len => p.source + p.source_len,
            Some(p) => p.source,
            None => 0,
        }
    }

    /// Original offset just after the plain byte before `plain` (a span's end).
    pub fn end(&self, plain: usize) -> usize {
        let Some(last) = plain.checked_sub(1) else {
            return self.start(0);
        };
        match self.piece_at(last) {
            Some(p) if p.plain_len == p.source_len => {
                p.source + (plain - p.plain).min(p.source_len)
            }
            Some(p) => p.source + p.source_len,
            None => 0,
        }
    }

    /// The original span of a plain span.
    pub fn span(&self, plain: Span) -> Span {
        let start = self.start(plain.start);
        Span::new(start, self.end(plain.end).max(start))
    }
}

/// Builds plain text and its map together.
#[derive(Debug, Default)]
pub struct PlainBuilder {
    text: String,
    map: OffsetMap,
}

impl PlainBuilder {
    /// Appends original text unchanged; `text` is the original's bytes at `source`.
    pub fn copy(&mut self, source: usize, text: &str) {
        self.push(source, text.len(), text);
    }

    /// Appends `text` standing for the original bytes `source..source + source_len`
    /// (a decoded entity or escape).
    pub fn replace(&mut self, source: usize, source_len: usize, text: &str) {
        self.push(source, source_len, text);
    }

    /// Appends white space that stands for no original text (between blocks).
    /// Nothing is added at the very start or after a blank line already there.
    pub fn separate(&mut self, at: usize, separator: &str) {
        if self.text.is_empty() || self.text.ends_with("\n\n") || self.text.ends_with(separator) {
            return;
        }
        self.push(at, 0, separator);
    }

    fn push(&mut self, source: usize, source_len: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        let plain = self.text.len();
        self.text.push_str(text);
        let piece = Piece {
            plain,
            plain_len: text.len(),
            source,
            source_len,
        };
        // Merge with the previous copied run when contiguous on both sides.
        if let Some(prev) = self.map.pieces.last_mut() {
            let copied = prev.plain_len == prev.source_len && source_len == text.len();
            if copied
                && prev.plain + prev.plain_len == plain
                && prev.source + prev.source_len == source
            {
                prev.plain_len += text.len();
                prev.source_len += source_len;
                return;
            }
        }
        self.map.pieces.push(piece);
    }

    /// Current length of the plain text.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether no text has been added.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The plain text and its map.
    pub fn finish(self) -> (String, OffsetMap) {
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_replaced_and_inserted_text_map_back() {
        // Original: "<p>A &amp; B</p><p>C</p>"
        let mut b = PlainBuilder::default();
        b.copy(3, "A ");
        b.replace(5, 5, "&");
        b.copy(10, " B");
        b.separate(12, "\n\n");
        b.copy(19, "C");
        let (text, map) = b.finish();
        assert_eq!(text, "A & B\n\nC");
        assert_eq!(map.span(Span::new(0, 5)), Span::new(3, 12));
        assert_eq!(map.span(Span::new(2, 3)), Span::new(5, 10));
        assert_eq!(map.span(Span::new(4, 5)), Span::new(11, 12));
        assert_eq!(map.span(Span::new(7, 8)), Span::new(19, 20));
    }
}
