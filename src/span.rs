//! Byte spans into the original input and the line index that turns a byte
//! offset into a 1-based line and a 1-based column counted in Unicode scalars.
//! Every stage speaks in `Span`s; only reports convert them to lines.

use serde::Serialize;

/// A half-open `[start, end)` range of UTF-8 byte offsets into the original input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` (inclusive) to `end` (exclusive), in bytes.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in Unicode scalars, from 1.
    pub column: usize,
}

/// A place in a text, with both column conventions that reports need: JSON,
/// SARIF and the text report count Unicode scalars, reviewdog counts bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column in Unicode scalars, from 1.
    pub column: usize,
    /// Column in UTF-8 bytes, from 1.
    pub byte_column: usize,
}

/// Start offsets of every line of a text, for byte → line/column lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (a line ends after `\n`).
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        // memchr's iterator: `match_indices` pays a char-pattern setup and
        // check per line, and news text has a line every few hundred bytes.
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// The 1-based line holding byte `offset` (no column: no scan of the line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Line and column of byte `offset` in `text` (the text this index was built from).
    /// An offset inside a multi-byte character counts as that character's column.
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = crate::words8::chars_in(&text.as_bytes()[start..offset]) + 1;
        LineColumn { line, column }
    }

    /// Line, scalar column and byte column of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let at = self.line_column(text, offset);
        let start = self.line_starts[at.line - 1];
        Position {
            line: at.line,
            column: at.column,
            byte_column: offset.min(text.len()) - start + 1,
        }
    }

    /// Byte range of line `line` (1-based), without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self
            .line_starts
            .get(line - 1)
            .copied()
            .unwrap_or(text.len());
        let mut end = self
            .line_starts
            .get(line)
            .map(|&next| next - 1)
            .unwrap_or(text.len());
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }
}

/// Line and column lookups for offsets that mostly come in increasing
/// order (sentences, findings): each counts only the characters since the
/// previous offset when both are on one line, not from the line's start.
pub struct Cursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    offset: usize,
    at: LineColumn,
    /// Where the cursor's line ends (the next line's start).
    line_end: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`, which `index` was built from.
    pub fn new(index: &'a LineIndex, text: &'a str) -> Self {
        Cursor {
            index,
            text,
            offset: 0,
            at: LineColumn { line: 1, column: 1 },
            line_end: index.line_starts.get(1).copied().unwrap_or(usize::MAX),
        }
    }

    /// Line and column of byte `offset`, as [`LineIndex::line_column`].
    pub fn line_column(&mut self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        if offset >= self.offset && offset < self.line_end {
            self.at.column += crate::words8::chars_in(&self.text.as_bytes()[self.offset..offset]);
        } else {
            self.at = self.index.line_column(self.text, offset);
            self.line_end = self
                .index
                .line_starts
                .get(self.at.line)
                .copied()
                .unwrap_or(usize::MAX);
        }
        self.offset = offset;
        self.at
    }

    /// Line, scalar column and byte column of byte `offset`, as
    /// [`LineIndex::position`].
    pub fn position(&mut self, offset: usize) -> Position {
        let at = self.line_column(offset);
        let start = self.index.line_starts[at.line - 1];
        Position {
            line: at.line,
            column: at.column,
            byte_column: offset.min(self.text.len()) - start + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_byte_is_line_one_column_one() {
        let idx = LineIndex::new("abc");
        assert_eq!(idx.line_column("abc", 0), LineColumn { line: 1, column: 1 });
    }

    #[test]
    fn columns_count_scalars_not_bytes() {
        let text = "é x\nab";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_column(text, 3), LineColumn { line: 1, column: 3 });
        assert_eq!(idx.line_column(text, 6), LineColumn { line: 2, column: 2 });
    }

    #[test]
    fn positions_give_scalar_and_byte_columns() {
        let text = "é x\nab";
        let idx = LineIndex::new(text);
        let at = idx.position(text, 3);
        assert_eq!((at.line, at.column, at.byte_column), (1, 3, 4));
        let at = idx.position(text, 6);
        assert_eq!((at.line, at.column, at.byte_column), (2, 2, 2));
    }

    #[test]
    fn a_cursor_agrees_with_the_index_in_any_order() {
        let text = "Київ — a.\nb c d\n\né f";
        let idx = LineIndex::new(text);
        let mut cursor = Cursor::new(&idx, text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &o in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([&3, &20, &0])
        {
            assert_eq!(
                cursor.line_column(o),
                idx.line_column(text, o),
                "offset {o}"
            );
        }
    }

    #[test]
    fn line_span_drops_crlf() {
        let text = "one\r\ntwo";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_span(text, 1), Span::new(0, 3));
        assert_eq!(idx.line_span(text, 2), Span::new(5, 8));
    }
}
