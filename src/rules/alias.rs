//! Finding registered sources by their aliases and patterns.
//!
//! Aliases are compared in folded form: Unicode lower case, runs of
//! whitespace as one space, nothing around them. "Укрінформ" then matches
//! "УКРІНФОРМ", and "Kyiv Post" a name wrapped across two lines. Acronyms
//! in capitals ("AP", "СБУ") must also match their case, so that "ap" in a
//! word list is not the wire service.
//!
//! Most spans are ASCII with single spaces: they are searched as they are,
//! the automaton ignoring ASCII case. Only a span that holds other
//! whitespace, or non-ASCII text while some alias is non-ASCII, is folded
//! first, with a map back to the original offsets.

use super::pattern::PatternSet;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::{AliasMatch, SourceRule};

/// Longest alias, in characters: far above any real name ("Office of the
/// United Nations High Commissioner for Human Rights" is 63), and short
/// enough that no alias can make the index slow to build.
pub const MAX_ALIAS_CHARS: usize = 200;

/// Why an alias cannot be used, if it cannot.
pub(crate) fn alias_problem(alias: &str) -> Option<String> {
    let chars = alias.chars().count();
    if alias.trim().is_empty() {
        Some("empty alias: an alias must contain text".into())
    } else if chars > MAX_ALIAS_CHARS {
        Some(format!(
            "alias of {chars} characters: an alias is a name, at most {MAX_ALIAS_CHARS} characters"
        ))
    } else {
        None
    }
}

/// An alias as it is compared: lower case, one space between words.
pub(crate) fn fold(alias: &str) -> String {
    let mut folded = String::with_capacity(alias.len());
    for word in alias.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.chars().flat_map(char::to_lowercase));
    }
    folded
}

/// An acronym in capitals: up to five letters, all upper case.
fn is_acronym(alias: &str) -> bool {
    let mut letters = 0;
    for c in alias.chars() {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    (1..=5).contains(&letters)
}

/// Every alias of every source, indexed for search.
#[derive(Debug, Clone)]
pub(crate) struct AliasIndex {
    matcher: AhoCorasick,
    /// For each pattern: its source, and for an acronym the spelling a
    /// mention must have.
    targets: Vec<(usize, Option<Box<str>>)>,
    /// Whether some alias holds non-ASCII text (then non-ASCII spans are
    /// folded before they are searched).
    non_ascii: bool,
    /// Sources' patterns, each with its source, in one set that says which
    /// occur in a span.
    patterns: Option<PatternSet>,
    /// The source of each pattern of the set.
    pattern_sources: Vec<usize>,
}

impl AliasIndex {
    pub(crate) fn new(sources: &[SourceRule]) -> Result<AliasIndex, String> {
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            for a in &s.aliases {
                let alias = a.get_ref().trim();
                let exact = is_acronym(alias).then(|| Box::from(alias));
                patterns.push(fold(alias));
                targets.push((i, exact));
            }
        }
        // A contiguous NFA, not a DFA: aliases are searched only in the few
        // bytes of each source span (about 1% of a run), while a DFA of the
        // default registry's 300 aliases costs 28 million instructions to
        // build, more than the rest of the program's start, and its build
        // is quadratic in an alias of one repeated letter.
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        let non_ascii = patterns.iter().any(|p| !p.is_ascii());
        let mut texts = Vec::new();
        let mut pattern_sources = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            for p in &s.patterns {
                texts.push((p.get_ref().as_str(), true));
                pattern_sources.push(i);
            }
        }
        let patterns = if texts.is_empty() {
            None
        } else {
            Some(PatternSet::new(texts).map_err(|e| e.to_string())?)
        };
        Ok(AliasIndex {
            matcher,
            targets,
            non_ascii,
            patterns,
            pattern_sources,
        })
    }

    /// Mentions in `text[within]`, leftmost-longest, on word boundaries
    /// judged against the whole of `text`.
    pub(crate) fn find(&self, text: &str, within: std::ops::Range<usize>) -> Vec<AliasMatch> {
        let span = &text[within.clone()];
        let mut found = Vec::new();
        if self.needs_folding(span) {
            let view = Folded::new(span, within.start);
            for m in self.matcher.find_iter(&view.text) {
                if let Some((start, end)) = view.original(m.start(), m.end()) {
                    self.keep(text, m.pattern().as_usize(), start, end, &mut found);
                }
            }
        } else {
            let input = aho_corasick::Input::new(text).span(within.clone());
            for m in self.matcher.find_iter(input) {
                self.keep(text, m.pattern().as_usize(), m.start(), m.end(), &mut found);
            }
        }
        if let Some(set) = &self.patterns {
            self.find_patterns(set, text, within, &mut found);
        }
        found
    }

    /// Adds the matches of sources' patterns in `text[within]`, keeping the
    /// list leftmost-longest without overlaps, as the aliases' search has it.
    fn find_patterns(
        &self,
        set: &PatternSet,
        text: &str,
        within: std::ops::Range<usize>,
        found: &mut Vec<AliasMatch>,
    ) {
        let before = found.len();
        found.extend(set.find(text, within).map(|m| AliasMatch {
            source: self.pattern_sources[m.pattern],
            start: m.start,
            end: m.end,
        }));
        if found.len() == before {
            return;
        }
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut end = 0;
        found.retain(|m| {
            let keep = m.start >= end;
            if keep {
                end = m.end;
            }
            keep
        });
    }

    fn needs_folding(&self, span: &str) -> bool {
        let mut space_before = false;
        for &b in span.as_bytes() {
            match b {
                b' ' if space_before => return true,
                b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return true,
                0x80.. if self.non_ascii => return true,
                // Non-ASCII whitespace (a no-break space between words).
                0xc2 | 0xe2 | 0xe3 => return true,
                _ => {}
            }
            space_before = b == b' ';
        }
        false
    }

    fn keep(
        &self,
        text: &str,
        pattern: usize,
        start: usize,
        end: usize,
        found: &mut Vec<AliasMatch>,
    ) {
        let bytes = text.as_bytes();
        let (source, exact) = &self.targets[pattern];
        let word_start = start == 0 || !is_word_byte(bytes[start - 1]);
        let word_end = end == bytes.len() || !is_word_byte(bytes[end]);
        let case_ok = exact.as_deref().is_none_or(|e| e == &text[start..end]);
        if word_start && word_end && case_ok {
            found.push(AliasMatch {
                source: *source,
                start,
                end,
            });
        }
    }
}

pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// A span folded as aliases are, with the original offset of each byte.
struct Folded {
    text: String,
    /// `origin[i]`: where the character that byte `i` came from starts in
    /// the original text; one more entry for the end.
    origin: Vec<usize>,
}

impl Folded {
    fn new(span: &str, offset: usize) -> Folded {
        let mut text = String::with_capacity(span.len());
        let mut origin = Vec::with_capacity(span.len() + 1);
        let mut in_space = false;
        for (at, c) in span.char_indices() {
            let at = offset + at;
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    origin.push(at);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            for lower in c.to_lowercase() {
                text.push(lower);
                origin.resize(text.len(), at);
            }
        }
        origin.push(offset + span.len());
        Folded { text, origin }
    }

    /// The original range of folded bytes `start..end`, unless either end
    /// falls inside what one original character folded to.
    fn original(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let at = |i: usize| self.origin[i];
        let starts_char = start == 0 || at(start) != at(start - 1);
        let ends_char = end == self.text.len() || at(end) != at(end - 1);
        (starts_char && ends_char).then(|| (at(start), at(end)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_lowers_every_script_and_joins_words_with_one_space() {
        assert_eq!(fold("  УКРІНФОРМ \n Agency "), "укрінформ agency");
    }

    #[test]
    fn acronyms_are_short_runs_of_capitals_in_any_script() {
        assert!(is_acronym("AP"));
        assert!(is_acronym("СБУ"));
        assert!(!is_acronym("the AP"));
        assert!(!is_acronym("Reuters"));
        assert!(!is_acronym("ABCDEF"));
    }

    #[test]
    fn a_folded_span_maps_back_to_whole_characters() {
        let view = Folded::new("İX  Kyiv\nPost", 10);
        // "i̇x kyiv post": İ folds to two characters, both from offset 10.
        assert_eq!(view.text, "i\u{307}x kyiv post");
        let kyiv = view.text.find("kyiv post").unwrap();
        assert_eq!(
            view.original(kyiv, kyiv + "kyiv post".len()),
            Some((15, 24))
        );
        // "i" alone is half of what İ folded to.
        assert_eq!(view.original(0, 1), None);
    }

    #[test]
    fn alias_problems_name_empty_and_overlong_aliases() {
        assert!(alias_problem(" ").is_some());
        assert!(alias_problem(&"A".repeat(MAX_ALIAS_CHARS + 1)).is_some());
        assert!(alias_problem(&"A".repeat(MAX_ALIAS_CHARS)).is_none());
    }
}
