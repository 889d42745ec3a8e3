//! Kind `name-spelling`: one person's name spelled two ways ("Serhyi Haidai"
//! then "Serhiy Haidai"). Names come from person sources and from capitalised
//! words after a title; two names are one person when one part is equal and
//! the other differs by a small edit. Reported at the later spelling.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::message::{finding, Fill};
use super::{CheckInput, Finding, State};
use crate::rules::{contains_lower, CheckRule, Lexicon};
use crate::span::Span;
use crate::words8;

/// A person's name as written: its words (a range of [`Names::words`]) and
/// where it stands.
struct Name {
    words: Range<usize>,
    span: Span,
    sentence: usize,
}

/// The names of a document, each span once. Their words sit in one list,
/// not in a vector per name.
#[derive(Default)]
struct Names<'a> {
    words: Vec<&'a str>,
    list: Vec<Name>,
    spans: FxHashSet<Span>,
}

impl<'a> Names<'a> {
    /// Adds the name made of `run` (words with their offsets in a text that
    /// starts at byte `base`), unless a name with that span is in already.
    fn add(&mut self, run: &[(&'a str, usize)], base: usize, sentence: usize) {
        let (_, start) = run[0];
        let (last, last_start) = run[run.len() - 1];
        let span = Span::new(base + start, base + last_start + last.len());
        if self.spans.insert(span) {
            let from = self.words.len();
            self.words.extend(run.iter().map(|(w, _)| *w));
            self.list.push(Name {
                words: from..self.words.len(),
                span,
                sentence,
            });
        }
    }

    fn words_of(&self, name: &Name) -> &[&'a str] {
        &self.words[name.words.clone()]
    }
}

/// No earlier entry in [`WordIndex`].
const NONE: usize = usize::MAX;

/// The names each word (lower case) appears in: per word, the latest entry,
/// and entries chained back to earlier ones. A map to a vector per word
/// would allocate one for nearly every word.
#[derive(Default)]
struct WordIndex {
    latest: FxHashMap<String, usize>,
    /// (name, previous entry for the same word).
    entries: Vec<(usize, usize)>,
}

impl WordIndex {
    fn add(&mut self, lower: &str, name: usize) {
        let entry = self.entries.len();
        match self.latest.get_mut(lower) {
            Some(head) => {
                self.entries.push((name, *head));
                *head = entry;
            }
            None => {
                self.entries.push((name, NONE));
                self.latest.insert(lower.to_owned(), entry);
            }
        }
    }

    /// Appends the names `lower` appears in to `into`.
    fn names_with(&self, lower: &str, into: &mut Vec<usize>) {
        let mut at = self.latest.get(lower).copied().unwrap_or(NONE);
        while at != NONE {
            let (name, previous) = self.entries[at];
            into.push(name);
            at = previous;
        }
    }
}

/// `word` lower-cased into `buf` (ASCII in place, without allocating).
fn lower_into<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&word.to_lowercase());
    }
    buf
}

/// What the check keeps of the names met so far in a document: each
/// spelling once, and which spellings each word is part of. A name
/// repeated ten thousand times is kept once.
#[derive(Default)]
pub struct Seen<'t> {
    /// The words of each spelling, in the order first met.
    words: Vec<&'t str>,
    spellings: Vec<Range<usize>>,
    known: FxHashSet<Box<[&'t str]>>,
    index: WordIndex,
    /// (later, earlier) pairs already reported.
    reported: FxHashSet<(String, String)>,
}

