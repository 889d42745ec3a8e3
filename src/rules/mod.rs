//! Loading, validating and merging rule files. Rules are data: the embedded
//! defaults in `rules/*.toml`, then any files the user passes, later layers
//! overriding earlier ones entry by entry. The indexes the engine needs (alias
//! automaton, verb-form table) are built once here, not per sentence.

mod alias;
mod check;
mod cue;
mod intern;
mod key_table;
mod lexicon;
mod pattern;
mod role_table;
mod roles;
mod source;
mod word_filter;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use alias::AliasIndex;
pub use alias::MAX_ALIAS_CHARS;
pub(crate) use alias::{alias_problem, fold};
pub use pattern::MAX_PATTERN_CHARS;
pub(crate) use pattern::{PatternIndex, PatternMatch};
use role_table::RoleTable;
use serde::Deserialize;
use toml::Spanned;

pub use check::{CheckExample, CheckRule, FindingTexts, Severity, When};
pub use cue::{CueClass, CueExample, NounCue, PhraseCue, VerbCue};
pub use key_table::KEY_BYTES as WORD_KEY_BYTES;
pub use lexicon::{contains_lower, Lexicon, LexiconFile, WordSet};
pub use roles::{is_word_char, RoleFile, RoleTerms, RoleWords, Scan, Term, TermPlace};
pub use source::{SourceExample, SourceRule};

use crate::error::{InvalidRule, RuleError};
use crate::span::LineIndex;

/// The default rule files, embedded in the binary.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "rules/sources.toml",
        include_str!("../../rules/sources.toml"),
    ),
    ("rules/cues.toml", include_str!("../../rules/cues.toml")),
    (
        "rules/lexicon.toml",
        include_str!("../../rules/lexicon.toml"),
    ),
    ("rules/roles.toml", include_str!("../../rules/roles.toml")),
    ("rules/checks.toml", include_str!("../../rules/checks.toml")),
    ("rules/house.toml", include_str!("../../rules/house.toml")),
];

/// What one rule file may hold; every table is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    source: Vec<SourceRule>,
    #[serde(default)]
    verb: Vec<VerbCue>,
    #[serde(default)]
    phrase: Vec<PhraseCue>,
    #[serde(default)]
    noun: Vec<NounCue>,
    #[serde(default)]
    lexicon: Option<LexiconFile>,
    #[serde(default)]
    roles: Option<RoleFile>,
    #[serde(default)]
    check: Vec<CheckRule>,
}

/// The merged rules in effect, with lookup indexes.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Registered sources, in the order they were defined.
    pub sources: Vec<SourceRule>,
    /// Reporting verbs.
    pub verbs: Vec<VerbCue>,
    /// Prepositional cues ("according to").
    pub phrases: Vec<PhraseCue>,
    /// Nouns of speech and thought ("Rubio's answer was that").
    pub nouns: Vec<NounCue>,
    /// Word lists.
    pub lexicon: Lexicon,
    /// What tells a statement from other lines, and a statement that needs
    /// a source from one that does not.
    pub roles: RoleWords,
    /// Checks, in the order they were defined.
    pub checks: Vec<CheckRule>,
    aliases: AliasIndex,
    /// The patterns of every check that has them.
    pub(crate) patterns: PatternIndex,
    /// For each source: its id and kind as sources found in a text carry them.
    source_texts: Vec<(&'static str, &'static str)>,
    /// Sources that are documents of others ("the Pentagon's readout").
    parts: Vec<Part>,
    phrase_words: Vec<Vec<String>>,
    /// What each word can be or begin, for the scan of every sentence.
    word_roles: RoleTable,
    /// The words that head a source phrase by themselves: the anonymous,
    /// organisation and document heads and the titles, in one set (asked
    /// about many times per sentence: one lookup, not four).
    source_heads: WordSet,
    /// The source heads and the source modifiers.
    source_words: WordSet,
    /// The date words, the time units and the parts of the day: the words
    /// of a time adjunct ("Friday", "week", "morning").
    time_words: WordSet,
    /// Registered names of one word written in lower case ("dpa"): a name
    /// wherever they stand, capitalised or not.
    lower_case_names: WordSet,
}

