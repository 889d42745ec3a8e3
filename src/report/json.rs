//! JSON and JSON Lines, documented in `docs/json.md`. The shape:
//!
//! ```text
//! {"tool": {"name", "version"},
//!  "documents": [{"path",
//!    "sentences": [{"index", "span": {"start", "end"}, "line", "column", "text",
//!                   "attribution": null | {"source": {"id", "kind", "text", "span"},
//!                                          "cue": {"text", "span"}, "via": [source...],
//!                                          "inherited_from", "refers_to", "quote"},
//!                   "kind": "statement" | "heading" | "byline" | "dateline" | "credit"
//!                           | "boilerplate" | "fragment" | "question",
//!                   "needs_source": null | {"value": bool, "because": "figure" | "quotation"
//!                           | "private-event" | "motive" | "state-of-mind" | "prediction"
//!                           | "evaluation" | "claim" | "public-act" | "own-voice"}}],
//!    "findings": [{"rule", "severity", "sentence", "span", "line", "column", "message", "help"?, "replacement"?}],
//!    "summary": {"sentences", "attributed", "unattributed", "by_source": {id: count},
//!                "errors", "warnings", "infos"}}]}
//! ```
//! `line` is 1-based, `column` 1-based in Unicode scalars; spans are byte ranges.
//! `needs_source` is decided for unattributed statements only (null
//! otherwise): whether an editor would want a source, and why.
//! JSON Lines writes one document object per line.

use std::io::{self, Write};

use serde::Serialize;

use super::held::{check_holding, Texts};
use super::{json_write, Report};
use crate::attribute::{Attribution, Source};
use crate::check::Finding;
use crate::document::Document;
use crate::role::{Need, SentenceKind};
use crate::rules::{RuleSet, Severity};
use crate::span::{Cursor, LineIndex, Span};
use crate::{CheckedDocument, Summary};
use std::borrow::Cow;

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
    attribution: Option<Cow<'a, Attribution>>,
    kind: SentenceKind,
    needs_source: Option<Need>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    #[serde(flatten)]
    finding: Cow<'a, Finding>,
    line: usize,
    column: usize,
}

