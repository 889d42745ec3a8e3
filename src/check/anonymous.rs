//! Kind `anonymous-source`: a statement attributed to an unnamed person or
//! group, reported where the source is introduced (not where it is carried).

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
            (a.carried == Carried::No && a.source.kind == "anonymous").then(|| {
                finding(
                    rule,
                    s.sentence.index,
                    a.source.span,
                    &Fill::from_attribution(a),
                )
            })
        })
        .collect()
}
