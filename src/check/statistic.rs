//! Does a sentence give a figure? Digits count unless they make a date, a
//! year, a clock time, a duration ("70 days"), an ordinal or part of a name
//! ("G7", "Su-27"); quantity words ("thousands", "percent") count by themselves.

use crate::attribute::{TokenKind, Tokens};
use crate::rules::Lexicon;

/// Whether `text` (one sentence) states a figure.
pub fn has_statistic(text: &str, lexicon: &Lexicon) -> bool {
    let tokens = Tokens::new(text, 0);
    let quantity = |i: usize| tokens.is_word(i) && lexicon.quantity_words.contains(tokens.lower(i));
    states_figure(&tokens, lexicon, quantity)
}

/// Whether a tokenised sentence states a figure; `quantity(i)` says whether
/// token `i` is a quantity word (the attribution scan already knows).
pub(crate) fn states_figure(
    tokens: &Tokens,
    lexicon: &Lexicon,
    quantity: impl Fn(usize) -> bool,
) -> bool {
    (0..tokens.len()).any(|i| is_figure(tokens, i, lexicon, &quantity))
}

fn is_figure(t: &Tokens, i: usize, lexicon: &Lexicon, quantity: &impl Fn(usize) -> bool) -> bool {
    if !t.is_word(i) {
        return false;
    }
    if quantity(i) {
        return true;
    }
    let word = t.lower(i);
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // Ordinals and names: "13th", "G7", "COVID-19", "Su-27".
    if !word
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return false;
    }
    let prev = i
        .checked_sub(1)
        .filter(|&p| t.is_word(p))
        .map(|p| t.lower(p));
    let next = t.is_word(i + 1).then(|| t.lower(i + 1));
    let money = i > 0 && matches!(t.list[i - 1].kind, TokenKind::Punct('$' | '€' | '£'));
    if money || t.is_punct(i + 1, '%') || (next.is_some() && quantity(i + 1)) {
        return true;
    }
    let date = prev.is_some_and(|p| lexicon.date_words.contains(p))
        || next.is_some_and(|n| lexicon.date_words.contains(n));
    let duration = next.is_some_and(|n| lexicon.time_units.contains(n));
    let clock =
        t.is_punct(i + 1, ':') || t.is_punct(i + 1, '.') && next.is_none() && t.is_word(i + 2);
    let year = word.len() == 4 && (1800..=2100).contains(&word.parse::<u32>().unwrap_or(0));
    let counts_something = next.is_some();
    !(date || duration || clock || year) && counts_something
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
    fn dates_durations_and_names_are_no_figures() {
        assert!(!stat(
            "They spoke on Friday, 13 May, for the first time since February 18."
        ));
        assert!(!stat("The war transcended 70 days."));
        assert!(!stat("The G7 met in 2022 at 10:30."));
        assert!(!stat("The call lasted for about an hour."));
    }
}