impl<'a> DocumentJson<'a> {
    /// The serialisable view of a checked document.
    pub fn new(doc: &'a CheckedDocument) -> Self {
        let mut cursor = doc.cursor();
        let sentences: Vec<SentenceJson> = doc
            .sentences
            .iter()
            .map(|s| {
                let at = cursor.line_column(s.sentence.span.start);
                SentenceJson {
                    index: s.sentence.index,
                    span: doc.original_span(s.sentence.span),
                    line: at.line,
                    column: at.column,
                    text: doc.sentence_text(s.sentence.index),
                    attribution: s.attribution.as_ref().map(|a| original_attribution(doc, a)),
                    kind: s.kind,
                    needs_source: s.need,
                }
            })
            .collect();
        // Most findings start where their sentence starts (a statement
        // without a source): they take its position. The others come in
        // document order too, and a cursor of their own moves forward
        // through them, where the sentences' cursor would start each one
        // again from its line start.
        let mut cursor = doc.cursor();
        let findings = doc
            .findings
            .iter()
            .map(|f| {
                let (line, column) = match sentences.get(f.sentence) {
                    Some(s) if s.index == f.sentence && s.span.start == f.span.start => {
                        (s.line, s.column)
                    }
                    _ => {
                        let at = cursor.line_column(f.span.start);
                        (at.line, at.column)
                    }
                };
                FindingJson {
                    finding: if doc.is_transcoded() {
                        Cow::Owned(Finding {
                            span: doc.original_span(f.span),
                            ..f.clone()
                        })
                    } else {
                        Cow::Borrowed(f)
                    },
                    line,
                    column,
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

impl DocumentJson<'_> {
    /// Appends the document's JSON to `out`: the same bytes as
    /// `serde_json::to_writer`, with sentences, attributions and findings
    /// (nearly all of the output) written by hand and their strings escaped
    /// sixteen bytes at a time. The summary goes through serde.
    pub fn write_to(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        self.write_flushing(out, &mut |_| Ok(()))
            .map_err(serde_json::Error::io)
    }

    /// As [`DocumentJson::write_to`], handing `out` to `flush` whenever it
    /// holds more than `FLUSH_AT` bytes: a huge document is written
    /// piece by piece instead of whole in memory.
    pub fn write_flushing(
        &self,
        out: &mut Vec<u8>,
        flush: &mut dyn FnMut(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut maybe_flush = |out: &mut Vec<u8>| {
            if out.len() > FLUSH_AT {
                flush(out)
            } else {
                Ok(())
            }
        };
        out.extend_from_slice(b"{\"path\":");
        json_write::string(out, self.path);
        out.extend_from_slice(b",\"sentences\":[");
        for (i, s) in self.sentences.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            s.write_to(out);
            maybe_flush(out)?;
        }
        out.extend_from_slice(b"],\"findings\":[");
        for (i, f) in self.findings.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            f.write_to(out);
            maybe_flush(out)?;
        }
        out.push(b']');
        out.extend_from_slice(b",\"summary\":");
        serde_json::to_writer(&mut *out, &self.summary).map_err(io::Error::other)?;
        out.push(b'}');
        Ok(())
    }
}

impl SentenceJson<'_> {
    fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"index\":");
        json_write::integer(out, self.index);
        out.extend_from_slice(b",\"span\":");
        write_span(out, self.span);
        out.extend_from_slice(b",\"line\":");
        json_write::integer(out, self.line);
        out.extend_from_slice(b",\"column\":");
        json_write::integer(out, self.column);
        out.extend_from_slice(b",\"text\":");
        json_write::string(out, self.text);
        out.extend_from_slice(b",\"attribution\":");
        match &self.attribution {
            Some(a) => write_attribution(out, a),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"kind\":\"");
        out.extend_from_slice(self.kind.as_str().as_bytes());
        out.extend_from_slice(b"\",\"needs_source\":");
        match self.needs_source {
            Some(n) => {
                out.extend_from_slice(if n.value {
                    b"{\"value\":true,\"because\":\""
                } else {
                    b"{\"value\":false,\"because\":\""
                });
                out.extend_from_slice(n.because.as_str().as_bytes());
                out.extend_from_slice(b"\"}");
            }
            None => out.extend_from_slice(b"null"),
        }
        out.push(b'}');
    }
}

impl FindingJson<'_> {
    fn write_to(&self, out: &mut Vec<u8>) {
        let f = &*self.finding;
        let texts = Texts {
            rule: &f.rule,
            message: &f.message,
            help: f.help.as_deref(),
            replacement: f.replacement.as_deref(),
        };
        write_finding(
            out,
            &texts,
            f.severity,
            f.sentence,
            f.span,
            (self.line, self.column),
        );
    }
}

/// A finding's JSON, from its texts and its place.
fn write_finding(
    out: &mut Vec<u8>,
    texts: &Texts,
    severity: Severity,
    sentence: usize,
    span: Span,
    (line, column): (usize, usize),
) {
    out.extend_from_slice(b"{\"rule\":");
    json_write::string(out, texts.rule);
    out.extend_from_slice(b",\"severity\":");
    json_write::string(out, severity.as_str());
    out.extend_from_slice(b",\"sentence\":");
    json_write::integer(out, sentence);
    out.extend_from_slice(b",\"span\":");
    write_span(out, span);
    out.extend_from_slice(b",\"message\":");
    json_write::string(out, texts.message);
    if let Some(help) = texts.help {
        out.extend_from_slice(b",\"help\":");
        json_write::string(out, help);
    }
    if let Some(replacement) = texts.replacement {
        out.extend_from_slice(b",\"replacement\":");
        json_write::string(out, replacement);
    }
    out.extend_from_slice(b",\"line\":");
    json_write::integer(out, line);
    out.extend_from_slice(b",\"column\":");
    json_write::integer(out, column);
    out.push(b'}');
}

