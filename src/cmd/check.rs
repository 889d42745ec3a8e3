//! `provenance check`: settle the configuration, expand the paths, run the
//! pipeline on every input in parallel, filter (baseline, changed lines),
//! report, and pick the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use provenance::baseline::{Baseline, Recorder};
use provenance::changes::ChangedLines;
use provenance::config::{Config, FailOn};
use provenance::document::{self, Input, InputFormat, ProjectGlobs, ReadOptions, WalkOptions};
use provenance::report::{self, Format, Report, ReportOptions};
use provenance::run::{self, Notice, Runner};
use provenance::CheckedDocument;

use super::output::{is_file_at, same_destination, same_file, write_atomically, Output};
use crate::CheckArgs;

/// Runs `check` and returns the exit code (docs/json.md, "Exit codes").
pub fn run(args: CheckArgs) -> io::Result<u8> {
    let home = super::home_folder(&args.paths);
    let Some(config) = super::config(args.config.as_deref(), args.no_config, &home) else {
        return Ok(2);
    };
    let rules = match config.rules(&args.rules) {
        Ok(rules) => rules,
        Err(e) => {
            eprintln!(
                "error: {}",
                provenance::report::escape_controls(&e.to_string(), true)
            );
            return Ok(2);
        }
    };
    let fail_on = args.fail_on.or(config.fail_on()).unwrap_or(FailOn::Error);
    if let Some(selector) = &args.html_selector {
        if let Err(message) = document::validate_selector(selector) {
            eprintln!(
                "error: {}",
                provenance::report::escape_controls(&message, true)
            );
            return Ok(2);
        }
    }
    let mut read = ReadOptions {
        format: args.input_format,
        html_selector: args.html_selector.clone(),
        max_file_size: args.max_file_size,
        skip_binary: args.skip_binary,
        allow_empty: args.allow_empty,
    };
    if read.format.is_none() && args.paths.iter().all(|p| p.as_os_str() == "-") {
        read.format = args
            .stdin_filename
            .as_deref()
            .and_then(|n| InputFormat::from_path(Path::new(n)));
    }
    let Some(filters) = Filters::new(&args, &config, &home) else {
        return Ok(2);
    };
    let mut runner = Runner::new(&rules, read, usize::from(args.threads))?;
    if let Some(baseline) = &filters.baseline {
        runner = runner.filter(Box::new(|doc| baseline.filter(doc)));
    }
    if let Some(changed) = &filters.changed {
        runner = runner.filter(Box::new(|doc| changed.filter(doc)));
    }
    if args.stdin_jsonl {
        let mut out = io::BufWriter::new(io::stdout());
        let outcome =
            runner.check_records(io::stdin().lock(), &mut out, &mut |n| print_notice(&n))?;
        out.flush()?;
        return Ok(exit_code(&outcome, fail_on));
    }
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("error: no input: name files or directories, or pipe text to standard input");
            return Ok(2);
        }
        paths.push(PathBuf::from("-"));
    }
    let project = match config.path.as_deref() {
        Some(file) if !config.include().is_empty() || !config.exclude().is_empty() => {
            let base = file.parent().unwrap_or(Path::new(""));
            match ProjectGlobs::new(base, config.include(), config.exclude()) {
                Ok(globs) => Some(globs),
                Err(e) => {
                    eprintln!(
                        "error: {}: {}",
                        file.display(),
                        provenance::report::escape_controls(&e.to_string(), true)
                    );
                    return Ok(2);
                }
            }
        }
        _ => None,
    };
    let walk = WalkOptions {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        project,
        force_exclude: args.force_exclude,
        stdin_name: args.stdin_filename.clone(),
    };
    let (mut inputs, errors) = document::expand(&paths, &walk);
    if args.input_format.is_none() {
        // A file named explicitly is read whatever its extension; say how.
        for path in paths.iter().filter(|p| p.as_os_str() != "-" && p.is_file()) {
            if provenance::document::InputFormat::from_path(path).is_none() {
                eprintln!(
                    "note: {}: not a .txt, .md or .html file; read as plain text (--input-format reads it as another)",
                    provenance::report::escape_controls(&path.display().to_string(), true)
                );
            }
        }
    }
    for e in &errors {
        eprintln!(
            "error: {}",
            provenance::report::escape_controls(&e.to_string(), true)
        );
    }
    if let Some(message) = clobbered(&args, &config, &inputs) {
        eprintln!(
            "error: {}",
            provenance::report::escape_controls(&message, true)
        );
        return Ok(2);
    }
    let listed = inputs.len();
    if let Some(changed) = &filters.changed {
        // Unchanged files cannot have findings on changed lines: not even read.
        inputs.retain(|input| match input {
            Input::File(path) => changed.touches(path),
            Input::Stdin(_) => true,
        });
    }
    let color = use_color(
        args.color,
        args.output.is_none() && io::stdout().is_terminal(),
    );
    let options = ReportOptions {
        color,
        quiet: args.quiet,
        rules: &rules,
        step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from),
    };
    let mut report = report::reporter(args.format, &options);
    let mut recorder = args.write_baseline.as_deref().map(Recorder::new);
    let mut tee = Tee {
        report: report.as_mut(),
        recorder: recorder.as_mut(),
    };
    let mut sink = Output::open(args.output.as_deref())?;
    let bar = progress_bar(inputs.len());
    let mut advance = |n: usize| bar.inc(n as u64);
    let mut failures = Vec::new();
    let mut notice = |notice: Notice| {
        print_notice(&notice);
        if let Notice::Failed(e) = notice {
            failures.push(e);
        }
    };
    let mut outcome =
        runner.check_inputs(&inputs, &mut tee, sink.writer(), &mut notice, &mut advance)?;
    bar.finish_and_clear();
    for e in errors.iter().chain(&failures) {
        tee.failed(e);
    }
    tee.finish(sink.writer())?;
    sink.commit()?;
    if let Some(path) = &args.output {
        eprintln!(
            "wrote the {} report to {}",
            args.format.name(),
            provenance::report::escape_controls(&path.display().to_string(), true)
        );
    }
    outcome.failed += errors.len();
    if listed == 0 && errors.is_empty() {
        if args.force_exclude && !args.paths.is_empty() {
            // pre-commit named only excluded files: nothing to check is right.
            eprintln!("note: every file named is excluded (--force-exclude); nothing checked");
        } else {
            outcome.failed += 1;
        }
    }
    if let (Some(path), Some(recorder)) = (&args.write_baseline, &recorder) {
        write_atomically(path, recorder.to_json().as_bytes())?;
        eprintln!(
            "wrote {} finding(s) to the baseline {}",
            recorder.len(),
            path.display()
        );
        return Ok(if outcome.failed > 0 { 2 } else { 0 });
    }
    if filters.changed.is_some() && args.format == Format::Text {
        eprintln!(
            "checked {} of {} file(s): the ones changed since {}",
            inputs.len(),
            listed,
            args.changed_since.as_deref().unwrap_or_default()
        );
    }
    Ok(exit_code(&outcome, fail_on))
}

