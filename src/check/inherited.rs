//! Kind `inherited`: a sentence with no cue of its own whose source was
//! assumed from the sentence before ("In addition, ...", figures going on
//! from a poll's, an unquoted passage after "X wrote:"). Quotations that
//! continue a quotation are journalistic convention and pass silently.

use super::{CheckInput, Finding};
use crate::attribute::Carried;
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule, out: &mut Vec<Finding>) {
    input.per_attribution(rule, out, |s, a| match a.carried {
        Carried::Continuation(opener) => Some(opener),
        Carried::Figures | Carried::Passage => Some(s.sentence.span),
        _ => None,
    })
}