/// The attribution as JSON shows it: spans into the file's own bytes.
fn original_attribution<'a>(doc: &CheckedDocument, a: &'a Attribution) -> Cow<'a, Attribution> {
    if !doc.is_transcoded() {
        return Cow::Borrowed(a);
    }
    let mut a = a.clone();
    a.source.span = doc.original_span(a.source.span);
    a.cue.span = doc.original_span(a.cue.span);
    for v in &mut a.via {
        v.span = doc.original_span(v.span);
    }
    Cow::Owned(a)
}

fn write_span(out: &mut Vec<u8>, span: Span) {
    out.extend_from_slice(b"{\"start\":");
    json_write::integer(out, span.start);
    out.extend_from_slice(b",\"end\":");
    json_write::integer(out, span.end);
    out.push(b'}');
}

fn write_attribution(out: &mut Vec<u8>, a: &Attribution) {
    out.extend_from_slice(b"{\"source\":");
    write_source(out, &a.source);
    out.extend_from_slice(b",\"cue\":{\"text\":");
    json_write::string(out, &a.cue.text);
    out.extend_from_slice(b",\"span\":");
    write_span(out, a.cue.span);
    out.extend_from_slice(b"},\"via\":[");
    for (i, v) in a.via.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_source(out, v);
    }
    out.extend_from_slice(b"],\"inherited_from\":");
    match a.inherited_from {
        Some(i) => json_write::integer(out, i),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"refers_to\":");
    match a.refers_to {
        Some(i) => json_write::integer(out, i),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(if a.quote {
        b",\"quote\":true}"
    } else {
        b",\"quote\":false}"
    });
}

fn write_source(out: &mut Vec<u8>, source: &Source) {
    out.extend_from_slice(b"{\"id\":");
    match &source.id {
        Some(id) => json_write::string(out, id),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"kind\":");
    json_write::string(out, &source.kind);
    out.extend_from_slice(b",\"text\":");
    json_write::string(out, &source.text);
    out.extend_from_slice(b",\"span\":");
    write_span(out, source.span);
    out.push(b'}');
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

/// Bytes of JSON held before they are written, for a document too large
/// to render whole.
pub const FLUSH_AT: usize = 1 << 16;

/// Documents with more text than this are written as they are serialised,
/// when their turn comes, not rendered whole on a worker thread: their JSON
/// is several times their text.
const RENDER_WHOLE_BELOW: usize = 4 << 20;

/// A document's JSON, rendered whole when it is small enough (on the worker
/// threads), else nothing: [`write_large`] writes it when its turn comes.
fn render_whole(doc: &CheckedDocument, end: &[u8]) -> io::Result<Option<Vec<u8>>> {
    if doc.text.len() >= RENDER_WHOLE_BELOW {
        return Ok(None);
    }
    whole(doc, end).map(Some)
}

/// A document's JSON in one buffer, then `end`.
fn whole(doc: &CheckedDocument, end: &[u8]) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(expected_size(doc) + end.len());
    DocumentJson::new(doc).write_to(&mut bytes)?;
    bytes.extend_from_slice(end);
    Ok(bytes)
}

/// Writes a document's JSON to `out` a piece at a time, then `end`.
fn write_large(doc: &CheckedDocument, end: &[u8], out: &mut dyn Write) -> io::Result<()> {
    let mut buffer = Vec::with_capacity(2 * FLUSH_AT);
    DocumentJson::new(doc).write_flushing(&mut buffer, &mut |b| {
        out.write_all(b)?;
        b.clear();
        Ok(())
    })?;
    buffer.extend_from_slice(end);
    out.write_all(&buffer)
}

/// What a document checked while it was written came to, for the run's
/// outcome.
#[derive(Debug, Clone, Copy)]
pub struct Streamed {
    /// Its sentences.
    pub sentences: usize,
    /// Its most severe finding.
    pub worst: Option<Severity>,
}

