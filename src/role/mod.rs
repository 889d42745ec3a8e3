//! The role & need stage, between attribution and the checks: what each
//! sentence without an attribution is (a statement, or a heading, byline,
//! credit, boilerplate line, fragment or question, which are not claims and
//! get no finding), and for a statement whether it needs a source and why
//! (a figure, a quotation, a private event, a motive, a state of mind, a
//! prediction, an evaluation, or a plain claim; the outlet speaking for
//! itself needs none). The checks read this decision; the words behind it
//! are data (`[roles]` in `rules/roles.toml`).

use serde::Serialize;

use crate::attribute::TaggedSentence;
use crate::rules::{is_word_char, RoleWords, RuleSet, Scan};

/// What a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    /// A statement: something asserted.
    #[default]
    Statement,
    /// A headline or section label on a line of its own.
    Heading,
    /// The writer's name or tagline.
    Byline,
    /// A photo or video credit or caption.
    Credit,
    /// A line addressed to the reader ("Follow us", "Sign up").
    Boilerplate,
    /// Words with no verb ("Opinionated and wrong.").
    Fragment,
    /// A question the writer asks.
    Question,
}

impl SentenceKind {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceKind::Statement => "statement",
            SentenceKind::Heading => "heading",
            SentenceKind::Byline => "byline",
            SentenceKind::Credit => "credit",
            SentenceKind::Boilerplate => "boilerplate",
            SentenceKind::Fragment => "fragment",
            SentenceKind::Question => "question",
        }
    }
}

/// Why an unattributed statement does or does not need a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// It gives a figure.
    Figure,
    /// It quotes someone.
    Quotation,
    /// It tells what happened in private.
    PrivateEvent,
    /// It states a motive, plan or intention.
    Motive,
    /// It states someone's state of mind.
    StateOfMind,
    /// It predicts.
    Prediction,
    /// It judges or interprets as if stating a fact.
    Evaluation,
    /// A claim of fact with none of the above.
    Claim,
    /// The outlet speaks for itself (what it could not verify, corrections).
    OwnVoice,
}

impl Reason {
    /// The id used in JSON (`needs_source.because`).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Figure => "figure",
            Reason::Quotation => "quotation",
            Reason::PrivateEvent => "private-event",
            Reason::Motive => "motive",
            Reason::StateOfMind => "state-of-mind",
            Reason::Prediction => "prediction",
            Reason::Evaluation => "evaluation",
            Reason::Claim => "claim",
            Reason::OwnVoice => "own-voice",
        }
    }

    /// How a report says it ("{reason}" in a check's message).
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Figure => "figure",
            Reason::Quotation => "quotation",
            Reason::PrivateEvent => "private event",
            Reason::Motive => "motive",
            Reason::StateOfMind => "state of mind",
            Reason::Prediction => "prediction",
            Reason::Evaluation => "judgement",
            Reason::Claim => "claim",
            Reason::OwnVoice => "the outlet's own note",
        }
    }

    /// Whether a statement with this reason needs a source.
    pub fn needs_source(self) -> bool {
        self != Reason::OwnVoice
    }
}

/// The need decision of an unattributed statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Need {
    /// Whether it needs a source.
    pub value: bool,
    /// Why.
    pub because: Reason,
}

/// Decides the kind of every sentence without an attribution and, for a
/// statement, its need. Attributed sentences are statements with no need
/// to decide.
pub fn assign(text: &str, sentences: &mut [TaggedSentence], rules: &RuleSet) {
    let count = sentences.len();
    for s in sentences.iter_mut() {
        if s.attribution.is_some() {
            continue;
        }
        let raw = &text[s.sentence.span.start..s.sentence.span.end];
        let scan = rules.roles.scan(raw);
        let place = Place {
            first: s.sentence.index == 0,
            near_end: s.sentence.index + 3 >= count,
        };
        let kind = match kind_of(raw, scan, place, &rules.roles) {
            // A line of its own with no final punctuation is a heading
            // unless its wording says more (a byline, a credit).
            SentenceKind::Statement if s.sentence.heading => SentenceKind::Heading,
            kind => kind,
        };
        s.kind = kind;
        s.need = (kind == SentenceKind::Statement).then(|| {
            let because = if s.figure {
                Reason::Figure
            } else if s.has_quote {
                Reason::Quotation
            } else {
                reason(scan.signals)
            };
            Need {
                value: because.needs_source(),
                because,
            }
        });
    }
}

/// Where a sentence stands in its document.
#[derive(Clone, Copy)]
struct Place {
    first: bool,
    /// Among the last three sentences, where taglines stand.
    near_end: bool,
}

