//! SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, built from
//! serde-sarif's typed structs. One run; `tool.driver.rules` lists every
//! check in effect, with its documentation; each result names its rule, level,
//! message, a region in Unicode-scalar columns (said explicitly with
//! `columnKind`) and a partial fingerprint that survives lines moving;
//! `invocations` says whether every input was checked.
//!
//! The log streams: each document's results are serialised on the worker
//! threads as it is checked and written in input order, one per line, so
//! memory holds one chunk of documents, not every result of the run.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Invocation, Location, Message,
    MultiformatMessageString, Notification, PhysicalLocation, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Tool,
    ToolComponent,
};

use super::Report;
use crate::rules::{CheckRule, RuleSet, Severity};
use crate::span::Position;
use crate::{fingerprint, CheckedDocument};

/// The key of our partial fingerprints; the version changes if the scheme does.
pub const FINGERPRINT_KEY: &str = "provenance/v2";

/// Where each check's documentation lives (one heading per check id).
pub const RULES_DOC: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/checks.md");

/// The SARIF report: the log's head (the driver and its rules) first, then
/// each document's results as they come, then the invocation.
pub struct SarifReport {
    rules: Vec<ReportingDescriptor>,
    rule_index: BTreeMap<String, i64>,
    /// Whether the head and at least one result have been written.
    head_written: bool,
    any_result: bool,
    /// One per input that could not be checked: with them the run did not
    /// succeed, and an uploader must not take its results for a clean run.
    failures: Vec<Notification>,
}

impl SarifReport {
    /// A report whose driver lists the checks of `rules`.
    pub fn new(rules: &RuleSet) -> Self {
        let descriptors: Vec<ReportingDescriptor> = rules.checks.iter().map(descriptor).collect();
        let rule_index = descriptors
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i as i64))
            .collect();
        SarifReport {
            rules: descriptors,
            rule_index,
            head_written: false,
            any_result: false,
            failures: Vec::new(),
        }
    }
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s).build()
}

fn descriptor(check: &CheckRule) -> ReportingDescriptor {
    let id = check.id.get_ref();
    let mut help = check.why.clone();
    if let Some(h) = &check.help {
        help.push_str("\n\nHow to fix: ");
        help.push_str(h);
    }
    let markdown = format!(
        "{}\n\n**Why:** {}{}",
        check.summary,
        check.why,
        check
            .help
            .as_ref()
            .map(|h| format!("\n\n**How to fix:** {h}"))
            .unwrap_or_default()
    );
    ReportingDescriptor::builder()
        .id(id.as_str())
        .name(id.as_str())
        .short_description(text(&check.summary))
        .full_description(text(&format!("{} {}", check.summary, check.why)))
        .help(
            MultiformatMessageString::builder()
                .text(help)
                .markdown(markdown)
                .build(),
        )
        .help_uri(format!("{RULES_DOC}#{id}"))
        .default_configuration(
            ReportingConfiguration::builder()
                .enabled(check.enabled)
                .level(serde_json::json!(level(check.severity).to_string()))
                .build(),
        )
        .build()
}

/// The URI of a file path that may not be UTF-8: its bytes percent-encoded
/// (on Unix; elsewhere its lossy text).
fn path_uri(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        if path.to_str().is_none() {
            return uri_of_bytes(path.as_os_str().as_bytes());
        }
    }
    artifact_uri(&path.to_string_lossy())
}

/// The URI of a checked file: relative to the working folder (the
/// repository in CI) when it lies inside it, else an absolute `file://`
/// URI, which a viewer can still open (a relative `../x` would name a file
/// outside the repository as if it were in it).
pub fn artifact_uri(path: &str) -> String {
    let inside = super::repo_path(path);
    let p = std::path::Path::new(&inside);
    let outside = p.is_absolute()
        || p.components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    if !outside {
        return relative_uri(&inside);
    }
    let clean = crate::files::lexical_absolute(p);
    let text = clean.to_string_lossy().replace('\\', "/");
    let encoded = uri_of_bytes(text.trim_start_matches('/').as_bytes());
    format!("file:///{encoded}")
}

