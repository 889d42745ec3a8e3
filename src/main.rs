//! The command line: parse arguments, call the library, pick the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use indicatif::{ProgressBar, ProgressStyle};
use provenance::document::{self, Input, InputFormat, ReadOptions, WalkOptions};
use provenance::report::{self, Format};
use provenance::rules::{RuleSet, Severity};
use provenance::run::{self, Notice, Runner};

/// Checks news copy for claim provenance: tags every sentence with its source
/// and flags the statements that carry no attribution.
#[derive(Parser)]
#[command(name = "provenance", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files, directories (walked for .txt files) or standard input (`-`).
    Check(CheckArgs),
    /// Print the sentences of a file with their byte spans (a debugging aid).
    Segment {
        /// The file to split (`-` for standard input).
        path: PathBuf,
    },
    /// List the rules in effect: sources, cues and checks.
    Rules {
        /// Extra rule files or folders, as for `check`.
        #[arg(long = "rules", value_name = "PATH")]
        rules: Vec<PathBuf>,
    },
    /// Explain a check or a source by its id.
    Explain {
        /// A check id (`unattributed-quote`) or a source id (`ap`).
        id: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories; `-` or nothing (with piped input) reads standard input.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Extra or overriding rule files, or folders of them.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Exit 1 when a finding at or above this level is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Read every input in this format, whatever its extension says.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// The name standard input is shown under; its extension picks the format.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// For HTML: the CSS selector of the element holding the article
    /// (default: article, else main, else body).
    #[arg(long, value_name = "SELECTOR")]
    html_selector: Option<String>,
    /// In directories, check only files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// In directories, skip files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Read JSON Lines records {"id", "text", "format"} from standard input and
    /// write one JSON Lines result per record.
    #[arg(long, conflicts_with_all = ["paths", "format", "output"])]
    stdin_jsonl: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Segment { path } => segment(&path),
        Command::Rules { rules } => list_rules(&rules),
        Command::Explain { id } => explain(&id),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn load_rules(paths: &[PathBuf]) -> Option<RuleSet> {
    match RuleSet::load(paths) {
        Ok(rules) => Some(rules),
        Err(e) => {
            eprintln!("error: {e}");
            None
        }
    }
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let Some(rules) = load_rules(&args.rules) else {
        return Ok(2);
    };
    if let Some(selector) = &args.html_selector {
        if let Err(message) = document::validate_selector(selector) {
            eprintln!("error: {message}");
            return Ok(2);
        }
    }
    let mut read = ReadOptions {
        format: args.input_format,
        html_selector: args.html_selector.clone(),
    };
    if args.stdin_jsonl {
        let runner = Runner::new(&rules, read, args.threads)?;
        let mut out = io::BufWriter::new(io::stdout());
        let outcome = runner.check_records(io::stdin().lock(), &mut out, &mut print_notice)?;
        out.flush()?;
        return Ok(exit_code(&outcome, args.fail_on));
    }
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("error: no input: name files or directories, or pipe text to standard input");
            return Ok(2);
        }
        paths.push(PathBuf::from("-"));
    }
    if read.format.is_none() {
        read.format = args
            .stdin_filename
            .as_deref()
            .and_then(|n| InputFormat::from_path(Path::new(n)))
            .filter(|_| paths.iter().all(|p| p.as_os_str() == "-"));
    }
    let walk = WalkOptions {
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        stdin_name: args.stdin_filename.clone(),
    };
    let (inputs, errors) = document::expand(&paths, &walk);
    for e in &errors {
        eprintln!("error: {e}");
    }
    let color = args.output.is_none()
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut report = report::reporter(args.format, color);
    let mut sink = Output::open(args.output.as_deref())?;
    let bar = progress_bar(inputs.len());
    let mut advance = |n: usize| bar.inc(n as u64);
    let runner = Runner::new(&rules, read, args.threads)?;
    let mut outcome = runner.check_inputs(
        &inputs,
        report.as_mut(),
        sink.writer(),
        &mut print_notice,
        &mut advance,
    )?;
    bar.finish_and_clear();
    report.finish(sink.writer())?;
    sink.commit()?;
    outcome.failed += errors.len();
    if inputs.is_empty() && errors.is_empty() {
        outcome.failed += 1;
    }
    Ok(exit_code(&outcome, args.fail_on))
}