/// Most sources one rule file may register: far above any newsroom's
/// registry, far below what would take minutes to index.
pub const MAX_SOURCES: usize = 10_000;

/// Most aliases one source may have.
pub const MAX_ALIASES: usize = 1_000;

/// What a lower-case word can be or begin: the attribution scan looks each
/// word up once, instead of once per table (verbs, cue phrases, framing,
/// quantities, titles).
#[derive(Debug, Clone, Default)]
pub struct WordRole {
    /// The verb cue it is a form of.
    pub verb: Option<usize>,
    /// Prepositional cues it begins (indexes into [`RuleSet::phrases`]),
    /// longest first.
    pub phrases: Vec<usize>,
    /// The noun cue it is a form of (index into [`RuleSet::nouns`]).
    pub noun: Option<usize>,
    /// Framing phrases it begins (indexes into the lexicon's `framing`).
    pub framing: Vec<usize>,
    /// A quantity word ("thousands"): a figure by itself.
    pub quantity: bool,
    /// A number written as a word ("three"): a figure before a noun.
    pub cardinal: bool,
    /// A title before a name ("governor", "gen"): the name-spelling check
    /// reads only the sentences that hold one.
    pub title: bool,
    /// The `[roles]` terms it is, begins or ends (what the role stage reads).
    pub role_terms: RoleTerms,
}

/// A registered source mentioned in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasMatch {
    /// Index into [`RuleSet::sources`].
    pub source: usize,
    /// Byte range of the mention in the searched text.
    pub start: usize,
    /// End of the mention (exclusive).
    pub end: usize,
}

impl RuleSet {
    /// The embedded default rules.
    pub fn embedded() -> RuleSet {
        Self::load(&[]).expect("embedded rules are valid")
    }

    /// The embedded defaults overlaid with the given rule files or folders of
    /// `*.toml` files (a folder's files are read in name order).
    pub fn load(extra: &[PathBuf]) -> Result<RuleSet, RuleError> {
        Self::load_confined(&[], Path::new(""), extra)
    }

    /// As [`RuleSet::load`], with `confined` first: rule files named by a
    /// project config, which must lie under `root` (the config's folder,
    /// links resolved). A checked-in config must not be able to make the
    /// tool read, and print in an error, a file elsewhere on the machine.
    pub fn load_confined(
        confined: &[PathBuf],
        root: &Path,
        extra: &[PathBuf],
    ) -> Result<RuleSet, RuleError> {
        let mut layers: Vec<(PathBuf, String)> = EMBEDDED
            .iter()
            .map(|(name, text)| (Path::new("<embedded>").join(name), (*text).to_string()))
            .collect();
        for path in confined {
            layers.extend(read_rule_path(path, Some(root))?);
        }
        for path in extra {
            layers.extend(read_rule_path(path, None)?);
        }
        let mut merged = Merged::default();
        for (path, text) in &layers {
            let file = parse_file(path, text)?;
            merged.add(file);
        }
        merged.finish()
    }

    /// The embedded defaults overlaid with one rule file given as text;
    /// `name` is the path shown in errors.
    pub fn load_text(name: &str, text: &str) -> Result<RuleSet, RuleError> {
        Self::load_texts(&[(name, text)])
    }

    /// The embedded defaults overlaid with rule files given as text, in
    /// order, each as (name shown in errors, text): rules that were never
    /// on a disk, such as files a user opens in the in-browser checker.
    pub fn load_texts(files: &[(&str, &str)]) -> Result<RuleSet, RuleError> {
        let mut merged = Merged::default();
        for (path, embedded) in EMBEDDED {
            merged.add(parse_file(&Path::new("<embedded>").join(path), embedded)?);
        }
        for (name, text) in files {
            merged.add(parse_file(Path::new(name), text)?);
        }
        merged.finish()
    }

