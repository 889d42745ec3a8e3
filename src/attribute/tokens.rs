//! Word and punctuation tokens of one sentence, with absolute byte offsets and
//! whether each sits inside a quotation. The lower-cased sentence is kept once
//! (ASCII lower-casing keeps byte offsets), so lookups never allocate per token.

use crate::rules::WORD_KEY_BYTES;
use crate::words8;

/// Zeros after the lower-cased sentence: a token starts before its end.
const PADDING: &str = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
const _: () = assert!(PADDING.len() == WORD_KEY_BYTES);

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes, hyphens, periods,
    /// thousands separators and ampersands ("Ukraine's", "high-ranking",
    /// "U.S", "26,900", "AT&T").
    Word,
    /// A double quotation mark, straight or curly, or a guillemet.
    Quote,
    /// Any other single punctuation character; a run of hyphens ("--") is
    /// a dash, `Punct('—')`.
    Punct(char),
}

impl TokenKind {
    /// A full stop, question or exclamation mark.
    pub fn is_final_punct(self) -> bool {
        matches!(self, TokenKind::Punct('.' | '?' | '!'))
    }
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// First byte, absolute in the document.
    pub start: usize,
    /// One past the last byte, absolute.
    pub end: usize,
    /// Inside a pair of double quotation marks.
    pub in_quote: bool,
    /// The first character is upper case.
    pub capitalised: bool,
}

/// The tokens of one sentence plus its lower-cased text.
#[derive(Debug, Default)]
pub struct Tokens {
    /// Tokens in order.
    pub list: Vec<Token>,
    lower: String,
    base: usize,
    open_at_end: bool,
}

impl Tokens {
    /// Empty buffers with room for `tokens` tokens (and a sentence of about
    /// eight bytes a token), to [`Tokens::refill`].
    pub fn with_capacity(tokens: usize) -> Tokens {
        Tokens {
            list: Vec::with_capacity(tokens),
            lower: String::with_capacity(tokens * 8),
            ..Tokens::default()
        }
    }

    /// Tokenises `text`, which starts at byte `base` of the document.
    pub fn new(text: &str, base: usize) -> Tokens {
        Self::continuing(text, base, false)
    }

    /// Tokenises a sentence that starts inside a quotation opened by an
    /// earlier sentence when `open` ("We will fight," he said.).
    pub fn continuing(text: &str, base: usize, open: bool) -> Tokens {
        let mut tokens = Tokens::default();
        tokens.refill(text, base, open);
        tokens
    }

    /// Tokenises another sentence into the same buffers (no allocation once
    /// they are big enough): [`Tokens::continuing`] for a loop.
    pub fn refill(&mut self, text: &str, base: usize, open: bool) {
        self.list.clear();
        self.lower.clear();
        self.lower.push_str(text);
        self.lower.make_ascii_lowercase();
        // Padding, so that the sixteen bytes from any word's start can be
        // read at a fixed size ([`Tokens::first_bytes`]).
        self.lower.push_str(PADDING);
        self.base = base;
        self.scan(text);
        self.open_at_end = self.mark_quotes(open);
    }

    /// Whether a quotation is still open after the last token.
    pub fn open_at_end(&self) -> bool {
        self.open_at_end
    }

    /// The whole sentence, lower-cased (ASCII), without the padding.
    pub fn sentence_lower(&self) -> &str {
        &self.lower[..self.lower.len() - PADDING.len()]
    }

    /// Token `i`'s byte range within the sentence (into
    /// [`Tokens::sentence_lower`]).
    pub fn range_in_sentence(&self, i: usize) -> std::ops::Range<usize> {
        let t = &self.list[i];
        t.start - self.base..t.end - self.base
    }

    /// The lower-cased text of token `i`.
    pub fn lower(&self, i: usize) -> &str {
        let t = &self.list[i];
        &self.lower[t.start - self.base..t.end - self.base]
    }

