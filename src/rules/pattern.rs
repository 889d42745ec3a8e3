//! Regular expressions in rule files: the patterns of house-rule checks
//! (kinds `existence`, `substitution`, `occurrence`) and of sources.
//!
//! Each pattern is checked where it is read, so that a bad one is an error
//! at its line and column, and compiled once per run. A match counts only
//! on word boundaries ([`on_word_boundaries`]): "Kiev" does not match
//! inside "Kievan", while "U.S." still matches before a space. The
//! boundaries are tested after a match, not written into the regex: a
//! Unicode word boundary keeps the regex crate off its DFAs on any text
//! with a curly quote in it, and a set of 500 patterns then ran 25 times
//! slower than the whole check.

use regex_automata::meta::{BuildError, Regex};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

use super::CheckRule;

/// Longest pattern, in characters: a style-book entry is a few words.
pub const MAX_PATTERN_CHARS: usize = 1_000;

/// Most compiled bytes one pattern may take: ample for alternations of a
/// few hundred words, and a bound on what a rule file can make us build.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// Most compiled bytes of all the patterns of one check, or of all sources.
const SET_SIZE_LIMIT: usize = 64 << 20;

/// The regular expression a pattern is compiled to. The half boundaries in
/// it are ASCII ones, which the regex crate's DFAs run; Unicode letters
/// next to a match are ruled out after it ([`on_word_boundaries`]).
fn wrapped(pattern: &str, ignore_case: bool) -> String {
    let flags = if ignore_case { "i" } else { "" };
    format!(r"(?-u:\b{{start-half}})(?{flags}:{pattern})(?-u:\b{{end-half}})")
}

/// Whether `text[start..end]` has no letter, digit or underscore right
/// before or right after it.
pub(crate) fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    !text[..start].chars().next_back().is_some_and(word)
        && !text[end..].chars().next().is_some_and(word)
}

/// Why `pattern` cannot be used, if it cannot: the byte offset in the
/// pattern the problem is at, and what it is.
pub(crate) fn pattern_problem(pattern: &str) -> Option<(usize, String)> {
    let chars = pattern.chars().count();
    if chars > MAX_PATTERN_CHARS {
        return Some((
            0,
            format!(
                "pattern of {chars} characters: a pattern may have at most {MAX_PATTERN_CHARS}"
            ),
        ));
    }
    let hir = match regex_syntax::Parser::new().parse(pattern) {
        Ok(hir) => hir,
        Err(e) => {
            let (at, what) = match &e {
                regex_syntax::Error::Parse(e) => (e.span().start.offset, e.kind().to_string()),
                regex_syntax::Error::Translate(e) => (e.span().start.offset, e.kind().to_string()),
                _ => (0, e.to_string()),
            };
            return Some((at, format!("invalid pattern: {what}")));
        }
    };
    match hir.properties().minimum_len() {
        Some(0) => {
            return Some((
                0,
                "pattern can match the empty string: it would flag every sentence".into(),
            ))
        }
        None => return Some((0, "pattern can never match".into())),
        Some(_) => {}
    }
    // The NFA alone tells its size: cheaper than a whole regex, which the
    // check's set builds anyway.
    let nfa = regex_automata::nfa::thompson::Compiler::new()
        .configure(
            regex_automata::nfa::thompson::Config::new().nfa_size_limit(Some(PATTERN_SIZE_LIMIT)),
        )
        .build(&wrapped(pattern, false));
    match nfa {
        Ok(_) => None,
        Err(e) if e.size_limit().is_some() => Some((
            0,
            format!(
                "pattern compiles to more than {PATTERN_SIZE_LIMIT} bytes: split it or make it simpler"
            ),
        )),
        Err(e) => Some((0, format!("invalid pattern: {e}"))),
    }
}

/// Boxed: a build error is large, and only ever reported.
fn build(patterns: &[String], limit: usize) -> Result<Regex, Box<BuildError>> {
    Regex::builder()
        .syntax(syntax::Config::new())
        .configure(Regex::config().nfa_size_limit(Some(limit)))
        .build_many(patterns)
        .map_err(Box::new)
}

/// Several patterns searched in one pass, each match reported with the
/// pattern that made it. Where several patterns match at one place, the
/// first listed wins, as in an alternation.
#[derive(Debug, Clone)]
pub(crate) struct PatternSet {
    regex: Regex,
}

/// One match: which pattern, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PatternMatch {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

impl PatternSet {
    /// Compiles `patterns`, each matching whatever the case when `ignore_case`.
    pub(crate) fn new<'p>(
        patterns: impl IntoIterator<Item = (&'p str, bool)>,
    ) -> Result<PatternSet, Box<BuildError>> {
        let wrapped: Vec<String> = patterns
            .into_iter()
            .map(|(p, ignore_case)| wrapped(p, ignore_case))
            .collect();
        Ok(PatternSet {
            regex: build(&wrapped, SET_SIZE_LIMIT)?,
        })
    }