/// Whether [`write_streamed`] takes this document: plain UTF-8 text of at
/// least [`RENDER_WHOLE_BELOW`] bytes (smaller ones are checked and
/// rendered whole on the worker threads).
pub fn streams(doc: &Document) -> bool {
    doc.plain.is_none() && doc.transcoded.is_none() && doc.source.len() >= RENDER_WHOLE_BELOW
}

/// Checks a plain UTF-8 document and writes its JSON to `out` as the
/// pipeline hands its sentences on, then `end`: the same bytes as checking
/// it whole and writing it, without holding its sentences. Only the
/// findings wait for the end (they follow the sentences).
pub fn write_streamed(
    doc: &Document,
    rules: &RuleSet,
    end: &[u8],
    out: &mut dyn Write,
) -> io::Result<Streamed> {
    let text = doc.source.as_str();
    let lines = LineIndex::new(text);
    let mut buffer = Vec::with_capacity(2 * FLUSH_AT);
    let mut flush = |buffer: &mut Vec<u8>, at: usize| -> io::Result<()> {
        if buffer.len() > at {
            out.write_all(buffer)?;
            buffer.clear();
        }
        Ok(())
    };
    buffer.extend_from_slice(b"{\"path\":");
    json_write::string(&mut buffer, &doc.path);
    buffer.extend_from_slice(b",\"sentences\":[");
    let mut cursor = Cursor::new(&lines, text);
    let mut first = true;
    let (summary, mut held) = check_holding(text, rules, |s| {
        if !std::mem::take(&mut first) {
            buffer.push(b',');
        }
        let span = s.sentence.span;
        let at = cursor.line_column(span.start);
        SentenceJson {
            index: s.sentence.index,
            span,
            line: at.line,
            column: at.column,
            text: &text[span.start..span.end],
            attribution: s.attribution.as_ref().map(Cow::Borrowed),
            kind: s.kind,
            needs_source: s.need,
        }
        .write_to(&mut buffer);
        flush(&mut buffer, FLUSH_AT)
    })?;
    buffer.extend_from_slice(b"],\"findings\":[");
    let mut cursor = Cursor::new(&lines, text);
    let mut worst = None;
    for (i, (f, texts)) in held.in_order().enumerate() {
        if i > 0 {
            buffer.push(b',');
        }
        worst = worst.max(Some(f.severity));
        let at = cursor.line_column(f.span.start);
        write_finding(
            &mut buffer,
            &texts,
            f.severity,
            f.sentence,
            f.span,
            (at.line, at.column),
        );
        flush(&mut buffer, FLUSH_AT)?;
    }
    buffer.extend_from_slice(b"],\"summary\":");
    serde_json::to_writer(&mut buffer, &summary).map_err(io::Error::other)?;
    buffer.push(b'}');
    buffer.extend_from_slice(end);
    flush(&mut buffer, 0)?;
    Ok(Streamed {
        sentences: summary.sentences,
        worst,
    })
}

/// Writes what `render_whole` made of a document, or the document itself
/// a piece at a time when it was too large to render whole.
fn write_rendered(
    doc: &CheckedDocument,
    rendered: Option<Vec<u8>>,
    end: &[u8],
    out: &mut dyn Write,
) -> io::Result<()> {
    match rendered {
        Some(bytes) => out.write_all(&bytes),
        None => write_large(doc, end, out),
    }
}

