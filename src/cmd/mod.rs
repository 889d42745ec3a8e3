//! The subcommands, one module each for `check` and for the small ones.

pub mod check;
pub mod info;
pub mod output;

use std::path::{Path, PathBuf};

use provenance::config::Config;

/// The project configuration: the file named, none, or the nearest
/// provenance.toml upward from `start` (a checked path: a file's folder, or
/// the folder itself), else from the working directory. Errors are printed.
pub fn config(named: Option<&Path>, none: bool, start: Option<&PathBuf>) -> Option<Config> {
    let loaded = match (named, none) {
        (_, true) => Ok(Config::default()),
        (Some(path), false) => Config::load(path),
        (None, false) => {
            let from = start.and_then(|p| {
                let folder = if p.is_dir() { p.as_path() } else { p.parent()? };
                std::path::absolute(folder).ok()
            });
            match from.or_else(|| std::env::current_dir().ok()) {
                Some(dir) => Config::discover(&dir),
                None => Ok(Config::default()),
            }
        }
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
