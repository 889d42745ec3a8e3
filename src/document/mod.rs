//! Reading input: expanding directories, reading files or standard input,
//! decoding UTF-8, and turning Markdown and HTML into plain prose with a map
//! back to the original bytes. Owns what a document's path, format and text
//! are; leaves every judgement about the text to later stages.

mod encoding;
mod html;
mod markdown;
mod offsets;
mod walk;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use encoding::{decode as decode_as, sniff, Encoding, Transcoded};
pub use offsets::{OffsetMap, PlainBuilder};
pub use walk::{expand, ProjectGlobs, WalkOptions};

use crate::error::InputError;
use crate::span::{LineIndex, Span};

/// How a document's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text.
    Txt,
    /// Markdown (CommonMark with tables, footnotes and front matter).
    Md,
    /// HTML.
    Html,
}

impl InputFormat {
    /// The format a file name's extension says, if it names one.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputFormat::Txt),
            "md" | "markdown" | "mdown" | "mkd" => Some(InputFormat::Md),
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            _ => None,
        }
    }
}

/// An input as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input, shown under this name (`<stdin>` unless `--stdin-filename`).
    Stdin(String),
}

impl Input {
    /// The name shown in reports.
    pub fn display_name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin(name) => name.clone(),
        }
    }
}

/// How to read documents.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Read every input in this format, whatever its name says.
    pub format: Option<InputFormat>,
    /// For HTML: the CSS selector of the element that holds the article.
    pub html_selector: Option<String>,
    /// Inputs larger than this many bytes are refused before they are read.
    pub max_file_size: u64,
    /// A binary input is passed over with a warning instead of failing the run.
    pub skip_binary: bool,
    /// An input with no sentence is a warning instead of failing the run.
    pub allow_empty: bool,
}

/// The default `--max-file-size`: far above any article, and above the
/// largest input the test suite checks.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 512 * 1024 * 1024;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            html_selector: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            skip_binary: false,
            allow_empty: false,
        }
    }
}

/// Prose extracted from markup, with the map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Plain {
    /// The prose: blocks separated by blank lines.
    pub text: String,
    /// Plain offsets to original offsets.
    pub map: OffsetMap,
    /// Plain ranges of headings (sentences, but not claims).
    pub headings: Vec<Span>,
    /// The markup's comments, in order (suppressions live there).
    pub comments: Vec<Comment>,
    /// What the reader left out of the markup and why, for the user.
    pub notes: Vec<String>,
}

/// A comment in Markdown or HTML: `<!-- text -->`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The whole comment, delimiters included, in the original file.
    pub span: Span,
    /// What is between the delimiters.
    pub text: String,
}

/// The `<!-- ... -->` comments in a piece of raw HTML that starts at `base`.
/// Only real comments: a `<!--` inside a tag (an attribute's value, as in
/// `<span title="<!-- provenance-disable -->">`) is text, not a comment, and
/// must not silence anything.
pub(crate) fn comments_in(raw: &str, base: usize, out: &mut Vec<Comment>) {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"<!--") {
            let inner = i + 4;
            let Some(close) = raw[inner..].find("-->").map(|n| inner + n) else {
                return;
            };
            out.push(Comment {
                span: Span::new(base + i, base + close + 3),
                text: raw[inner..close].to_string(),
            });
            i = close + 3;
        } else if bytes[i] == b'<'
            && bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
        {
            // A tag: skip to its end, past quoted attribute values.
            let mut quote = None;
            i += 1;
            while i < bytes.len() {
                match (quote, bytes[i]) {
                    (None, b'"' | b'\'') => quote = Some(bytes[i]),
                    (Some(q), b) if b == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                i += 1;
            }
            i += 1;
        } else {
            i += 1;
        }
    }
}

/// A document ready to check.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given (or the name given to standard input).
    pub path: String,
    /// The format it was read as.
    pub format: InputFormat,
    /// The original text, exactly as read; reported spans index into it.
    pub source: String,
    /// For Markdown and HTML: the prose the pipeline reads.
    pub plain: Option<Plain>,
    /// For a file read as UTF-16 or UTF-32: the map from offsets of
    /// [`Document::source`] (UTF-8) back to the file's bytes, which
    /// reported spans index into.
    pub transcoded: Option<Box<Transcoded>>,
}

impl Document {
    /// A document from text already in memory.
    pub fn new(
        path: &str,
        source: String,
        format: InputFormat,
        options: &ReadOptions,
    ) -> Result<Document, InputError> {
        let base = if source.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let plain = match format {
            InputFormat::Txt => None,
            InputFormat::Md => Some(markdown::extract(&source[base..], base)),
            InputFormat::Html => Some(
                html::extract(&source[base..], base, options.html_selector.as_deref()).map_err(
                    |message| InputError::Parse {
                        path: PathBuf::from(path),
                        message,
                    },
                )?,
            ),
        };
        Ok(Document {
            path: path.to_string(),
            format,
            source,
            plain,
            transcoded: None,
        })
    }

    /// The text the pipeline reads: the prose for markup, else the source.
    pub fn text(&self) -> &str {
        self.plain.as_ref().map_or(&self.source, |p| &p.text)
    }