    /// Registered sources mentioned in `text[within]`, leftmost-longest, on
    /// word boundaries (judged against the whole of `text`), compared in
    /// folded form (Unicode lower case, whitespace runs as one space). Only the few spans taken for sources are
    /// searched, not every byte of a document.
    pub fn find_aliases<'a>(
        &'a self,
        text: &'a str,
        within: std::ops::Range<usize>,
    ) -> impl Iterator<Item = AliasMatch> + 'a {
        self.aliases.find(text, within).into_iter()
    }

    /// The verb cue with this lower-case form, if any.
    pub fn verb(&self, lower_form: &str) -> Option<&VerbCue> {
        self.word_role(lower_form)
            .and_then(|r| r.verb)
            .map(|i| &self.verbs[i])
    }

    /// The verb cue a found cue's text is a form of: its first word, so a
    /// phrasal cue ("shot back") is found by its verb.
    pub fn verb_of_cue(&self, cue: &str) -> Option<&VerbCue> {
        let first = cue.split_whitespace().next()?;
        self.verb(&first.to_lowercase())
    }

    /// Prepositional cues as lower-case word sequences, parallel to [`RuleSet::phrases`].
    pub fn phrase_words(&self) -> &[Vec<String>] {
        &self.phrase_words
    }

    /// What the lower-case word `lower_word` can be or begin, if anything.
    pub fn word_role(&self, lower_word: &str) -> Option<&WordRole> {
        self.word_roles.get(lower_word)
    }

    /// [`RuleSet::word_role`], given the sixteen bytes from the word's start
    /// (whatever follows a shorter word): the scan of every sentence reads
    /// them at a fixed size from a padded buffer.
    #[inline]
    pub fn word_role_at(
        &self,
        lower_word: &str,
        first_bytes: impl FnOnce() -> [u8; WORD_KEY_BYTES],
    ) -> Option<&WordRole> {
        self.word_roles
            .get_with_first_bytes(lower_word, first_bytes)
    }

    /// Whether `lower_word` heads a source phrase by itself (official,
    /// ministry, report, governor).
    #[inline]
    pub fn is_source_head(&self, lower_word: &str) -> bool {
        self.source_heads.contains(lower_word)
    }

    /// Whether `lower_word` is a source head or a source modifier.
    #[inline]
    pub fn is_source_word(&self, lower_word: &str) -> bool {
        self.source_words.contains(lower_word)
    }

    /// Whether `lower_word` is a word of a time adjunct: a date word, a time
    /// unit or a part of the day.
    #[inline]
    pub fn is_time_word(&self, lower_word: &str) -> bool {
        self.time_words.contains(lower_word)
    }

    /// Whether a lower-case word is by itself a registered name written in
    /// lower case ("dpa"): a set lookup, as it is asked of many words.
    pub(crate) fn is_lower_case_name(&self, lower_word: &str) -> bool {
        self.lower_case_names.contains(lower_word)
    }

    /// The same rules with their lookup indexes rebuilt, after entries were
    /// changed in place (the project config adds sources and spellings).
    pub fn reindex(self) -> Result<RuleSet, RuleError> {
        Merged {
            sources: self.sources,
            verbs: self.verbs,
            phrases: self.phrases,
            nouns: self.nouns,
            lexicon: self.lexicon,
            roles: self.roles,
            checks: self.checks,
        }
        .finish()
    }

    /// The documentation of every check, one heading per id: `docs/checks.md`,
    /// which SARIF and reviewdog link to.
    pub fn checks_markdown(&self) -> String {
        let mut md = String::from(
            "# Checks\n\nWhat each check of `provenance` flags and why. Generated by\n`provenance rules --markdown` from `rules/checks.toml` and `rules/house.toml`; do not edit by hand.\nTurn a check off or change its severity in `provenance.toml` (`provenance init`).\n",
        );
        for c in &self.checks {
            let id = c.id.get_ref();
            md.push_str(&format!(
                "\n## {id}\n\n{}\n\n- severity: {}{}\n- kind: `{}`\n\n**Why.** {}\n",
                c.summary,
                c.severity.as_str(),
                if c.enabled { "" } else { " (off by default)" },
                c.kind.get_ref(),
                c.why
            ));
            if let Some(help) = &c.help {
                md.push_str(&format!("\n**How to fix.** {help}\n"));
            }
            let lines = c.pattern_lines();
            if !lines.is_empty() {
                md.push('\n');
                for line in lines {
                    md.push_str(&format!("- {line}\n"));
                }
            }
            for e in &c.example {
                let verdict = if e.finds { "flagged" } else { "not flagged" };
                // A line break (a heading, then a paragraph) shown, not taken.
                md.push_str(&format!("\n- {verdict}: {}\n", e.text.replace('\n', " ↵ ")));
            }
        }
        md
    }

    /// How many distinct verb forms the cues have.
    pub fn verb_form_count(&self) -> usize {
        self.word_roles.roles().filter(|r| r.verb.is_some()).count()
    }

    /// The id and kind of source `i` (an index into [`RuleSet::sources`]),
    /// interned: a source found in a text points at them.
    pub(crate) fn source_texts(&self, i: usize) -> (&'static str, &'static str) {
        self.source_texts[i]
    }

    /// The source that a statement of registered source `id` is, when
    /// made in a document named by `word` ("readout"): its index.
    pub(crate) fn part_described(&self, id: &str, word: &str) -> Option<usize> {
        self.parts
            .iter()
            .find(|p| self.source_texts[p.parent].0 == id && p.named_by(word))
            .map(|p| p.source)
    }

    /// Whether registered source `id` is a document that `word` names
    /// ("the readout" for the Pentagon's readout).
    pub(crate) fn is_described_as(&self, id: &str, word: &str) -> bool {
        self.parts
            .iter()
            .any(|p| self.source_texts[p.source].0 == id && p.named_by(word))
    }

    /// The check with this id.
    pub fn check(&self, id: &str) -> Option<&CheckRule> {
        self.checks.iter().find(|c| c.id.get_ref() == id)
    }
}

