//! Builds a finding from a rule's message template.

use super::Finding;
use crate::attribute::Attribution;
use crate::rules::CheckRule;
use crate::span::Span;

/// Values for the `{...}` placeholders of a message.
#[derive(Default)]
pub struct Fill<'a> {
    pub cue: &'a str,
    pub source: &'a str,
    pub via: String,
    pub name: &'a str,
    pub other: &'a str,
}

impl<'a> Fill<'a> {
    /// Placeholders taken from an attribution.
    pub fn from_attribution(a: &'a Attribution) -> Fill<'a> {
        Fill {
            cue: &a.cue.text,
            source: &a.source.text,
            via: a
                .via
                .iter()
                .map(|v| v.text.as_str())
                .collect::<Vec<_>>()
                .join(" via "),
            ..Fill::default()
        }
    }

    fn apply(&self, template: &str) -> String {
        template
            .replace("{cue}", self.cue)
            .replace("{source}", self.source)
            .replace("{via}", &self.via)
            .replace("{name}", self.name)
            .replace("{other}", self.other)
    }
}

/// A finding of `rule` at `span` of sentence `sentence`.
pub fn finding(rule: &CheckRule, sentence: usize, span: Span, fill: &Fill) -> Finding {
    Finding {
        rule: rule.id.get_ref().clone(),
        severity: rule.severity,
        sentence,
        span,
        message: fill.apply(&rule.message),
        help: rule.help.as_deref().map(|h| fill.apply(h)),
    }
}
