//! The subcommands, one module each for `check` and for the small ones.

pub mod check;
pub mod info;
pub mod output;

use std::path::Path;

use provenance::config::Config;

/// The project configuration: the file named, none, or the nearest
/// provenance.toml upward from the working directory. Errors are printed.
pub fn config(named: Option<&Path>, none: bool) -> Option<Config> {
    let loaded = match (named, none) {
        (_, true) => Ok(Config::default()),
        (Some(path), false) => Config::load(path),
        (None, false) => {
            std::env::current_dir().map_or_else(|_| Ok(Config::default()), |d| Config::discover(&d))
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