/// A file the run would overwrite although it reads it or writes it twice:
/// `-o` or `--write-baseline` naming an input, a rule file, the config, the
/// baseline, or each other. Checked before anything is read or written.
fn clobbered(args: &CheckArgs, config: &Config, inputs: &[Input]) -> Option<String> {
    let outputs = [
        ("-o", args.output.as_deref()),
        ("--write-baseline", args.write_baseline.as_deref()),
    ];
    let mut read: Vec<(&str, PathBuf)> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(("the input", p.clone())),
            Input::Stdin(_) => None,
        })
        .collect();
    read.extend(args.rules.iter().map(|p| ("the rule file", p.clone())));
    read.extend(
        config
            .rule_paths()
            .into_iter()
            .map(|p| ("the rule file", p)),
    );
    read.extend(config.path.clone().map(|p| ("the config", p)));
    read.extend(args.baseline.clone().map(|p| ("the baseline", p)));
    read.extend(config.baseline_path().map(|p| ("the baseline", p)));
    for (flag, out) in outputs {
        let Some(out) = out else { continue };
        // Resolved once, compared with every path read; a file that is not
        // there yet replaces none of them.
        let real = std::fs::canonicalize(out).ok();
        // A rule folder's .toml files are all read.
        let in_rule_folder = |p: &Path| {
            p.is_dir()
                && out.extension().is_some_and(|x| x == "toml")
                && out.parent().is_some_and(|d| same_file(p, d))
        };
        if let Some((what, _)) = read.iter().find(|(what, p)| {
            real.as_deref().is_some_and(|r| is_file_at(r, p))
                || (*what == "the rule file" && in_rule_folder(p))
        }) {
            return Some(format!(
                "{flag} {} would replace {what}; write the report somewhere else",
                out.display()
            ));
        }
    }
    if let (Some(a), Some(b)) = (&args.output, &args.write_baseline) {
        if same_destination(a, b) {
            return Some(format!(
                "-o and --write-baseline both name {}; give them different files",
                a.display()
            ));
        }
    }
    None
}

