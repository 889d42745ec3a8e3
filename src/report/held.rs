//! The findings of a long document, held until its sentences are written
//! (they come after them): each text once (rule ids, messages, help and
//! replacements repeat from finding to finding), each finding as offsets
//! and indices into those texts. A finding as the checks make it takes 120
//! bytes and a vector of them doubles as it grows; held, one takes 48.

use std::cmp::Reverse;
use std::io;

use rustc_hash::FxHashMap;

use crate::attribute::TaggedSentence;
use crate::check::{self, Finding};
use crate::pipeline::Pipeline;
use crate::rules::{RuleSet, Severity};
use crate::span::Span;
use crate::Summary;

/// Checks `text` a window of sentences at a time, handing each finished
/// sentence to `sentence` in order, and holds the findings: the
/// document's counts and its findings, for a report that writes them
/// after the sentences.
pub(super) fn check_holding(
    text: &str,
    rules: &RuleSet,
    mut sentence: impl FnMut(&TaggedSentence) -> io::Result<()>,
) -> io::Result<(Summary, HeldFindings)> {
    let mut summary = Summary::default();
    let mut held = HeldFindings::default();
    let mut pipeline = Pipeline::new(text, &[], rules);
    let (mut done, mut findings) = (Vec::new(), Vec::new());
    while pipeline.next_window(&mut done, &mut findings) {
        for s in &done {
            summary.count_sentence(s);
            sentence(s)?;
        }
        for f in &findings {
            summary.count_finding(f);
        }
        let first = done.first().map_or(usize::MAX, |s| s.sentence.index);
        held.take(&mut findings, first);
        done.clear();
    }
    Ok((summary, held))
}

/// No text.
const NONE: u32 = u32::MAX;

/// One finding, its texts by number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Held {
    pub sentence: usize,
    pub span: Span,
    pub severity: Severity,
    rule: u32,
    message: u32,
    help: u32,
    replacement: u32,
}

impl Held {
    /// The finding again, with its texts.
    pub(super) fn finding(&self, texts: &Texts) -> Finding {
        Finding {
            rule: texts.rule.to_string().into(),
            severity: self.severity,
            sentence: self.sentence,
            span: self.span,
            message: texts.message.to_string().into(),
            help: texts.help.map(|h| h.to_string().into()),
            replacement: texts.replacement.map(Into::into),
        }
    }
}

/// A held finding's texts.
pub(super) struct Texts<'h> {
    pub rule: &'h str,
    pub message: &'h str,
    pub help: Option<&'h str>,
    pub replacement: Option<&'h str>,
}

/// The findings of a document, a window's at a time, in document order.
#[derive(Default)]
pub(super) struct HeldFindings {
    numbers: FxHashMap<Box<str>, u32>,
    /// Each window's findings, sorted: a vector per window, sized to fit.
    windows: Vec<Box<[Held]>>,
    /// Findings about sentences before their window (a count over the
    /// whole document, made at its end), sorted when they are read.
    late: Vec<Held>,
}

impl HeldFindings {
    /// Takes the findings of the window that starts at sentence `first`.
    pub(super) fn take(&mut self, findings: &mut Vec<Finding>, first: usize) {
        check::sort(findings);
        let mut held = Vec::with_capacity(findings.len());
        for f in findings.drain(..) {
            let h = self.hold(&f);
            if f.sentence < first {
                self.late.push(h);
            } else {
                held.push(h);
            }
        }
        self.windows.push(held.into_boxed_slice());
    }

    fn hold(&mut self, f: &Finding) -> Held {
        Held {
            sentence: f.sentence,
            span: f.span,
            severity: f.severity,
            rule: self.number(&f.rule),
            message: self.number(&f.message),
            help: f.help.as_deref().map_or(NONE, |h| self.number(h)),
            replacement: f.replacement.as_deref().map_or(NONE, |r| self.number(r)),
        }
    }

    fn number(&mut self, text: &str) -> u32 {
        if let Some(&n) = self.numbers.get(text) {
            return n;
        }
        // Past four billion distinct texts, the last number stands for all
        // the rest: never reached by a document that fits in memory.
        let n = u32::try_from(self.numbers.len()).unwrap_or(NONE - 1);
        self.numbers.insert(text.into(), n);
        n
    }

    /// Every finding held, in document order (the order of
    /// [`check::sort`]), with its texts.
    pub(super) fn in_order(&mut self) -> impl Iterator<Item = (Held, Texts<'_>)> + '_ {
        let mut texts: Vec<&str> = vec![""; self.numbers.len()];
        for (text, &n) in &self.numbers {
            if let Some(slot) = texts.get_mut(n as usize) {
                *slot = text;
            }
        }
        fn key<'t>(h: &Held, texts: &[&'t str]) -> (usize, usize, Reverse<Severity>, &'t str) {
            let rule = texts.get(h.rule as usize).copied().unwrap_or("");
            (h.sentence, h.span.start, Reverse(h.severity), rule)
        }
        self.late
            .sort_by(|a, b| key(a, &texts).cmp(&key(b, &texts)));
        let mut late = self.late.iter().copied().peekable();
        let mut rest = self
            .windows
            .iter()
            .flat_map(|w| w.iter().copied())
            .peekable();
        std::iter::from_fn(move || {
            let next = match (late.peek(), rest.peek()) {
                (Some(a), Some(b)) if key(a, &texts) < key(b, &texts) => late.next(),
                (Some(_), None) => late.next(),
                _ => rest.next(),
            }?;
            let text = |n: u32| (n != NONE).then(|| texts.get(n as usize).copied().unwrap_or(""));
            let found = Texts {
                rule: text(next.rule).unwrap_or(""),
                message: text(next.message).unwrap_or(""),
                help: text(next.help),
                replacement: text(next.replacement),
            };
            Some((next, found))
        })
    }
}
