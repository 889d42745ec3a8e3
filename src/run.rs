//! Checking many documents: in parallel (rayon), reported in input order.
//! Inputs go through in chunks of a few per thread, so output streams chunk
//! by chunk and memory stays bounded by a chunk, not by the corpus. Also the
//! JSON Lines record stream (`--stdin-jsonl`), for pipelines.

use std::io::{self, BufRead, Write};

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::document::{self, Document, Input, InputFormat, ReadOptions};
use crate::error::InputError;
use crate::report::{JsonlReport, Report};
use crate::rules::{RuleSet, Severity};
use crate::{check_document, CheckedDocument};

/// A checked document with its report bytes, or why it could not be read.
type Checked = io::Result<Result<Done, InputError>>;

/// An input after the worker threads.
enum Done {
    /// Checked, with what the report rendered of it.
    Checked(CheckedDocument, Option<Vec<u8>>),
    /// Read only: too large to hold checked, it is checked as the report
    /// writes it, in its turn.
    Read(Document),
}

/// Most worker threads a run starts, whatever it is asked for.
pub const MAX_THREADS: usize = 256;

/// Documents checked per thread before their reports are written.
const PER_THREAD: usize = 16;

/// Something to tell the user on standard error.
#[derive(Debug)]
pub enum Notice {
    /// An input that could not be checked (the run ends with exit code 2).
    Failed(InputError),
    /// An input passed over on purpose (binary, empty).
    Skipped(String),
}

/// What a run found.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    /// The most severe finding.
    pub worst: Option<Severity>,
    /// Inputs that could not be checked.
    pub failed: usize,
    /// Documents checked.
    pub checked: usize,
}

impl Outcome {
    fn add(&mut self, doc: &CheckedDocument) {
        self.worst = self.worst.max(doc.worst());
        self.checked += 1;
    }
}

/// A change to each checked document before it is reported (a baseline, the
/// changed lines of a pull request); run on the worker threads.
pub type Filter<'r> = Box<dyn Fn(&mut CheckedDocument) + Sync + 'r>;

/// What every check in a run shares: the rules, how to read, the thread pool.
pub struct Runner<'r> {
    rules: &'r RuleSet,
    options: ReadOptions,
    pool: rayon::ThreadPool,
    filters: Vec<Filter<'r>>,
}

impl<'r> Runner<'r> {
    /// A runner with `threads` workers (0: one per core), at most
    /// [`MAX_THREADS`]: thousands of threads only exhaust memory or the
    /// process limit.
    pub fn new(rules: &'r RuleSet, options: ReadOptions, threads: usize) -> io::Result<Self> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.min(MAX_THREADS))
            .build()
            .map_err(io::Error::other)?;
        Ok(Runner {
            rules,
            options,
            pool,
            filters: Vec::new(),
        })
    }

    /// Adds a filter applied to every document after it is checked.
    pub fn filter(mut self, filter: Filter<'r>) -> Self {
        self.filters.push(filter);
        self
    }

    fn check(&self, doc: Document) -> CheckedDocument {
        let mut checked = check_document(doc, self.rules);
        for filter in &self.filters {
            filter(&mut checked);
        }
        checked
    }

    /// Why a checked document counts as empty, if it does: no sentence
    /// at all, so a gate that passed it would pass an article never read.
    fn empty(&self, doc: &CheckedDocument) -> Option<InputError> {
        if !doc.sentences.is_empty() {
            return None;
        }
        Some(self.empty_text(&doc.path, &doc.text, doc.format))
    }

    /// Why a document with no sentence holds none.
    fn empty_text(&self, path: &str, text: &str, format: InputFormat) -> InputError {
        let why = if text.trim_start_matches('\u{feff}').trim().is_empty() {
            "empty".to_string()
        } else {
            match (&self.options.html_selector, format) {
                (Some(selector), document::InputFormat::Html) => {
                    format!("no prose in the element the selector `{selector}` picks, if any")
                }
                _ => "no sentence in it (only markup, or nothing the reader keeps)".to_string(),
            }
        };
        InputError::Empty {
            path: path.into(),
            why,
        }
    }

