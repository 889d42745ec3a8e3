//! The command line: parse arguments, call the library, pick the exit code.
//! `cmd/check.rs` runs `check`; `cmd/info.rs` the smaller subcommands.

mod cmd;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use provenance::config::FailOn;
use provenance::document::InputFormat;
use provenance::report::Format;

// A check allocates many small strings and frees them together; mimalloc's
// thread-local free lists serve that pattern with fewer instructions than
// the system allocator (7% less wall time on the PolNeAR text). Version 2
// (Cargo feature `v2`): as fast here as version 3, with a third less peak
// memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Check files, directories (walked for .txt, .md and .html files) or standard input (`-`).
    Check(Box<CheckArgs>),
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
        /// The project configuration (default: provenance.toml found upward).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Print the checks as Markdown documentation (docs/checks.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Explain a check or a source by its id.
    Explain {
        /// A check id (`unattributed-quote`) or a source id (`ap`).
        id: String,
        /// Extra rule files or folders, as for `check` (to explain a house rule).
        #[arg(long = "rules", value_name = "PATH")]
        rules: Vec<PathBuf>,
        /// The project configuration (default: provenance.toml found upward).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Write a commented starter provenance.toml in the current folder.
    Init {
        /// Where to write it.
        #[arg(default_value = "provenance.toml")]
        path: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

/// The options of `provenance check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or directories; `-` or nothing (with piped input) reads standard input.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Text: print findings only (no summary line for a file without
    /// findings, no grand total).
    #[arg(short, long)]
    quiet: bool,
    /// Colour in the text report: auto (on a terminal, unless `NO_COLOR` is
    /// set and not empty; `FORCE_COLOR` set and not empty turns it on),
    /// always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Extra or overriding rule files, or folders of them.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// The project configuration (default: provenance.toml found upward from
    /// the working directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore any provenance.toml.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Exit 1 when a finding at or above this level is found
    /// [default: the config's fail-on, else error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file (exit 0 unless an input
    /// could not be read).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "changed_since"])]
    write_baseline: Option<PathBuf>,
    /// Report only findings on sentences that touch lines changed since this
    /// git revision (committed, staged, unstaged or untracked).
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
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
    /// Apply the excludes (the config's and `--exclude`) to files named
    /// explicitly too, as pre-commit names them.
    #[arg(long)]
    force_exclude: bool,
    /// Worker threads (default: one per core; at most 256 are started,
    /// and more than 1024 is refused).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=1024))]
    threads: u16,
    /// Refuse inputs larger than this, before reading them: bytes, or with
    /// a K, M or G suffix (powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "512M", value_parser = parse_size)]
    max_file_size: u64,
    /// Pass over binary inputs with a warning instead of failing the run
    /// (exit 2).
    #[arg(long)]
    skip_binary: bool,
    /// Accept inputs with no sentence (empty files, empty standard input,
    /// markup with no prose, a selector that matches nothing) with a
    /// warning instead of failing the run (exit 2).
    #[arg(long)]
    allow_empty: bool,
    /// Read JSON Lines records {"id", "text", "format"} from standard input and
    /// write one JSON Lines result per record.
    #[arg(long, conflicts_with_all = ["paths", "format", "output", "write_baseline", "changed_since"])]
    stdin_jsonl: bool,
}

/// When the text report is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, as `NO_COLOR` and `FORCE_COLOR` say.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// A size in bytes: digits, optionally followed by K, M or G (KiB, MiB,
/// GiB; a trailing "B" or "iB" is allowed).
fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    let unit = upper.trim_end_matches("IB").trim_end_matches('B');
    let (digits, shift) = match unit.chars().last() {
        Some('K') => (&unit[..unit.len() - 1], 10),
        Some('M') => (&unit[..unit.len() - 1], 20),
        Some('G') => (&unit[..unit.len() - 1], 30),
        _ => (unit, 0),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size (try 512M, 2G or 1048576)"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => cmd::check::run(*args),
        Command::Segment { path } => cmd::info::segment(&path),
        Command::Rules {
            rules,
            config,
            markdown,
        } => cmd::info::list_rules(&rules, config.as_deref(), markdown),
        Command::Explain { id, rules, config } => {
            cmd::info::explain(&id, &rules, config.as_deref())
        }
        Command::Init { path, force } => cmd::info::init(&path, force),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: {}",
                provenance::report::escape_controls(&e.to_string(), true)
            );
            ExitCode::from(2)
        }
    }
}
