//! The project file, `provenance.toml`: what a newsroom sets once for its
//! content repository (checks on or off, severities, its own sources and
//! spellings, which files to check, when CI fails). Found upward from the
//! working directory unless `--config` names one. Every key is checked:
//! an unknown key or a check id that does not exist is an error with the
//! file, line and column, never silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::RuleError;
use crate::rules::{self, RuleSet, Severity, SourceRule};

/// The file name searched for.
pub const FILE_NAME: &str = "provenance.toml";

/// The level at which a run fails (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    fail_on: Option<FailOn>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    baseline: Option<Spanned<String>>,
    #[serde(default)]
    checks: BTreeMap<Spanned<String>, CheckSetting>,
    #[serde(default)]
    sources: BTreeMap<Spanned<String>, SourceSetting>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckSetting {
    enabled: Option<bool>,
    severity: Option<Severity>,
}

/// A new source, or more spellings of a registered one.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceSetting {
    kind: Option<Spanned<String>>,
    name: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

/// A loaded `provenance.toml`.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from (`None`: no file, the defaults).
    pub path: Option<PathBuf>,
    text: String,
    file: ConfigFile,
}

impl Config {
    /// The nearest `provenance.toml` in `start` or one of its parents, or the
    /// defaults when there is none.
    pub fn discover(start: &Path) -> Result<Config, RuleError> {
        match start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|p| p.is_file())
        {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// Reads and validates the file at `path`.
    pub fn load(path: &Path) -> Result<Config, RuleError> {
        let text = crate::files::read_text(path, crate::files::CONFIG_CAP).map_err(|source| {
            RuleError::Config {
                path: path.to_path_buf(),
                source,
            }
        })?;
        Config::parse(path, text)
    }

    /// Parses a configuration given as text; `path` is shown in errors and
    /// anchors the relative paths in it.
    pub fn parse(path: &Path, text: String) -> Result<Config, RuleError> {
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let range = e.span().unwrap_or(0..0);
            let message = e.message().trim_end().to_string();
            rules::invalid_quoting(path, &text, range, message, rules::quote_for(&text))
        })?;
        Ok(Config {
            path: Some(path.to_path_buf()),
            text,
            file,
        })
    }

    /// The folder relative paths in the file are resolved against.
    fn dir(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    fn resolve(&self, relative: &str) -> PathBuf {
        self.dir().join(relative)
    }

    /// The `fail-on` level set in the file.
    pub fn fail_on(&self) -> Option<FailOn> {
        self.file.fail_on
    }

    /// Include globs for directory walks.
    pub fn include(&self) -> &[String] {
        &self.file.include
    }

    /// Exclude globs for directory walks.
    pub fn exclude(&self) -> &[String] {
        &self.file.exclude
    }

    /// The baseline file named in the config, resolved against its folder;
    /// an error when it lies outside that folder (a checked-in config must
    /// not make a run read files elsewhere on the machine).
    pub fn baseline(&self) -> Result<Option<PathBuf>, RuleError> {
        self.file
            .baseline
            .as_ref()
            .map(|b| self.confined(b, "baseline"))
            .transpose()
    }

    /// The baseline path as named, unchecked (to refuse overwriting it).
    pub fn baseline_path(&self) -> Option<PathBuf> {
        self.file
            .baseline
            .as_ref()
            .map(|b| self.resolve(b.get_ref()))
    }

    /// The rule files named, unchecked (to refuse overwriting them).
    pub fn rule_paths(&self) -> Vec<PathBuf> {
        self.file
            .rules
            .iter()
            .map(|r| self.resolve(r.get_ref()))
            .collect()
    }

    /// A path named in the file, which must lie under the file's folder
    /// once links and `..` are resolved: a config is checked in with the
    /// copy, and whoever can change the copy must not be able to make a CI
    /// run read (and print in an error) a secret elsewhere on the machine.
    /// Paths given on the command line are the user's own and not confined.
    fn confined(&self, named: &Spanned<String>, what: &str) -> Result<PathBuf, RuleError> {
        let path = self.resolve(named.get_ref());
        if rules::lies_under(&path, &self.dir()) {
            return Ok(path);
        }
        Err(self.error(
            named.span(),
            format!(
                "the {what} `{}` lies outside this config's folder; a provenance.toml may \
                 name files only under its own folder (pass others on the command line)",
                crate::files::excerpt(named.get_ref(), crate::files::QUOTE_CHARS)
            ),
        ))
    }

    /// The rules in effect: the embedded defaults, the rule files the config
    /// names, then `extra` (from the command line), then the config's own
    /// check settings and sources.
    pub fn rules(&self, extra: &[PathBuf]) -> Result<RuleSet, RuleError> {
        let confined = self
            .file
            .rules
            .iter()
            .map(|r| self.confined(r, "rule file"))
            .collect::<Result<Vec<_>, _>>()?;
        let rules = RuleSet::load_confined(&confined, &self.dir(), extra)?;
        self.apply(rules)
    }

    /// The rule files the config names, as written in it.
    pub fn rule_names(&self) -> Vec<&str> {
        self.file
            .rules
            .iter()
            .map(|r| r.get_ref().as_str())
            .collect()
    }

    /// `rules` with the config's own check settings and sources applied:
    /// the last layer of [`Config::rules`], for rules loaded some other way
    /// (the in-browser checker gets its rule files as text).
    pub fn apply(&self, mut rules: RuleSet) -> Result<RuleSet, RuleError> {
        self.apply_checks(&mut rules)?;
        if self.file.sources.is_empty() {
            return Ok(rules);
        }
        self.apply_sources(&mut rules)?;
        rules.reindex()
    }

    fn error(&self, span: std::ops::Range<usize>, message: String) -> RuleError {
        let path = self.path.clone().unwrap_or_else(|| FILE_NAME.into());
        rules::invalid(&path, &self.text, span, message)
    }

    fn apply_checks(&self, rules: &mut RuleSet) -> Result<(), RuleError> {
        for (id, setting) in &self.file.checks {
            let Some(check) = rules
                .checks
                .iter_mut()
                .find(|c| c.id.get_ref() == id.get_ref())
            else {
                let known: Vec<&str> = rules
                    .checks
                    .iter()
                    .map(|c| c.id.get_ref().as_str())
                    .collect();
                return Err(self.error(
                    id.span(),
                    format!(
                        "unknown check `{}`; known checks: {}",
                        id.get_ref(),
                        known.join(", ")
                    ),
                ));
            };
            if let Some(enabled) = setting.enabled {
                check.enabled = enabled;
            }
            if let Some(severity) = setting.severity {
                check.severity = severity;
            }
        }
        Ok(())
    }

    fn apply_sources(&self, rules: &mut RuleSet) -> Result<(), RuleError> {
        for (id, setting) in &self.file.sources {
            for alias in &setting.aliases {
                if let Some(problem) = rules::alias_problem(alias.get_ref()) {
                    return Err(self.error(alias.span(), problem));
                }
            }
            if let Some(known) = rules
                .sources
                .iter_mut()
                .find(|s| s.id.get_ref() == id.get_ref())
            {
                known.aliases.extend(setting.aliases.iter().cloned());
                if let Some(kind) = &setting.kind {
                    known.kind = kind.clone();
                }
                if let Some(name) = &setting.name {
                    known.name = name.clone();
                }
                continue;
            }
            rules::kebab(id.get_ref()).map_err(|m| self.error(id.span(), m))?;
            let Some(kind) = setting.kind.clone() else {
                return Err(self.error(
                    id.span(),
                    format!(
                        "new source `{}` needs a `kind` (e.g. \"wire-service\", \"news-outlet\")",
                        id.get_ref()
                    ),
                ));
            };
            if setting.aliases.is_empty() {
                return Err(self.error(
                    id.span(),
                    format!(
                        "new source `{}` needs `aliases`: the spellings that name it",
                        id.get_ref()
                    ),
                ));
            }
            rules.sources.push(SourceRule {
                id: id.clone(),
                kind,
                name: setting.name.clone().unwrap_or_else(|| id.get_ref().clone()),
                aliases: setting.aliases.clone(),
                patterns: Vec::new(),
                part_of: None,
                described_as: Vec::new(),
                summary: setting.summary.clone(),
                example: Vec::new(),
            });
        }
        Ok(())
    }
}

/// The commented starter file `provenance init` writes.
pub const STARTER: &str = include_str!("starter.toml");

#[cfg(test)]
mod tests;