/// A path as a relative URI reference: forward slashes, no leading `./`,
/// and the characters a URI may not hold percent-encoded.
pub fn relative_uri(path: &str) -> String {
    // A backslash separates folders only on Windows; elsewhere it is part
    // of a name ("back\\slash.txt") and is encoded like any other byte.
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    uri_of_bytes(path.as_bytes())
}

fn uri_of_bytes(mut path: &[u8]) -> String {
    while let Some(rest) = path.strip_prefix(b"./") {
        path = rest;
    }
    let mut uri = String::with_capacity(path.len());
    for &b in path {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

impl SarifReport {
    fn result(
        &self,
        uri: &str,
        finding: &crate::check::Finding,
        (start, end): (Position, Position),
        print: &str,
    ) -> io::Result<Vec<u8>> {
        let region = Region::builder()
            .start_line(start.line as i64)
            .start_column(start.column as i64)
            .end_line(end.line as i64)
            .end_column(end.column as i64)
            .build();
        // A house rule's preferred form, as a fix a reviewer can apply.
        let fixes = finding.replacement.as_deref().map(|text| {
            let replacement = Replacement::builder()
                .deleted_region(region.clone())
                .inserted_content(ArtifactContent::builder().text(text).build())
                .build();
            vec![Fix::builder()
                .description(Message::builder().text(format!("Write \"{text}\"")).build())
                .artifact_changes(vec![ArtifactChange::builder()
                    .artifact_location(ArtifactLocation::builder().uri(uri).build())
                    .replacements(vec![replacement])
                    .build()])
                .build()]
        });
        let location = Location::builder()
            .physical_location(
                PhysicalLocation::builder()
                    .artifact_location(ArtifactLocation::builder().uri(uri).build())
                    .region(region)
                    .build(),
            )
            .build();
        let message = super::message_with_help(finding);
        let mut result = SarifResult::builder()
            .rule_id(&*finding.rule)
            .level(level(finding.severity))
            .message(Message::builder().text(message).build())
            .locations(vec![location])
            .partial_fingerprints(BTreeMap::from([(
                FINGERPRINT_KEY.to_string(),
                print.to_string(),
            )]))
            .build();
        result.rule_index = self.rule_index.get(&*finding.rule).copied();
        result.fixes = fixes;
        serde_json::to_vec(&result).map_err(io::Error::other)
    }

    /// Everything before the first result.
    fn head(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if std::mem::replace(&mut self.head_written, true) {
            return Ok(());
        }
        let driver = ToolComponent::builder()
            .name("provenance")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .information_uri(env!("CARGO_PKG_REPOSITORY"))
            .rules(std::mem::take(&mut self.rules))
            .build();
        let tool = Tool::builder().driver(driver).build();
        let quoted = |s: &str| serde_json::to_string(s).map_err(io::Error::other);
        write!(
            out,
            "{{\n\"$schema\": {},\n\"version\": \"2.1.0\",\n\"runs\": [{{\n\"tool\": ",
            quoted(serde_sarif::sarif::SCHEMA_URL)?
        )?;
        serde_json::to_writer(&mut *out, &tool).map_err(io::Error::other)?;
        write!(
            out,
            ",\n\"columnKind\": \"unicodeCodePoints\",\n\"results\": ["
        )
    }
}

impl Report for SarifReport {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        let uri = artifact_uri(&doc.path);
        // Positions and fingerprints in one forward walk (cursors keep a
        // long single-line file linear; two findings with the same print
        // in one file are told apart by a count); the results are then
        // serialised on the worker threads when there are many.
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let (mut starts, mut ends) = (doc.cursor(), doc.cursor());
        let placed: Vec<((Position, Position), String)> = doc
            .findings
            .iter()
            .zip(fingerprint::of_findings(doc))
            .map(|(f, print)| (f, fingerprint::in_file(&print, &uri)))
            .map(|(f, print)| {
                let n = seen.entry(print.clone()).or_insert(0);
                *n += 1;
                let at = (starts.position(f.span.start), ends.position(f.span.end));
                (at, format!("{print}:{n}"))
            })
            .collect();
        let results = super::per_finding(doc, |i| {
            let (at, print) = &placed[i];
            self.result(&uri, &doc.findings[i], *at, print)
        });
        let results = results.into_iter().collect::<io::Result<Vec<_>>>()?;
        let mut bytes = Vec::with_capacity(results.iter().map(|r| r.len() + 2).sum());
        for r in results {
            bytes.extend_from_slice(b",\n");
            bytes.extend_from_slice(&r);
        }
        Ok(Some(bytes))
    }

    fn take(
        &mut self,
        _doc: &CheckedDocument,
        rendered: Option<Vec<u8>>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.head(out)?;
        let Some(bytes) = rendered.filter(|b| !b.is_empty()) else {
            return Ok(());
        };
        // Each result comes with a separator before it; the first of the
        // log goes without.
        let skip = if self.any_result { 0 } else { 1 };
        self.any_result = true;
        out.write_all(&bytes[skip..])
    }

    fn failed(&mut self, error: &crate::error::InputError) {
        let mut text = error.to_string();
        let mut locations = None;
        if let Some(path) = error.path() {
            let uri = path_uri(path);
            // A name that is not UTF-8 is named by its encoded bytes, which
            // round-trip, not by a lossy rendering of them.
            if path.to_str().is_none() {
                text = text.replace(&*path.to_string_lossy(), &uri);
            }
            locations = Some(vec![Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(ArtifactLocation::builder().uri(uri).build())
                        .build(),
                )
                .build()]);
        }
        let text = super::escape_controls(&text, true).into_owned();
        let mut notification = Notification::builder()
            .level(serde_json::json!("error"))
            .message(Message::builder().text(text).build())
            .build();
        notification.locations = locations;
        self.failures.push(notification);
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.head(out)?;
        let failures = std::mem::take(&mut self.failures);
        let mut invocation = Invocation::builder()
            .execution_successful(failures.is_empty())
            .build();
        if !failures.is_empty() {
            invocation.tool_execution_notifications = Some(failures);
        }
        write!(out, "\n],\n\"invocations\": [")?;
        serde_json::to_writer(&mut *out, &invocation).map_err(io::Error::other)?;
        writeln!(out, "]\n}}]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_outside_the_working_folder_get_file_uris() {
        assert_eq!(artifact_uri("news/a b.md"), "news/a%20b.md");
        assert_eq!(
            artifact_uri("/srv/desk/ü.txt"),
            "file:///srv/desk/%C3%BC.txt"
        );
        let cwd = std::env::current_dir().unwrap();
        let parent = cwd.parent().unwrap().to_string_lossy().into_owned();
        let want = format!(
            "file:///{}/x.txt",
            relative_uri(parent.trim_start_matches('/'))
        );
        assert_eq!(artifact_uri("../x.txt"), want);
        let inside = cwd.join("corpus/a.txt");
        assert_eq!(artifact_uri(&inside.to_string_lossy()), "corpus/a.txt");
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(relative_uri("./corpus/a b.md"), "corpus/a%20b.md");
        assert_eq!(relative_uri("news/kyiv#1.txt"), "news/kyiv%231.txt");
        let backslash = if cfg!(windows) {
            "back/slash.txt"
        } else {
            "back%5Cslash.txt"
        };
        assert_eq!(relative_uri("back\\slash.txt"), backslash);
        assert_eq!(relative_uri("ü.txt"), "%C3%BC.txt");
    }
}