/// The baseline and changed lines a run filters its findings by.
struct Filters {
    baseline: Option<Baseline>,
    changed: Option<ChangedLines>,
}

impl Filters {
    /// Loads what the arguments and the config ask for; errors are printed.
    fn new(args: &CheckArgs, config: &Config, home: &Path) -> Option<Filters> {
        // Writing a baseline records everything: an old baseline does not apply.
        let baseline_path = match (&args.write_baseline, &args.baseline) {
            (Some(_), _) => None,
            (None, Some(path)) => Some(path.clone()),
            (None, None) => match config.baseline() {
                Ok(path) => path,
                Err(e) => {
                    eprintln!(
                        "error: {}",
                        provenance::report::escape_controls(&e.to_string(), true)
                    );
                    return None;
                }
            },
        };
        let baseline = match baseline_path.as_deref().map(Baseline::load).transpose() {
            Ok(b) => b,
            Err(e) => {
                eprintln!(
                    "error: {}",
                    provenance::report::escape_controls(&e.to_string(), true)
                );
                return None;
            }
        };
        let changed = match &args.changed_since {
            Some(rev) => match ChangedLines::since(rev, home) {
                Ok(c) => Some(c),
                Err(e) => {
                    eprintln!(
                        "error: {}",
                        provenance::report::escape_controls(&e.to_string(), true)
                    );
                    return None;
                }
            },
            None => None,
        };
        Some(Filters { baseline, changed })
    }
}

/// The report, and the baseline recorder when one is being written.
struct Tee<'a> {
    report: &'a mut dyn Report,
    recorder: Option<&'a mut Recorder>,
}

impl Report for Tee<'_> {
    fn render(&self, doc: &CheckedDocument) -> io::Result<Option<Vec<u8>>> {
        self.report.render(doc)
    }

    fn take(
        &mut self,
        doc: &CheckedDocument,
        rendered: Option<Vec<u8>>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if let Some(recorder) = self.recorder.as_deref_mut() {
            recorder.record(doc);
        }
        self.report.take(doc, rendered, out)
    }

    // A baseline being written records each checked document's findings:
    // none is checked while it is written then.
    fn streams(&self, doc: &provenance::document::Document) -> bool {
        self.recorder.is_none() && self.report.streams(doc)
    }

    fn stream(
        &mut self,
        doc: &provenance::document::Document,
        rules: &provenance::rules::RuleSet,
        out: &mut dyn Write,
    ) -> io::Result<provenance::report::Streamed> {
        self.report.stream(doc, rules, out)
    }

    fn failed(&mut self, error: &provenance::error::InputError) {
        self.report.failed(error);
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.report.finish(out)
    }
}

/// Whether the text report is coloured: `--color`, else `NO_COLOR` and
/// `FORCE_COLOR` (each counts only when set and not empty, as
/// no-color.org and force-color.org say), else whether it goes to a
/// terminal.
fn use_color(choice: crate::ColorChoice, terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match choice {
        crate::ColorChoice::Always => true,
        crate::ColorChoice::Never => false,
        crate::ColorChoice::Auto if set("NO_COLOR") => false,
        crate::ColorChoice::Auto if set("FORCE_COLOR") => true,
        crate::ColorChoice::Auto => terminal,
    }
}

fn print_notice(notice: &Notice) {
    use provenance::report::escape_controls;
    match notice {
        Notice::Failed(e) => eprintln!("error: {}", escape_controls(&e.to_string(), true)),
        Notice::Skipped(message) => eprintln!("warning: {}", escape_controls(message, true)),
    }
}

/// A progress bar on standard error for long runs on a terminal; hidden otherwise.
fn progress_bar(total: usize) -> ProgressBar {
    if total < 50 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn exit_code(outcome: &run::Outcome, fail_on: FailOn) -> u8 {
    if outcome.failed > 0 {
        return 2;
    }
    let failed = fail_on
        .threshold()
        .is_some_and(|t| outcome.worst.is_some_and(|w| w >= t));
    u8::from(failed)
}
