//! Text: rustc-style diagnostics (file:line:column, the sentence with the
//! problem underlined, a help line), then one summary line per file. Colour
//! only when `main` says the output is a terminal.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use super::held::check_holding;
use super::{Report, Streamed};
use crate::check::Finding;
use crate::document::Document;
use crate::rules::{RuleSet, Severity};
use crate::span::{LineIndex, Span};
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

    /// A file's summary line, unless quiet and the file has no finding.
    fn summary_line(&self, path: &str, s: &Summary, out: &mut Vec<u8>) -> io::Result<()> {
        if self.quiet && s.errors + s.warnings + s.infos == 0 {
            return Ok(());
        }
        writeln!(
            out,
            "{}: {}",
            super::escape_controls(path, false),
            counts(s)
        )
    }

    fn render_finding(
        &self,
        doc: &Place,
        finding: &Finding,
        sentence: Span,
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
        let line_span = |offset: usize| doc.lines.line_span(doc.text, doc.lines.line_of(offset));
        let from = line_span(sentence.start.min(finding.span.start)).start;
        let to = line_span(sentence.end.max(finding.span.end)).end;
        let (from, to, cut_before, cut_after) = window(doc.text, from, to, finding.span);
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
        let path = super::escape_controls(doc.path, false);
        let snippet = Snippet::source(source)
            .line_start(doc.lines.line_of(from))
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
        let width = doc.lines.line_of(to).to_string().len();
        let location = format!("{:width$}--> {path}:{}:{}", "", at.line, at.column);
        match rendered.split_once('\n') {
            Some((head, rest)) => format!("{head}\n{location}\n{rest}"),
            None => format!("{rendered}\n{location}"),
        }
    }
}

/// Where a finding is quoted from: the text, its lines, the path shown.
struct Place<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    path: &'a str,
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
        let place = Place {
            text: &doc.text,
            lines: doc.lines(),
            path: &doc.path,
        };
        let blocks = super::per_finding(doc, |i| {
            let f = &doc.findings[i];
            self.render_finding(&place, f, doc.sentences[f.sentence].sentence.span, at[i])
        });
        let bytes: usize = blocks.iter().map(|b| b.len() + 2).sum();
        let mut out = Vec::with_capacity(bytes + 256);
        for block in blocks {
            out.extend_from_slice(block.as_bytes());
            out.extend_from_slice(b"\n\n");
        }
        self.summary_line(&doc.path, &doc.summary(), &mut out)?;
        Ok(Some(out))
    }

    fn streams(&self, doc: &Document) -> bool {
        // Sentence spans are kept in 32 bits until the findings are written.
        super::json::streams(doc) && u32::try_from(doc.source.len()).is_ok()
    }

    fn stream(
        &mut self,
        doc: &Document,
        rules: &RuleSet,
        out: &mut dyn Write,
    ) -> io::Result<Streamed> {
        let text = doc.source.as_str();
        // Each sentence's span, for the lines its findings quote.
        let mut spans: Vec<(u32, u32)> = Vec::new();
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (summary, mut held) = check_holding(text, rules, |s| {
            spans.push((narrow(s.sentence.span.start), narrow(s.sentence.span.end)));
            Ok(())
        })?;
        let lines = LineIndex::new(text);
        let place = Place {
            text,
            lines: &lines,
            path: &doc.path,
        };
        let mut cursor = crate::span::Cursor::new(&lines, text);
        let mut buffer = Vec::new();
        let mut worst = None;
        for (f, texts) in held.in_order() {
            worst = worst.max(Some(f.severity));
            let finding = f.finding(&texts);
            let sentence = spans.get(f.sentence).map_or(f.span, |&(start, end)| {
                Span::new(start as usize, end as usize)
            });
            let at = cursor.line_column(f.span.start);
            buffer.extend_from_slice(
                self.render_finding(&place, &finding, sentence, at)
                    .as_bytes(),
            );
            buffer.extend_from_slice(b"\n\n");
            if buffer.len() > super::json::FLUSH_AT {
                out.write_all(&buffer)?;
                buffer.clear();
            }
        }
        self.summary_line(&doc.path, &summary, &mut buffer)?;
        out.write_all(&buffer)?;
        self.total.add(&summary);
        self.files += 1;
        Ok(Streamed {
            sentences: summary.sentences,
            worst,
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A document checked as its report is written reads as one checked
    /// whole: the same findings, quoting the same lines (a sentence over
    /// two lines, a count over the whole document made at its end), and
    /// the same summary line and grand total.
    #[test]
    fn a_document_checked_as_it_is_written_is_reported_as_a_whole_one() {
        let (rules, mut text) = crate::test_util::long_document(3);
        // A sentence over two long lines: its finding quotes both, cut
        // to a window around the source.
        let long = "and the crossing would stay shut ".repeat(9);
        text.push_str(&format!(
            "Two senior officials at the harbour authority said on Tuesday that {long}\n\
             {long}until the ice melts in the spring.\n"
        ));
        let doc = Document {
            path: "wire.txt".to_string(),
            format: crate::document::InputFormat::Txt,
            source: text.clone(),
            plain: None,
            transcoded: None,
        };
        for quiet in [false, true] {
            let mut streamed = Vec::new();
            let mut report = TextReport::new(false).quiet(quiet);
            let counted = report.stream(&doc, &rules, &mut streamed).unwrap();
            report.stream(&doc, &rules, &mut streamed).unwrap();
            report.finish(&mut streamed).unwrap();
            let whole = crate::check_text("wire.txt", &text, &rules);
            assert!(whole.findings.iter().any(|f| f.rule == "house-said"));
            let mut expected = Vec::new();
            let mut report = TextReport::new(false).quiet(quiet);
            report.document(&whole, &mut expected).unwrap();
            report.document(&whole, &mut expected).unwrap();
            report.finish(&mut expected).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(expected).unwrap()
            );
            assert_eq!(counted.sentences, whole.sentences.len());
            assert_eq!(counted.worst, whole.worst());
        }
    }
}
