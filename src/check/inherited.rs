//! Kind `inherited`: a sentence with no cue of its own whose source was
//! assumed from the sentence before ("In addition, ..."). Quotations that
//! continue a quotation are journalistic convention and pass silently.

use super::{CheckInput, Finding};
use crate::attribute::Carried;
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule, out: &mut Vec<Finding>) {
    input.per_attribution(rule, out, |_, a| match a.carried {
        Carried::Continuation(opener) => Some(opener),
        _ => None,
    })
}