    /// The matches in `text[range]` that lie on word boundaries (judged
    /// against the whole of `text`), in order. After a match that does not,
    /// the search goes on from the next character, not from the match's
    /// end, so that no match on boundaries is skipped.
    pub(crate) fn find<'t>(
        &'t self,
        text: &'t str,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = PatternMatch> + 't {
        let mut at = Some(range.start);
        std::iter::from_fn(move || self.next_match(text, &mut at, range.end))
    }

    /// The next match of [`PatternSet::find`] in `text[at..end]`, moving
    /// `at` on past it; `None` when there is none, and `at` is then `None`
    /// too, so a search that has ended is never run again.
    pub(crate) fn next_match(
        &self,
        text: &str,
        at: &mut Option<usize>,
        end: usize,
    ) -> Option<PatternMatch> {
        loop {
            let input = Input::new(text).range((*at)?..end).anchored(Anchored::No);
            let Some(m) = self.regex.search(&input) else {
                *at = None;
                return None;
            };
            if on_word_boundaries(text, m.start(), m.end()) {
                *at = Some(m.end());
                return Some(PatternMatch {
                    pattern: m.pattern().as_usize(),
                    start: m.start(),
                    end: m.end(),
                });
            }
            *at = text[m.start()..]
                .chars()
                .next()
                .map(|c| m.start() + c.len_utf8());
        }
    }
}

/// The patterns of every pattern check, one [`PatternSet`] per check.
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternIndex {
    sets: Vec<PatternSet>,
}

impl PatternIndex {
    /// Compiles the patterns of `checks`, noting in each which set is its own.
    pub(crate) fn new(checks: &mut [CheckRule]) -> Result<PatternIndex, Box<BuildError>> {
        let mut sets = Vec::new();
        for check in checks.iter_mut() {
            let patterns = check.pattern_texts();
            let set = if patterns.is_empty() {
                None
            } else {
                let case = check.ignore_case;
                Some(PatternSet::new(patterns.into_iter().map(|p| (p, case)))?)
            };
            check.patterns_at = set.is_some().then_some(sets.len());
            sets.extend(set);
        }
        Ok(PatternIndex { sets })
    }

    /// Set `i`.
    pub(crate) fn set(&self, i: usize) -> &PatternSet {
        &self.sets[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(pattern: &str, ignore_case: bool, text: &str) -> Vec<(usize, usize)> {
        let set = PatternSet::new([(pattern, ignore_case)]).unwrap();
        set.find(text, 0..text.len())
            .map(|m| (m.start, m.end))
            .collect()
    }

    #[test]
    fn a_pattern_matches_whole_words_even_with_punctuation_at_an_end() {
        assert_eq!(found("Kiev", false, "in Kiev."), [(3, 7)]);
        assert!(found("Kiev", false, "Kievan Rus").is_empty());
        assert!(found("Kiev", false, "in KIEV").is_empty());
        assert_eq!(found("Kiev", true, "in KIEV"), [(3, 7)]);
        assert_eq!(found(r"U\.S\.", false, "the U.S. said"), [(4, 8)]);
        // Curly quotes and dashes are not letters; Cyrillic is.
        assert_eq!(found("Kiev", false, "\u{201c}Kiev\u{201d}"), [(3, 7)]);
        assert!(found("Kiev", false, "Kievа").is_empty());
        // Patterns in other scripts, whatever the case when asked.
        assert_eq!(found("Київ", true, "у КИЇВ."), [(3, 11)]);
        assert!(found("Київ", false, "Київщина").is_empty());
        // A match refused for its boundaries hides no match inside it.
        assert_eq!(found("a+b", false, "xaab ab"), [(5, 7)]);
        assert_eq!(found("(sa)?id", false, "said id"), [(0, 4), (5, 7)]);
    }

    #[test]
    fn the_first_listed_pattern_that_fits_the_boundaries_wins() {
        let set = PatternSet::new([("Kie", false), ("Kiev", false), ("said", true)]).unwrap();
        let text = "Kiev SAID";
        let got: Vec<PatternMatch> = set.find(text, 0..text.len()).collect();
        assert_eq!(
            got,
            [
                PatternMatch {
                    pattern: 1,
                    start: 0,
                    end: 4
                },
                PatternMatch {
                    pattern: 2,
                    start: 5,
                    end: 9
                },
            ]
        );
        // A range is searched with the text around it as context.
        assert!(set.find(text, 1..4).next().is_none());
    }

    #[test]
    fn bad_patterns_say_what_and_where() {
        let (at, what) = pattern_problem("sources (say").unwrap();
        assert_eq!(at, 8);
        assert!(what.contains("unclosed group"), "{what}");
        let (_, what) = pattern_problem("(sources)?").unwrap();
        assert!(what.contains("empty string"), "{what}");
        let (_, what) = pattern_problem(&"a".repeat(MAX_PATTERN_CHARS + 1)).unwrap();
        assert!(what.contains("at most"), "{what}");
        let (_, what) = pattern_problem(r"\w{1000}\w{1000}").unwrap();
        assert!(what.contains("more than"), "{what}");
        assert!(pattern_problem(r"sources? (say|said)").is_none());
    }
}
