//! Does a sentence give a figure? Digits count unless they make a date, a
//! year, a clock time, a duration ("70 days"), an ordinal or part of a name
//! ("G7", "Su-27"); quantity words ("thousands", "percent") count by themselves.

use crate::attribute::{TokenKind, Tokens};
use crate::rules::Lexicon;

/// Whether `text` (one sentence) states a figure.
pub fn has_statistic(text: &str, lexicon: &Lexicon) -> bool {
    let tokens = Tokens::new(text, 0);
    let number_word = |i: usize| {
        if !tokens.is_word(i) {
            NumberWord::None
        } else if lexicon.quantity_words.contains(tokens.lower(i)) {
            NumberWord::Quantity
        } else if lexicon.cardinal_words.contains(tokens.lower(i)) {
            NumberWord::Cardinal
        } else {
            NumberWord::None
        }
    };
    states_figure(&tokens, lexicon, number_word)
}

/// What a word is as a number, when it is not digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberWord {
    /// A figure by itself: "thousands", "percent".
    Quantity,
    /// A number written out, a figure before a noun: "three".
    Cardinal,
    None,
}

/// Whether a tokenised sentence states a figure; `number_word(i)` says
/// what token `i` is as a number word (the attribution scan already knows).
pub(crate) fn states_figure(
    tokens: &Tokens,
    lexicon: &Lexicon,
    number_word: impl Fn(usize) -> NumberWord,
) -> bool {
    (0..tokens.len()).any(|i| is_figure(tokens, i, lexicon, &number_word))
}

fn is_figure(
    t: &Tokens,
    i: usize,
    lexicon: &Lexicon,
    number_word: &impl Fn(usize) -> NumberWord,
) -> bool {
    if !t.is_word(i) {
        return false;
    }
    let prev = || {
        i.checked_sub(1)
            .filter(|&p| t.is_word(p))
            .map(|p| t.lower(p))
    };
    // Asked only of numbers (most words are none): "the two sides", and
    // "the age of 87", where the word before "of" says it.
    let refers = || {
        let referent = match prev() {
            Some("of") if i >= 2 && t.is_word(i - 2) => Some(t.lower(i - 2)),
            other => other,
        };
        referent.is_some_and(|p| lexicon.number_referents.contains(p))
    };
    let word = t.lower(i);
    let digits = word.starts_with(|c: char| c.is_ascii_digit());
    if !digits {
        return match number_word(i) {
            NumberWord::Quantity => true,
            // "Three people were killed", not "the two sides" or "two years".
            NumberWord::Cardinal => {
                t.is_word(i + 1)
                    && !t.list[i + 1].capitalised
                    && !lexicon.time_units.contains(t.lower(i + 1))
                    && !refers()
            }
            NumberWord::None => false,
        };
    }
    // Ordinals and names: "13th", "G7", "COVID-19", "Su-27".
    if !word
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return false;
    }
    let next = t.is_word(i + 1).then(|| t.lower(i + 1));
    let money = i > 0 && matches!(t.list[i - 1].kind, TokenKind::Punct('$' | '€' | '£'));
    if money
        || t.is_punct(i + 1, '%')
        || (next.is_some() && number_word(i + 1) == NumberWord::Quantity)
    {
        return true;
    }
    let prev = prev();
    let date = prev.is_some_and(|p| lexicon.date_words.contains(p))
        || next.is_some_and(|n| lexicon.date_words.contains(n));
    let duration = next.is_some_and(|n| lexicon.time_units.contains(n));
    let clock = t.is_punct(i + 1, ':')
        || i > 0 && t.is_punct(i - 1, ':') && t.list[i - 1].end == t.list[i].start
        || t.is_punct(i + 1, '.') && next.is_none() && t.is_word(i + 2);
    let year = word.len() == 4 && (1800..=2100).contains(&word.parse::<u32>().unwrap_or(0));
    // A number that counts something ("14 soldiers"), or ends the sentence
    // as the figure itself ("the toll rose to 14."), unless a name or a
    // label stands before it ("Route 66.", "aged 87.").
    let ends = (i + 1..t.len()).all(|k| t.list[k].kind.is_final_punct() || t.is_quote(k));
    let named = i > 0 && t.is_word(i - 1) && t.list[i - 1].capitalised;
    let counts_something = next.is_some() || (ends && !named && !refers());
    !(date || duration || clock || year || age(t, i, next)) && counts_something
}

/// "he was 18 at the time", "She is 45.": a number after "is" or "was"
/// whose subject is one person, with no noun after it, is an age.
fn age(t: &Tokens, i: usize, next: Option<&str>) -> bool {
    let word = |k: usize| t.is_word(k).then(|| t.lower(k));
    let be = i >= 2 && matches!(word(i - 1), Some("is" | "was"));
    // "he already was 18": one adverb may stand between.
    let person = |k: usize| matches!(word(k), Some("he" | "she" | "i"));
    let subject = be && (person(i - 2) || i >= 3 && person(i - 3));
    let no_noun = next.is_none_or(|n| matches!(n, "at" | "in" | "when" | "and" | "but" | "then"));
    subject && no_noun
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn stat(text: &str) -> bool {
        has_statistic(text, &RuleSet::embedded().lexicon)
    }

    #[test]
    fn counts_figures() {
        assert!(stat("Russia has lost nearly 26,900 soldiers."));
        assert!(stat("Prices rose 12% in March."));
        assert!(stat("It cost $4 million."));
        assert!(stat("Thousands of people fled."));
    }

    #[test]
    fn counts_a_number_ending_the_sentence_and_numbers_in_words() {
        assert!(stat("The death toll rose to 14."));
        assert!(stat("Casualties exceeded 10,000."));
        assert!(stat("Three people were killed."));
        assert!(stat("Officials counted twenty ballots."));
        assert!(!stat("He died at the age of 87."));
        assert!(!stat("He already was 18 at the time."));
        assert!(!stat("She is 45."));
        assert!(stat("The toll was 18 at noon."));
        assert!(stat("He was 18 votes short."));
        assert!(!stat("The motorway is Route 66."));
        assert!(!stat("The two sides met for three hours."));
        assert!(!stat("Talks resumed in 2024."));
        assert!(!stat("She arrived on June 4."));
    }

    #[test]
    fn dates_durations_and_names_are_no_figures() {
        assert!(!stat(
            "They spoke on Friday, 13 May, for the first time since February 18."
        ));
        assert!(!stat("The war transcended 70 days."));
        assert!(!stat("The G7 met in 2022 at 10:30."));
        assert!(!stat("The call lasted for about an hour."));
    }
}
