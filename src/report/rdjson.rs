//! Reviewdog Diagnostic Format, one JSON object per line (`rdjsonl`), for
//! `reviewdog -f=rdjsonl`. Its columns count UTF-8 bytes, from 1; the range
//! end is exclusive.

use std::io::{self, Write};

use serde::Serialize;

use super::sarif::RULES_DOC;
use super::Report;
use crate::rules::Severity;
use crate::span::Position;
use crate::CheckedDocument;

/// The reviewdog report.
pub struct RdjsonlReport;

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code<'a>,
    /// A house rule's preferred form: reviewdog offers it as a suggested change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Clone, Copy, Serialize)]
struct Range {
    start: Point,
    end: Point,
}

#[derive(Clone, Copy, Serialize)]
struct Point {
    line: usize,
    column: usize,
}

impl From<Position> for Point {
    fn from(p: Position) -> Self {
        Point {
            line: p.line,
            column: p.byte_column,
        }
    }
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
    url: String,
}

impl Report for RdjsonlReport {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        let path = super::repo_path(&doc.path);
        let (mut starts, mut ends) = (doc.cursor(), doc.cursor());
        for f in &doc.findings {
            let range = Range {
                start: starts.position(f.span.start).into(),
                end: ends.position(f.span.end).into(),
            };
            let suggestions = f
                .replacement
                .as_deref()
                .map(|text| Suggestion { range, text })
                .into_iter()
                .collect();
            let diagnostic = Diagnostic {
                message: super::message_with_help(f),
                suggestions,
                location: Location { path: &path, range },
                severity: match f.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Info => "INFO",
                },
                source: Source {
                    name: "provenance",
                    url: env!("CARGO_PKG_REPOSITORY"),
                },
                code: Code {
                    value: &f.rule,
                    url: format!("{RULES_DOC}#{}", f.rule),
                },
            };
            serde_json::to_writer(&mut out, &diagnostic)?;
            writeln!(out)?;
        }
        Ok(Some(out))
    }
}
