//! Whether a sentence meets a check's `when`: one reading of the conditions
//! for every kind that filters sentences by them.

use crate::attribute::TaggedSentence;
use crate::role::SentenceKind;
use crate::rules::When;

/// What the sentence is: the role stage's judgement, and a heading
/// whenever the markup says so (an attributed headline too).
fn kind_of(s: &TaggedSentence) -> SentenceKind {
    if s.sentence.heading {
        SentenceKind::Heading
    } else {
        s.kind
    }
}

/// Whether `s` meets every condition `when` gives.
pub(crate) fn holds(when: &When, s: &TaggedSentence) -> bool {
    let a = s.attribution.as_ref();
    when.attributed.is_none_or(|want| want == a.is_some())
        && when.sentence_kind.is_none_or(|want| kind_of(s) == want)
        && when
            .source_kind
            .as_deref()
            .is_none_or(|kind| a.is_some_and(|a| a.source.kind == kind))
        && when.has_quote.is_none_or(|want| want == s.has_quote)
        && when.has_statistic.is_none_or(|want| want == s.figure)
        && when
            .needs_source
            .is_none_or(|want| s.need.is_some_and(|n| n.value == want))
        && when
            .cue_class
            .is_none_or(|class| a.is_some_and(|a| a.cue.class == class))
}