fn read_rule_path(path: &Path, within: Option<&Path>) -> Result<Vec<(PathBuf, String)>, RuleError> {
    let read = |p: &Path| {
        if let Some(root) = within {
            if !lies_under(p, root) {
                return Err(RuleError::Outside {
                    path: p.to_path_buf(),
                    root: root.to_path_buf(),
                });
            }
        }
        crate::files::read_text(p, crate::files::RULE_FILE_CAP).map_err(|source| RuleError::Read {
            path: p.to_path_buf(),
            source,
        })
    };
    if !path.is_dir() {
        return Ok(vec![(path.to_path_buf(), read(path)?)]);
    }
    let entries = std::fs::read_dir(path).map_err(|source| RuleError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| Ok((p.clone(), read(&p)?)))
        .collect()
}

/// Whether `path` resolves (links and `..` followed) to somewhere under
/// `root`. A path that does not resolve is let through: reading it fails
/// with its own error, and there is nothing behind it to leak.
pub(crate) fn lies_under(path: &Path, root: &Path) -> bool {
    let Ok(root) = std::fs::canonicalize(if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    }) else {
        return false;
    };
    match std::fs::canonicalize(path) {
        Ok(real) => real.starts_with(root),
        Err(_) => std::fs::symlink_metadata(path).is_err(),
    }
}

/// How much of the offending line an error quotes.
#[derive(Clone, Copy)]
pub(crate) enum Quote {
    /// A window around the error (the file is TOML: a rule file).
    Window,
    /// Nothing past the error's end (the file did not parse as TOML: it
    /// may not be a rule file at all, and whatever follows is not ours to
    /// print).
    UpToError,
}

/// A rule-file error pointing at a byte range of that file.
pub(crate) fn invalid(path: &Path, text: &str, range: Range<usize>, message: String) -> RuleError {
    invalid_quoting(path, text, range, message, Quote::Window)
}