fn print_notice(notice: Notice) {
    match notice {
        Notice::Failed(e) => eprintln!("error: {e}"),
        Notice::Skipped(message) => eprintln!("warning: {message}"),
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

/// Standard output, or a file written whole: to a temporary name first, then
/// renamed, so an interrupted run never leaves half a report.
enum Output {
    Stdout(io::BufWriter<io::Stdout>),
    File {
        tmp: PathBuf,
        dest: PathBuf,
        file: io::BufWriter<std::fs::File>,
    },
}

impl Output {
    fn open(path: Option<&Path>) -> io::Result<Output> {
        let Some(dest) = path else {
            return Ok(Output::Stdout(io::BufWriter::new(io::stdout())));
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dest.with_file_name(format!(".{name}.provenance-tmp"));
        let file = std::fs::File::create(&tmp).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", dest.display()))
        })?;
        Ok(Output::File {
            tmp,
            dest: dest.to_path_buf(),
            file: io::BufWriter::new(file),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { file, .. } => file,
        }
    }

    fn commit(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::File {
                tmp,
                dest,
                mut file,
            } => {
                file.flush()?;
                drop(file);
                std::fs::rename(&tmp, &dest)
            }
        }
    }
}

fn segment(path: &Path) -> io::Result<u8> {
    let input = if path.as_os_str() == "-" {
        Input::Stdin("<stdin>".into())
    } else {
        Input::File(path.to_path_buf())
    };
    let doc = match document::read(&input, &ReadOptions::default()) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    let rules = RuleSet::embedded();
    let mut out = io::BufWriter::new(io::stdout());
    for s in provenance::segment::segment(doc.text(), &rules.lexicon) {
        let text = &doc.text()[s.span.start..s.span.end];
        let span = doc.source_span(s.span);
        writeln!(
            out,
            "{:>4} {:>6}..{:<6} p{} {:?}",
            s.index, span.start, span.end, s.paragraph, text
        )?;
    }
    out.flush()?;
    Ok(0)
}

fn list_rules(paths: &[PathBuf]) -> io::Result<u8> {
    let Some(rules) = load_rules(paths) else {
        return Ok(2);
    };
    let mut out = io::BufWriter::new(io::stdout());
    writeln!(out, "sources:")?;
    for s in &rules.sources {
        let aliases: Vec<&str> = s.aliases.iter().map(|a| a.get_ref().as_str()).collect();
        writeln!(
            out,
            "  {:<28} {:<17} {}",
            s.id.get_ref(),
            s.kind.get_ref(),
            aliases.join(" | ")
        )?;
    }
    writeln!(out, "cues:")?;
    for v in &rules.verbs {
        let forms: Vec<&str> = v.forms.iter().map(|f| f.get_ref().as_str()).collect();
        writeln!(
            out,
            "  {:<28} {:<17} {}",
            v.id.get_ref(),
            v.class.as_str(),
            forms.join(" ")
        )?;
    }
    for p in &rules.phrases {
        writeln!(out, "  {:<28} {}", p.id.get_ref(), p.class.as_str())?;
    }
    writeln!(out, "checks:")?;
    for c in &rules.checks {
        let state = if c.enabled {
            c.severity.as_str()
        } else {
            "off"
        };
        writeln!(out, "  {:<28} {:<17} {}", c.id.get_ref(), state, c.summary)?;
    }
    out.flush()?;
    Ok(0)
}

fn explain(id: &str) -> io::Result<u8> {
    let rules = RuleSet::embedded();
    let mut out = io::stdout().lock();
    if let Some(c) = rules.check(id) {
        writeln!(
            out,
            "{} ({}, kind {})\n\n{}\n\nWhy: {}",
            id,
            c.severity.as_str(),
            c.kind.get_ref(),
            c.summary,
            c.why
        )?;
        if let Some(help) = &c.help {
            writeln!(out, "Help: {help}")?;
        }
        for e in &c.example {
            writeln!(
                out,
                "\n  {} {}",
                if e.finds {
                    "flagged:    "
                } else {
                    "not flagged:"
                },
                e.text
            )?;
        }
        return Ok(0);
    }
    if let Some(s) = rules.sources.iter().find(|s| s.id.get_ref() == id) {
        let aliases: Vec<&str> = s.aliases.iter().map(|a| a.get_ref().as_str()).collect();
        writeln!(out, "{} — {} ({})", id, s.name, s.kind.get_ref())?;
        if let Some(summary) = &s.summary {
            writeln!(out, "\n{summary}")?;
        }
        writeln!(out, "\nAliases: {}", aliases.join(", "))?;
        return Ok(0);
    }
    eprintln!("error: no check or source with id `{id}`; `provenance rules` lists them");
    Ok(2)
}
