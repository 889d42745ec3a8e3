//! Kind `chain`: a statement relayed through another source ("..., The Kyiv
//! Independent reported"), reported where the relay is named.

use super::message::{finding, Fill};
use super::{CheckInput, Finding};
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule) -> Vec<Finding> {
    input
        .sentences
        .iter()
        .filter_map(|s| {
            let a = s.attribution.as_ref()?;
            let relay = a.via.iter().find(|v| s.sentence.span.contains(v.span))?;
            Some(finding(
                rule,
                s.sentence.index,
                relay.span,
                &Fill::from_attribution(a),
            ))
        })
        .collect()
}