pub fn run<'t>(
    input: &CheckInput<'_, 't>,
    rule: &CheckRule,
    state: &mut State<'t>,
    out: &mut Vec<Finding>,
) {
    if !matches!(state, State::Names(_)) {
        *state = State::Names(Box::default());
    }
    let State::Names(seen) = state else {
        return;
    };
    let lexicon = &input.rules.lexicon;
    let mut names = Names::default();
    let mut run: Vec<(&str, usize)> = Vec::new();
    // Only sentences with a capitalised title (found by the attribution
    // scan, which looks every word up anyway) are searched for names after
    // one, from the first title on: most sentences have none.
    for s in input.sentences {
        let span = s.sentence.span;
        let text = &input.text[span.start..span.end];
        let sentence = s.sentence.index;
        if let Some(at) = s.first_title {
            titled_names(text, at - span.start, lexicon, &mut run, |run| {
                names.add(run, span.start, sentence)
            });
        }
        if let Some(a) = s
            .attribution
            .as_ref()
            .filter(|a| a.source.kind == "person" && a.inherited_from.is_none())
        {
            let text = &input.text[a.source.span.start..a.source.span.end];
            if trailing_name(text, lexicon, &mut run) {
                names.add(&run, a.source.span.start, sentence);
            }
        }
    }
    // A name lies within its sentence, and the sentences come in order:
    // sorted here, the names of every window are in document order.
    names.list.sort_by_key(|n| n.span.start);
    // Two spellings of one name share at least one word exactly, so only
    // names sharing a word are compared, and each distinct spelling once: a
    // name repeated ten thousand times costs one comparison, not 10^8.
    let mut candidates: Vec<usize> = Vec::new();
    let mut lower = String::new();
    for later in &names.list {
        let words = names.words_of(later);
        if seen.known.contains(words) {
            continue;
        }
        seen.known.insert(words.into());
        candidates.clear();
        for w in words {
            seen.index
                .names_with(lower_into(w, &mut lower), &mut candidates);
        }
        candidates.sort_unstable();
        candidates.dedup();
        let earlier = candidates
            .iter()
            .map(|&e| &seen.words[seen.spellings[e].clone()])
            .find(|e| *e != words && same_person(e, words));
        if let Some(earlier) = earlier {
            let name = words.join(" ");
            let other = earlier.join(" ");
            if seen.reported.insert((name.clone(), other.clone())) {
                let fill = Fill {
                    name: &name,
                    other: &other,
                    ..Fill::default()
                };
                out.push(finding(rule, later.sentence, later.span, &fill));
            }
        }
        let id = seen.spellings.len();
        let from = seen.words.len();
        seen.words.extend_from_slice(words);
        seen.spellings.push(from..seen.words.len());
        for w in words {
            seen.index.add(lower_into(w, &mut lower), id);
        }
    }
}

/// Names after a title in a sentence, from byte `from` on: "Governor
/// Serhyi Haidai", each passed to `found` as its words with their offsets.
/// Titles are capitalised, so only words that start with a capital (or a
/// character outside ASCII) are looked at; the rest of the bytes are
/// skipped. `run` is a buffer.
fn titled_names<'a>(
    text: &'a str,
    from: usize,
    lexicon: &Lexicon,
    run: &mut Vec<(&'a str, usize)>,
    mut found: impl FnMut(&[(&'a str, usize)]),
) {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        i = next_capital_or_non_ascii(bytes, i);
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let starts_word = (b.is_ascii_uppercase() || b >= 0xC0)
            && !text[..i].chars().next_back().is_some_and(word_char);
        if !starts_word {
            i += 1;
            continue;
        }
        // Most capitalised words cannot be titles by their first two
        // letters alone ("Trump", "The"): no need to find where they end.
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        if b.is_ascii() && second.is_ascii_alphabetic() && !lexicon.titles.may_begin_with(b, second)
        {
            i += 1;
            continue;
        }
        // Nearly every other capitalised word is all ASCII and no title:
        // ruled out from its bytes, without the word iterator.
        let end = ascii_word_end(bytes, i);
        if b.is_ascii() && bytes.get(end).is_none_or(u8::is_ascii) {
            let w = text[i..end].trim_end_matches(['.', '\'']);
            if !contains_lower(&lexicon.titles, w) {
                i = end;
                continue;
            }
        }
        let mut words = Words { text, at: i };
        let Some((w, _)) = words.next() else {
            break;
        };
        i = words.at;
        let title = capitalised(w) && contains_lower(&lexicon.titles, w.trim_end_matches('.'));
        if !title {
            continue;
        }
        run.clear();
        run.extend(words.take_while(|(w, _)| is_name_word(w, lexicon)));
        if run.len() >= 2 {
            found(run);
        }
    }
}

/// The first byte from `from` on that is an ASCII capital or not ASCII
/// (`bytes.len()` if none). Eight bytes at a time: names are rare, and this
/// check reads every byte of every document.
fn next_capital_or_non_ascii(bytes: &[u8], from: usize) -> usize {
    words8::position(bytes, from, words8::capital_or_non_ascii, |b| {
        b.is_ascii_uppercase() || !b.is_ascii()
    })
    .unwrap_or(bytes.len())
}

/// The capitalised words at the end of a source phrase, after any title,
/// left in `run` with their offsets; false when they are not a name (two
/// words or more).
fn trailing_name<'a>(text: &'a str, lexicon: &Lexicon, run: &mut Vec<(&'a str, usize)>) -> bool {
    run.clear();
    run.extend(Words::new(text));
    let from = run
        .iter()
        .rposition(|(w, _)| !is_name_word(w, lexicon))
        .map_or(0, |i| i + 1);
    run.drain(..from);
    run.len() >= 2
}

/// The words of a text with their offsets: letters with inner hyphens,
/// apostrophes and periods, without trailing periods and apostrophes.
#[derive(Clone)]
struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        Words { text, at: 0 }
    }
}

