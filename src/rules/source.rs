//! Registered sources: who a statement can be attributed to by name, with
//! every spelling a house style may use.

use serde::Deserialize;
use toml::Spanned;

/// One registry entry, e.g. the AP with its aliases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRule {
    /// Stable id shown in reports (`ap`, `kyiv-independent`).
    pub id: Spanned<String>,
    /// What kind of source it is (`wire-service`, `news-outlet`, `government`, ...).
    pub kind: Spanned<String>,
    /// The name to show to people.
    pub name: String,
    /// Literal spellings that mention this source. Acronyms in capitals match
    /// with their case; every other alias matches whatever the case.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Regular expressions for a family of spellings (a ministry named in
    /// several word orders), matched whatever the case, on word boundaries.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// The registered source this one is a document or channel of: a
    /// statement of `part_of` made in one of `described_as` is this
    /// source's ("the Pentagon said in a readout").
    #[serde(default)]
    pub part_of: Option<Spanned<String>>,
    /// Words naming this source as a document of `part_of` ("readout");
    /// "the readout" later in the story refers back to it too.
    #[serde(default)]
    pub described_as: Vec<String>,
    /// One line saying what the source is.
    #[serde(default)]
    pub summary: Option<String>,
    /// Sentences that must be attributed to this source (as source or relay).
    #[serde(default)]
    pub example: Vec<SourceExample>,
}

/// A sentence that a test checks is attributed to the entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceExample {
    /// The sentence.
    pub text: String,
}
