//! Text: rustc-style diagnostics (file:line:column, the sentence with the
//! problem underlined, a help line), then one summary line per file. Colour
//! only when `main` says the output is a terminal.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use super::Report;
use crate::check::Finding;
use crate::rules::Severity;
use crate::CheckedDocument;

/// The text report.
pub struct TextReport {
    renderer: Renderer,
}

impl TextReport {
    /// A text report, styled with ANSI colours or plain.
    pub fn new(color: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        TextReport { renderer }
    }

    fn render_finding(&self, doc: &CheckedDocument, finding: &Finding) -> String {
        let level = match finding.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        // Show the lines the finding's sentence covers, not the whole file.
        let sentence = doc.sentences[finding.sentence].sentence.span;
        let first = doc.line_column(sentence.start.min(finding.span.start)).line;
        let last = doc.line_column(sentence.end.max(finding.span.end)).line;
        let from = doc.line_span(first).start;
        let to = doc.line_span(last).end;
        let source = super::blank_c1(&doc.text[from..to]);
        let mark = finding.span.start - from..finding.span.end.min(to) - from;
        let path = super::escape_controls(&doc.path, false);
        let snippet = Snippet::source(&*source)
            .line_start(first)
            .path(&*path)
            .annotation(AnnotationKind::Primary.span(mark));
        let mut group = level
            .primary_title(&*finding.message)
            .id(&*finding.rule)
            .element(snippet);
        if let Some(help) = &finding.help {
            group = group.element(Level::HELP.message(&**help));
        }
        self.renderer.render(&[group])
    }
}

impl Report for TextReport {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        for finding in &doc.findings {
            writeln!(out, "{}\n", self.render_finding(doc, finding))?;
        }
        let s = doc.summary();
        writeln!(
            out,
            "{}: {} {}, {} attributed, {} unattributed; {} {}, {} {}, {} {}",
            super::escape_controls(&doc.path, false),
            s.sentences,
            plural(s.sentences, "sentence"),
            s.attributed,
            s.unattributed,
            s.errors,
            plural(s.errors, "error"),
            s.warnings,
            plural(s.warnings, "warning"),
            s.infos,
            plural(s.infos, "info"),
        )?;
        Ok(Some(out))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
