//! Kind `inherited`: a sentence with no cue of its own whose source was
//! assumed from the sentence before ("In addition, ..."). Quotations that
//! continue a quotation are journalistic convention and pass silently.

use super::message::{finding, Fill};
use super::{CheckInput, Finding};
use crate::attribute::Carried;
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule) -> Vec<Finding> {
    input
        .sentences
        .iter()
        .filter_map(|s| {
            let a = s.attribution.as_ref()?;
            match a.carried {
                Carried::Continuation(opener) => Some(finding(
                    rule,
                    s.sentence.index,
                    opener,
                    &Fill::from_attribution(a),
                )),
                _ => None,
            }
        })
        .collect()
}
