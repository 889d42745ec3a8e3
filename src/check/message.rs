//! Builds a finding from a rule's message template.

use super::Finding;
use crate::attribute::{Attribution, Source};
use crate::rules::CheckRule;
use crate::span::Span;

/// Values for the `{...}` placeholders of a message.
#[derive(Default)]
pub struct Fill<'a> {
    pub cue: &'a str,
    pub source: &'a str,
    /// Joined with " via " only when a template asks for `{via}`.
    pub via: &'a [Source],
    pub name: &'a str,
    pub other: &'a str,
}

impl<'a> Fill<'a> {
    /// Placeholders taken from an attribution.
    pub fn from_attribution(a: &'a Attribution) -> Fill<'a> {
        Fill {
            cue: &a.cue.text,
            source: &a.source.text,
            via: &a.via,
            ..Fill::default()
        }
    }

    /// Fills the placeholders in one pass (most templates have none, and
    /// this runs once per finding).
    fn apply(&self, template: &str) -> String {
        if !template.contains('{') {
            return template.to_owned();
        }
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let at = &rest[open..];
            let fills: [(&str, &str); 4] = [
                ("{cue}", self.cue),
                ("{source}", self.source),
                ("{name}", self.name),
                ("{other}", self.other),
            ];
            if let Some((key, value)) = fills.iter().find(|(key, _)| at.starts_with(key)) {
                out.push_str(value);
                rest = &at[key.len()..];
            } else if let Some(after) = at.strip_prefix("{via}") {
                for (i, v) in self.via.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" via ");
                    }
                    out.push_str(&v.text);
                }
                rest = after;
            } else {
                out.push('{');
                rest = &at[1..];
            }
        }
        out.push_str(rest);
        out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        let fill = Fill {
            cue: "said",
            name: "Haidai",
            ..Fill::default()
        };
        assert_eq!(
            fill.apply("{cue} by {name} {unknown} {name}{"),
            "said by Haidai {unknown} Haidai{"
        );
        assert_eq!(fill.apply("no placeholders"), "no placeholders");
    }

    #[test]
    fn relays_are_joined_in_order() {
        let relay = |text: &str| Source {
            id: None,
            kind: "outlet".into(),
            text: text.into(),
            span: Span::new(0, 0),
        };
        let via = [relay("Reuters"), relay("the Ledger")];
        let fill = Fill {
            source: "the ministry",
            via: &via,
            ..Fill::default()
        };
        assert_eq!(
            fill.apply("{source} via {via}"),
            "the ministry via Reuters via the Ledger"
        );
        assert_eq!(Fill::default().apply("[{via}]"), "[]");
    }
}
