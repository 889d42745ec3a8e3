//! The command line: parse arguments, call the library, pick the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use provenance::document::{self, Input};
use provenance::report::{self, Format};
use provenance::rules::{RuleSet, Severity};

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
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("error: no input: name files or directories, or pipe text to standard input");
            return Ok(2);
        }
        paths.push(PathBuf::from("-"));
    }
    let (inputs, mut errors) = document::expand(&paths);
    for e in &errors {
        eprintln!("error: {e}");
    }
    let color = args.output.is_none()
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut report = report::reporter(args.format, color);
    let mut sink = Output::open(args.output.as_deref())?;
    let mut worst: Option<Severity> = None;
    for input in &inputs {
        match document::read(input) {
            Ok(doc) => {
                if doc.text.trim().is_empty() {
                    eprintln!("warning: {} is empty; nothing to check", doc.path);
                }
                let checked = provenance::check_document(doc, &rules);
                worst = worst.max(checked.worst());
                report.document(&checked, sink.writer())?;
            }
            Err(e) => {
                eprintln!("error: {e}");
                errors.push(e);
            }
        }
    }
    report.finish(sink.writer())?;
    sink.commit()?;
    if !errors.is_empty() || inputs.is_empty() {
        return Ok(2);
    }
    let failed = args
        .fail_on
        .threshold()
        .is_some_and(|t| worst.is_some_and(|w| w >= t));
    Ok(u8::from(failed))
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
        Input::Stdin
    } else {
        Input::File(path.to_path_buf())
    };
    let doc = match document::read(&input) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    let rules = RuleSet::embedded();
    let mut out = io::BufWriter::new(io::stdout());
    for s in provenance::segment::segment(&doc.text, &rules.lexicon) {
        let text = &doc.text[s.span.start..s.span.end];
        writeln!(
            out,
            "{:>4} {:>6}..{:<6} p{} {:?}",
            s.index, s.span.start, s.span.end, s.paragraph, text
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
