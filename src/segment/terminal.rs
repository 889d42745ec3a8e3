//! Is this `.`, `!`, `?` or `…` the end of a sentence? Each decision reads the
//! word before the mark and the first character and word after it.

use super::text::{char_at, char_before, skip_closers, skip_space, space_width};
use crate::rules::{contains_lower, Lexicon};

/// The outcome at one candidate mark.
pub struct Decision {
    /// Where the sentence ends (after closing quotes and brackets), if it does.
    pub boundary: Option<usize>,
    /// Where scanning goes on.
    pub resume: usize,
}

/// Decides at the `.`, `!` or `?` at byte `i` of a sentence that began at
/// `from`, in a block ending at `end`.
pub fn decide(text: &str, from: usize, i: usize, end: usize, lexicon: &Lexicon) -> Decision {
    let bytes = text.as_bytes();
    if bytes[i] != b'.' {
        let mut j = i;
        while j < end && matches!(bytes[j], b'!' | b'?') {
            j += 1;
        }
        return exclamation(text, j, end, lexicon);
    }
    let mut run = i;
    while run < end && bytes[run] == b'.' {
        run += 1;
    }
    if run - i >= 2 {
        return ellipsis(text, i, run, end, run - i >= 4);
    }
    if let Some((dots, after)) = spaced_dots(bytes, i, end) {
        return spaced_ellipsis(text, i, dots, after, end);
    }
    period(text, from, i, end, lexicon)
}

/// Decides at the `…` character at byte `i`.
pub fn ellipsis_char(text: &str, i: usize, end: usize) -> Decision {
    ellipsis(text, i, i + "…".len(), end, false)
}

/// `!`, `?` and runs of them ("Hello?!"): a boundary unless a lower-case word
/// or other punctuation follows ("Yahoo! in", "\"Who?\" she asked").
fn exclamation(text: &str, after_marks: usize, end: usize, lexicon: &Lexicon) -> Decision {
    let stop = skip_closers(text.as_bytes(), after_marks, end);
    let quoted = stop > after_marks && text[after_marks..stop].contains(['"', '”', '»', '\'', '’']);
    let boundary = match follower(text, stop, end) {
        Follower::End => Some(stop),
        Follower::Spaced(_, next) if quoted && speaker_follows(text, next, end, lexicon) => None,
        Follower::Spaced(c, _) if !c.is_lowercase() => Some(stop),
        _ => None,
    };
    Decision {
        boundary,
        resume: stop.max(after_marks),
    }
}

/// Whether the words at `at` name the speaker of the quotation just closed:
/// up to three capitalised words or a pronoun, then a quotation verb ("Bush
/// said", "he asked"), or the verb first ("said Bush"). A verb opening a
/// clause of its own ("Trump acknowledged that ...") starts a sentence.
fn speaker_follows(text: &str, at: usize, end: usize, lexicon: &Lexicon) -> bool {
    let mut words = text[at..end].split_whitespace().take(5);
    for i in 0..4 {
        let Some(word) = words.next() else {
            return false;
        };
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if contains_lower(&lexicon.quote_verbs, word) {
            return words.next().is_none_or(|w| !w.eq_ignore_ascii_case("that"));
        }
        let name = word.chars().next().is_some_and(char::is_uppercase);
        if !name || i >= 3 {
            return false;
        }
    }
    false
}

/// What comes after a mark (and its closing punctuation).
enum Follower {
    /// The block ends.
    End,
    /// White space, then this character at this byte.
    Spaced(char, usize),
    /// This character, directly.
    Attached(char),
}

fn follower(text: &str, at: usize, end: usize) -> Follower {
    let bytes = text.as_bytes();
    if at >= end {
        return Follower::End;
    }
    if space_width(bytes, at).is_some() {
        let next = skip_space(bytes, at, end);
        return match char_at(text, next) {
            Some(c) if next < end => Follower::Spaced(c, next),
            _ => Follower::End,
        };
    }
    match char_at(text, at) {
        Some(c) => Follower::Attached(c),
        None => Follower::End,
    }
}

/// An unspaced ellipsis ("...", "....", "…") from `i` to `run`. A boundary only
/// before a capital ("that.... She left") or at the end; never inside
/// brackets ("[...]").
fn ellipsis(text: &str, i: usize, run: usize, end: usize, four: bool) -> Decision {
    let bytes = text.as_bytes();
    let stop = skip_closers(bytes, run, end);
    let bracketed = matches!(char_before(text, i), Some('[') | Some('('));
    let attached = char_before(text, i).is_some_and(|c| !c.is_whitespace());
    let boundary = match follower(text, stop, end) {
        Follower::End => Some(stop),
        Follower::Spaced(c, _) if !bracketed && c.is_uppercase() && (four || attached) => {
            Some(stop)
        }
        _ => None,
    };
    Decision {
        boundary,
        resume: stop,
    }
}

/// Counts a spaced ellipsis ". . ." starting at `i`: returns the number of dots
/// (at least 3, counting the one at `i`) and the byte after the last one.
fn spaced_dots(bytes: &[u8], i: usize, end: usize) -> Option<(usize, usize)> {
    let (mut dots, mut j) = (1, i + 1);
    while j + 1 < end && bytes[j] == b' ' && bytes[j + 1] == b'.' {
        dots += 1;
        j += 2;
    }
    (dots >= 3 || (dots >= 2 && char_before_is_word(bytes, i))).then_some((dots, j))
}