/// The lower-case words of a sentence: runs of letters, digits, hyphens and
/// apostrophes holding a letter or digit. Only asked for short sentences
/// and the last few of a document.
fn words_of(raw: &str) -> Vec<String> {
    raw.split(|c: char| !is_word_char(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_lowercase)
        .collect()
}

/// What an unattributed line is, from its wording.
fn kind_of(raw: &str, scan: Scan, place: Place, roles: &RoleWords) -> SentenceKind {
    let core = raw.trim_end_matches(['"', '\'', '”', '’', ')', ']', ' ']);
    if core.ends_with('?') {
        return SentenceKind::Question;
    }
    if scan.openers & 1 != 0 {
        return SentenceKind::Boilerplate;
    }
    if scan.openers & 2 != 0 || scan.endings & 1 != 0 {
        return SentenceKind::Credit;
    }
    if raw.starts_with("By ") && is_byline(raw) {
        return SentenceKind::Byline;
    }
    // Words are counted only where a rule needs them: short lines and the
    // last few sentences.
    let short = raw.len() <= 60;
    let words = if short || place.near_end {
        words_of(raw)
    } else {
        Vec::new()
    };
    if place.near_end && is_tagline(&words, roles) {
        return SentenceKind::Byline;
    }
    if (short && is_section_label(raw, &words)) || (!place.first && is_title_case(raw)) {
        return SentenceKind::Heading;
    }
    if raw.starts_with('<') && raw.trim_end_matches(['.', ' ']).ends_with('>') {
        // Markup left in a text export (an embed): not prose.
        return SentenceKind::Boilerplate;
    }
    if short && is_fragment(&words, roles) {
        return SentenceKind::Fragment;
    }
    SentenceKind::Statement
}

/// "By Jane Roe and John Doe": "by" and capitalised names only.
fn is_byline(raw: &str) -> bool {
    let mut words = raw
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty());
    let by = words.next() == Some("By");
    let mut count = 0;
    by && words.all(|w| {
        count += 1;
        count <= 8 && (w.starts_with(char::is_uppercase) || matches!(w, "and" | "of" | "the"))
    })
}

/// "Jane Roe is a correspondent for ...": a writer's tagline, at the end.
fn is_tagline(words: &[String], roles: &RoleWords) -> bool {
    words.len() <= 30
        && words
            .iter()
            .any(|w| matches!(w.as_str(), "is" | "was" | "writes"))
        && words
            .iter()
            .flat_map(|w| w.split('-'))
            .any(|w| roles.bio_roles.words.contains(w))
}

/// "Senator Scores Direct Hit On Rival": every word capitalised, small
/// words too. Prose never capitalises "On" or "The" inside a sentence;
/// headlines and the link lists under an article do. (The article's own
/// headline, its first line, is a statement all the same.)
fn is_title_case(raw: &str) -> bool {
    const SMALL: [&str; 11] = [
        "On", "To", "Of", "The", "A", "At", "For", "In", "By", "With", "And",
    ];
    let mut count = 0;
    let mut small = false;
    // Stops at the first word in lower case: in prose, the second word.
    for w in raw
        .split(|c: char| !is_word_char(c))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
    {
        if !w.starts_with(char::is_uppercase) {
            return false;
        }
        small |= count > 0 && SMALL.contains(&w);
        count += 1;
    }
    count >= 4 && small
}

/// "ABSTRACT.", "– Ready to vote –": a short label in capitals, or set off
/// by dashes.
fn is_section_label(raw: &str, words: &[String]) -> bool {
    let trimmed = raw.trim_end_matches(['.', ' ']);
    let dashed = |c: char| matches!(c, '-' | '–' | '—');
    let capitals = words.len() <= 4
        && raw.chars().any(char::is_alphabetic)
        && !raw.chars().any(char::is_lowercase);
    capitals || (trimmed.starts_with(dashed) && trimmed.ends_with(dashed))
}

/// Three words or fewer, with no digit and no verb: a label or fragment.
fn is_fragment(words: &[String], roles: &RoleWords) -> bool {
    words.len() <= 3
        && !words.iter().any(|w| {
            w.chars().any(|c| c.is_ascii_digit())
                || roles.verb_forms.words.contains(w.as_str())
                || (w.len() > 3 && w.ends_with("ed"))
        })
}

/// Why a statement without a figure or quotation needs a source, or not:
/// the first signal list (in [`RoleWords::signal_lists`] order) it holds a
/// term of, else a plain claim.
fn reason(signals: u8) -> Reason {
    const BY_BIT: [Reason; 6] = [
        Reason::OwnVoice,
        Reason::PrivateEvent,
        Reason::Motive,
        Reason::StateOfMind,
        Reason::Prediction,
        Reason::Evaluation,
    ];
    BY_BIT
        .get(signals.trailing_zeros() as usize)
        .copied()
        .unwrap_or(Reason::Claim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles_of(text: &str) -> Vec<(SentenceKind, Option<&'static str>)> {
        let rules = RuleSet::embedded();
        let doc = crate::check_text("t.txt", text, &rules);
        doc.sentences
            .iter()
            .map(|s| (s.kind, s.need.map(|n| n.because.as_str())))
            .collect()
    }

    #[test]
    fn non_statements_are_told_apart() {
        use SentenceKind::*;
        let kinds: Vec<SentenceKind> = roles_of(
            "Follow Jane Roe on Twitter @janeroe. Photo: John Doe. \
             The bridge reopened on Monday, the mayor said. Political theatre, again. \
             What happens next? Scott Olson via Getty Images. ABSTRACT. \
             Jane Roe is a correspondent for the Ledger.",
        )
        .into_iter()
        .map(|(k, _)| k)
        .collect();
        assert_eq!(
            kinds,
            [
                Boilerplate,
                Credit,
                Statement,
                Fragment,
                Question,
                Credit,
                Heading,
                Byline
            ]
        );
    }

    #[test]
    fn statements_say_why_they_need_a_source() {
        let needs: Vec<Option<&str>> = roles_of(
            "Russia lost 300 tanks. The talks were held behind closed doors. \
             He resigned because he feared arrest. The minister wants a deal. \
             The offensive will stall by winter. It was a stunning defeat. \
             The bridge reopened. Reuters could not independently verify the report.",
        )
        .into_iter()
        .map(|(_, n)| n)
        .collect();
        assert_eq!(
            needs,
            [
                Some("figure"),
                Some("private-event"),
                Some("motive"),
                Some("state-of-mind"),
                Some("prediction"),
                Some("evaluation"),
                Some("claim"),
                Some("own-voice"),
            ]
        );
    }
}