/// A rule-file error quoting its line as `quote` allows: at most a few
/// hundred characters, control characters escaped, so a huge or hostile
/// line never floods the log or reaches the terminal raw.
pub(crate) fn invalid_quoting(
    path: &Path,
    text: &str,
    range: Range<usize>,
    message: String,
    quote: Quote,
) -> RuleError {
    use crate::files::{excerpt, push_escaped, QUOTE_CHARS};
    let start = floor_char(text, range.start.min(text.len()));
    let index = LineIndex::new(text);
    let at = index.line_column(text, start);
    let line_span = index.line_span(text, at.line);
    let line = &text[line_span.start..line_span.end];
    let end = floor_char(text, range.end.min(line_span.end).max(start));
    let before = &text[line_span.start..start];
    let marked = &text[start..end];
    let lead = QUOTE_CHARS / 3;
    let mut shown = String::new();
    let skip = before.chars().count().saturating_sub(lead);
    if skip > 0 {
        shown.push('…');
    }
    before
        .chars()
        .skip(skip)
        .for_each(|c| push_escaped(&mut shown, c));
    let caret = shown.chars().count() + 1;
    let mut marked_shown = String::new();
    let mut taken = 0;
    for c in marked.chars().take(QUOTE_CHARS - lead) {
        push_escaped(&mut marked_shown, c);
        taken += c.len_utf8();
    }
    let width = marked_shown.chars().count();
    shown.push_str(&marked_shown);
    let room = (QUOTE_CHARS - lead).saturating_sub(width);
    let rest = match quote {
        Quote::Window => &line[(start - line_span.start) + taken..],
        Quote::UpToError => "",
    };
    for (n, c) in rest.chars().enumerate() {
        if n == room {
            shown.push('…');
            break;
        }
        push_escaped(&mut shown, c);
    }
    RuleError::Invalid(Box::new(InvalidRule {
        path: path.to_path_buf(),
        line: at.line,
        column: at.column,
        message: excerpt(&message, 2 * QUOTE_CHARS),
        line_text: shown,
        caret,
        width,
    }))
}

/// The largest char boundary at or before `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn parse_file(path: &Path, text: &str) -> Result<RuleFile, RuleError> {
    let file: RuleFile = toml::from_str(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        let message = e.message().trim_end().to_string();
        invalid_quoting(path, text, range, message, quote_for(text))
    })?;
    validate(path, text, &file)?;
    Ok(file)
}

/// How much an error in `text` may quote: a file that is TOML is a rule file
/// with a wrong value; one that is not may be anything.
pub(crate) fn quote_for(text: &str) -> Quote {
    if text.parse::<toml::Table>().is_ok() {
        Quote::Window
    } else {
        Quote::UpToError
    }
}

