//! `--changed-since REV`: which lines of which files changed since a git
//! revision, so a pull request on a large archive is judged on what it
//! touched. Asks git itself (`git diff --unified=0 REV`, plus the untracked
//! files), so committed, staged and unstaged edits all count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::SetupError;
use crate::CheckedDocument;

/// What changed in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Changed {
    /// A new or untracked file: every line.
    All,
    /// These 1-based line ranges, inclusive, sorted.
    Lines(Vec<(usize, usize)>),
}

/// The changed lines of every changed file of a repository.
#[derive(Debug, Clone)]
pub struct ChangedLines {
    root: PathBuf,
    files: HashMap<PathBuf, Changed>,
}

/// Runs git in `dir`; its standard output, as bytes (file names need not
/// be UTF-8). Names in a diff are quoted with every byte outside printable
/// ASCII escaped (`core.quotePath`), so what is parsed is plain ASCII.
fn git(dir: &Path, rev: &str, args: &[&str]) -> Result<Vec<u8>, SetupError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=true"])
        .args(args)
        .output()
        .map_err(|e| SetupError::Git {
            rev: rev.to_string(),
            message: format!("cannot run git: {e}"),
        })?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(SetupError::Git {
            rev: rev.to_string(),
            message: said
                .trim()
                .lines()
                .next()
                .unwrap_or("git failed")
                .to_string(),
        });
    }
    Ok(output.stdout)
}

impl ChangedLines {
    /// Asks git, in the repository holding `dir`, what changed since `rev`.
    pub fn since(rev: &str, dir: &Path) -> Result<ChangedLines, SetupError> {
        let mut top = git(dir, rev, &["rev-parse", "--show-toplevel"])?;
        while top.last().is_some_and(u8::is_ascii_whitespace) {
            top.pop();
        }
        let root = path_from_bytes(top);
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        // `--end-of-options` keeps a revision that starts with `-` from being
        // read as an option.
        let verified = git(
            dir,
            rev,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &format!("{rev}^{{commit}}"),
            ],
        )?;
        let verified = String::from_utf8_lossy(&verified).into_owned();
        let diff = git(
            &root,
            rev,
            &[
                // The user's configuration must not change what is parsed:
                // prefixes (diff.noprefix, diff.mnemonicPrefix,
                // diff.srcPrefix/dstPrefix), paths relative to a
                // subfolder (diff.relative), text conversion, colour and
                // external diff tools are all set here.
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--no-relative",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                "--inter-hunk-context=0",
                "--unified=0",
                verified.trim(),
                "--",
            ],
        )?;
        let mut files = parse_diff(&String::from_utf8_lossy(&diff));
        let untracked = git(
            &root,
            rev,
            &["ls-files", "--others", "--exclude-standard", "-z"],
        )?;
        for name in untracked.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            files.insert(path_from_bytes(name.to_vec()), Changed::All);
        }
        Ok(ChangedLines { root, files })
    }

    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let absolute = std::fs::canonicalize(path).ok()?;
        absolute
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Whether anything in the file at `path` changed.
    pub fn touches(&self, path: &Path) -> bool {
        self.relative(path)
            .is_some_and(|r| self.files.contains_key(&r))
    }

    /// Keeps only the findings whose sentence touches a changed line.
    pub fn filter(&self, doc: &mut CheckedDocument) {
        let changed = self
            .relative(Path::new(&doc.path))
            .and_then(|r| self.files.get(&r));
        let lines = match changed {
            Some(Changed::All) => return,
            Some(Changed::Lines(lines)) => lines,
            None => {
                doc.findings.clear();
                return;
            }
        };
        let mut keep = Vec::with_capacity(doc.findings.len());
        for f in &doc.findings {
            let mut span = f.span;
            if let Some(s) = doc.sentences.get(f.sentence) {
                span.start = span.start.min(s.sentence.span.start);
                span.end = span.end.max(s.sentence.span.end);
            }
            let first = doc.position(span.start).line;
            let last = doc.position(span.end).line;
            keep.push(lines.iter().any(|&(a, b)| a <= last && first <= b));
        }
        let mut keep = keep.into_iter();
        doc.findings.retain(|_| keep.next().unwrap_or(true));
    }
}

