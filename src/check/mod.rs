//! Findings from tagged sentences. Each check kind is one module with one
//! function; `CHECK_KINDS` maps the `kind` names used in `rules/checks.toml`
//! to them. Adding a kind is one new file plus one line in that table.

mod anonymous;
mod chain;
mod cue_class;
mod inherited;
mod message;
mod name_spelling;
mod pattern;
mod statistic;
pub mod suppression;
mod unattributed;
mod when;

use std::borrow::Cow;

use serde::Serialize;

use crate::attribute::{Attribution, TaggedSentence};
use crate::rules::{CheckRule, RuleSet, Severity};
use crate::span::Span;

pub use statistic::has_statistic;
pub(crate) use statistic::{states_figure, NumberWord};

/// One problem found in a document. The id, and a message or help without
/// placeholders, point at the rule's text ([`CheckRule::finding_texts`])
/// rather than each finding holding a copy; a filled-in message is owned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The check's id.
    pub rule: Cow<'static, str>,
    /// How serious it is.
    pub severity: Severity,
    /// Index of the sentence it concerns.
    pub sentence: usize,
    /// The bytes it points at.
    pub span: Span,
    /// What is wrong.
    pub message: Cow<'static, str>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Cow<'static, str>>,
    /// Text to put in place of the span (a house rule's substitution).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<Box<str>>,
}

/// What a check kind reads.
pub struct CheckInput<'a> {
    /// The document text.
    pub text: &'a str,
    /// Its sentences with their attributions.
    pub sentences: &'a [TaggedSentence],
    /// The rules in effect.
    pub rules: &'a RuleSet,
}

impl CheckInput<'_> {
    /// Every attributed sentence with its attribution, for the kinds that
    /// judge attributions: each maps one to at most one finding.
    pub fn per_attribution(
        &self,
        rule: &CheckRule,
        out: &mut Vec<Finding>,
        judge: impl Fn(&TaggedSentence, &Attribution) -> Option<Span>,
    ) {
        let found = self.sentences.iter().filter_map(|s| {
            let a = s.attribution.as_ref()?;
            let at = judge(s, a)?;
            Some(message::finding(
                rule,
                s.sentence.index,
                at,
                &message::Fill::from_attribution(a),
            ))
        });
        out.extend(found);
    }
}

/// A kind of check: a name for rule files and the logic that runs it.
pub struct CheckKind {
    /// The `kind` value in rule files.
    pub name: &'static str,
    /// Runs one check of this kind over a document, adding its findings
    /// to the vector (one for every check of a document).
    pub run: fn(&CheckInput, &CheckRule, &mut Vec<Finding>),
}

/// Every check kind the engine implements.
pub const CHECK_KINDS: &[CheckKind] = &[
    CheckKind {
        name: "unattributed",
        run: unattributed::run,
    },
    CheckKind {
        name: "anonymous-source",
        run: anonymous::run,
    },
    CheckKind {
        name: "cue-class",
        run: cue_class::run,
    },
    CheckKind {
        name: "inherited",
        run: inherited::run,
    },
    CheckKind {
        name: "chain",
        run: chain::run,
    },
    CheckKind {
        name: "name-spelling",
        run: name_spelling::run,
    },
    CheckKind {
        name: "existence",
        run: pattern::existence,
    },
    CheckKind {
        name: "substitution",
        run: pattern::substitution,
    },
    CheckKind {
        name: "occurrence",
        run: pattern::occurrence,
    },
    // Unused suppressions and unknown ids in them are found after the other checks, by
    // `suppression::apply`, which reads the comments; nothing runs here.
    CheckKind {
        name: suppression::UNUSED_KIND,
        run: |_, _, _| {},
    },
    CheckKind {
        name: suppression::UNKNOWN_KIND,
        run: |_, _, _| {},
    },
];

/// Runs every enabled check; findings come out in document order.
pub fn check(text: &str, sentences: &[TaggedSentence], rules: &RuleSet) -> Vec<Finding> {
    let input = CheckInput {
        text,
        sentences,
        rules,
    };
    let mut findings = Vec::new();
    for rule in rules.checks.iter().filter(|rule| rule.enabled) {
        if let Some(kind) = CHECK_KINDS
            .iter()
            .find(|kind| kind.name == rule.kind.get_ref())
        {
            (kind.run)(&input, rule, &mut findings);
        }
    }
    sort(&mut findings);
    findings
}

/// Document order: by sentence, then position, the most severe first.
/// Positions are sorted, not the findings: a finding is a large struct, and
/// moving each once beats moving them at every step of the sort.
fn sort(findings: &mut Vec<Finding>) {
    let key = |f: &Finding| (f.sentence, f.span.start, std::cmp::Reverse(f.severity));
    if findings.windows(2).all(|w| key(&w[0]) < key(&w[1])) {
        return;
    }
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&findings[a], &findings[b]);
        key(a).cmp(&key(b)).then_with(|| a.rule.cmp(&b.rule))
    });
    let mut slots: Vec<Option<Finding>> = findings.drain(..).map(Some).collect();
    findings.extend(order.into_iter().filter_map(|i| slots[i].take()));
}
