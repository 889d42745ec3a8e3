//! Expanding the paths a user names into inputs: files as given, directories
//! walked with the `ignore` crate (`.gitignore` and hidden files respected,
//! include/exclude globs applied), `-` as standard input. Sorted, so output
//! order never depends on the file system.

use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use super::{Input, InputFormat};
use crate::error::InputError;

/// How directories are walked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Only files matching one of these globs (relative to the directory walked).
    pub include: Vec<String>,
    /// Never files matching these globs.
    pub exclude: Vec<String>,
    /// The name standard input is shown under.
    pub stdin_name: Option<String>,
}

/// Expands `paths` into inputs. A path that cannot be listed, or a directory
/// with nothing to read, becomes an error beside the inputs that could be found.
pub fn expand(paths: &[PathBuf], options: &WalkOptions) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin(
                options
                    .stdin_name
                    .clone()
                    .unwrap_or_else(|| "<stdin>".into()),
            ));
        } else if path.is_dir() {
            let before = inputs.len();
            walk(path, options, &mut inputs, &mut errors);
            if inputs.len() == before {
                errors.push(InputError::NoInputFiles { path: path.clone() });
            }
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, options: &WalkOptions, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut overrides = OverrideBuilder::new(dir);
    let globs = options
        .include
        .iter()
        .cloned()
        .chain(options.exclude.iter().map(|g| format!("!{g}")));
    for glob in globs {
        if let Err(e) = overrides.add(&glob) {
            errors.push(InputError::Pattern {
                pattern: glob,
                message: e.to_string(),
            });
            return;
        }
    }
    let overrides = match overrides.build() {
        Ok(o) => o,
        Err(e) => {
            errors.push(InputError::Pattern {
                pattern: String::new(),
                message: e.to_string(),
            });
            return;
        }
    };
    let walker = WalkBuilder::new(dir)
        .hidden(true)
        .require_git(false)
        .overrides(overrides)
        .build();
    let first = inputs.len();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                if InputFormat::from_path(e.path()).is_some() {
                    inputs.push(Input::File(e.into_path()));
                }
            }
            // A link to an article is the article: followed (a link to a
            // file cannot make a loop). A dangling one is kept too, so that
            // reading it fails with its name instead of passing unseen.
            // Links to folders are not walked, as git does not.
            Ok(e) if e.path_is_symlink() && InputFormat::from_path(e.path()).is_some() => {
                if !std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir()) {
                    inputs.push(Input::File(e.into_path()));
                }
            }
            Ok(_) => {}
            Err(e) => errors.push(InputError::Read {
                path: dir.to_path_buf(),
                source: std::io::Error::other(e.to_string()),
            }),
        }
    }
    // Sorted once at the end, comparing bytes with the separator lowest,
    // which orders paths component by component ("a/x" before "a-b/x", as
    // a walk does) without parsing them at every comparison or keeping a
    // sort key per file.
    inputs[first..].sort_by(|a, b| walk_order(a).cmp(walk_order(b)));
}

/// A walked path's bytes for sorting, a separator first of all.
fn walk_order(input: &Input) -> impl Iterator<Item = u16> + '_ {
    let bytes = match input {
        Input::File(path) => path.as_os_str().as_encoded_bytes(),
        Input::Stdin(_) => &[],
    };
    bytes.iter().map(|&b| {
        if std::path::is_separator(char::from(b)) {
            0
        } else {
            u16::from(b) + 1
        }
    })
}
