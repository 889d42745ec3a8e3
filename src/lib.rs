#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod attribute;
pub mod check;
pub mod document;
pub mod error;
pub mod report;
pub mod rules;
pub mod segment;
pub mod span;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::attribute::{Carried, TaggedSentence};
use crate::check::Finding;
use crate::document::Document;
use crate::rules::{RuleSet, Severity};
use crate::span::{LineColumn, LineIndex, Span};

/// A document after the whole pipeline: its sentences with their
/// attributions, and the findings.
#[derive(Debug, Clone)]
pub struct CheckedDocument {
    /// The path as given (or `<stdin>`).
    pub path: String,
    /// The original text.
    pub text: String,
    /// Every sentence, tagged.
    pub sentences: Vec<TaggedSentence>,
    /// Every finding, in document order.
    pub findings: Vec<Finding>,
    lines: LineIndex,
}

/// Counts for one document (DESIGN §5 `summary`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of sentences.
    pub sentences: usize,
    /// Sentences with an attribution.
    pub attributed: usize,
    /// Sentences without one.
    pub unattributed: usize,
    /// For each registered source, the sentences that name it as source or relay.
    /// An attribution carried over from an earlier sentence is counted there only.
    pub by_source: BTreeMap<String, usize>,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

impl CheckedDocument {
    /// Line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> LineColumn {
        self.lines.line_column(&self.text, offset)
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_span(&self, line: usize) -> Span {
        self.lines.line_span(&self.text, line)
    }

    /// The counts of the summary.
    pub fn summary(&self) -> Summary {
        let attributed = self
            .sentences
            .iter()
            .filter(|s| s.attribution.is_some())
            .count();
        let mut by_source = BTreeMap::new();
        for s in &self.sentences {
            let Some(a) = &s.attribution else { continue };
            let own_source = (a.carried == Carried::No).then_some(&a.source);
            let own_via = a.via.iter().filter(|v| s.sentence.span.contains(v.span));
            let mut ids: Vec<&str> = own_source
                .into_iter()
                .chain(own_via)
                .filter_map(|x| x.id.as_deref())
                .collect();
            ids.dedup();
            for id in ids {
                *by_source.entry(id.to_string()).or_insert(0) += 1;
            }
        }
        let count = |sev| self.findings.iter().filter(|f| f.severity == sev).count();
        Summary {
            sentences: self.sentences.len(),
            attributed,
            unattributed: self.sentences.len() - attributed,
            by_source,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }

    /// The most severe finding, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Runs the whole pipeline on one document: segment, attribute, check.
pub fn check_document(doc: Document, rules: &RuleSet) -> CheckedDocument {
    let sentences = segment::segment(&doc.text, &rules.lexicon);
    let tagged = attribute::attribute(&doc.text, &sentences, rules);
    let findings = check::check(&doc.text, &tagged, rules);
    CheckedDocument {
        lines: LineIndex::new(&doc.text),
        path: doc.path,
        text: doc.text,
        sentences: tagged,
        findings,
    }
}

/// Checks a text given in memory; `path` is only the name shown in reports.
pub fn check_text(path: &str, text: &str, rules: &RuleSet) -> CheckedDocument {
    check_document(
        Document {
            path: path.to_string(),
            text: text.to_string(),
        },
        rules,
    )
}
