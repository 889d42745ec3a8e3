//! Cue rules: the reporting verbs and prepositional phrases that hand a
//! statement to a source, with how much judgement each one carries.

use serde::Deserialize;
use toml::Spanned;

/// How much the cue says beyond "this person said it".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueClass {
    /// said, told, according to.
    Neutral,
    /// stated, noted, stressed: not neutral, but mild.
    Marked,
    /// claimed, insisted, admitted: casts doubt or implies guilt.
    Loaded,
}

impl CueClass {
    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            CueClass::Neutral => "neutral",
            CueClass::Marked => "marked",
            CueClass::Loaded => "loaded",
        }
    }
}

/// A reporting verb with all its forms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbCue {
    /// The lemma, used as the id (`say`, `claim`).
    pub id: Spanned<String>,
    /// Neutral, marked or loaded.
    pub class: CueClass,
    /// Every inflected form, lower case (`say`, `says`, `said`, `saying`).
    pub forms: Vec<Spanned<String>>,
    /// Takes a clause without "that" ("she said the talks failed").
    #[serde(default)]
    pub zero_that: bool,
    /// Takes a noun object that carries the claim ("the ministry reported 200 deaths").
    #[serde(default)]
    pub np_object: bool,
    /// Takes a recipient before the clause ("told reporters that").
    #[serde(default)]
    pub recipient: bool,
    /// Takes "to" and a verb whose subject is the source, a claim about
    /// itself ("claimed to have seen the order").
    #[serde(default)]
    pub infinitive: bool,
    /// A form of "be" before a form makes it an adjective of the subject's
    /// state, and the subject its source: "the skippers are *worried* that
    /// ...", "Lund is *confident* the levy will pass". Not the passive that
    /// names no one; an adjective that is never a verb needs the "be".
    #[serde(default)]
    pub copular: bool,
    /// Words right after the verb that make it no cue ("claimed the lives").
    #[serde(default)]
    pub not_before: Vec<String>,
    /// Words one of which must come right after the verb for it to be a
    /// cue: the particle of a phrasal verb ("fired *back*", "shot *back*").
    #[serde(default)]
    pub only_before: Vec<String>,
    /// Words after a short object that carry the claim: "described the plan
    /// *as* reckless", "accused him *of* lying", "called the deal *a*
    /// disaster". A quotation after the object counts too.
    #[serde(default)]
    pub object_then: Vec<String>,
    /// Forms that are often nouns ("the home *state*", "the TV *show*"): a
    /// cue only right before content ("that", a colon, a quotation) or after
    /// a plain subject ("a new poll *shows*").
    #[serde(default)]
    pub noun_forms: Vec<String>,
    /// Advice shown with findings about this cue.
    #[serde(default)]
    pub help: Option<String>,
    /// Sentences whose attribution must use this cue.
    #[serde(default)]
    pub example: Vec<CueExample>,
}

/// A phrase whose object is the source ("according to X").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseCue {
    /// The phrase, used as the id (`according to`).
    pub id: Spanned<String>,
    /// Neutral, marked or loaded.
    pub class: CueClass,
    /// Counts only beside a relaying source ("Reuters, citing two officials,
    /// reported"): alone, "citing security concerns" is no attribution.
    #[serde(default)]
    pub with_relay: bool,
    /// Counts only at the start of the sentence and only when its object is
    /// of one of these kinds ("In a Gallup poll, 52 percent ..."); empty:
    /// anywhere, any source.
    #[serde(default)]
    pub leading_kinds: Vec<String>,
    /// Objects that make the phrase no attribution, by their first word
    /// after an article ("according to plan", "according to the
    /// schedule"; not "according to its plan"): lower case.
    #[serde(default)]
    pub not_objects: Vec<String>,
    /// Sentences whose attribution must use this cue.
    #[serde(default)]
    pub example: Vec<CueExample>,
}

/// A noun of speech or thought whose owner is the source: "Rubio's answer
/// was that ...", "Their fear is that ...", and with `aside`, "In Ash's
/// view, ...", "..., in his view."
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NounCue {
    /// The noun, used as the id (`answer`, `view`).
    pub id: Spanned<String>,
    /// Neutral, marked or loaded.
    pub class: CueClass,
    /// Every form that counts, lower case (`answer`, `response`).
    pub forms: Vec<Spanned<String>>,
    /// Also attributes after "in" and its owner, set off from the clause
    /// ("In Ash's view, ...", "..., in his words.").
    #[serde(default)]
    pub aside: bool,
    /// Sentences whose attribution must use this cue.
    #[serde(default)]
    pub example: Vec<CueExample>,
}

/// A sentence checked against a cue rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueExample {
    /// The sentence.
    pub text: String,
    /// Whether the sentence is attributed through this cue (default) or must
    /// stay unattributed (a false friend, a speech event with a noun object).
    #[serde(default = "yes")]
    pub attributed: bool,
}

fn yes() -> bool {
    true
}