    /// Tells the user of an input problem: an error that fails the run, or
    /// only a warning when the user allowed it.
    fn tell(
        &self,
        error: InputError,
        allowed: bool,
        outcome: &mut Outcome,
        notice: &mut dyn FnMut(Notice),
    ) {
        if allowed {
            notice(Notice::Skipped(error.to_string()));
        } else {
            outcome.failed += 1;
            notice(Notice::Failed(error));
        }
    }

    /// Counts a checked document, telling what the reader left out of it
    /// and whether it held no sentence at all.
    fn count(&self, doc: &CheckedDocument, outcome: &mut Outcome, notice: &mut dyn FnMut(Notice)) {
        for note in &doc.notes {
            notice(Notice::Skipped(format!("{}: {note}", doc.path)));
        }
        if let Some(empty) = self.empty(doc) {
            self.tell(empty, self.options.allow_empty, outcome, notice);
        }
        outcome.add(doc);
    }

    /// Checks every input and writes its report, in input order.
    pub fn check_inputs(
        &self,
        inputs: &[Input],
        report: &mut dyn Report,
        out: &mut dyn Write,
        notice: &mut dyn FnMut(Notice),
        progress: &mut dyn FnMut(usize),
    ) -> io::Result<Outcome> {
        let mut outcome = Outcome::default();
        let chunk = self.pool.current_num_threads().max(1) * PER_THREAD;
        for batch in inputs.chunks(chunk) {
            let renderer: &dyn Report = report;
            let work = |input: &Input| -> Checked {
                let doc = match document::read(input, &self.options) {
                    // Filters change a checked document: it must be whole.
                    Ok(doc) if self.filters.is_empty() && renderer.streams(&doc) => {
                        return Ok(Ok(Done::Read(doc)))
                    }
                    Ok(doc) => self.check(doc),
                    Err(e) => return Ok(Err(e)),
                };
                let rendered = renderer.render(&doc)?;
                Ok(Ok(Done::Checked(doc, rendered)))
            };
            // One thread: no pool to hand work to and wait for.
            let results: Vec<Checked> = if self.pool.current_num_threads() == 1 {
                batch.iter().map(work).collect()
            } else {
                self.pool.install(|| batch.par_iter().map(work).collect())
            };
            for result in results {
                match result? {
                    Ok(Done::Checked(doc, rendered)) => {
                        self.count(&doc, &mut outcome, notice);
                        report.take(&doc, rendered, out)?;
                    }
                    Ok(Done::Read(doc)) => {
                        let streamed = report.stream(&doc, self.rules, out)?;
                        if streamed.sentences == 0 {
                            let empty = self.empty_text(&doc.path, &doc.source, doc.format);
                            self.tell(empty, self.options.allow_empty, &mut outcome, notice);
                        }
                        outcome.worst = outcome.worst.max(streamed.worst);
                        outcome.checked += 1;
                    }
                    Err(e @ InputError::Binary { .. }) => {
                        self.tell(e, self.options.skip_binary, &mut outcome, notice);
                    }
                    Err(e) => {
                        outcome.failed += 1;
                        notice(Notice::Failed(e));
                    }
                }
            }
            out.flush()?;
            progress(batch.len());
        }
        Ok(outcome)
    }
}

/// One record of `--stdin-jsonl`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    /// Kept as written, to be echoed with the same type and digits.
    id: Box<RawValue>,
    text: String,
    #[serde(default)]
    format: Option<InputFormat>,
}