    /// The original span of a span of [`Document::text`].
    pub fn source_span(&self, span: Span) -> Span {
        self.plain.as_ref().map_or(span, |p| p.map.span(span))
    }
}

/// Checks a user-supplied HTML selector before any file is read.
pub fn validate_selector(selector: &str) -> Result<(), String> {
    html::validate_selector(selector)
}

/// Reads and decodes one input: UTF-8, or UTF-16 or UTF-32 by byte order
/// mark or NUL pattern. A regular file over the size limit is refused
/// before it is opened; anything else (standard input, a device, a FIFO)
/// is read until the limit, and a binary one stops at its first chunk.
pub fn read(input: &Input, options: &ReadOptions) -> Result<Document, InputError> {
    let limit = options.max_file_size;
    let (path, bytes) = match input {
        Input::File(path) if path.to_str().is_none() => {
            return Err(InputError::NameNotUtf8 { path: path.clone() })
        }
        Input::File(path) => (path.clone(), read_file(path, limit)?),
        Input::Stdin(name) => {
            let path = PathBuf::from(name);
            let bytes = read_capped(std::io::stdin().lock(), &path, limit, None)?;
            (path, bytes)
        }
    };
    let encoding = encoding::sniff(&bytes);
    if encoding == Encoding::Binary {
        return Err(InputError::Binary { path });
    }
    let format = options
        .format
        .or_else(|| InputFormat::from_path(&path))
        .unwrap_or(InputFormat::Txt);
    let text = encoding::decode(&path, bytes, encoding)?;
    let mut doc = Document::new(&input.display_name(), text, format, options)?;
    if encoding != Encoding::Utf8 {
        doc.transcoded = Some(Box::new(Transcoded::new(&doc.source, encoding)));
    }
    Ok(doc)
}

/// A file's bytes. The size of a regular file is known before it is read;
/// a FIFO is opened without waiting for a writer (one that has none reads
/// as empty instead of blocking forever).
fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let error = |source| InputError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(error)?;
    if meta.is_dir() {
        return Err(error(std::io::Error::other("is a directory")));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    let file = open_without_waiting(path, &meta).map_err(error)?;
    read_capped(file, path, limit, meta.is_file().then_some(meta.len()))
}

#[cfg(unix)]
fn open_without_waiting(path: &Path, meta: &std::fs::Metadata) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    if !meta.file_type().is_fifo() {
        return std::fs::File::open(path);
    }
    // Opened non-blocking, a FIFO with no writer opens at once and reads
    // as empty; with a writer, reads that would wait are retried.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path, _: &std::fs::Metadata) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Reads until end of file or one byte past `limit`, and stops at the
/// first chunk when it is binary (3 GB of NULs are not buffered first).
/// `size` is the length when known (a regular file), to allocate once.
fn read_capped(
    mut reader: impl Read,
    path: &Path,
    limit: u64,
    size: Option<u64>,
) -> Result<Vec<u8>, InputError> {
    let error = |source| InputError::Read {
        path: path.to_path_buf(),
        source,
    };
    let capacity = size.map_or(encoding::SNIFF_BYTES as u64, |n| n.min(limit) + 1);
    let mut bytes: Vec<u8> = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    fill(&mut reader, &mut bytes, encoding::SNIFF_BYTES as u64).map_err(error)?;
    if encoding::sniff(&bytes) == Encoding::Binary {
        return Err(InputError::Binary {
            path: path.to_path_buf(),
        });
    }
    fill(&mut reader, &mut bytes, limit.saturating_add(1)).map_err(error)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(bytes)
}

/// Reads into `bytes` until it holds `upto` bytes or the input ends. A
/// FIFO whose writer has written nothing yet would block: its reads are
/// retried after a pause.
fn fill(reader: &mut impl Read, bytes: &mut Vec<u8>, upto: u64) -> std::io::Result<()> {
    loop {
        let want = upto.saturating_sub(bytes.len() as u64);
        if want == 0 {
            return Ok(());
        }
        match reader.by_ref().take(want).read_to_end(bytes) {
            Ok(_) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

/// UTF-8 text from bytes, or an error naming the first bad byte's position.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        // The prefix before the bad byte is valid UTF-8 by definition.
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let at = LineIndex::new(valid).line_column(valid, offset);
        InputError::Utf8 {
            path: path.to_path_buf(),
            line: at.line,
            column: at.column,
            offset,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_column_and_byte() {
        let err = decode(Path::new("a.txt"), b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt:2:3: invalid UTF-8 at byte 5; convert the file to UTF-8"
        );
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(
            InputFormat::from_path(Path::new("a/b.MD")),
            Some(InputFormat::Md)
        );
        assert_eq!(
            InputFormat::from_path(Path::new("b.htm")),
            Some(InputFormat::Html)
        );
        assert_eq!(InputFormat::from_path(Path::new("b.rs")), None);
    }

    #[test]
    fn a_bom_is_skipped_but_positions_stay_original() {
        let doc = Document::new(
            "a.md",
            "\u{feff}Hi **there**.".into(),
            InputFormat::Md,
            &ReadOptions::default(),
        )
        .expect("reads");
        let at = doc.text().find("there").expect("word");
        assert_eq!(doc.source_span(Span::new(at, at + 5)), Span::new(8, 13));
    }
}
