//! House rules: checks that look for patterns, after Vale's kinds.
//!
//! - `existence`: a pattern is present ("sources say", "reportedly" in a
//!   heading);
//! - `substitution`: a pattern is present and has a preferred form ("Kiev"
//!   → "Kyiv"), given in the message and as a fix in SARIF, rdjsonl and JSON;
//! - `occurrence`: a pattern is present more than `max` times in a document.
//!
//! `when` narrows them with what the engine knows of the sentence: whether
//! it is attributed, a heading, the kind of its source, and the conditions
//! of the other kinds. A match must lie within one sentence.

use super::message::{finding, Fill};
use super::when::holds;
use super::{CheckInput, Finding, State};
use crate::attribute::TaggedSentence;
use crate::rules::{CheckRule, PatternMatch};
use crate::span::Span;

/// One match of one of a check's patterns.
#[derive(Debug, Clone, Copy)]
struct Match {
    /// Which of the check's patterns.
    pattern: usize,
    span: Span,
    sentence: usize,
}

/// Where a check's search of a document stands between windows: the
/// search goes on from where it stopped, as one pass over the text would,
/// and a match found past the window waits for the next. Also, for
/// `occurrence`, the matches counted so far and the first one past `max`.
#[derive(Debug, Default)]
pub struct Search {
    at: Option<usize>,
    ahead: Option<PatternMatch>,
    counted: usize,
    past_max: Option<Match>,
}

/// The state of a pattern check, made at its first window.
fn search<'s>(state: &'s mut State) -> &'s mut Search {
    if !matches!(state, State::Search(_)) {
        *state = State::Search(Search {
            at: Some(0),
            ..Search::default()
        });
    }
    match state {
        State::Search(search) => search,
        _ => unreachable!("made just above"),
    }
}

/// The matches of the check's patterns in the window's sentences, in
/// document order, each within a sentence that meets `when`.
fn matches(input: &CheckInput, rule: &CheckRule, state: &mut State) -> Vec<Match> {
    let Some(set) = rule.patterns_at else {
        return Vec::new();
    };
    let set = input.rules.patterns.set(set);
    let mut found = Vec::new();
    let mut add = |m: PatternMatch, s: &TaggedSentence| {
        found.push(Match {
            pattern: m.pattern,
            span: Span::new(m.start, m.end),
            sentence: s.sentence.index,
        })
    };
    if !rule.when.is_unconditional() {
        // Only the sentences it holds for are searched: a heading rule
        // reads the headings, not the article.
        for s in input.sentences.iter().filter(|s| holds(&rule.when, s)) {
            let span = s.sentence.span;
            for m in set.find(input.text, span.start..span.end) {
                add(m, s);
            }
        }
        return found;
    }
    // One pass over the text for all the check's patterns, window after
    // window; matches come in order, so the sentence cursor only moves on.
    let search = search(state);
    // A match from here on is no part of this window's sentences.
    let beyond = match (input.last, input.sentences.last()) {
        (true, _) => usize::MAX,
        (false, Some(s)) => s.sentence.span.end,
        (false, None) => 0,
    };
    let mut sentence = 0;
    loop {
        let next = match search.ahead.take() {
            Some(m) => Some(m),
            None => set.next_match(input.text, &mut search.at, input.text.len()),
        };
        let Some(m) = next else {
            break;
        };
        if m.start >= beyond {
            search.ahead = Some(m);
            break;
        }
        while input
            .sentences
            .get(sentence)
            .is_some_and(|s| s.sentence.span.end <= m.start)
        {
            sentence += 1;
        }
        let Some(s) = input.sentences.get(sentence) else {
            break;
        };
        if s.sentence.span.start <= m.start && m.end <= s.sentence.span.end {
            add(m, s);
        }
    }
    found
}

/// Kind `existence`: every match.
pub fn existence(input: &CheckInput, rule: &CheckRule, state: &mut State, out: &mut Vec<Finding>) {
    for m in matches(input, rule, state) {
        let fill = Fill {
            matched: &input.text[m.span.start..m.span.end],
            ..Fill::default()
        };
        out.push(finding(rule, m.sentence, m.span, &fill));
    }
}

/// Kind `substitution`: every match not already written as preferred, with
/// the preferred form as the finding's replacement.
pub fn substitution(
    input: &CheckInput,
    rule: &CheckRule,
    state: &mut State,
    out: &mut Vec<Finding>,
) {
    let found = matches(input, rule, state);
    if found.is_empty() {
        return;
    }
    // In pattern order, once: the swap map is walked, not indexed.
    let replacements = rule.replacements();
    for m in found {
        let matched = &input.text[m.span.start..m.span.end];
        let Some(&replacement) = replacements.get(m.pattern) else {
            continue;
        };
        if matched == replacement {
            continue;
        }
        let fill = Fill {
            matched,
            replacement,
            ..Fill::default()
        };
        let mut f = finding(rule, m.sentence, m.span, &fill);
        f.replacement = Some(replacement.into());
        out.push(f);
    }
}

