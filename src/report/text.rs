//! Text: rustc-style diagnostics (file:line:column, the sentence with the
//! problem underlined, a help line), then one summary line per file. Colour
//! only when `main` says the output is a terminal.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use super::Report;
use crate::check::Finding;
use crate::rules::Severity;
use crate::{CheckedDocument, Summary};

/// The text report.
pub struct TextReport {
    renderer: Renderer,
    quiet: bool,
    /// Files reported, and the sum of their summaries, for the grand total.
    files: usize,
    total: Summary,
}

impl TextReport {
    /// A text report, styled with ANSI colours or plain.
    pub fn new(color: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        TextReport {
            renderer,
            quiet: false,
            files: 0,
            total: Summary::default(),
        }
    }

    /// With `quiet`, only findings: no summary line for a file without
    /// any, and no grand total.
    pub fn quiet(self, quiet: bool) -> Self {
        TextReport { quiet, ..self }
    }

    fn render_finding(
        &self,
        doc: &CheckedDocument,
        finding: &Finding,
        at: crate::span::LineColumn,
    ) -> String {
        let level = match finding.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        // Show the lines the finding's sentence covers, not the whole file;
        // on a very long line (minified HTML, an export with no line
        // breaks), a window around the finding: every snippet stays small
        // and the report linear in the findings.
        let sentence = doc.sentences[finding.sentence].sentence.span;
        let from = doc
            .line_span(doc.line_of(sentence.start.min(finding.span.start)))
            .start;
        let to = doc
            .line_span(doc.line_of(sentence.end.max(finding.span.end)))
            .end;
        let (from, to, cut_before, cut_after) = window(&doc.text, from, to, finding.span);
        let mut source = String::with_capacity(to - from + 8);
        if cut_before {
            source.push_str(ELLIPSIS);
        }
        source.push_str(&super::blank_c1(&doc.text[from..to]));
        if cut_after {
            source.push_str(ELLIPSIS);
        }
        let shift = if cut_before { ELLIPSIS.len() } else { 0 };
        let mark =
            finding.span.start - from + shift..finding.span.end.clamp(from, to) - from + shift;
        let path = super::escape_controls(&doc.path, false);
        let snippet = Snippet::source(source)
            .line_start(doc.line_of(from))
            .annotation(AnnotationKind::Primary.span(mark));
        let title = level.primary_title(&*finding.message).id(&*finding.rule);
        // From a line's start the renderer works out the column itself;
        // from a cut it would count from the cut, so the location line is
        // written here, in the renderer's layout, after the title.
        let mut group = if cut_before {
            title.element(snippet)
        } else {
            title.element(snippet.path(&*path))
        };
        if let Some(help) = &finding.help {
            group = group.element(Level::HELP.message(&**help));
        }
        if let Some(replacement) = &finding.replacement {
            group = group.element(Level::HELP.message(format!("write: {replacement}")));
        }
        let rendered = self.renderer.render(&[group]);
        if !cut_before {
            return rendered;
        }
        let width = doc.line_of(to).to_string().len();
        let location = format!("{:width$}--> {path}:{}:{}", "", at.line, at.column);
        match rendered.split_once('\n') {
            Some((head, rest)) => format!("{head}\n{location}\n{rest}"),
            None => format!("{rendered}\n{location}"),
        }
    }
}

/// Marks a cut in a quoted line.
const ELLIPSIS: &str = "…";

/// Lines up to this many bytes are quoted whole (the renderer trims them
/// to the terminal's width around the mark).
const WHOLE_LINE: usize = 480;
/// On a longer line: the bytes quoted on each side of the finding...
const CONTEXT: usize = 30;
/// ...and at most this much of the finding itself.
const MOST_MARKED: usize = 400;

/// The part of `from..to` to quote for a finding at `span`: all of it when
/// short, else the finding (its first [`MOST_MARKED`] bytes) with a little
/// context on each side, on character boundaries, and whether each end was
/// cut. Only what the renderer would show is handed to it: a report on one
/// long line stays linear, and each finding costs about what it shows.
fn window(
    text: &str,
    from: usize,
    to: usize,
    span: crate::span::Span,
) -> (usize, usize, bool, bool) {
    if to - from <= WHOLE_LINE {
        return (from, to, false, false);
    }
    let mut start = span.start.saturating_sub(CONTEXT).max(from);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let marked_end = span.end.min(span.start + MOST_MARKED);
    let mut end = (marked_end + CONTEXT).min(to).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end, start > from, end < to)
}

impl Report for TextReport {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        // Positions in one forward walk; the findings then render on the
        // run's worker threads when there are many (a whole book, a long
        // export), one after the other otherwise.
        let mut cursor = doc.cursor();
        let at: Vec<_> = doc
            .findings
            .iter()
            .map(|f| cursor.line_column(f.span.start))
            .collect();
        let blocks = super::per_finding(doc, |i| self.render_finding(doc, &doc.findings[i], at[i]));
        let bytes: usize = blocks.iter().map(|b| b.len() + 2).sum();
        let mut out = Vec::with_capacity(bytes + 256);
        for block in blocks {
            out.extend_from_slice(block.as_bytes());
            out.extend_from_slice(b"\n\n");
        }
        if !(self.quiet && doc.findings.is_empty()) {
            let s = doc.summary();
            writeln!(
                out,
                "{}: {}",
                super::escape_controls(&doc.path, false),
                counts(&s)
            )?;
        }
        Ok(Some(out))
    }

    fn take(
        &mut self,
        doc: &CheckedDocument,
        rendered: Option<Vec<u8>>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.total.add(&doc.summary());
        self.files += 1;
        out.write_all(&rendered.unwrap_or_default())
    }

    /// A grand total when more than one file was checked.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet || self.files < 2 {
            return Ok(());
        }
        writeln!(out, "total: {} files, {}", self.files, counts(&self.total))
    }
}

/// "12 sentences, 9 attributed, 3 unattributed; 1 error, 2 warnings, 0 infos".
fn counts(s: &Summary) -> String {
    format!(
        "{} {}, {} attributed, {} unattributed; {} {}, {} {}, {} {}",
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
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
