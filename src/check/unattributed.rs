//! Kind `unattributed`: a statement with no source. Only statements count
//! (the role stage tells them from headings, bylines, credits, boilerplate,
//! fragments and questions); `when` picks which (with a figure, with a
//! quotation, needing a source or not), and the message can say why
//! (`{reason}`: "figure", "prediction", "judgement"...).

use super::message::{finding_variant, Fill};
use super::when::holds;
use super::{CheckInput, Finding};
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule, out: &mut Vec<Finding>) {
    let found = input.sentences.iter().filter_map(|s| {
        // Decided for unattributed statements only.
        let need = s.need?;
        holds(&rule.when, s).then(|| {
            let fill = Fill {
                reason: need.because.describe(),
                ..Fill::default()
            };
            // Reasons are a closed set: each filled message is made once.
            let slot = need.because as usize;
            finding_variant(rule, s.sentence.index, s.sentence.span, slot, &fill)
        })
    });
    out.extend(found);
}
