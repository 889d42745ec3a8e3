//! Baselines for old archives: `--write-baseline FILE` records the findings
//! of today, `--baseline FILE` reports only the findings that are not in it.
//! A finding is known by its file, its check and its fingerprint (the check
//! and the sentence's words, see [`crate::fingerprint`]), counted, so editing
//! above a sentence does not resurface it, while a second copy of the same
//! unsourced sentence is new. Paths are stored relative to the baseline's
//! folder, so the file works from any working directory and in any clone.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::SetupError;
use crate::files::{excerpt, QUOTE_CHARS};
use crate::{fingerprint, CheckedDocument};

/// The format version written in the file.
const VERSION: u32 = 1;

/// The most findings alike one file can record: far above any article
/// (a 100 MB file has about a million sentences).
const MAX_COUNT: usize = u32::MAX as usize;

/// One recorded finding (with its count, when a file has several alike).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
    count: usize,
    /// Where it was when recorded, for people reading the file; not matched.
    line: usize,
    message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    tool: String,
    version: u32,
    findings: Vec<Entry>,
}

/// The key of a document in a baseline: its path relative to the baseline's
/// folder, with forward slashes.
fn key(doc_path: &str, root: &Path) -> String {
    let path = Path::new(doc_path);
    let relative = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.strip_prefix(root).ok().map(Path::to_path_buf));
    let shown = relative.unwrap_or_else(|| path.to_path_buf());
    let shown = shown.to_string_lossy().replace('\\', "/");
    shown.trim_start_matches("./").to_string()
}

fn root_of(baseline: &Path) -> PathBuf {
    let dir = baseline
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// A loaded baseline: what to leave out of the report.
#[derive(Debug)]
pub struct Baseline {
    root: PathBuf,
    known: HashMap<(String, String, String), usize>,
}

impl Baseline {
    /// Reads a baseline written by [`Recorder`].
    pub fn load(path: &Path) -> Result<Baseline, SetupError> {
        let text = crate::files::read_text(path, crate::files::BASELINE_CAP).map_err(|source| {
            SetupError::BaselineIo {
                path: path.to_path_buf(),
                source,
            }
        })?;
        let at = |line, column, message: &str| SetupError::Baseline {
            path: path.to_path_buf(),
            line,
            column,
            message: excerpt(message, QUOTE_CHARS),
        };
        let file: File = serde_json::from_str(&text).map_err(|e| {
            // serde_json's message quotes the offending value whole and ends
            // with its own "at line L column C": keep the first, cut.
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            at(e.line(), e.column(), message)
        })?;
        if file.tool != "provenance" || file.version != VERSION {
            return Err(SetupError::Baseline {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: format!(
                    "written by {} version {}; this release reads provenance version {VERSION}",
                    excerpt(&file.tool, 40),
                    file.version
                ),
            });
        }
        let mut known: HashMap<_, usize> = HashMap::new();
        for (n, e) in file.findings.into_iter().enumerate() {
            // A count is how many findings alike a file had: more than a
            // document could hold is not a count this tool wrote, and adding
            // it must not wrap round to a small number.
            let count = e.count;
            let slot = known.entry((e.path, e.rule, e.fingerprint)).or_insert(0);
            match slot.checked_add(count).filter(|&sum| sum <= MAX_COUNT) {
                Some(sum) => *slot = sum,
                None => {
                    return Err(at(
                        1,
                        1,
                        &format!(
                            "finding {} has a count of {count} (in all, more than {MAX_COUNT}): \
                             not a count this tool writes; write the baseline again",
                            n + 1
                        ),
                    ))
                }
            }
        }
        Ok(Baseline {
            root: root_of(path),
            known,
        })
    }

    /// Removes the findings of `doc` that the baseline records.
    pub fn filter(&self, doc: &mut CheckedDocument) {
        let path = key(&doc.path, &self.root);
        let prints = fingerprint::of_findings(doc);
        let mut left: HashMap<(&str, &str), usize> = HashMap::new();
        let mut keep = Vec::with_capacity(prints.len());
        for (f, print) in doc.findings.iter().zip(&prints) {
            let budget = left.entry((&f.rule, print)).or_insert_with(|| {
                self.known
                    .get(&(path.clone(), f.rule.to_string(), print.clone()))
                    .copied()
                    .unwrap_or(0)
            });
            if *budget > 0 {
                *budget -= 1;
                keep.push(false);
            } else {
                keep.push(true);
            }
        }
        let mut keep = keep.into_iter();
        doc.findings.retain(|_| keep.next().unwrap_or(true));
    }
}

/// Collects findings to write a baseline.
#[derive(Debug)]
pub struct Recorder {
    root: PathBuf,
    entries: BTreeMap<(String, String, String), Entry>,
}

impl Recorder {
    /// A recorder for a baseline to be written at `path`.
    pub fn new(path: &Path) -> Self {
        Recorder {
            root: root_of(path),
            entries: BTreeMap::new(),
        }
    }

    /// Records every finding of `doc`.
    pub fn record(&mut self, doc: &CheckedDocument) {
        let path = key(&doc.path, &self.root);
        for (f, print) in doc.findings.iter().zip(fingerprint::of_findings(doc)) {
            let line = doc.position(f.span.start).line;
            self.entries
                .entry((path.clone(), f.rule.to_string(), print.clone()))
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Entry {
                    path: path.clone(),
                    rule: f.rule.to_string(),
                    fingerprint: print,
                    count: 1,
                    line,
                    message: f.message.to_string(),
                });
        }
    }

    /// How many findings were recorded.
    pub fn len(&self) -> usize {
        self.entries.values().map(|e| e.count).sum()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The baseline as JSON, sorted by path, check and fingerprint, so that
    /// it diffs well when committed.
    pub fn to_json(&self) -> String {
        let mut findings: Vec<Entry> = self.entries.values().cloned().collect();
        findings.sort_by(|a, b| (&a.path, a.line, &a.rule).cmp(&(&b.path, b.line, &b.rule)));
        let file = File {
            tool: "provenance".into(),
            version: VERSION,
            findings,
        };
        let mut json = serde_json::to_string_pretty(&file).unwrap_or_default();
        json.push('\n');
        json
    }
}
