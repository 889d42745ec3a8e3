//! Reading input: expanding directories, reading files or standard input, and
//! decoding UTF-8. Owns what a document's path and text are; leaves every
//! judgement about the text to later stages.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::InputError;
use crate::span::LineIndex;

/// An input as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// The name shown in reports.
    pub fn display_name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }
}

/// A document ready to check: its name and its whole text.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given (or `<stdin>`).
    pub path: String,
    /// The text, exactly as read; spans index into it.
    pub text: String,
}

/// File extensions read when a directory is walked.
const EXTENSIONS: &[&str] = &["txt"];

/// Expands `paths` into inputs: files as given, directories walked for
/// `.txt` files (hidden entries skipped, sorted), `-` as standard input.
/// A path that cannot be listed, or a directory with nothing to read, becomes
/// an error beside the inputs that could be found.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let before = inputs.len();
            walk(path, &mut inputs, &mut errors);
            if inputs.len() == before {
                errors.push(InputError::NoInputFiles { path: path.clone() });
            }
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(InputError::Read {
                path: dir.to_path_buf(),
                source,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, inputs, errors);
        } else if path
            .extension()
            .is_some_and(|x| EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)))
        {
            inputs.push(Input::File(path));
        }
    }
}

/// Reads and decodes one input.
pub fn read(input: &Input) -> Result<Document, InputError> {
    let (path, bytes) = match input {
        Input::File(path) => {
            let bytes = std::fs::read(path).map_err(|source| InputError::Read {
                path: path.clone(),
                source,
            })?;
            (path.clone(), bytes)
        }
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|source| InputError::Read {
                    path: PathBuf::from("<stdin>"),
                    source,
                })?;
            (PathBuf::from("<stdin>"), bytes)
        }
    };
    decode(&path, bytes).map(|text| Document {
        path: input.display_name(),
        text,
    })
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
    fn dash_means_stdin() {
        let (inputs, errors) = expand(&[PathBuf::from("-")]);
        assert_eq!(inputs, vec![Input::Stdin]);
        assert!(errors.is_empty());
    }
}
