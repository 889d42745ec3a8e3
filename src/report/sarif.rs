//! SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, built from
//! serde-sarif's typed structs. One run; `tool.driver.rules` lists every
//! check in effect, with its documentation; each result names its rule, level,
//! message, a region in Unicode-scalar columns (said explicitly with
//! `columnKind`) and a partial fingerprint that survives lines moving.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult,
    ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::Report;
use crate::rules::{CheckRule, RuleSet, Severity};
use crate::{fingerprint, CheckedDocument};

/// The key of our partial fingerprints; the version changes if the scheme does.
pub const FINGERPRINT_KEY: &str = "provenance/v1";

/// Where each check's documentation lives (one heading per check id).
pub const RULES_DOC: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/checks.md");

/// The SARIF report: results collected, written whole at the end.
pub struct SarifReport {
    rules: Vec<ReportingDescriptor>,
    rule_index: BTreeMap<String, i64>,
    results: Vec<SarifResult>,
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
            results: Vec::new(),
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
    let mut path = path.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    let mut uri = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

impl Report for SarifReport {
    fn take(
        &mut self,
        doc: &CheckedDocument,
        _rendered: Option<Vec<u8>>,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let uri = relative_uri(&super::repo_path(&doc.path));
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        // Cursors moving forward through the findings keep a long
        // single-line file linear.
        let (mut starts, mut ends) = (doc.cursor(), doc.cursor());
        for (f, print) in doc.findings.iter().zip(fingerprint::of_findings(doc)) {
            let start = starts.position(f.span.start);
            let end = ends.position(f.span.end);
            // Two findings with the same print in one file stay apart.
            let n = seen.entry(print.clone()).or_insert(0);
            *n += 1;
            let region = Region::builder()
                .start_line(start.line as i64)
                .start_column(start.column as i64)
                .end_line(end.line as i64)
                .end_column(end.column as i64)
                .build();
            let location = Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(ArtifactLocation::builder().uri(uri.as_str()).build())
                        .region(region)
                        .build(),
                )
                .build();
            let message = super::message_with_help(f);
            let mut result = SarifResult::builder()
                .rule_id(&*f.rule)
                .level(level(f.severity))
                .message(Message::builder().text(message).build())
                .locations(vec![location])
                .partial_fingerprints(BTreeMap::from([(
                    FINGERPRINT_KEY.to_string(),
                    format!("{print}:{n}"),
                )]))
                .build();
            result.rule_index = self.rule_index.get(&*f.rule).copied();
            self.results.push(result);
        }
        Ok(())
    }

    fn failed(&mut self, error: &crate::error::InputError) {
        let text = super::escape_controls(&error.to_string(), true).into_owned();
        let mut notification = Notification::builder()
            .level(serde_json::json!("error"))
            .message(Message::builder().text(text).build())
            .build();
        if let Some(path) = error.path() {
            let uri = relative_uri(&super::repo_path(&path.to_string_lossy()));
            notification.locations = Some(vec![Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(ArtifactLocation::builder().uri(uri).build())
                        .build(),
                )
                .build()]);
        }
        self.failures.push(notification);
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let failures = std::mem::take(&mut self.failures);
        let mut invocation = Invocation::builder()
            .execution_successful(failures.is_empty())
            .build();
        if !failures.is_empty() {
            invocation.tool_execution_notifications = Some(failures);
        }
        let driver = ToolComponent::builder()
            .name("provenance")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .information_uri(env!("CARGO_PKG_REPOSITORY"))
            .rules(std::mem::take(&mut self.rules))
            .build();
        let run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
            .results(std::mem::take(&mut self.results))
            .invocations(vec![invocation])
            .column_kind(serde_json::json!("unicodeCodePoints"))
            .build();
        let log = Sarif::builder()
            .schema(serde_sarif::sarif::SCHEMA_URL)
            .version(serde_json::json!("2.1.0"))
            .runs(vec![run])
            .build();
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