impl Report for JsonReport {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        render_whole(doc, b"")
    }

    fn streams(&self, doc: &Document) -> bool {
        streams(doc)
    }

    fn stream(
        &mut self,
        doc: &Document,
        rules: &RuleSet,
        out: &mut dyn Write,
    ) -> io::Result<Streamed> {
        self.start(out)?;
        writeln!(out)?;
        write_streamed(doc, rules, b"", out)
    }

    fn take(
        &mut self,
        doc: &CheckedDocument,
        rendered: Option<Vec<u8>>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.start(out)?;
        writeln!(out)?;
        write_rendered(doc, rendered, b"", out)
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

impl JsonlReport {
    /// A document's line, whatever its size (a `--stdin-jsonl` record,
    /// whose text is in memory already).
    pub fn line(&self, doc: &CheckedDocument) -> io::Result<Vec<u8>> {
        whole(doc, b"\n")
    }
}

impl Report for JsonlReport {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        render_whole(doc, b"\n")
    }

    fn streams(&self, doc: &Document) -> bool {
        streams(doc)
    }

    fn stream(
        &mut self,
        doc: &Document,
        rules: &RuleSet,
        out: &mut dyn Write,
    ) -> io::Result<Streamed> {
        write_streamed(doc, rules, b"\n", out)
    }

    fn take(
        &mut self,
        doc: &CheckedDocument,
        rendered: Option<Vec<u8>>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_rendered(doc, rendered, b"\n", out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn a_document_written_in_pieces_is_the_document_rendered_whole() {
        let rules = RuleSet::embedded();
        let text: String = (0..3000)
            .map(|i| format!("Prices rose {i}% in March, the ministry said. Kyiv was calm. "))
            .collect();
        let doc = crate::check_text("big.txt", &text, &rules);
        let mut whole = Vec::new();
        DocumentJson::new(&doc).write_to(&mut whole).unwrap();
        assert!(whole.len() > 4 * FLUSH_AT, "large enough to flush");
        let mut pieces = Vec::new();
        let mut flushes = 0;
        write_large(&doc, b"\n", &mut CountingWriter(&mut pieces, &mut flushes)).unwrap();
        whole.push(b'\n');
        assert_eq!(
            String::from_utf8(pieces).unwrap(),
            String::from_utf8(whole).unwrap()
        );
        assert!(flushes > 4, "written a piece at a time, {flushes} writes");
    }

    /// A document checked while it is written comes out as the same bytes
    /// as one checked whole and then written: sentences, findings (a
    /// count over the whole document among them, made at its end) and
    /// summary.
    #[test]
    fn a_document_checked_as_it_is_written_is_the_document_checked_whole() {
        let (rules, mut text) = crate::test_util::long_document(4);
        text.push_str("Serhyi Haidai spoke. Governor Serhiy Haidai agreed, officials said.");
        let doc = crate::document::Document {
            path: "wire \"day\".txt".to_string(),
            format: crate::document::InputFormat::Txt,
            source: text.clone(),
            plain: None,
            transcoded: None,
        };
        let mut streamed = Vec::new();
        let mut writes = 0;
        let counted = write_streamed(
            &doc,
            &rules,
            b"\n",
            &mut CountingWriter(&mut streamed, &mut writes),
        )
        .unwrap();
        let whole = crate::check_text(&doc.path, &text, &rules);
        assert!(whole.findings.iter().any(|f| f.rule == "house-said"));
        assert!(whole.sentences.len() > 600, "several windows");
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(super::whole(&whole, b"\n").unwrap()).unwrap()
        );
        assert!(writes > 4, "written a piece at a time, {writes} writes");
        assert_eq!(counted.sentences, whole.sentences.len());
        assert_eq!(counted.worst, whole.worst());
    }

    struct CountingWriter<'a>(&'a mut Vec<u8>, &'a mut usize);

    impl Write for CountingWriter<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            *self.1 += 1;
            self.0.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// The hand-written path must stay byte-identical to the derived
    /// `Serialize`, which is the reference for the shape (docs/json.md).
    #[test]
    fn hand_written_json_matches_serde() {
        let rules = RuleSet::embedded();
        let mut texts: Vec<(String, String)> = std::fs::read_dir("corpus")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        texts.push((
            "odd \"name\"\\.txt".to_string(),
            "\"We won,\" said Anna Kowalska, the\tmayor.\r\nA back\\slash \u{1}here, \
             officials said. Serhyi Haidai spoke. Governor Serhiy Haidai agreed."
                .to_string(),
        ));
        assert!(texts.len() > 10);
        for (path, text) in texts {
            let doc = crate::check_text(&path, &text, &rules);
            let json = DocumentJson::new(&doc);
            let mut ours = Vec::new();
            json.write_to(&mut ours).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&json).unwrap(),
                "{path}"
            );
        }
    }
}
