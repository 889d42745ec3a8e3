//! Kind `cue-class`: the sentence's own cue has the class named in `when`
//! (loaded, marked). An inherited cue was flagged where it stands.

use super::message::{finding, Fill};
use super::{CheckInput, Finding};
use crate::attribute::Carried;
use crate::rules::CheckRule;

pub fn run(input: &CheckInput, rule: &CheckRule, out: &mut Vec<Finding>) {
    let Some(class) = rule.when.cue_class else {
        return;
    };
    let found = input.sentences.iter().filter_map(|s| {
        let a = s.attribution.as_ref()?;
        let own_cue = matches!(a.carried, Carried::No | Carried::Pronoun);
        if !own_cue || a.cue.class != class {
            return None;
        }
        let mut f = finding(
            rule,
            s.sentence.index,
            a.cue.span,
            &Fill::from_attribution(a),
        );
        // A verb's own advice ("admitted implies a confession") beats the generic one.
        if let Some(help) = input
            .rules
            .verb_of_cue(&a.cue.text)
            .and_then(|v| v.help.clone())
        {
            f.help = Some(help.into());
        }
        Some(f)
    });
    out.extend(found);
}