    /// The sixteen lower-cased bytes from the start of token `i`, whatever
    /// follows it included (the sentence's next bytes, or zeros after its end).
    #[inline]
    pub fn first_bytes(&self, i: usize) -> [u8; WORD_KEY_BYTES] {
        let start = self.list[i].start - self.base;
        let mut first = [0; WORD_KEY_BYTES];
        first.copy_from_slice(&self.lower.as_bytes()[start..start + WORD_KEY_BYTES]);
        first
    }

    /// Whether token `i` is a word that starts with a digit ("42", "1,409").
    pub fn is_number(&self, i: usize) -> bool {
        self.is_word(i) && self.lower(i).starts_with(|c: char| c.is_ascii_digit())
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.list.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// Whether token `i` is the punctuation character `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.list
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct(c))
    }

    /// Whether token `i` is a dash: an em or en dash, or the hyphens read as
    /// one ("--", " - ").
    pub fn is_dash(&self, i: usize) -> bool {
        self.is_punct(i, '—') || self.is_punct(i, '–')
    }

    /// Whether token `i` is a quotation mark.
    pub fn is_quote(&self, i: usize) -> bool {
        self.list.get(i).is_some_and(|t| t.kind == TokenKind::Quote)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// One pass over the bytes; ASCII (most of any English text) is
    /// classified without decoding, other characters are decoded one by one.
    fn scan(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b' ' {
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
                i += len;
                continue;
            }
            let start = self.base + i;
            // "in ’08", "the class of '92": the apostrophe of an elided
            // century opens the word, no quotation.
            if is_alphanumeric(c) || matches!(c, '\'' | '‘' | '’') && elided_year(bytes, i + len)
            {
                let end = word_end(text, i + len);
                self.push(TokenKind::Word, start, self.base + end, c.is_uppercase());
                i = end;
            } else if (c == '\'' || c == '`') && bytes.get(i + 1) == Some(&bytes[i]) {
                // Two apostrophes or backticks: a quotation mark in some house styles
                // (''...''). Three are that mark and a nested quotation's
                // single one ('Kosovo is special,''' he said), which is no quote
                // token of its own: one mark.
                let run = if bytes.get(i + 2) == Some(&bytes[i]) {
                    3
                } else {
                    2
                };
                self.push(TokenKind::Quote, start, start + run, false);
                i += run;
            } else if c == '-' && bytes.get(i + 1) == Some(&b'-') {
                // Two hyphens or more: the typewriter's dash ("the justice
                // -- who had been ... -- said"), read as one.
                let run = bytes[i..].iter().take_while(|&&b| b == b'-').count();
                self.push(TokenKind::Punct('—'), start, start + run, false);
                i += run;
            } else if c == '-' && i > 0 && bytes[i - 1] == b' ' && bytes.get(i + 1) == Some(&b' ') {
                // A hyphen between spaces is a dash too ("Reynolds - his
                // partner - told the Post").
                self.push(TokenKind::Punct('—'), start, start + 1, false);
                i += 1;
            } else {
                let kind = match c {
                    '"' | '“' | '”' | '«' | '»' | '„' => TokenKind::Quote,
                    _ => TokenKind::Punct(c),
                };
                self.push(kind, start, start + len, false);
                i += len;
            }
        }
    }

    fn push(&mut self, kind: TokenKind, start: usize, end: usize, capitalised: bool) {
        self.list.push(Token {
            kind,
            start,
            end,
            in_quote: false,
            capitalised,
        });
    }

    /// Marks tokens between paired quotation marks. Straight quotes alternate;
    /// curly ones and guillemets say which way they face.
    fn mark_quotes(&mut self, mut open: bool) -> bool {
        for i in 0..self.list.len() {
            let t = self.list[i];
            if t.kind == TokenKind::Quote {
                let c = self.lower[t.start - self.base..]
                    .chars()
                    .next()
                    .unwrap_or('"');
                // A curly mark facing the wrong way ('bad,“ said') is read
                // by where it stands: glued to the word before it and not
                // to the one after, it closes.
                let glued_before = i > 0 && self.list[i - 1].end == t.start;
                let glued_after = self.list.get(i + 1).is_some_and(|n| n.start == t.end);
                open = match c {
                    '“' if open && glued_before && !glued_after => false,
                    '”' if !open && glued_after && !glued_before => true,
                    '“' | '«' | '„' => true,
                    '”' | '»' => false,
                    _ => !open,
                };
                continue;
            }
            self.list[i].in_quote = open;
        }
        open
    }
}