fn word_char(c: char) -> bool {
    c.is_alphabetic() || c == '-' || c == '\'' || c == '’' || c == '.'
}

impl<'a> Iterator for Words<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rest = &self.text[self.at..];
            let skip = rest.find(word_char)?;
            let start = self.at + skip;
            // ASCII letters are read as bytes; the first other byte decides
            // whether to go on character by character.
            let bytes = self.text.as_bytes();
            let mut end = ascii_word_end(bytes, start);
            if bytes.get(end).is_some_and(|b| !b.is_ascii()) {
                end = self.text[end..]
                    .find(|c: char| !word_char(c))
                    .map_or(self.text.len(), |n| end + n);
            }
            self.at = end;
            let word = self.text[start..end].trim_end_matches(['.', '\'', '’']);
            if !word.is_empty() {
                return Some((word, start));
            }
        }
    }
}

/// Where a run of ASCII word characters (letters, `-`, `'`, `.`) from `start` ends.
fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&b| !(b.is_ascii_alphabetic() || matches!(b, b'-' | b'\'' | b'.')))
        .map_or(bytes.len(), |n| start + n)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_name_word(w: &str, lexicon: &Lexicon) -> bool {
    capitalised(w)
        && w.chars().skip(1).any(char::is_lowercase)
        && !contains_lower(&lexicon.titles, w)
        && !contains_lower(&lexicon.sentence_starters, w)
}

/// Same person: equal word count, one part identical, every other part a
/// small edit apart (1 for short words, 2 for longer ones).
fn same_person(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut equal = 0;
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_lowercase(), y.to_lowercase());
        if x == y {
            equal += 1;
            continue;
        }
        let limit = if x.chars().count().max(y.chars().count()) <= 6 {
            1
        } else {
            2
        };
        if edit_distance(&x, &y) > limit {
            return false;
        }
    }
    equal >= 1
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and transpositions of neighbours ("Serhyi" → "Serhiy" is 1).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_next_capital_or_non_ascii_byte() {
        let text = "plain words then a Capital, and “quotes” [@]^_`{} ZZ";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let slow = (from..bytes.len())
                .find(|&i| bytes[i].is_ascii_uppercase() || !bytes[i].is_ascii())
                .unwrap_or(bytes.len());
            assert_eq!(next_capital_or_non_ascii(bytes, from), slow, "from {from}");
        }
    }

    #[test]
    fn names_after_a_title_are_compared_in_unattributed_sentences() {
        let rules = crate::rules::RuleSet::embedded();
        let text = "Gov. Serhyi Haidai visited the plant on Monday. \
            The plant was closed. Later that week Governor Serhiy Haidai left the region.";
        let doc = crate::check_text("t.txt", text, &rules);
        let found: Vec<&str> = doc
            .findings
            .iter()
            .filter(|f| f.rule == "inconsistent-name-spelling")
            .map(|f| &text[f.span.start..f.span.end])
            .collect();
        assert_eq!(found, ["Serhiy Haidai"]);
        // The title is what the scan looks for: lower case, it is no title.
        let plain = "The governor Serhyi Haidai came. The governor Serhiy Haidai went.";
        let doc = crate::check_text("t.txt", plain, &rules);
        assert!(doc
            .findings
            .iter()
            .all(|f| f.rule != "inconsistent-name-spelling"));
    }

    #[test]
    fn transposed_letters_are_one_edit() {
        assert_eq!(edit_distance("serhyi", "serhiy"), 1);
        assert!(same_person(&["Serhyi", "Haidai"], &["Serhiy", "Haidai"]));
    }

    #[test]
    fn different_given_names_are_different_people() {
        assert!(!same_person(&["Joe", "Biden"], &["Jill", "Biden"]));
    }
}
