//! Reports: one module per output format. A report gets one call per checked
//! document and a `finish`, writing to whatever `main` hands it, so JSON Lines
//! can stream while JSON collects. The `match` over formats is here only.

mod github;
mod held;
mod html;
mod json;
mod json_write;
mod rdjson;
mod sarif;
mod text;

use std::io::{self, Write};
use std::path::PathBuf;

use crate::rules::RuleSet;
use crate::CheckedDocument;

pub use github::{escape_data, escape_property, GithubReport};
pub use html::HtmlReport;
pub use json::{write_streamed, DocumentJson, JsonReport, JsonlReport, Streamed};
pub use rdjson::RdjsonlReport;
pub use sarif::{relative_uri, SarifReport, FINGERPRINT_KEY, RULES_DOC};
pub use text::TextReport;

/// Output formats, named as the user types them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics and a summary line per file.
    Text,
    /// One JSON object with every document (docs/json.md).
    Json,
    /// One JSON document object per line, written as each is done.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations), plus a table in
    /// `GITHUB_STEP_SUMMARY` when it is set.
    Github,
    /// Reviewdog diagnostics, one JSON object per line.
    Rdjsonl,
    /// A self-contained annotated HTML page for editors.
    Html,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Rdjsonl => "rdjsonl",
            Format::Html => "html",
        }
    }
}

/// What reports may need besides the documents.
pub struct ReportOptions<'a> {
    /// ANSI colours in the text report.
    pub color: bool,
    /// Text: findings only, no summary line for a file without findings
    /// and no grand total.
    pub quiet: bool,
    /// The rules in effect (SARIF lists the checks).
    pub rules: &'a RuleSet,
    /// Where the GitHub report appends its Markdown table.
    pub step_summary: Option<PathBuf>,
}

impl<'a> ReportOptions<'a> {
    /// No colour, no step summary.
    pub fn plain(rules: &'a RuleSet) -> Self {
        ReportOptions {
            color: false,
            quiet: false,
            rules,
            step_summary: None,
        }
    }
}

/// `s` with every control character (C0 but line breaks when `lines`,
/// DEL, C1) written as `\u{1b}`: what an article or a file name holds must
/// never set a terminal's title, clear its screen or move its cursor.
pub fn escape_controls(s: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !(lines && c == '\n');
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `s` with each C1 control character (U+0080..U+009F, which some
/// terminals obey) replaced by a middle dot of the same UTF-8 length, so
/// that byte offsets into it still hold. C0 controls and DEL are shown as
/// control pictures by the snippet renderer itself.
pub fn blank_c1(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if ('\u{80}'..='\u{9f}').contains(&c) {
                    '\u{b7}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// A finding's message with its advice after it, for formats that have one
/// text field for both (SARIF, reviewdog).
pub fn message_with_help(f: &crate::check::Finding) -> String {
    match &f.help {
        Some(help) => format!("{} (help: {help})", f.message),
        None => f.message.to_string(),
    }
}

/// A document's path as CI tools want it: relative to the working folder
/// (the repository root in CI) when it was given as an absolute path inside it.
pub fn repo_path(path: &str) -> String {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        if let Some(relative) = std::env::current_dir().ok().and_then(|cwd| {
            p.strip_prefix(cwd)
                .ok()
                .map(|r| r.to_string_lossy().into_owned())
        }) {
            return relative;
        }
    }
    path.to_string()
}

/// A document with this many findings renders them in parallel, when it is
/// checked on a worker thread (never with `--threads 1`).
const PARALLEL_FINDINGS: usize = 512;

/// `render(i)` for each finding `i` of `doc`, in order: on the run's worker
/// threads when there are many (a whole book, a long export), one after the
/// other otherwise.
fn per_finding<T: Send>(doc: &CheckedDocument, render: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let n = doc.findings.len();
    if n >= PARALLEL_FINDINGS && rayon::current_thread_index().is_some() {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(&render).collect()
    } else {
        (0..n).map(render).collect()
    }
}

/// Receives checked documents and writes them out. Streaming formats do
/// their work in `render`, which runs on the worker threads beside the
/// checking, so the thread that writes only copies bytes; `take` then gets
/// each document in input order.
pub trait Report: Sync {
    /// The bytes of one document, for formats whose output for a document
    /// does not depend on the others; `None` for formats that collect.
    fn render(&self, _doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        Ok(None)
    }
    /// Takes one document, in order, with what `render` made of it: writes
    /// the bytes (the default), or collects the document.
    fn take(
        &mut self,
        _doc: &CheckedDocument,
        rendered: Option<Vec<u8>>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        match rendered {
            Some(bytes) => out.write_all(&bytes),
            None => Ok(()),
        }
    }
    /// Hears of an input that could not be checked, before `finish`
    /// (SARIF says so in its `invocations`; the default: nothing, the
    /// error is on standard error).
    fn failed(&mut self, _error: &crate::error::InputError) {}
    /// Writes whatever was collected (the default: nothing).
    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// Whether [`Report::stream`] takes this document: one too large to
    /// hold checked, in a format that writes each document on its own.
    fn streams(&self, _doc: &crate::document::Document) -> bool {
        false
    }
    /// Checks a document while writing it, in its turn (only when
    /// [`Report::streams`] said so).
    fn stream(
        &mut self,
        doc: &crate::document::Document,
        _rules: &RuleSet,
        _out: &mut dyn Write,
    ) -> io::Result<Streamed> {
        Err(io::Error::other(format!(
            "{}: this format does not write a document while checking it",
            doc.path
        )))
    }
    /// Renders and takes one document (for callers without worker threads).
    fn document(&mut self, doc: &CheckedDocument, out: &mut dyn Write) -> io::Result<()> {
        let rendered = self.render(doc)?;
        self.take(doc, rendered, out)
    }
}

/// The report for a format.
pub fn reporter(format: Format, options: &ReportOptions) -> Box<dyn Report> {
    match format {
        Format::Text => Box::new(TextReport::new(options.color).quiet(options.quiet)),
        Format::Json => Box::new(JsonReport::default()),
        Format::Jsonl => Box::new(JsonlReport),
        Format::Sarif => Box::new(SarifReport::new(options.rules)),
        Format::Github => Box::new(GithubReport::new(options.step_summary.clone())),
        Format::Rdjsonl => Box::new(RdjsonlReport),
        Format::Html => Box::new(HtmlReport::new(options.rules)),
    }
}
