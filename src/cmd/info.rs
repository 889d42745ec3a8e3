//! The small subcommands: `segment`, `rules`, `explain`, `init`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use provenance::config::STARTER;
use provenance::document::{self, Input, ReadOptions};
use provenance::rules::{CueClass, RuleSet};
use toml::Spanned;

pub fn segment(path: &Path) -> io::Result<u8> {
    let input = if path.as_os_str() == "-" {
        Input::Stdin("<stdin>".into())
    } else {
        Input::File(path.to_path_buf())
    };
    let doc = match document::read(&input, &ReadOptions::default()) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!(
                "error: {}",
                provenance::report::escape_controls(&e.to_string(), true)
            );
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

/// The rules in effect: the defaults, the project's and `paths`; `None`
/// (said on standard error) when they cannot be read.
fn rules_in_effect(paths: &[PathBuf], config: Option<&Path>) -> Option<RuleSet> {
    let config = super::config(config, false, &super::home_folder(&[]))?;
    match config.rules(paths) {
        Ok(rules) => Some(rules),
        Err(e) => {
            eprintln!(
                "error: {}",
                provenance::report::escape_controls(&e.to_string(), true)
            );
            None
        }
    }
}

pub fn list_rules(paths: &[PathBuf], config: Option<&Path>, markdown: bool) -> io::Result<u8> {
    let Some(rules) = rules_in_effect(paths, config) else {
        return Ok(2);
    };
    let mut out = io::BufWriter::new(io::stdout());
    if markdown {
        out.write_all(rules.checks_markdown().as_bytes())?;
        out.flush()?;
        return Ok(0);
    }
    writeln!(out, "sources:")?;
    for s in &rules.sources {
        // Spellings, then patterns between slashes: a source registered by
        // patterns only still shows how it is found.
        let spellings: Vec<String> = s
            .aliases
            .iter()
            .map(|a| a.get_ref().clone())
            .chain(s.patterns.iter().map(|p| format!("/{}/", p.get_ref())))
            .collect();
        writeln!(
            out,
            "  {:<28} {:<27} {}",
            s.id.get_ref(),
            s.kind.get_ref(),
            spellings.join(" | ")
        )?;
    }
    writeln!(out, "cues:")?;
    // A verb or a noun: its id, class and every form.
    let cue_line =
        |out: &mut dyn Write, id: &str, class: CueClass, forms: &[Spanned<String>], note| {
            let forms: Vec<&str> = forms.iter().map(|f| f.get_ref().as_str()).collect();
            writeln!(
                out,
                "  {id:<28} {:<17} {}{note}",
                class.as_str(),
                forms.join(" ")
            )
        };
    for v in &rules.verbs {
        cue_line(&mut out, v.id.get_ref(), v.class, &v.forms, "")?;
    }
    for p in &rules.phrases {
        writeln!(out, "  {:<28} {}", p.id.get_ref(), p.class.as_str())?;
    }
    for n in &rules.nouns {
        cue_line(&mut out, n.id.get_ref(), n.class, &n.forms, " (noun)")?;
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

/// Writes the starter configuration, never over an existing file unless asked.
pub fn init(path: &Path, force: bool) -> io::Result<u8> {
    // `symlink_metadata`, not `exists`: a dangling link exists too, and
    // writing through it would create a file the user did not name.
    if std::fs::symlink_metadata(path).is_ok() && !force {
        eprintln!(
            "error: {} already exists; pass --force to replace it",
            path.display()
        );
        return Ok(2);
    }
    super::output::write_atomically(path, STARTER.as_bytes())?;
    eprintln!(
        "wrote {}; edit it, then run `provenance check`",
        path.display()
    );
    Ok(0)
}

pub fn explain(id: &str, paths: &[PathBuf], config: Option<&Path>) -> io::Result<u8> {
    let Some(rules) = rules_in_effect(paths, config) else {
        return Ok(2);
    };
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
        for line in c.pattern_lines() {
            writeln!(out, "{line}")?;
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
        writeln!(out)?;
        if !aliases.is_empty() {
            writeln!(out, "Aliases: {}", aliases.join(", "))?;
        }
        if !s.patterns.is_empty() {
            let patterns: Vec<&str> = s.patterns.iter().map(|p| p.get_ref().as_str()).collect();
            writeln!(out, "Patterns: {}", patterns.join(", "))?;
        }
        if let Some(parent) = &s.part_of {
            writeln!(
                out,
                "A statement of `{}` made in a {} is this source's.",
                parent.get_ref(),
                s.described_as.join(" or ")
            )?;
        }
        for example in &s.example {
            writeln!(out, "Example: {}", example.text)?;
        }
        return Ok(0);
    }
    eprintln!("error: no check or source with id `{id}`; `provenance rules` lists them");
    Ok(2)
}
