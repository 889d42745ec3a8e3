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
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Point,
    end: Point,
}

#[derive(Serialize)]
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
            let diagnostic = Diagnostic {
                message: super::message_with_help(f),
                location: Location {
                    path: &path,
                    range: Range {
                        start: starts.position(f.span.start).into(),
                        end: ends.position(f.span.end).into(),
                    },
                },
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
