//! Check rules: instances of the check kinds implemented in `src/check/`, with
//! their severity, message and documentation.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::cue::CueClass;
use super::intern::intern;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth seeing; gates nothing by default.
    Info,
    /// A copy editor must look at it.
    Warning,
    /// What a newsroom blocks in CI.
    Error,
}

impl Severity {
    /// The name used in rule files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One check: a kind of logic plus the data that tunes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRule {
    /// Kebab-case id naming the problem (`unattributed-quote`).
    pub id: Spanned<String>,
    /// Which logic runs it (a name from `check::CHECK_KINDS`).
    pub kind: Spanned<String>,
    /// Severity of its findings.
    pub severity: Severity,
    /// Whether the check runs at all.
    #[serde(default = "enabled")]
    pub enabled: bool,
    /// Conditions on the sentence; every one given must hold.
    #[serde(default)]
    pub when: When,
    /// The finding's message; `{cue}`, `{source}`, `{via}`, `{name}`, `{other}` are filled in.
    pub message: String,
    /// Advice shown under the finding.
    #[serde(default)]
    pub help: Option<String>,
    /// One line saying what the check flags.
    pub summary: String,
    /// Why an editor should care.
    pub why: String,
    /// Sentences the check must (or must not) flag.
    #[serde(default)]
    pub example: Vec<CheckExample>,
    /// Regular expressions to look for (kinds `existence` and `occurrence`).
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Kind `substitution`: a pattern to look for, and what to write instead.
    #[serde(default)]
    pub swap: BTreeMap<Spanned<String>, String>,
    /// Kind `occurrence`: the most matches one document may have.
    #[serde(default)]
    pub max: Option<usize>,
    /// Whether the patterns match whatever the case.
    #[serde(default)]
    pub ignore_case: bool,
    /// Where its patterns start in the rules' pattern index.
    #[serde(skip)]
    pub(crate) patterns_at: Option<usize>,
    /// The id, message and help as findings carry them, made on first use.
    #[serde(skip)]
    texts: OnceLock<FindingTexts>,
    /// The same with the placeholders filled, one per variant of a closed
    /// set of fills (see [`CheckRule::variant_texts`]).
    #[serde(skip)]
    variants: [OnceLock<FindingTexts>; TEXT_VARIANTS],
}

/// How many filled variants of its texts a check keeps.
pub const TEXT_VARIANTS: usize = 16;

/// A check's texts as its findings carry them: interned, so that every
/// finding points at one copy instead of holding its own.
#[derive(Debug, Clone, Copy)]
pub struct FindingTexts {
    /// The check's id.
    pub id: &'static str,
    /// The message template.
    pub message: &'static str,
    /// The help template.
    pub help: Option<&'static str>,
}

impl CheckRule {
    /// The id, message and help templates as findings carry them. Made on
    /// the first finding, when the rules are complete, and again after
    /// [`super::RuleSet::reindex`].
    pub fn finding_texts(&self) -> FindingTexts {
        *self.texts.get_or_init(|| FindingTexts {
            id: intern(self.id.get_ref()),
            message: intern(&self.message),
            help: self.help.as_deref().map(intern),
        })
    }

    /// The texts with their placeholders filled by `fill`, for variant
    /// `slot` of a closed set of fills (the role stage's reasons): filled
    /// and interned once per check and variant, then borrowed by every
    /// finding, like [`CheckRule::finding_texts`]. `None` past the last slot.
    pub fn variant_texts(
        &self,
        slot: usize,
        fill: impl Fn(&str) -> String,
    ) -> Option<FindingTexts> {
        let cell = self.variants.get(slot)?;
        Some(*cell.get_or_init(|| {
            let texts = self.finding_texts();
            FindingTexts {
                id: texts.id,
                message: intern(&fill(texts.message)),
                help: texts.help.map(|h| intern(&fill(h))),
            }
        }))
    }

    /// The patterns it searches for, in the order of the pattern index:
    /// `patterns`, else the keys of `swap`.
    pub fn pattern_texts(&self) -> Vec<&str> {
        if self.swap.is_empty() {
            self.patterns.iter().map(|p| p.get_ref().as_str()).collect()
        } else {
            self.swap.keys().map(|p| p.get_ref().as_str()).collect()
        }
    }

    /// What a pattern check looks for, one line each, for `explain` and
    /// docs/checks.md; empty for the other kinds.
    pub fn pattern_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.patterns.is_empty() {
            let list: Vec<String> = self
                .patterns
                .iter()
                .map(|p| format!("`{}`", p.get_ref()))
                .collect();
            lines.push(format!("Patterns: {}", list.join(", ")));
        }
        if !self.swap.is_empty() {
            let list: Vec<String> = self
                .swap
                .iter()
                .map(|(p, r)| format!("`{}` → {r}", p.get_ref()))
                .collect();
            lines.push(format!("Swaps: {}", list.join(", ")));
        }
        if let Some(max) = self.max {
            lines.push(format!("At most {max} matches in a document"));
        }
        if !lines.is_empty() {
            let case = if self.ignore_case {
                "whatever the case"
            } else {
                "case as written"
            };
            lines.push(format!("Matched on word boundaries, {case}"));
        }
        lines
    }

    /// What to write instead of a match of each of its patterns, in the
    /// order of [`CheckRule::pattern_texts`] (kind `substitution`).
    pub fn replacements(&self) -> Vec<&str> {
        self.swap.values().map(String::as_str).collect()
    }

    /// Drops the texts made so far: the rules were changed in place and
    /// are being finished again ([`super::RuleSet::reindex`]).
    pub(super) fn forget_finding_texts(&mut self) {
        self.texts = OnceLock::new();
        self.variants = Default::default();
    }
}

fn enabled() -> bool {
    true
}

/// Conditions a check kind may test on a sentence.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The sentence gives a figure (not a date or a duration).
    pub has_statistic: Option<bool>,
    /// The sentence holds a direct quotation.
    pub has_quote: Option<bool>,
    /// The role stage decided the (unattributed) statement needs a source.
    pub needs_source: Option<bool>,
    /// The attribution's cue has this class.
    pub cue_class: Option<CueClass>,
    /// The sentence has a source, its own or carried (pattern kinds).
    pub attributed: Option<bool>,
    /// The sentence is of this kind: `heading`, `statement`, `byline`,
    /// `dateline`, `credit`, `boilerplate`, `fragment`, `question` (pattern
    /// kinds).
    pub sentence_kind: Option<crate::role::SentenceKind>,
    /// The sentence's source is of this kind: `person`, `anonymous`, a
    /// registered source's kind... (pattern kinds).
    pub source_kind: Option<String>,
}

impl When {
    /// Whether it sets no condition at all.
    pub fn is_unconditional(&self) -> bool {
        *self == When::default()
    }
}

/// A text a check must flag (`finds = true`) or leave alone.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckExample {
    /// An article fragment (one or more sentences).
    pub text: String,
    /// Whether the check flags it.
    pub finds: bool,
}
