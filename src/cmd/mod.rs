//! The subcommands, one module each for `check` and for the small ones.

pub mod check;
pub mod info;
pub mod output;

use std::path::{Path, PathBuf};

use provenance::config::Config;

/// The folder a run is about, absolute: that of the first path checked (a
/// folder itself, or a file's), else the working folder (standard input).
/// Settings are found upward from it, as ruff finds its own, and so is the
/// repository `--changed-since` asks git about.
pub fn home_folder(paths: &[PathBuf]) -> PathBuf {
    let first = paths.iter().find(|p| p.as_os_str() != "-").and_then(|p| {
        let folder = if p.is_dir() { p.as_path() } else { p.parent()? };
        std::path::absolute(folder).ok()
    });
    first
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The project configuration: the file named, none, or the nearest
/// provenance.toml upward from `home` (see [`home_folder`]). Errors are printed.
pub fn config(named: Option<&Path>, none: bool, home: &Path) -> Option<Config> {
    let loaded = match (named, none) {
        (_, true) => Ok(Config::default()),
        (Some(path), false) => Config::load(path),
        (None, false) => Config::discover(home),
    };
    match loaded {
        Ok(config) => Some(config),
        Err(e) => {
            eprintln!(
                "error: {}",
                provenance::report::escape_controls(&e.to_string(), true)
            );
            None
        }
    }
}