fn validate(path: &Path, text: &str, file: &RuleFile) -> Result<(), RuleError> {
    let err = |s: &Spanned<String>, msg: String| invalid(path, text, s.span(), msg);
    let mut seen: HashMap<(&str, String), ()> = HashMap::new();
    let mut unique = |table: &'static str, id: &Spanned<String>| {
        if seen.insert((table, id.get_ref().clone()), ()).is_some() {
            return Err(err(
                id,
                format!(
                    "duplicate {table} id `{}`: each id may appear once per file",
                    id.get_ref()
                ),
            ));
        }
        Ok(())
    };
    if let Some(s) = file.source.get(MAX_SOURCES) {
        return Err(err(
            &s.id,
            format!("more than {MAX_SOURCES} sources in one file: the most a rule file may hold"),
        ));
    }
    for s in &file.source {
        if let Some(a) = s.aliases.get(MAX_ALIASES) {
            return Err(err(
                a,
                format!(
                    "source `{}` has more than {MAX_ALIASES} aliases: the most a source may have \
                     (list its spellings, not every word)",
                    s.id.get_ref()
                ),
            ));
        }
        kebab(s.id.get_ref()).map_err(|m| err(&s.id, m))?;
        unique("source", &s.id)?;
        if s.kind.get_ref().trim().is_empty() {
            return Err(err(
                &s.kind,
                "empty source kind: name one, e.g. `news-outlet`".into(),
            ));
        }
        if s.aliases.is_empty() && s.patterns.is_empty() {
            return Err(err(
                &s.id,
                format!(
                    "source `{}` has no aliases: list at least one spelling (or `patterns`)",
                    s.id.get_ref()
                ),
            ));
        }
        if s.part_of.is_some() == s.described_as.is_empty() {
            return Err(err(
                &s.id,
                format!(
                    "source `{}`: `part_of` and `described_as` go together (the source it is a \
                     document of, and the words that name the document)",
                    s.id.get_ref()
                ),
            ));
        }
        for a in &s.aliases {
            if let Some(problem) = alias::alias_problem(a.get_ref()) {
                return Err(err(a, problem));
            }
        }
        if let Some(p) = s.patterns.get(MAX_ALIASES) {
            return Err(err(
                p,
                format!(
                    "source `{}` has more than {MAX_ALIASES} patterns",
                    s.id.get_ref()
                ),
            ));
        }
        for p in &s.patterns {
            if let Some((offset, problem)) = pattern::pattern_problem(p.get_ref()) {
                return Err(invalid(path, text, inside_string(text, p, offset), problem));
            }
        }
    }
    // A verb's or a noun's forms: at least one, each one lower-case word.
    let forms = |table: &str, id: &Spanned<String>, forms: &[Spanned<String>], missing: &str| {
        if forms.is_empty() {
            return Err(err(
                id,
                format!("{table} `{}` has no forms: {missing}", id.get_ref()),
            ));
        }
        match forms.iter().find(|f| {
            let form = f.get_ref();
            form.is_empty() || form.contains(char::is_whitespace) || form.to_lowercase() != *form
        }) {
            Some(f) => Err(err(f, format!("a {table} form is one lower-case word"))),
            None => Ok(()),
        }
    };
    for v in &file.verb {
        unique("verb", &v.id)?;
        forms("verb", &v.id, &v.forms, "list its inflections")?;
    }
    for n in &file.noun {
        unique("noun", &n.id)?;
        forms("noun", &n.id, &n.forms, "list them")?;
    }
    for p in &file.phrase {
        unique("phrase", &p.id)?;
        if p.id.get_ref().split_whitespace().next().is_none() {
            return Err(err(&p.id, "empty phrase cue: give its words".into()));
        }
    }
    for c in &file.check {
        kebab(c.id.get_ref()).map_err(|m| err(&c.id, m))?;
        unique("check", &c.id)?;
        if !crate::check::CHECK_KINDS
            .iter()
            .any(|k| k.name == c.kind.get_ref())
        {
            let names: Vec<&str> = crate::check::CHECK_KINDS.iter().map(|k| k.name).collect();
            return Err(err(
                &c.kind,
                format!(
                    "unknown check kind `{}`; known kinds: {}",
                    c.kind.get_ref(),
                    names.join(", ")
                ),
            ));
        }
        validate_patterns(path, text, c)?;
    }
    Ok(())
}

/// A check's patterns: present where its kind reads them and nowhere else,
/// and each one usable.
fn validate_patterns(path: &Path, text: &str, c: &CheckRule) -> Result<(), RuleError> {
    let kind = c.kind.get_ref().as_str();
    let at_kind = |message: String| Err(invalid(path, text, c.kind.span(), message));
    let id = c.id.get_ref();
    match kind {
        "existence" | "occurrence" if c.patterns.is_empty() => {
            return at_kind(format!(
                "check `{id}` of kind `{kind}` has no `patterns`: list what to look for"
            ))
        }
        "substitution" if c.swap.is_empty() => {
            return at_kind(format!(
                "check `{id}` of kind `substitution` has no `swap`: map what to look for to what to write instead"
            ))
        }
        "occurrence" if c.max.is_none() => {
            return at_kind(format!(
                "check `{id}` of kind `occurrence` has no `max`: say how many matches a document may have"
            ))
        }
        _ => {}
    }
    let reads = |field: &str| match field {
        "patterns" => matches!(kind, "existence" | "occurrence"),
        "swap" => kind == "substitution",
        _ => kind == "occurrence",
    };
    for (field, given) in [
        ("patterns", !c.patterns.is_empty()),
        ("swap", !c.swap.is_empty()),
        ("max", c.max.is_some()),
    ] {
        if given && !reads(field) {
            return at_kind(format!(
                "check `{id}` of kind `{kind}` does not read `{field}` (only {})",
                match field {
                    "patterns" => "kinds `existence` and `occurrence` do",
                    "swap" => "kind `substitution` does",
                    _ => "kind `occurrence` does",
                }
            ));
        }
    }
    for p in c.patterns.iter().chain(c.swap.keys()) {
        if let Some((offset, problem)) = pattern::pattern_problem(p.get_ref()) {
            return Err(invalid(path, text, inside_string(text, p, offset), problem));
        }
    }
    Ok(())
}

