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

/// What a check kind reads: a document's sentences, all of them or the
/// next of them in order (a long document is checked a window at a time).
pub struct CheckInput<'a, 't> {
    /// The document text.
    pub text: &'t str,
    /// Its sentences with their attributions.
    pub sentences: &'a [TaggedSentence],
    /// The rules in effect.
    pub rules: &'a RuleSet,
    /// No sentence comes after these: counts over the document are whole.
    pub last: bool,
}

/// What a check carries from one window of a document to the next.
#[derive(Default)]
pub(crate) enum State<'t> {
    /// Nothing: the kind judges each sentence on its own.
    #[default]
    None,
    /// The names seen so far (`name-spelling`).
    Names(Box<name_spelling::Seen<'t>>),
    /// Where the search of the text stands, and the matches counted
    /// (the pattern kinds).
    Search(pattern::Search),
}

impl CheckInput<'_, '_> {
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
pub(crate) struct CheckKind {
    /// The `kind` value in rule files.
    pub name: &'static str,
    /// Runs one check of this kind over a document's sentences.
    pub run: Run,
}

/// How a check kind runs over the sentences of a window, adding its
/// findings to the vector.
#[derive(Clone, Copy)]
pub(crate) enum Run {
    /// Judges each sentence on its own.
    Each(fn(&CheckInput, &CheckRule, &mut Vec<Finding>)),
    /// Keeps what it saw in earlier windows of the document.
    Carrying(for<'a, 't> fn(&CheckInput<'a, 't>, &CheckRule, &mut State<'t>, &mut Vec<Finding>)),
}

/// Every check kind the engine implements.
pub(crate) const CHECK_KINDS: &[CheckKind] = &[
    CheckKind {
        name: "unattributed",
        run: Run::Each(unattributed::run),
    },
    CheckKind {
        name: "anonymous-source",
        run: Run::Each(anonymous::run),
    },
    CheckKind {
        name: "cue-class",
        run: Run::Each(cue_class::run),
    },
    CheckKind {
        name: "inherited",
        run: Run::Each(inherited::run),
    },
    CheckKind {
        name: "chain",
        run: Run::Each(chain::run),
    },
    CheckKind {
        name: "name-spelling",
        run: Run::Carrying(name_spelling::run),
    },
    CheckKind {
        name: "existence",
        run: Run::Carrying(pattern::existence),
    },
    CheckKind {
        name: "substitution",
        run: Run::Carrying(pattern::substitution),
    },
    CheckKind {
        name: "occurrence",
        run: Run::Carrying(pattern::occurrence),
    },
    // Unused suppressions and unknown ids in them are found after the other checks, by
    // `suppression::apply`, which reads the comments; nothing runs here.
    CheckKind {
        name: suppression::UNUSED_KIND,
        run: Run::Each(|_, _, _| {}),
    },
    CheckKind {
        name: suppression::UNKNOWN_KIND,
        run: Run::Each(|_, _, _| {}),
    },
];

/// Runs every enabled check; findings come out in document order.
pub fn check(text: &str, sentences: &[TaggedSentence], rules: &RuleSet) -> Vec<Finding> {
    let mut findings = Vec::new();
    Checker::new(text, rules).window(sentences, true, &mut findings);
    sort(&mut findings);
    findings
}

/// Runs the enabled checks over a document's sentences a window at a
/// time, in order, each check keeping what it needs from one window to
/// the next: the findings are those of one run over the whole document.
pub(crate) struct Checker<'r, 't> {
    text: &'t str,
    rules: &'r RuleSet,
    /// Each enabled check with its kind's logic and its state.
    checks: Vec<(&'r CheckRule, Run, State<'t>)>,
}

impl<'r, 't> Checker<'r, 't> {
    /// The checks of `rules` over `text`, before its first sentence.
    pub(crate) fn new(text: &'t str, rules: &'r RuleSet) -> Self {
        let checks = rules
            .checks
            .iter()
            .filter(|rule| rule.enabled)
            .filter_map(|rule| {
                let kind = CHECK_KINDS
                    .iter()
                    .find(|kind| kind.name == rule.kind.get_ref())?;
                Some((rule, kind.run, State::None))
            })
            .collect();
        Checker {
            text,
            rules,
            checks,
        }
    }

    /// Checks the next sentences (`last`: no more come after them),
    /// adding findings to `out` (in no particular order: see [`sort`]).
    pub(crate) fn window(
        &mut self,
        sentences: &[TaggedSentence],
        last: bool,
        out: &mut Vec<Finding>,
    ) {
        let input = CheckInput {
            text: self.text,
            sentences,
            rules: self.rules,
            last,
        };
        for (rule, run, state) in &mut self.checks {
            match run {
                Run::Each(run) => run(&input, rule, out),
                Run::Carrying(run) => run(&input, rule, state, out),
            }
        }
    }
}

/// Document order: by sentence, then position, the most severe first.
/// Positions are sorted, not the findings: a finding is a large struct, and
/// moving each once beats moving them at every step of the sort.
pub(crate) fn sort(findings: &mut Vec<Finding>) {
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
