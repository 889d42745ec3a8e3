#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod attribute;
pub mod baseline;
pub mod changes;
pub mod check;
pub mod config;
pub mod document;
pub mod error;
pub mod files;
pub mod fingerprint;
mod pipeline;
pub mod report;
pub mod role;
pub mod rules;
pub mod run;
pub mod segment;
pub mod span;
mod words8;

#[cfg(test)]
pub(crate) mod test_util;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::attribute::{Carried, TaggedSentence};
use crate::check::Finding;
use crate::document::{Document, InputFormat, OffsetMap};
use crate::rules::{RuleSet, Severity};
use crate::span::{LineColumn, LineIndex, Position, Span};

/// A document after the whole pipeline: its sentences with their
/// attributions, and the findings. Every span points into the original text.
#[derive(Debug, Clone)]
pub struct CheckedDocument {
    /// The path as given (or the name given to standard input).
    pub path: String,
    /// The format it was read as.
    pub format: InputFormat,
    /// The original text.
    pub text: String,
    /// Every sentence, tagged; spans into [`CheckedDocument::text`].
    pub sentences: Vec<TaggedSentence>,
    /// Every finding, in document order.
    pub findings: Vec<Finding>,
    /// For markup: the prose the sentences were read from.
    plain: Option<String>,
    /// Each sentence's range in the prose (or in the text, for plain text).
    sentence_plain: Vec<Span>,
    lines: LineIndex,
    /// For a file read as UTF-16 or UTF-32: the map from spans of `text`
    /// to the file's own bytes.
    transcoded: Option<Box<document::Transcoded>>,
    /// What the reader left out of the markup and why (told to the user).
    pub notes: Vec<String>,
    /// The findings that suppression comments silenced, in document order:
    /// not reported, but the HTML report marks their sentences.
    pub suppressed: Vec<Finding>,
}

/// Counts for one document (`summary` in docs/json.md).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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

impl Summary {
    /// Counts one sentence of the document (spans as reported).
    pub(crate) fn count_sentence(&mut self, s: &TaggedSentence) {
        self.sentences += 1;
        let Some(a) = &s.attribution else {
            self.unattributed += 1;
            return;
        };
        self.attributed += 1;
        let own_source = (a.carried == Carried::No).then_some(&a.source);
        let own_via = a.via.iter().filter(|v| s.sentence.span.contains(v.span));
        let mut ids: Vec<&str> = own_source
            .into_iter()
            .chain(own_via)
            .filter_map(|x| x.id.as_deref())
            .collect();
        ids.dedup();
        for id in ids {
            match self.by_source.get_mut(id) {
                Some(n) => *n += 1,
                None => {
                    self.by_source.insert(id.to_string(), 1);
                }
            }
        }
    }

    /// Counts one finding of the document.
    pub(crate) fn count_finding(&mut self, f: &Finding) {
        match f.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    /// Adds another document's counts: a run's totals.
    pub fn add(&mut self, other: &Summary) {
        self.sentences += other.sentences;
        self.attributed += other.attributed;
        self.unattributed += other.unattributed;
        for (id, n) in &other.by_source {
            *self.by_source.entry(id.clone()).or_insert(0) += n;
        }
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

impl CheckedDocument {
    /// The text of sentence `index` as read: for Markdown and HTML, without
    /// the markup and with entities decoded.
    pub fn sentence_text(&self, index: usize) -> &str {
        let span = self.sentence_plain[index];
        let text = self.plain.as_deref().unwrap_or(&self.text);
        &text[span.start..span.end]
    }

    /// Line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> LineColumn {
        self.lines.line_column(&self.text, offset)
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset)
    }

    /// Where the lines of [`CheckedDocument::text`] start.
    pub(crate) fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// A cursor for line and column lookups of increasing offsets.
    pub fn cursor(&self) -> span::Cursor<'_> {
        span::Cursor::new(&self.lines, &self.text)
    }

    /// Line, scalar column and byte column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_span(&self, line: usize) -> Span {
        self.lines.line_span(&self.text, line)
    }

    /// The counts of the summary.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for s in &self.sentences {
            summary.count_sentence(s);
        }
        for f in &self.findings {
            summary.count_finding(f);
        }
        summary
    }

    /// A span of [`CheckedDocument::text`] as a span of the file's bytes:
    /// the same for UTF-8, mapped back for a file read as UTF-16 or UTF-32.
    pub fn original_span(&self, span: Span) -> Span {
        match &self.transcoded {
            None => span,
            Some(map) => Span::new(
                map.original(&self.text, span.start),
                map.original(&self.text, span.end),
            ),
        }
    }

    /// Whether spans must go through [`CheckedDocument::original_span`]
    /// to index the file's bytes.
    pub fn is_transcoded(&self) -> bool {
        self.transcoded.is_some()
    }

    /// The most severe finding, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Runs the whole pipeline on one document: segment, attribute, check, and
/// map every span back to the original bytes.
pub fn check_document(mut doc: Document, rules: &RuleSet) -> CheckedDocument {
    let (mut tagged, mut findings) = (Vec::new(), Vec::new());
    let headings = doc.plain.as_ref().map_or(&[][..], |p| &p.headings[..]);
    let mut pipeline = pipeline::Pipeline::new(doc.text(), headings, rules);
    while pipeline.next_window(&mut tagged, &mut findings) {}
    drop(pipeline);
    check::sort(&mut findings);
    let sentence_plain = tagged.iter().map(|s| s.sentence.span).collect();
    let mut suppressed = Vec::new();
    if let Some(plain) = &doc.plain {
        remap(&mut tagged, &mut findings, &plain.map);
        suppressed = check::suppression::apply(&mut findings, &tagged, &plain.comments, rules);
    }
    let notes = doc
        .plain
        .as_mut()
        .map(|p| std::mem::take(&mut p.notes))
        .unwrap_or_default();
    CheckedDocument {
        notes,
        lines: LineIndex::new(&doc.source),
        path: doc.path,
        format: doc.format,
        plain: doc.plain.map(|p| p.text),
        text: doc.source,
        sentences: tagged,
        findings,
        sentence_plain,
        transcoded: doc.transcoded,
        suppressed,
    }
}

/// Moves every span from the extracted prose to the original file.
fn remap(tagged: &mut [TaggedSentence], findings: &mut [Finding], map: &OffsetMap) {
    for s in tagged.iter_mut() {
        s.sentence.span = map.span(s.sentence.span);
        if let Some(a) = &mut s.attribution {
            a.source.span = map.span(a.source.span);
            a.cue.span = map.span(a.cue.span);
            for v in &mut a.via {
                v.span = map.span(v.span);
            }
            if let Carried::Continuation(span) = &mut a.carried {
                *span = map.span(*span);
            }
        }
    }
    for f in findings.iter_mut() {
        f.span = map.span(f.span);
    }
}

/// Checks a plain text given in memory; `path` is only the name shown in reports.
pub fn check_text(path: &str, text: &str, rules: &RuleSet) -> CheckedDocument {
    let doc = Document {
        path: path.to_string(),
        format: InputFormat::Txt,
        source: text.to_string(),
        plain: None,
        transcoded: None,
    };
    check_document(doc, rules)
}
