//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! line per finding, which GitHub turns into annotations on the pull
//! request. GitHub shows only the first ten of each level per step, so when
//! `GITHUB_STEP_SUMMARY` names a file, every finding is also appended there
//! as a Markdown table.

use std::io::{self, Write};
use std::path::PathBuf;

use super::Report;
use crate::rules::Severity;
use crate::CheckedDocument;

/// The workflow-command report.
#[derive(Default)]
pub struct GithubReport {
    /// Where the step summary goes (`GITHUB_STEP_SUMMARY`), if anywhere.
    summary_file: Option<PathBuf>,
    rows: Vec<String>,
    documents: usize,
}

impl GithubReport {
    /// A report that appends its table to `summary_file` when given.
    pub fn new(summary_file: Option<PathBuf>) -> Self {
        GithubReport {
            summary_file,
            ..GithubReport::default()
        }
    }
}

/// Escapes the message part of a workflow command (GitHub's `escapeData`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`): also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A Markdown table cell: one line, no control characters, and nothing
/// Markdown or HTML would read as markup (a file may be named
/// `<img src=x onerror=...>.md`, a message may quote an article).
fn cell(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len() + 8);
    for c in super::escape_controls(&one_line, false).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '!' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Report for GithubReport {
    fn take(
        &mut self,
        doc: &CheckedDocument,
        _rendered: Option<Vec<u8>>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.documents += 1;
        let path = super::repo_path(&doc.path);
        let file = escape_property(&path);
        // Findings come in document order: cursors that move forward keep
        // a long single-line file linear.
        let (mut starts, mut ends) = (doc.cursor(), doc.cursor());
        for f in &doc.findings {
            let start = starts.position(f.span.start);
            let end = ends.position(f.span.end);
            let mut message = f.message.to_string();
            if let Some(replacement) = &f.replacement {
                message.push_str("\nwrite: ");
                message.push_str(replacement);
            }
            if let Some(help) = &f.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&f.rule),
                escape_data(&message)
            )?;
            if self.summary_file.is_some() {
                self.rows.push(format!(
                    "| {} | {}:{}:{} | `{}` | {} |",
                    f.severity.as_str(),
                    cell(&path),
                    start.line,
                    start.column,
                    f.rule,
                    cell(&f.message)
                ));
            }
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        let Some(path) = &self.summary_file else {
            return Ok(());
        };
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "cannot append to GITHUB_STEP_SUMMARY {}: {e}",
                        path.display()
                    ),
                )
            })?;
        let mut text = format!(
            "## provenance\n\n{} finding(s) in {} document(s).\n\n",
            self.rows.len(),
            self.documents
        );
        if !self.rows.is_empty() {
            text.push_str("| level | where | check | message |\n|---|---|---|---|\n");
            for row in &self.rows {
                text.push_str(row);
                text.push('\n');
            }
            text.push('\n');
        }
        file.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("50% of a,b: c\r\nd"), "50%25 of a,b: c%0D%0Ad");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("C:\\news,1%.md"), "C%3A\\news%2C1%25.md");
    }

    #[test]
    fn cells_keep_one_line_and_escape_pipes() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }
}
