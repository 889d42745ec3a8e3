//! Expanding the paths a user names into inputs: files as given, directories
//! walked with the `ignore` crate (`.gitignore` and hidden files respected,
//! include/exclude globs applied), `-` as standard input. Sorted, so output
//! order never depends on the file system.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use super::{Input, InputFormat};
use crate::error::InputError;
use crate::files::lexical_absolute;

/// How directories are walked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Only files matching one of these globs (relative to the directory walked).
    pub include: Vec<String>,
    /// Never files matching these globs.
    pub exclude: Vec<String>,
    /// The project config's globs, relative to the config's folder.
    pub project: Option<ProjectGlobs>,
    /// Apply the excludes to files named explicitly too (as pre-commit
    /// names them).
    pub force_exclude: bool,
    /// The name standard input is shown under.
    pub stdin_name: Option<String>,
}

/// The `include` and `exclude` globs of a project config, read relative to
/// the config's folder as ruff, Vale and `.gitignore` read theirs: the same
/// config works whatever folder is walked.
#[derive(Debug, Clone)]
pub struct ProjectGlobs {
    base: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl ProjectGlobs {
    /// Globs relative to `base` (the config's folder); an error names the
    /// glob that does not parse.
    pub fn new(base: &Path, include: &[String], exclude: &[String]) -> Result<Self, InputError> {
        let set = |globs: &[String]| -> Result<GlobSet, InputError> {
            let mut builder = GlobSetBuilder::new();
            for g in globs {
                let glob = GlobBuilder::new(g)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| InputError::Pattern {
                        pattern: g.clone(),
                        message: e.kind().to_string(),
                    })?;
                builder.add(glob);
            }
            builder.build().map_err(|e| InputError::Pattern {
                pattern: globs.join(", "),
                message: e.to_string(),
            })
        };
        Ok(ProjectGlobs {
            base: lexical_absolute(base),
            include: if include.is_empty() {
                None
            } else {
                Some(set(include)?)
            },
            exclude: set(exclude)?,
        })
    }

    /// Where `path` lies under the config's folder, if it does.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        lexical_absolute(path)
            .strip_prefix(&self.base)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Whether the globs keep `path` (a file outside the config's folder is
    /// not theirs to judge).
    fn keeps(&self, path: &Path) -> bool {
        self.relative(path).is_none_or(|rel| {
            self.include.as_ref().is_none_or(|i| i.is_match(&rel)) && !self.exclude.is_match(&rel)
        })
    }

    /// Whether the excludes drop `path`.
    fn excludes(&self, path: &Path) -> bool {
        self.relative(path)
            .is_some_and(|rel| self.exclude.is_match(&rel))
    }
}

/// Expands `paths` into inputs. A path that cannot be listed, or a directory
/// with nothing to read, becomes an error beside the inputs that could be found.
pub fn expand(paths: &[PathBuf], options: &WalkOptions) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    // A glob that does not parse is reported by the walk that uses it.
    let flag_excludes = options.force_exclude.then(|| {
        let valid: Vec<String> = options
            .exclude
            .iter()
            .filter(|g| globset::Glob::new(g).is_ok())
            .cloned()
            .collect();
        ProjectGlobs::new(Path::new("."), &[], &valid).ok()
    });
    let flag_excludes = flag_excludes.flatten();
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
            let filtered = walk(path, options, &mut inputs, &mut errors);
            if inputs.len() == before {
                errors.push(if filtered > 0 {
                    InputError::AllFiltered {
                        path: path.clone(),
                        count: filtered,
                    }
                } else {
                    InputError::NoInputFiles { path: path.clone() }
                });
            }
        } else if options.force_exclude && force_excluded(path, options, flag_excludes.as_ref()) {
            continue;
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, errors)
}

/// Whether a file named explicitly is dropped by `--force-exclude`: the
/// project's excludes, or a command-line `--exclude` read from the working
/// folder (`flags`).
fn force_excluded(path: &Path, options: &WalkOptions, flags: Option<&ProjectGlobs>) -> bool {
    let by_project = options.project.as_ref().is_some_and(|p| p.excludes(path));
    by_project || flags.is_some_and(|f| f.excludes(path))
}

/// Walks `dir`, adding the articles found; returns how many articles the
/// globs left out.
fn walk(
    dir: &Path,
    options: &WalkOptions,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<InputError>,
) -> usize {
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
            return 0;
        }
    }
    let overrides = match overrides.build() {
        Ok(o) => o,
        Err(e) => {
            errors.push(InputError::Pattern {
                pattern: String::new(),
                message: e.to_string(),
            });
            return 0;
        }
    };
    let walker = WalkBuilder::new(dir)
        .hidden(true)
        .require_git(false)
        .overrides(overrides)
        .build();
    let first = inputs.len();
    let mut filtered = 0;
    let project_keeps = |path: &Path| options.project.as_ref().is_none_or(|p| p.keeps(path));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                if InputFormat::from_path(e.path()).is_some() {
                    if project_keeps(e.path()) {
                        inputs.push(Input::File(e.into_path()));
                    } else {
                        filtered += 1;
                    }
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
    filtered
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