impl Runner<'_> {
    /// Reads JSON Lines records `{"id", "text", "format"?}` and writes exactly
    /// one JSON Lines result per input line, in order: the checked document,
    /// or for a line that is no record (blank, malformed, unreadable) an
    /// error record `{"line", "id"?, "error"}`, and the stream goes on.
    pub fn check_records(
        &self,
        input: impl BufRead,
        out: &mut dyn Write,
        notice: &mut dyn FnMut(Notice),
    ) -> io::Result<Outcome> {
        let mut outcome = Outcome::default();
        let chunk = self.pool.current_num_threads().max(1) * PER_THREAD * 4;
        let mut lines = input.split(b'\n').enumerate().peekable();
        while lines.peek().is_some() {
            let batch: Vec<(usize, io::Result<Vec<u8>>)> = lines.by_ref().take(chunk).collect();
            let results: Vec<Answer> = self.pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|(n, line)| {
                        let (id, doc) = record(n + 1, line, &self.options);
                        let checked = doc.map(|d| {
                            let doc = self.check(d);
                            JsonlReport.line(&doc).map(|bytes| (doc, bytes))
                        });
                        (n + 1, id, checked)
                    })
                    .collect()
            });
            for (line, id, result) in results {
                match result {
                    Ok(rendered) => {
                        let (doc, bytes) = rendered?;
                        self.count(&doc, &mut outcome, notice);
                        // The record's id, as given, leads the document's object.
                        match (&id, bytes.split_first()) {
                            (Some(id), Some((b'{', rest))) => {
                                out.write_all(b"{\"id\":")?;
                                out.write_all(id.get().as_bytes())?;
                                out.write_all(b",")?;
                                out.write_all(rest)?;
                            }
                            _ => out.write_all(&bytes)?,
                        }
                    }
                    Err(e) => {
                        outcome.failed += 1;
                        write_error_record(out, line, id.as_deref(), &e)?;
                        notice(Notice::Failed(e));
                    }
                }
            }
            out.flush()?;
        }
        Ok(outcome)
    }
}

/// What one `--stdin-jsonl` line came to: its line number, its record's
/// id if one was read, and the checked document with its JSON line, or why
/// there is none.
type Answer = (
    usize,
    Option<Box<RawValue>>,
    Result<io::Result<(CheckedDocument, Vec<u8>)>, InputError>,
);

/// `{"line": N, "id": "...", "error": "..."}` and a newline: the output
/// line of an input line that could not be checked.
fn write_error_record(
    out: &mut dyn Write,
    line: usize,
    id: Option<&RawValue>,
    error: &InputError,
) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct ErrorRecord<'a> {
        line: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a RawValue>,
        error: String,
    }
    let record = ErrorRecord {
        line,
        id,
        error: error.to_string(),
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")
}

/// The document of one input line, and its id when one could be read (to
/// name the record in an error).
fn record(
    line_number: usize,
    line: io::Result<Vec<u8>>,
    options: &ReadOptions,
) -> (Option<Box<RawValue>>, Result<Document, InputError>) {
    let stdin = || std::path::PathBuf::from("<stdin>");
    let not_a_record = |column: usize, message: String| InputError::Record {
        line: line_number,
        column,
        message,
    };
    let mut line = match line {
        Ok(line) => line,
        Err(source) => {
            return (
                None,
                Err(InputError::Read {
                    path: stdin(),
                    source,
                }),
            )
        }
    };
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    // A byte order mark opening the stream (or a line) is no part of the JSON.
    if line.starts_with(b"\xEF\xBB\xBF") {
        line.drain(..3);
    }
    if line.iter().all(u8::is_ascii_whitespace) {
        return (None, Err(not_a_record(1, "blank line".to_string())));
    }
    let line = match String::from_utf8(line) {
        Ok(line) => line,
        Err(e) => {
            let column = e.utf8_error().valid_up_to() + 1;
            return (None, Err(not_a_record(column, "invalid UTF-8".to_string())));
        }
    };
    let record: Record = match serde_json::from_str(&line) {
        Ok(r) => r,
        Err(e) => {
            // The id of a record that is JSON but not a record's shape.
            #[derive(Deserialize)]
            struct IdOnly {
                id: Box<RawValue>,
            }
            let id = serde_json::from_str::<IdOnly>(&line).ok().map(|r| r.id);
            return (id, Err(not_a_record(e.column(), e.to_string())));
        }
    };
    let name = id_text(&record.id);
    let format = options.format.or(record.format).unwrap_or(InputFormat::Txt);
    let doc = Document::new(&name, record.text, format, options);
    (Some(record.id), doc)
}

/// A record's id as a document's path: a string as it is, anything else as
/// written.
fn id_text(id: &RawValue) -> String {
    serde_json::from_str::<String>(id.get()).unwrap_or_else(|_| id.get().to_string())
}
