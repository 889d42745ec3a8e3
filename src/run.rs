//! Checking many documents: in parallel (rayon), reported in input order.
//! Inputs go through in chunks of a few per thread, so output streams chunk
//! by chunk and memory stays bounded by a chunk, not by the corpus. Also the
//! JSON Lines record stream (`--stdin-jsonl`), for pipelines.

use std::io::{self, BufRead, Write};

use rayon::prelude::*;
use serde::Deserialize;

use crate::document::{self, Document, Input, InputFormat, ReadOptions};
use crate::error::InputError;
use crate::report::{JsonlReport, Report};
use crate::rules::{RuleSet, Severity};
use crate::{check_document, CheckedDocument};

/// A checked document with its report bytes, or why it could not be read.
type Checked = io::Result<Result<(CheckedDocument, Option<Vec<u8>>), InputError>>;

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
    /// A runner with `threads` workers (0: one per core).
    pub fn new(rules: &'r RuleSet, options: ReadOptions, threads: usize) -> io::Result<Self> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
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
                    Ok(doc) => self.check(doc),
                    Err(e) => return Ok(Err(e)),
                };
                let rendered = renderer.render(&doc)?;
                Ok(Ok((doc, rendered)))
            };
            // One thread: no pool to hand work to and wait for.
            let results: Vec<Checked> = if self.pool.current_num_threads() == 1 {
                batch.iter().map(work).collect()
            } else {
                self.pool.install(|| batch.par_iter().map(work).collect())
            };
            for result in results {
                match result? {
                    Ok((doc, rendered)) => {
                        if doc.text.trim().is_empty() {
                            notice(Notice::Skipped(format!(
                                "{} is empty; nothing to check",
                                doc.path
                            )));
                        }
                        outcome.add(&doc);
                        report.take(&doc, rendered, out)?;
                    }
                    Err(InputError::Binary { path }) => {
                        notice(Notice::Skipped(format!(
                            "{}: binary file; skipped",
                            path.display()
                        )));
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
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    format: Option<InputFormat>,
}

impl Runner<'_> {
    /// Reads JSON Lines records `{"id", "text", "format"?}` and writes one JSON
    /// Lines result per record, in order; a bad record is reported with its line
    /// number and the stream goes on.
    pub fn check_records(
        &self,
        input: impl BufRead,
        out: &mut dyn Write,
        notice: &mut dyn FnMut(Notice),
    ) -> io::Result<Outcome> {
        let mut outcome = Outcome::default();
        let chunk = self.pool.current_num_threads().max(1) * PER_THREAD * 4;
        let mut lines = input.lines().enumerate().peekable();
        while lines.peek().is_some() {
            let batch: Vec<(usize, io::Result<String>)> = lines.by_ref().take(chunk).collect();
            type Rendered = (CheckedDocument, Option<Vec<u8>>);
            let results: Vec<Option<Result<io::Result<Rendered>, InputError>>> =
                self.pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|(n, line)| {
                            record(n + 1, line, &self.options).map(|r| {
                                r.map(|d| {
                                    let doc = self.check(d);
                                    JsonlReport.render(&doc).map(|bytes| (doc, bytes))
                                })
                            })
                        })
                        .collect()
                });
            for result in results.into_iter().flatten() {
                match result {
                    Ok(rendered) => {
                        let (doc, bytes) = rendered?;
                        outcome.add(&doc);
                        out.write_all(&bytes.unwrap_or_default())?;
                    }
                    Err(e) => {
                        outcome.failed += 1;
                        notice(Notice::Failed(e));
                    }
                }
            }
            out.flush()?;
        }
        Ok(outcome)
    }
}

fn record(
    line_number: usize,
    line: io::Result<String>,
    options: &ReadOptions,
) -> Option<Result<Document, InputError>> {
    let stdin = || std::path::PathBuf::from("<stdin>");
    let line = match line {
        Ok(line) => line,
        Err(source) => {
            return Some(Err(InputError::Read {
                path: stdin(),
                source,
            }))
        }
    };
    if line.trim().is_empty() {
        return None;
    }
    let record: Record = match serde_json::from_str(&line) {
        Ok(r) => r,
        Err(e) => {
            return Some(Err(InputError::Record {
                line: line_number,
                column: e.column(),
                message: e.to_string(),
            }));
        }
    };
    let id = match &record.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let format = options.format.or(record.format).unwrap_or(InputFormat::Txt);
    Some(Document::new(&id, record.text, format, options))
}
