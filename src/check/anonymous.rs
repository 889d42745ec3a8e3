//! Kind `anonymous-source`: a statement attributed to an unnamed person or
//! group, reported where the source is introduced (not where it is carried).

use super::{CheckInput, Finding};
use crate::attribute::Carried;
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule, out: &mut Vec<Finding>) {
    input.per_attribution(rule, out, |_, a| {
        (a.carried == Carried::No && a.source.kind == "anonymous").then_some(a.source.span)
    })
}
