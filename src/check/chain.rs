//! Kind `chain`: a statement relayed through another source ("..., The Kyiv
//! Independent reported"), reported where the relay is named.

use super::{CheckInput, Finding};
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule, out: &mut Vec<Finding>) {
    input.per_attribution(rule, out, |s, a| {
        a.via
            .iter()
            .find(|v| s.sentence.span.contains(v.span))
            .map(|relay| relay.span)
    })
}