/// The new-side line ranges of every file in a `git diff --unified=0`.
fn parse_diff(diff: &str) -> HashMap<PathBuf, Changed> {
    let mut files: HashMap<PathBuf, Changed> = HashMap::new();
    let mut current: Option<PathBuf> = None;
    for line in diff.lines() {
        if let Some(name) = line.strip_prefix("+++ ") {
            current = new_name(name);
            if let Some(path) = &current {
                files.insert(path.clone(), Changed::Lines(Vec::new()));
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            let (Some(path), Some(range)) = (&current, new_side(hunk)) else {
                continue;
            };
            if let Some(Changed::Lines(lines)) = files.get_mut(path) {
                lines.push(range);
            }
        }
    }
    files
}

/// The file a `+++ ` line names, without its `b/` prefix: as written, or
/// in git's C-style quoting when the name holds a quote, a backslash or a
/// control character (`"b/quo\"te.md"`). `/dev/null` (a deletion) names none.
fn new_name(name: &str) -> Option<PathBuf> {
    let bytes = match name.strip_prefix('"') {
        Some(quoted) => unquote(quoted.strip_suffix('"')?)?,
        // Git ends names holding spaces with a tab, for patch(1).
        None => name.trim_end_matches('\t').as_bytes().to_vec(),
    };
    let path = bytes.strip_prefix(b"b/")?;
    Some(path_from_bytes(path.to_vec()))
}

/// Undoes git's C-style quoting: `\"`, `\\`, `\t`, `\n` and the other
/// one-letter escapes, and `\ooo` octal bytes (non-ASCII names when
/// `core.quotePath` is on). None for a malformed escape.
fn unquote(quoted: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(quoted.len());
    let mut bytes = quoted.bytes();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let escaped = match bytes.next()? {
            b'a' => 7,
            b'b' => 8,
            b't' => b'\t',
            b'n' => b'\n',
            b'v' => 11,
            b'f' => 12,
            b'r' => b'\r',
            d @ b'0'..=b'3' => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    let digit = bytes.next().filter(|c| (b'0'..=b'7').contains(c))?;
                    value = value * 8 + u32::from(digit - b'0');
                }
                u8::try_from(value).ok()?
            }
            c @ (b'"' | b'\\') => c,
            _ => return None,
        };
        out.push(escaped);
    }
    Some(out)
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// The new-side range of a hunk header `-a,b +c,d @@`. A pure deletion
/// (`d` = 0) marks the lines either side of the cut: what was removed may
/// have been the attribution of the sentence around it.
fn new_side(hunk: &str) -> Option<(usize, usize)> {
    let plus = hunk.split_whitespace().find(|w| w.starts_with('+'))?;
    let mut parts = plus[1..].split(',');
    let start: usize = parts.next()?.parse().ok()?;
    let count: usize = match parts.next() {
        Some(c) => c.parse().ok()?,
        None => 1,
    };
    if count == 0 {
        Some((start.max(1), start + 1))
    } else {
        Some((start, start + count - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_give_new_side_ranges() {
        assert_eq!(new_side("-3,2 +3,4 @@ text"), Some((3, 6)));
        assert_eq!(new_side("-3 +3 @@"), Some((3, 3)));
        assert_eq!(new_side("-5,2 +4,0 @@"), Some((4, 5)));
        assert_eq!(new_side("-1,2 +0,0 @@"), Some((1, 1)));
    }

    #[test]
    fn diffs_are_read_per_file() {
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-x\n+y\n@@ -9,0 +10,2 @@\n+p\n+q\ndiff --git a/old.md b/old.md\n--- a/old.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n+++ b/with space.md\t\n@@ -0,0 +1 @@\n+new\n";
        let files = parse_diff(diff);
        assert_eq!(
            files.get(Path::new("a.md")),
            Some(&Changed::Lines(vec![(1, 1), (10, 11)]))
        );
        assert!(!files.contains_key(Path::new("old.md")));
        assert_eq!(
            files.get(Path::new("with space.md")),
            Some(&Changed::Lines(vec![(1, 1)]))
        );
    }

    #[test]
    fn quoted_names_are_unquoted_to_their_bytes() {
        assert_eq!(
            new_name(r#""b/quo\"te.md""#),
            Some(PathBuf::from("quo\"te.md"))
        );
        assert_eq!(
            new_name(r#""b/new\nline\tand\\.md""#),
            Some(PathBuf::from("new\nline\tand\\.md"))
        );
        assert_eq!(
            new_name(r#""b/caf\303\251.md""#),
            Some(PathBuf::from("café.md"))
        );
        assert_eq!(
            new_name("b/with space.md\t"),
            Some(PathBuf::from("with space.md"))
        );
        assert_eq!(new_name("/dev/null"), None);
        assert_eq!(new_name(r#""b/bad\9.md""#), None);
        assert_eq!(new_name(r#""b/cut\"#), None);
    }
}