/// Whether two digits, and no third letter or digit, start at `at`: the
/// year after an elided century's apostrophe ("’08").
fn elided_year(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at..at + 2)
        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !bytes
            .get(at + 2)
            .is_some_and(|&b| ASCII_ALPHANUMERIC[usize::from(b)])
}

/// ASCII letters and digits by byte: one load per byte in the word loop,
/// where `is_ascii_alphanumeric` tests three ranges.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// `char::is_alphanumeric`, answering the General Punctuation block (curly
/// quotes, dashes, no-break spaces: most non-ASCII characters of English
/// news) without the Unicode table search.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// Whether `c`, after a letter, is part of the word as UTF-8 read twice
/// over as Latin-1 leaves it ("SarukhÃ¡n", "JesÃÂos" for "Sarukhán",
/// "Jesús"): a C1 control, a combining mark, or a Latin-1 sign that never
/// stands inside a word in clean text. Quotation marks (« »), the
/// no-break space, the degree sign and the middle dot still end a word.
#[inline]
fn mojibake_inside_word(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{300}'..='\u{36f}')
        || ('\u{a1}'..='\u{bf}').contains(&c) && !matches!(c, '«' | '»' | '°' | '·')
}

/// The character at byte `i` and its length, ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().unwrap_or('\u{fffd}');
    (c, c.len_utf8())
}

