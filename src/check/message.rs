//! Builds a finding from a rule's message template.

use std::borrow::Cow;

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
    /// Why a statement needs a source, or not.
    pub reason: &'a str,
    /// What a pattern matched.
    pub matched: &'a str,
    /// What to write instead (kind `substitution`).
    pub replacement: &'a str,
    /// How many matches a document has, and may have (kind `occurrence`).
    pub count: &'a str,
    pub max: &'a str,
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

    /// Fills the placeholders in one pass. Most templates have none: those
    /// are borrowed as they are, and this runs once per finding.
    fn apply(&self, template: &'static str) -> Cow<'static, str> {
        if !template.contains('{') {
            return Cow::Borrowed(template);
        }
        Cow::Owned(self.fill(template))
    }

    fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let at = &rest[open..];
            let fills: [(&str, &str); 9] = [
                ("{cue}", self.cue),
                ("{source}", self.source),
                ("{name}", self.name),
                ("{other}", self.other),
                ("{reason}", self.reason),
                ("{match}", self.matched),
                ("{replacement}", self.replacement),
                ("{count}", self.count),
                ("{max}", self.max),
            ];
            if let Some((key, value)) = fills.iter().find(|(key, _)| at.starts_with(key)) {
                push_collapsed(&mut out, value);
                rest = &at[key.len()..];
            } else if let Some(after) = at.strip_prefix("{via}") {
                for (i, v) in self.via.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" via ");
                    }
                    push_collapsed(&mut out, &v.text);
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

/// Appends `text` with each run of whitespace as one space: a name wrapped
/// across lines reads as one line in a message.
fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// A finding of `rule` at `span` of sentence `sentence`.
pub fn finding(rule: &CheckRule, sentence: usize, span: Span, fill: &Fill) -> Finding {
    let texts = rule.finding_texts();
    Finding {
        rule: Cow::Borrowed(texts.id),
        severity: rule.severity,
        sentence,
        span,
        message: fill.apply(texts.message),
        help: texts.help.map(|h| fill.apply(h)),
        replacement: None,
    }
}

/// A finding of `rule` whose placeholders are filled from a closed set of
/// values (the role stage's reasons), `slot` naming which: the filled texts
/// are made once per check and borrowed, where [`finding`] would copy them
/// into every finding.
pub fn finding_variant(
    rule: &CheckRule,
    sentence: usize,
    span: Span,
    slot: usize,
    fill: &Fill,
) -> Finding {
    match rule.variant_texts(slot, |template| fill.fill(template)) {
        Some(texts) => Finding {
            rule: Cow::Borrowed(texts.id),
            severity: rule.severity,
            sentence,
            span,
            message: Cow::Borrowed(texts.message),
            help: texts.help.map(Cow::Borrowed),
            replacement: None,
        },
        None => finding(rule, sentence, span, fill),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn filled_values_read_as_one_line() {
        let fill = Fill {
            source: "the Kyiv\n   Post",
            cue: "said",
            ..Fill::default()
        };
        assert_eq!(fill.fill("{source} {cue}"), "the Kyiv Post said");
    }

    #[test]
    fn findings_point_at_their_rule_texts() {
        let rules = RuleSet::embedded();
        let plain = rules
            .checks
            .iter()
            .find(|c| !c.message.contains('{') && c.help.is_some())
            .unwrap();
        let a = finding(plain, 0, Span::new(0, 1), &Fill::default());
        let b = finding(plain, 1, Span::new(2, 3), &Fill::default());
        assert_eq!(a.rule, plain.id.get_ref().as_str());
        assert_eq!(a.message, plain.message.as_str());
        assert!(matches!(a.message, Cow::Borrowed(_)));
        // One copy of each text for every finding, and for every rule set
        // built from the same files.
        assert!(std::ptr::eq(&*a.rule, &*b.rule));
        assert!(std::ptr::eq(&*a.message, &*b.message));
        let again = RuleSet::embedded();
        let same = again.check(plain.id.get_ref()).unwrap();
        let c = finding(same, 0, Span::new(0, 1), &Fill::default());
        assert!(std::ptr::eq(&*a.help.unwrap(), &*c.help.unwrap()));
        // A filled-in message is the finding's own.
        let filled = rules
            .checks
            .iter()
            .find(|c| c.message.contains("{cue}"))
            .unwrap();
        let fill = Fill {
            cue: "conceded",
            ..Fill::default()
        };
        let f = finding(filled, 0, Span::new(0, 1), &fill);
        assert!(matches!(f.message, Cow::Owned(_)));
        assert!(f.message.contains("conceded"));
    }

    #[test]
    fn rule_texts_follow_a_reindex() {
        let mut rules = RuleSet::embedded();
        let id = rules.checks[0].id.get_ref().clone();
        let before = finding(&rules.checks[0], 0, Span::new(0, 1), &Fill::default());
        rules.checks[0].message = "changed in place".to_string();
        let rules = rules.reindex().unwrap();
        let after = finding(
            rules.check(&id).unwrap(),
            0,
            Span::new(0, 1),
            &Fill::default(),
        );
        assert_ne!(before.message, after.message);
        assert_eq!(after.message, "changed in place");
    }

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
