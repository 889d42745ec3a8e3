//! JSON and JSON Lines (DESIGN §5). The shape:
//!
//! ```text
//! {"tool": {"name", "version"},
//!  "documents": [{"path",
//!    "sentences": [{"index", "span": {"start", "end"}, "line", "column", "text",
//!                   "attribution": null | {"source": {"id", "kind", "text", "span"},
//!                                          "cue": {"text", "span"}, "via": [source...],
//!                                          "inherited_from", "quote"}}],
//!    "findings": [{"rule", "severity", "sentence", "span", "line", "column", "message", "help"?}],
//!    "summary": {"sentences", "attributed", "unattributed", "by_source": {id: count},
//!                "errors", "warnings", "infos"}}]}
//! ```
//! `line` is 1-based, `column` 1-based in Unicode scalars; spans are byte ranges.
//! JSON Lines writes one document object per line.

use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::attribute::Attribution;
use crate::check::Finding;
use crate::span::Span;
use crate::{CheckedDocument, Summary};

/// One document as serialised.
#[derive(Serialize)]
pub struct DocumentJson<'a> {
    path: &'a str,
    sentences: Vec<SentenceJson<'a>>,
    findings: Vec<FindingJson<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    index: usize,
    span: Span,
    line: usize,
    column: usize,
    text: &'a str,
    attribution: Option<&'a Attribution>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    line: usize,
    column: usize,
}

impl<'a> DocumentJson<'a> {
    /// The serialisable view of a checked document.
    pub fn new(doc: &'a CheckedDocument) -> Self {
        let mut cursor = doc.cursor();
        let sentences = doc
            .sentences
            .iter()
            .map(|s| {
                let at = cursor.line_column(s.sentence.span.start);
                SentenceJson {
                    index: s.sentence.index,
                    span: s.sentence.span,
                    line: at.line,
                    column: at.column,
                    text: doc.sentence_text(s.sentence.index),
                    attribution: s.attribution.as_ref(),
                }
            })
            .collect();
        let findings = doc
            .findings
            .iter()
            .map(|f| {
                let at = cursor.line_column(f.span.start);
                FindingJson {
                    finding: f,
                    line: at.line,
                    column: at.column,
                }
            })
            .collect();
        DocumentJson {
            path: &doc.path,
            sentences,
            findings,
            summary: doc.summary(),
        }
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

const TOOL: Tool = Tool {
    name: env!("CARGO_PKG_NAME"),
    version: env!("CARGO_PKG_VERSION"),
};

/// Writes one JSON object, streaming: the header before the first document,
/// each document as it comes, the closing brackets at the end. Memory stays
/// bounded by one document however many are checked.
#[derive(Default)]
pub struct JsonReport {
    started: bool,
}

impl JsonReport {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(out, "{{\"tool\":")?;
            serde_json::to_writer(&mut *out, &TOOL)?;
            write!(out, ",\"documents\":[")?;
        } else {
            write!(out, ",")?;
        }
        Ok(())
    }
}

impl Report for JsonReport {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        let mut bytes = Vec::with_capacity(expected_size(doc));
        serde_json::to_writer(&mut bytes, &DocumentJson::new(doc))?;
        Ok(Some(bytes))
    }

    fn take(
        &mut self,
        _doc: &CheckedDocument,
        rendered: Option<Vec<u8>>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.start(out)?;
        writeln!(out)?;
        out.write_all(&rendered.unwrap_or_default())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            write!(out, "{{\"tool\":")?;
            serde_json::to_writer(&mut *out, &TOOL)?;
            return writeln!(out, ",\"documents\":[]}}");
        }
        writeln!(out, "\n]}}")
    }
}

/// About how many bytes a document's JSON takes (its text, once per
/// sentence and once per attribution, plus the fields), so that the buffer
/// is allocated once rather than grown by doubling.
fn expected_size(doc: &CheckedDocument) -> usize {
    doc.text.len() * 2 + doc.sentences.len() * 200 + doc.findings.len() * 160 + 256
}

/// Writes each document as one line as soon as it is checked.
pub struct JsonlReport;

impl Report for JsonlReport {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::with_capacity(expected_size(doc));
        serde_json::to_writer(&mut line, &DocumentJson::new(doc))?;
        line.push(b'\n');
        Ok(Some(line))
    }
}