/// The bytes of the file at `offset` into the string value `value`: exact
/// for a string written without escapes, else the string's opening quote.
fn inside_string(text: &str, value: &Spanned<String>, offset: usize) -> Range<usize> {
    let span = value.span();
    let written = text.get(span.clone()).unwrap_or("");
    let inner = written.get(1..written.len().saturating_sub(1));
    if inner == Some(value.get_ref().as_str()) {
        let at = span.start + 1 + offset;
        at..at + 1
    } else {
        span.start..span.start + 1
    }
}

pub(crate) fn kebab(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "id `{id}` must be kebab-case (lower-case letters, digits and hyphens)"
        ))
    }
}

/// A source that is a document of another.
#[derive(Debug, Clone)]
struct Part {
    /// Index of the document source.
    source: usize,
    /// Index of the source it belongs to.
    parent: usize,
    /// The words that name the document, lower case.
    words: Vec<String>,
}

impl Part {
    /// Whether `word` (lower case) names the document.
    fn named_by(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }
}

/// The sources that are documents of others, each parent registered.
fn parts(sources: &[SourceRule]) -> Result<Vec<Part>, RuleError> {
    let mut parts = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let Some(parent) = &s.part_of else {
            continue;
        };
        let Some(p) = sources
            .iter()
            .position(|x| x.id.get_ref() == parent.get_ref())
        else {
            return Err(RuleError::Read {
                path: PathBuf::from("<sources>"),
                source: std::io::Error::other(format!(
                    "source `{}`: `part_of = \"{}\"` names no registered source",
                    s.id.get_ref(),
                    parent.get_ref()
                )),
            });
        };
        parts.push(Part {
            source: i,
            parent: p,
            words: s.described_as.iter().map(|w| w.to_lowercase()).collect(),
        });
    }
    Ok(parts)
}

/// Entries merged across layers: a later entry with the same id replaces the earlier one in place.
#[derive(Default)]
struct Merged {
    sources: Vec<SourceRule>,
    verbs: Vec<VerbCue>,
    phrases: Vec<PhraseCue>,
    nouns: Vec<NounCue>,
    lexicon: Lexicon,
    roles: RoleWords,
    checks: Vec<CheckRule>,
}

fn upsert<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> &str) {
    match list.iter().position(|x| id(x) == id(&item)) {
        Some(i) => list[i] = item,
        None => list.push(item),
    }
}

impl Merged {
    fn add(&mut self, file: RuleFile) {
        for s in file.source {
            upsert(&mut self.sources, s, |x| x.id.get_ref());
        }
        for v in file.verb {
            upsert(&mut self.verbs, v, |x| x.id.get_ref());
        }
        for p in file.phrase {
            upsert(&mut self.phrases, p, |x| x.id.get_ref());
        }
        for n in file.noun {
            upsert(&mut self.nouns, n, |x| x.id.get_ref());
        }
        if let Some(lexicon) = &file.lexicon {
            self.lexicon.extend(lexicon);
        }
        if let Some(roles) = &file.roles {
            self.roles.extend(roles);
        }
        for c in file.check {
            upsert(&mut self.checks, c, |x| x.id.get_ref());
        }
    }