/// Where a word that has run up to byte `from` ends: letters and digits, and
/// the joiners between them: inner apostrophes and hyphens ("Ukraine's",
/// "high-ranking"), periods inside abbreviations and decimals ("U.S", "1.5"),
/// thousands separators ("26,900") and an ampersand between capitals ("P&G").
fn word_end(text: &str, mut from: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // Eight bytes at a time while they are all ASCII letters or digits:
        // one branch per word where a byte loop mispredicts at every word's end.
        while let Some(word) = words8::load(bytes, from) {
            let stop = !words8::ascii_alphanumeric(word) & words8::HIGH;
            if stop != 0 {
                from += words8::first(stop);
                break;
            }
            from += 8;
        }
        while from < bytes.len() {
            let b = bytes[from];
            if ASCII_ALPHANUMERIC[usize::from(b)] {
                from += 1;
                continue;
            }
            if b < 0x80 {
                break;
            }
            let (d, len) = char_at(text, from);
            if !is_alphanumeric(d) && !mojibake_inside_word(d) {
                break;
            }
            from += len;
        }
        if from >= bytes.len() {
            return from;
        }
        // Most words end at a space or a punctuation mark that never joins.
        let b = bytes[from];
        if b < 0x80 && !matches!(b, b'\'' | b'-' | b'.' | b',' | b'&') {
            return from;
        }
        let (d, len) = char_at(text, from);
        let next = (from + len < bytes.len()).then(|| char_at(text, from + len).0);
        // The character before `from` is the word's last letter or digit.
        let before = text[..from].chars().next_back();
        let digits =
            next.is_some_and(|n| n.is_ascii_digit()) && before.is_some_and(|p| p.is_ascii_digit());
        // "the workers' union", "Sanders’ team": a plural possessive's
        // apostrophe ends the word it marks.
        let plural_possessive =
            matches!(d, '\'' | '’') && next.is_some_and(char::is_whitespace) && before == Some('s');
        if plural_possessive {
            return from + len;
        }
        let joins = match d {
            '\'' | '’' | '-' | '‑' => next.is_some_and(char::is_alphanumeric),
            '.' => {
                next.is_some_and(char::is_alphabetic) && before.is_some_and(char::is_alphabetic)
                    || digits
            }
            ',' => digits,
            // "P&G", "AT&T": an ampersand between capitals, no space.
            '&' => {
                next.is_some_and(|n| n.is_ascii_uppercase())
                    && before.is_some_and(|p| p.is_ascii_uppercase())
            }
            _ => false,
        };
        if !joins {
            return from;
        }
        from += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        Tokens::new(text, 0)
            .list
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn keeps_possessives_numbers_and_dotted_abbreviations_whole() {
        assert_eq!(
            words("Ukraine's 26,900 U.S. troops, 1.5 high-ranking"),
            [
                "Ukraine's",
                "26,900",
                "U.S",
                ".",
                "troops",
                ",",
                "1.5",
                "high-ranking"
            ]
        );
    }

    #[test]
    fn keeps_a_plural_possessive_and_an_elided_year_whole() {
        assert_eq!(
            words("the workers' union, Kovacs’ office, in ‘08 and '92's 'ships' 2008'"),
            [
                "the",
                "workers'",
                "union",
                ",",
                "Kovacs’",
                "office",
                ",",
                "in",
                "‘08",
                "and",
                "'92's",
                "'",
                "ships'",
                "2008",
                "'"
            ]
        );
    }

    #[test]
    fn keeps_a_name_read_twice_over_as_latin_1_whole() {
        // "Sarukhán", "Jesús", "Peña" after UTF-8 was decoded as Latin-1.
        assert_eq!(
            words("Arturo Sarukh\u{c3}\u{83}\u{c2}\u{a1}n, de Jes\u{c3}\u{83}\u{c2}os and Pe\u{c3}\u{b1}a: \u{ab}Oui\u{bb}"),
            [
                "Arturo",
                "Sarukh\u{c3}\u{83}\u{c2}\u{a1}n",
                ",",
                "de",
                "Jes\u{c3}\u{83}\u{c2}os",
                "and",
                "Pe\u{c3}\u{b1}a",
                ":",
                "\u{ab}",
                "Oui",
                "\u{bb}"
            ]
        );
    }

    #[test]
    fn the_punctuation_shortcut_agrees_with_the_unicode_tables() {
        for c in (0..=0x3000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn first_bytes_run_past_the_sentence_end_into_zeros() {
        let t = Tokens::new("They SAID", 40);
        assert_eq!(&t.first_bytes(0)[..9], b"they said");
        let mut last = [0; WORD_KEY_BYTES];
        last[..4].copy_from_slice(b"said");
        assert_eq!(t.first_bytes(1), last);
    }

    #[test]
    fn reads_two_hyphens_as_one_dash() {
        let t = Tokens::new("The justice -- a judge --said", 0);
        let kinds: Vec<TokenKind> = t.list.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[2], TokenKind::Punct('—'));
        assert_eq!(kinds[5], TokenKind::Punct('—'));
        assert_eq!(words("well-known -"), ["well-known", "-"]);
    }

    #[test]
    fn keeps_an_ampersand_between_capitals_inside_the_word() {
        assert_eq!(
            words("AT&T and P&G, not Johnson & Johnson or R&amp"),
            ["AT&T", "and", "P&G", ",", "not", "Johnson", "&", "Johnson", "or", "R", "&", "amp"]
        );
    }

    #[test]
    fn marks_words_inside_quotes() {
        let t = Tokens::new("He said \"we won\" today", 0);
        let inside: Vec<bool> = t.list.iter().map(|t| t.in_quote).collect();
        assert_eq!(inside, [false, false, false, true, true, false, false]);
    }

    #[test]
    fn reads_a_nested_quotations_closing_apostrophe_and_the_double_one_as_one_mark() {
        let text = "''Told 'Kosovo is special,''' he said";
        let t = Tokens::new(text, 0);
        let quotes: Vec<&str> = t
            .list
            .iter()
            .filter(|t| t.kind == TokenKind::Quote)
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(quotes, ["''", "'''"]);
        assert!(!t.list.last().unwrap().in_quote);
    }
}