/// Kind `occurrence`: one finding, at the first match past `max`, once the
/// whole document is counted.
pub fn occurrence(input: &CheckInput, rule: &CheckRule, state: &mut State, out: &mut Vec<Finding>) {
    let Some(max) = rule.max else {
        return;
    };
    let found = matches(input, rule, state);
    let search = search(state);
    if search.past_max.is_none() && search.counted + found.len() > max {
        search.past_max = found.get(max - search.counted).copied();
    }
    search.counted += found.len();
    if !input.last {
        return;
    }
    if let Some(m) = search.past_max {
        let (count, max) = (search.counted.to_string(), max.to_string());
        let fill = Fill {
            matched: &input.text[m.span.start..m.span.end],
            count: &count,
            max: &max,
            ..Fill::default()
        };
        out.push(finding(rule, m.sentence, m.span, &fill));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleSet;

    fn findings(rules: &str, text: &str) -> Vec<(String, String, Option<String>)> {
        let rules = RuleSet::load_text("house.toml", rules).expect("rules load");
        let doc = crate::check_text("a.txt", text, &rules);
        doc.findings
            .iter()
            .filter(|f| f.rule.starts_with("house-"))
            .map(|f| {
                (
                    doc.text[f.span.start..f.span.end].to_string(),
                    f.message.to_string(),
                    f.replacement.as_deref().map(String::from),
                )
            })
            .collect()
    }

    const HOUSE: &str = r#"
[[check]]
id = "house-sources-say"
kind = "existence"
severity = "warning"
patterns = ["sources (say|said)", "it is understood"]
ignore_case = true
message = "anonymous phrase `{match}`"
summary = "s"
why = "w"

[[check]]
id = "house-kyiv"
kind = "substitution"
severity = "warning"
swap = { "Kiev" = "Kyiv", "Kharkov" = "Kharkiv" }
message = "write `{replacement}`, not `{match}`"
summary = "s"
why = "w"

[[check]]
id = "house-killed"
kind = "existence"
severity = "warning"
patterns = ["killed"]
when = { attributed = false }
message = "`{match}` needs a source in the sentence"
summary = "s"
why = "w"

[[check]]
id = "house-hedge-heading"
kind = "existence"
severity = "warning"
patterns = ["reportedly"]
ignore_case = true
when = { sentence_kind = "heading" }
message = "hedge in a heading"
summary = "s"
why = "w"

[[check]]
id = "house-reportedly"
kind = "occurrence"
severity = "info"
patterns = ["reportedly"]
max = 1
message = "`{match}` {count} times (at most {max})"
summary = "s"
why = "w"
"#;

    fn f(text: &str, message: &str, replacement: Option<&str>) -> (String, String, Option<String>) {
        (text.into(), message.into(), replacement.map(String::from))
    }

    #[test]
    fn existence_flags_each_match_whatever_the_case_when_asked() {
        assert_eq!(
            findings(
                HOUSE,
                "Sources say the talks failed. It is understood that they did."
            ),
            [
                f("Sources say", "anonymous phrase `Sources say`", None),
                f(
                    "It is understood",
                    "anonymous phrase `It is understood`",
                    None
                ),
            ]
        );
    }

    #[test]
    fn substitution_gives_the_preferred_form_as_a_fix() {
        assert_eq!(
            findings(
                HOUSE,
                "Trains left Kiev for Kharkov. Kyiv was calm. Kievan Rus fell."
            ),
            [
                f("Kiev", "write `Kyiv`, not `Kiev`", Some("Kyiv")),
                f("Kharkov", "write `Kharkiv`, not `Kharkov`", Some("Kharkiv")),
            ]
        );
    }

    #[test]
    fn when_narrows_to_unattributed_sentences() {
        assert_eq!(
            findings(
                HOUSE,
                "Two soldiers were killed. Two soldiers were killed, the ministry said."
            ),
            [f("killed", "`killed` needs a source in the sentence", None)]
        );
    }

    #[test]
    fn occurrence_flags_the_first_match_past_the_limit() {
        let text = "The mayor reportedly resigned. He reportedly left. He reportedly cried.";
        let got = findings(HOUSE, text);
        assert_eq!(
            got,
            [f("reportedly", "`reportedly` 3 times (at most 1)", None)]
        );
        assert!(findings(HOUSE, "The mayor reportedly resigned.").is_empty());
    }

    #[test]
    fn a_heading_is_told_by_the_role_stage_or_the_markup() {
        assert_eq!(
            findings(HOUSE, "Mayor reportedly quits\n\nThe mayor quit on Monday."),
            [f("reportedly", "hedge in a heading", None)]
        );
        assert!(findings(HOUSE, "The mayor reportedly quit on Monday.").is_empty());
    }

    #[test]
    fn a_match_across_two_sentences_is_no_match() {
        let rules = r#"
[[check]]
id = "house-x"
kind = "existence"
severity = "warning"
patterns = ['fell\. Prices']
message = "m"
summary = "s"
why = "w"
"#;
        assert!(findings(rules, "Prices fell. Prices rose.").is_empty());
    }
}