    fn finish(mut self) -> Result<RuleSet, RuleError> {
        let aliases = AliasIndex::new(&self.sources).map_err(|e| RuleError::Read {
            path: PathBuf::from("<aliases>"),
            source: std::io::Error::other(e),
        })?;
        let phrase_words: Vec<Vec<String>> = self
            .phrases
            .iter()
            .map(|p| {
                p.id.get_ref()
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect()
            })
            .collect();
        let mut word_roles: rustc_hash::FxHashMap<String, WordRole> =
            rustc_hash::FxHashMap::default();
        // A form listed by two verbs belongs to the later one.
        for (i, v) in self.verbs.iter().enumerate() {
            for f in &v.forms {
                word_roles.entry(f.get_ref().clone()).or_default().verb = Some(i);
            }
        }
        // Likewise a form listed by two nouns.
        for (i, n) in self.nouns.iter().enumerate() {
            for f in &n.forms {
                word_roles.entry(f.get_ref().clone()).or_default().noun = Some(i);
            }
        }
        for (i, words) in phrase_words.iter().enumerate() {
            if let Some(first) = words.first() {
                word_roles.entry(first.clone()).or_default().phrases.push(i);
            }
        }
        // Longest first, so that the first to match is the longest: "in the
        // words of" before "in".
        for role in word_roles.values_mut() {
            role.phrases
                .sort_by_key(|&i| std::cmp::Reverse(phrase_words[i].len()));
        }
        for word in self.lexicon.quantity_words.iter() {
            word_roles.entry(word.clone()).or_default().quantity = true;
        }
        for word in self.lexicon.cardinal_words.iter() {
            word_roles.entry(word.clone()).or_default().cardinal = true;
        }
        for word in self.lexicon.titles.iter() {
            word_roles.entry(word.clone()).or_default().title = true;
        }
        for (i, words) in self.lexicon.framing.iter().enumerate() {
            if let Some(first) = words.first() {
                word_roles.entry(first.clone()).or_default().framing.push(i);
            }
        }
        self.roles.index(&mut word_roles);
        let word_roles = RoleTable::new(word_roles);
        let lex = &self.lexicon;
        let source_heads: WordSet = [
            &lex.anonymous_heads,
            &lex.organization_heads,
            &lex.document_heads,
            &lex.titles,
        ]
        .into_iter()
        .flat_map(WordSet::iter)
        .cloned()
        .collect();
        let mut source_words = source_heads.clone();
        source_words.extend(lex.source_modifiers.iter().cloned());
        let parts_of_day = [
            "night",
            "morning",
            "evening",
            "afternoon",
            "today",
            "yesterday",
        ];
        let time_words: WordSet = lex
            .date_words
            .iter()
            .chain(lex.time_units.iter())
            .cloned()
            .chain(parts_of_day.map(String::from))
            .collect();
        let lower_case_names: WordSet = self
            .sources
            .iter()
            .flat_map(|s| &s.aliases)
            .map(|a| a.get_ref())
            .filter(|a| a.starts_with(char::is_lowercase) && !a.contains(char::is_whitespace))
            .map(|a| a.to_lowercase())
            .collect();
        for check in &mut self.checks {
            check.forget_finding_texts();
        }
        // Checked where each was read: a failure here is a set too big.
        let patterns = PatternIndex::new(&mut self.checks).map_err(|e| RuleError::Read {
            path: PathBuf::from("<patterns>"),
            source: std::io::Error::other(e.to_string()),
        })?;
        let source_texts = self
            .sources
            .iter()
            .map(|s| {
                (
                    intern::intern(s.id.get_ref()),
                    intern::intern(s.kind.get_ref()),
                )
            })
            .collect();
        let parts = parts(&self.sources)?;
        Ok(RuleSet {
            parts,
            sources: self.sources,
            verbs: self.verbs,
            phrases: self.phrases,
            nouns: self.nouns,
            lexicon: self.lexicon,
            roles: self.roles,
            checks: self.checks,
            aliases,
            patterns,
            source_texts,
            phrase_words,
            word_roles,
            source_heads,
            source_words,
            time_words,
            lower_case_names,
        })
    }
}

#[cfg(test)]
mod tests;