fn char_before_is_word(bytes: &[u8], i: usize) -> bool {
    i > 0 && !bytes[i - 1].is_ascii_whitespace()
}

/// A spaced ellipsis. Attached to a word ("compounds. . . . The"), its first
/// dot ends that word's sentence and the rest opens the next one when a
/// capital follows. Standing alone (" . . . . Next"), four dots end a
/// sentence before a capital; three never do ("the thing is . . . I didn't").
fn spaced_ellipsis(text: &str, i: usize, dots: usize, after: usize, end: usize) -> Decision {
    let bytes = text.as_bytes();
    let stop = skip_closers(bytes, after, end);
    let next = follower(text, stop, end);
    if char_before_is_word(bytes, i) {
        return match next {
            Follower::End => Decision {
                boundary: Some(stop),
                resume: stop,
            },
            Follower::Spaced(c, _) if c.is_uppercase() => Decision {
                boundary: Some(i + 1),
                resume: i + 1,
            },
            _ => Decision {
                boundary: None,
                resume: stop,
            },
        };
    }
    let boundary = match next {
        Follower::End => Some(stop),
        Follower::Spaced(c, _) if c.is_uppercase() && dots >= 4 => Some(stop),
        _ => None,
    };
    Decision {
        boundary,
        resume: stop,
    }
}

/// A single period: abbreviations, initials, numbers, URLs and missing spaces.
fn period(text: &str, from: usize, i: usize, end: usize, lexicon: &Lexicon) -> Decision {
    let bytes = text.as_bytes();
    let stop = skip_closers(bytes, i + 1, end);
    let closed = stop > i + 1;
    let no = Decision {
        boundary: None,
        resume: stop,
    };
    let yes = Decision {
        boundary: Some(stop),
        resume: stop,
    };
    // The word never reaches back into the previous sentence ("Tuesday.Mr.").
    let word = word_before(&text[from..], i - from);
    match follower(text, stop, end) {
        Follower::End => yes,
        Follower::Attached(c) => {
            if closed || in_address(text, i, end) {
                return no;
            }
            let prev = char_before(text, i).unwrap_or(' ');
            // "Hello world.Today is Tuesday." and "bought 1,000.That is a lot."
            let run_on = c.is_uppercase()
                && (prev.is_lowercase() || prev.is_ascii_digit())
                && word.chars().count() >= 2
                && !is_abbreviation(word, lexicon);
            if run_on {
                Decision {
                    boundary: Some(i + 1),
                    resume: i + 1,
                }
            } else {
                no
            }
        }
        Follower::Spaced(c, next) => {
            if c.is_lowercase() {
                return no;
            }
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let single_letter = letters == 1 && word.chars().count() == 1;
            if c.is_ascii_digit() {
                let before_number =
                    contains_lower(&lexicon.number_abbreviations, word) || single_letter;
                return if before_number { no } else { yes };
            }
            if !closed && contains_lower(&lexicon.prepositive_abbreviations, word) {
                return no;
            }
            let starter = is_sentence_starter(text, next, end, lexicon);
            // An initial is a capital: lower-case one-letter words ("і", "y") end sentences like any word.
            if single_letter && word.chars().all(char::is_uppercase) {
                // "Albert I. Jones" vs "you and I. Did you see ...?"
                let after_name = word_before_is_capitalised(&text[from..], i - from - word.len());
                return if starter && !after_name { yes } else { no };
            }
            if is_abbreviation(word, lexicon) {
                return if starter { yes } else { no };
            }
            yes
        }
    }
}

/// The word that ends at byte `i`: back to white space or an opening bracket or quote.
fn word_before(text: &str, i: usize) -> &str {
    let bytes = text.as_bytes();
    let mut j = i;
    while j > 0
        && !matches!(
            bytes[j - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'(' | b'[' | b'"' | b'/'
        )
    {
        j -= 1;
    }
    // Multi-byte opening quotes and spaces: trim what is not part of the word.
    let word = &text[j..i];
    word.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '$')
}

fn word_before_is_capitalised(text: &str, word_start: usize) -> bool {
    let before = text[..word_start].trim_end();
    let prev = word_before(before, before.len());
    prev.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word` (as written) is an abbreviation: listed, or letters in
/// groups of one or two with periods between ("U.S", "Ph.D").
fn is_abbreviation(word: &str, lexicon: &Lexicon) -> bool {
    if contains_lower(&lexicon.abbreviations, word)
        || contains_lower(&lexicon.prepositive_abbreviations, word)
    {
        return true;
    }
    let dotted = |w: &str| {
        w.contains('.')
            && w.split('.').all(|part| {
                (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
            })
    };
    // Lower-casing changes no ASCII letter count; it can change others'.
    if word.is_ascii() {
        dotted(word)
    } else {
        dotted(&word.to_lowercase())
    }
}

fn is_sentence_starter(text: &str, at: usize, end: usize, lexicon: &Lexicon) -> bool {
    let rest = &text[at..end];
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    !word.is_empty() && contains_lower(&lexicon.sentence_starters, word)
}

/// Whether the period at `i` sits inside an e-mail address or URL.
fn in_address(text: &str, i: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let mut s = i;
    while s > 0 && !bytes[s - 1].is_ascii_whitespace() {
        s -= 1;
    }
    let mut e = i;
    while e < end && !bytes[e].is_ascii_whitespace() {
        e += 1;
    }
    let token = &text[s..e];
    token.contains('@') || token.contains("://") || token.starts_with("www.")
}
