//! The errors a user can cause: input that cannot be read or decoded, and rule
//! files that cannot be parsed or make no sense. Each names the file and, where
//! there is one, the line and column, so `main` can print it as it is.

use std::fmt;
use std::path::PathBuf;

/// An input document that could not be checked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8.
    #[error("{path}:{line}:{column}: invalid UTF-8 at byte {offset}; convert the file to UTF-8")]
    Utf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (Unicode scalars) of the first bad byte.
        column: usize,
        /// Byte offset of the first bad byte.
        offset: usize,
    },
    /// A directory holds no file the tool knows how to read.
    #[error("{path}: no .txt, .md or .html files found in this directory")]
    NoInputFiles {
        /// The directory.
        path: PathBuf,
    },
    /// A directory whose articles the include and exclude globs all left out.
    #[error("{path}: {count} .txt, .md or .html file(s) found, all left out by the include/exclude globs (those of provenance.toml are read from its folder)")]
    AllFiltered {
        /// The directory.
        path: PathBuf,
        /// How many articles the globs left out.
        count: usize,
    },
    /// The bytes are not valid in the UTF-16 or UTF-32 encoding they were
    /// sniffed as.
    #[error(
        "{path}:{line}:{column}: invalid {encoding} at byte {offset}; convert the file to UTF-8"
    )]
    Encoding {
        /// The file.
        path: PathBuf,
        /// The encoding.
        encoding: &'static str,
        /// 1-based line of the first bad sequence.
        line: usize,
        /// 1-based column (Unicode scalars) of the first bad sequence.
        column: usize,
        /// Byte offset of the first bad sequence in the file.
        offset: usize,
    },
    /// The file holds NUL bytes in no pattern of a Unicode encoding: not text.
    #[error("{path}: binary file (NUL bytes, and no UTF-16 or UTF-32 pattern); not checked (--skip-binary passes over such files)")]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// A file name that is not UTF-8: reports could not name it so that it
    /// round-trips (SARIF, JSON and annotations need text).
    #[error("{path}: the file name is not UTF-8; rename the file to check it")]
    NameNotUtf8 {
        /// The file, as the platform shows it.
        path: PathBuf,
    },
    /// The input is larger than `--max-file-size`.
    #[error(
        "{path}: larger than the {limit}-byte limit; not read (raise it with --max-file-size)"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// The input holds no sentence to check.
    #[error("{path}: {why}; nothing checked (--allow-empty accepts such inputs)")]
    Empty {
        /// The file.
        path: PathBuf,
        /// What is empty about it.
        why: String,
    },
    /// Markup the reader could not get through.
    #[error("{path}: cannot read as markup: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A `--stdin-jsonl` line that is not a record.
    #[error("<stdin>:{line}:{column}: not a record {{\"id\", \"text\", \"format\"}}: {message}")]
    Record {
        /// 1-based line of the stream.
        line: usize,
        /// 1-based column where the JSON went wrong.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// An include or exclude glob that does not parse.
    #[error("invalid glob `{pattern}`: {message}")]
    Pattern {
        /// The glob as given.
        pattern: String,
        /// What is wrong with it.
        message: String,
    },
}

impl InputError {
    /// The input it is about, if it is about one file or folder.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            InputError::Read { path, .. }
            | InputError::Utf8 { path, .. }
            | InputError::NoInputFiles { path }
            | InputError::AllFiltered { path, .. }
            | InputError::Encoding { path, .. }
            | InputError::Binary { path }
            | InputError::NameNotUtf8 { path }
            | InputError::TooLarge { path, .. }
            | InputError::Empty { path, .. }
            | InputError::Parse { path, .. } => Some(path),
            InputError::Record { .. } | InputError::Pattern { .. } => None,
        }
    }
}

/// A rule file that could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    /// The file could not be read.
    #[error("cannot read rule file {path}: {source}")]
    Read {
        /// The rule file or folder.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The project configuration could not be read.
    #[error("cannot read config file {path}: {source}")]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A project config names a rule file or baseline outside its folder.
    #[error(
        "{path}: outside the folder of the config that names it ({root}); a provenance.toml \
         may name rule files and baselines only under its own folder (pass others with \
         --rules or --baseline)"
    )]
    Outside {
        /// The file named.
        path: PathBuf,
        /// The config's folder.
        root: PathBuf,
    },
    /// The file is not valid TOML, or a value in it is wrong.
    #[error("{0}")]
    Invalid(Box<InvalidRule>),
}

/// Where and why a rule file is wrong, with the offending line for display.
#[derive(Debug)]
pub struct InvalidRule {
    /// The rule file (or `<embedded>/NAME` for the defaults).
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalars.
    pub column: usize,
    /// What is wrong and what to do.
    pub message: String,
    /// The offending line as shown: around the error, at most a few hundred
    /// characters, control characters escaped.
    pub line_text: String,
    /// The 1-based column of [`InvalidRule::line_text`] the caret starts at.
    pub caret: usize,
    /// How many columns the caret underline spans.
    pub width: usize,
}

impl fmt::Display for InvalidRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gutter = self.line.to_string().len();
        writeln!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )?;
        writeln!(f, "{:gutter$} |", "")?;
        writeln!(f, "{} | {}", self.line, self.line_text)?;
        write!(
            f,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(self.caret.saturating_sub(1)),
            "^".repeat(self.width.max(1))
        )
    }
}

/// A baseline or a git revision that a run depends on and cannot use.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SetupError {
    /// The baseline file could not be read or written.
    #[error("baseline {path}: {source}")]
    BaselineIo {
        /// The baseline file.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The baseline file is not one this tool wrote.
    #[error("{path}:{line}:{column}: not a provenance baseline: {message}")]
    Baseline {
        /// The baseline file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// `--changed-since` could not ask git what changed.
    #[error("--changed-since {rev}: {message}")]
    Git {
        /// The revision as given.
        rev: String,
        /// What git said, or why it could not run.
        message: String,
    },
}
