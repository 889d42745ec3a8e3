//! Kind `unattributed`: a statement with no source. `when` picks which
//! statements (with a figure, with a quotation, or neither). Headings and
//! questions are not statements.

use super::message::{finding, Fill};
use super::{CheckInput, Finding};
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule, out: &mut Vec<Finding>) {
    let found = input
        .sentences
        .iter()
        .filter(|s| s.attribution.is_none() && !s.sentence.heading)
        .filter(|s| {
            let text = &input.text[s.sentence.span.start..s.sentence.span.end];
            let question = text
                .trim_end_matches(['"', '\'', '”', '’', ')'])
                .ends_with('?');
            !question
                && rule.when.has_quote.is_none_or(|want| want == s.has_quote)
                && rule.when.has_statistic.is_none_or(|want| want == s.figure)
        })
        .map(|s| finding(rule, s.sentence.index, s.sentence.span, &Fill::default()));
    out.extend(found);
}
