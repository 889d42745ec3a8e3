//! The role & need stage, between attribution and the checks: what each
//! sentence without an attribution is (a statement, or a heading, byline,
//! credit, boilerplate line, fragment or question, which are not claims and
//! get no finding), and for a statement whether it needs a source and why
//! (a figure, a quotation, a private event, a motive, a state of mind, a
//! prediction, an evaluation, or a plain claim; the outlet speaking for
//! itself needs none). The checks read this decision; the words behind it
//! are data (`[roles]` in `rules/roles.toml`).

use serde::{Deserialize, Serialize};

use crate::attribute::{TaggedSentence, Tokens};
use crate::rules::{contains_lower, is_word_char, RoleWords, RuleSet, Scan, TermPlace, WordRole};

/// What a sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    /// A statement: something asserted.
    #[default]
    Statement,
    /// A headline or section label on a line of its own.
    Heading,
    /// The writer's name or tagline.
    Byline,
    /// A dateline or timestamp on a line of its own ("4:45 p.m.").
    Dateline,
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
            SentenceKind::Dateline => "dateline",
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
    /// An act done in public view ("The senator praised the bill").
    PublicAct,
    /// The outlet speaks for itself and of its own reporting (what it could
    /// not verify, who declined to comment, corrections).
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
            Reason::PublicAct => "public-act",
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
            Reason::PublicAct => "act done in public view",
            Reason::OwnVoice => "the outlet's note on its own reporting",
        }
    }

    /// Whether a statement with this reason needs a source.
    pub fn needs_source(self) -> bool {
        !matches!(self, Reason::OwnVoice | Reason::PublicAct)
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
    assign_some(text, sentences, count, rules);
}

/// As [`assign`], for some of a document's sentences: `count` is how many
/// the document has, or any number past the last of these by more than
/// three when that is not known yet (nothing here is near the end).
pub(crate) fn assign_some(
    text: &str,
    sentences: &mut [TaggedSentence],
    count: usize,
    rules: &RuleSet,
) {
    for s in sentences.iter_mut() {
        if s.attribution.is_some() {
            continue;
        }
        let raw = &text[s.sentence.span.start..s.sentence.span.end];
        let scan = s.scan;
        let place = Place {
            first: s.sentence.index == 0,
            near_end: s.sentence.index.saturating_add(3) >= count,
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

/// The `[roles]` terms a sentence holds: the one-word signals the
/// attribution scan gathered from its words' roles, each signal phrase
/// compared in full only where its key word stands (`phrases`: some word is
/// one), and the openers and endings of its first and last word.
pub(crate) fn scan(
    tokens: &Tokens,
    roles: &[Option<&WordRole>],
    (signals, phrases): (u8, bool),
    rules: &RuleSet,
) -> Scan {
    let terms = &rules.roles;
    let lower = tokens.sentence_lower();
    let mut scan = Scan {
        signals,
        ..Scan::default()
    };
    if phrases {
        for (k, role) in roles.iter().enumerate() {
            for &i in role.map_or(&[][..], |r| &r.role_terms.terms) {
                let start = tokens
                    .range_in_sentence(k)
                    .start
                    .checked_sub(terms.terms[i].key_at);
                if let (Some(start), TermPlace::Signal(bit)) = (start, terms.terms[i].place) {
                    if terms.term_at(i, lower, start) {
                        scan.signals |= 1 << bit;
                    }
                }
            }
        }
    }
    let mut words = (0..tokens.len()).filter(|&k| tokens.is_word(k));
    // A one-word sentence's word is both.
    let (first, last) = (words.clone().next(), words.next_back());
    if let Some(first) = first {
        let start = tokens.range_in_sentence(first).start;
        for &i in terms.edge_terms(tokens.lower(first)) {
            if let TermPlace::Opener(bit) = terms.terms[i].place {
                if terms.term_at(i, lower, start) {
                    scan.openers |= 1 << bit;
                }
            }
        }
    }
    if let Some(last) = last {
        let end = tokens.range_in_sentence(last).end;
        for &i in terms.edge_terms(tokens.lower(last)) {
            let term = &terms.terms[i];
            let start = end.checked_sub(term.text.len());
            if let (Some(start), TermPlace::Ending) = (start, term.place) {
                if terms.term_at(i, lower, start) {
                    scan.endings |= 1;
                }
            }
        }
    }
    scan
}

/// Where a sentence stands in its document.
#[derive(Clone, Copy)]
struct Place {
    first: bool,
    /// Among the last three sentences, where taglines stand.
    near_end: bool,
}

/// The words of a sentence as written: runs of letters, digits, hyphens and
/// apostrophes holding a letter or digit.
fn words(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(|c: char| !is_word_char(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
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
    if place.near_end && is_tagline(raw, roles) {
        return SentenceKind::Byline;
    }
    // Only short lines can be labels, datelines or fragments.
    let short = raw.len() <= 60;
    if short && is_dateline(raw, roles) {
        return SentenceKind::Dateline;
    }
    if short && is_section_label(raw) {
        return SentenceKind::Heading;
    }
    if raw.starts_with('<') && raw.trim_end_matches(['.', ' ']).ends_with('>') {
        // Markup left in a text export (an embed): not prose.
        return SentenceKind::Boilerplate;
    }
    if short && is_fragment(raw, roles) {
        return SentenceKind::Fragment;
    }
    // A line of names may look like a title ("Mayor Olena Kovalenko of
    // Kyiv"): names first.
    if !place.first && is_name_line(raw, roles) {
        return SentenceKind::Fragment;
    }
    if !place.first && is_title_case(raw) {
        return SentenceKind::Heading;
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
/// The name comes first, then the linking word: a quotation that ends with
/// "the co-anchor said" is no tagline.
fn is_tagline(raw: &str, roles: &RoleWords) -> bool {
    let linking = |w: &str| {
        ["is", "was", "writes"]
            .iter()
            .any(|l| w.eq_ignore_ascii_case(l))
    };
    words(raw).nth(30).is_none()
        && name_before(raw, linking)
        && words(raw)
            .flat_map(|w| w.split('-'))
            .any(|w| contains_lower(&roles.bio_roles, w))
}

/// Whether the line opens with a name, capitalised words up to the first
/// word `linking` accepts, leaving out an aside between commas ("Jane Roe,
/// a law professor, is").
fn name_before(raw: &str, linking: impl Fn(&str) -> bool) -> bool {
    let mut words = words(raw);
    let Some(first) = words.next() else {
        return false;
    };
    if !raw.starts_with(first) || !first.starts_with(char::is_uppercase) {
        return false;
    }
    let Some(at) = words.find(|w| linking(w)) else {
        return false;
    };
    let before = &raw[..at.as_ptr() as usize - raw.as_ptr() as usize];
    let capitalised = |part: &str| self::words(part).all(|w| w.starts_with(char::is_uppercase));
    match (before.find(','), before.rfind(',')) {
        (Some(open), Some(close)) if open < close => {
            capitalised(&before[..open]) && capitalised(&before[close + 1..])
        }
        _ => capitalised(before),
    }
}

/// "Senator Scores Direct Hit On Rival", "Legend in the Coal Fields": every
/// word capitalised but the small words, with at least four words and a
/// small word among them (a line of names has none; it is a fragment).
/// Prose lower-cases its verbs and nouns; headlines and the link lists
/// under an article do not. (The article's own headline, its first line, is
/// a statement all the same.)
fn is_title_case(raw: &str) -> bool {
    const SMALL: [&str; 16] = [
        "on", "to", "of", "the", "a", "an", "at", "for", "in", "by", "with", "and", "or", "but",
        "from", "as",
    ];
    let is_small = |w: &str| SMALL.iter().any(|s| w.eq_ignore_ascii_case(s));
    // Prose fails at its second word: look at it before splitting anything.
    let second = raw.find(' ').map(|at| raw[at..].trim_start());
    if second.is_some_and(|w| {
        w.starts_with(|c: char| c.is_ascii_lowercase())
            && !is_small(w.split(|c: char| !is_word_char(c)).next().unwrap_or(""))
    }) {
        return false;
    }
    let mut count = 0;
    let mut small = false;
    for w in raw
        .split(|c: char| !is_word_char(c))
        .map(|w| w.trim_start_matches(['\'', '’']))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
    {
        let inner_small = count > 0 && is_small(w);
        if !(w.starts_with(char::is_uppercase) || inner_small) {
            return false;
        }
        small |= inner_small;
        count += 1;
    }
    count >= 4 && small
}

/// "ABSTRACT.", "– Ready to vote –": a short label in capitals, or set off
/// by dashes.
fn is_section_label(raw: &str) -> bool {
    let trimmed = raw.trim_end_matches(['.', ' ']);
    let dashed = |c: char| matches!(c, '-' | '–' | '—');
    // Cheapest first: most lines have a lower-case letter.
    let capitals = !raw.chars().any(char::is_lowercase)
        && raw.chars().any(char::is_alphabetic)
        && words(raw).nth(4).is_none();
    capitals || (trimmed.starts_with(dashed) && trimmed.ends_with(dashed))
}

/// Whether a word could carry a short sentence: a common verb form, a
/// word ending in -ed, or a figure ("Prices fell", "Forty died", "Up 3%").
fn verb_like(w: &str, roles: &RoleWords) -> bool {
    verb_form(w, roles) || (w.len() > 3 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed"))
}

/// A figure or a listed verb form: [`verb_like`] without the -ed rule.
fn verb_form(w: &str, roles: &RoleWords) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) || contains_lower(&roles.verb_forms, w)
}

/// Three words or fewer, with no digit and no verb: a label or fragment.
/// A first word in -ed is an adjective there ("Educated folk."); a verb in
/// -ed follows its subject ("Talks collapsed.").
fn is_fragment(raw: &str, roles: &RoleWords) -> bool {
    words(raw).nth(3).is_none()
        && !words(raw).enumerate().any(|(i, w)| match i {
            0 => verb_form(w, roles),
            _ => verb_like(w, roles),
        })
}

/// "4:45 p.m.", "Updated Feb. 6, 2016": times, dates and the words around
/// them (`dateline_words`), with at least one number.
fn is_dateline(raw: &str, roles: &RoleWords) -> bool {
    let number = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.len() <= 5
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b':')
            && digits.as_bytes()[0].is_ascii_digit()
    };
    let mut numbers = 0;
    let all = raw
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let n = number(w);
            numbers += usize::from(n);
            n || contains_lower(&roles.dateline_words, w)
        });
    all && numbers > 0
}

/// "Rep. Zoe Lofgren (D-Calif.)", "and Mayor Olena Kovalenko": a line of
/// names, titles and party tags, as in a list of people or a caption's
/// credits, with no verb. (Not the first line: a headline in capitals
/// states news.)
fn is_name_line(raw: &str, roles: &RoleWords) -> bool {
    const JOINERS: [&str; 4] = ["and", "of", "the", "de"];
    let mut names = 0;
    for w in words(raw) {
        if verb_like(w, roles) {
            return false;
        }
        if w.starts_with(char::is_uppercase) {
            names += 1;
        } else if !JOINERS.contains(&w) {
            return false;
        }
        if names > 10 {
            return false;
        }
    }
    names >= 2
}

/// Why a statement without a figure or quotation needs a source, or not:
/// the first signal list (in [`RoleWords::SIGNALS`] order) it holds a
/// term of, else a plain claim.
fn reason(signals: u8) -> Reason {
    const BY_BIT: [Reason; RoleWords::SIGNALS] = [
        Reason::OwnVoice,
        Reason::PrivateEvent,
        Reason::Motive,
        Reason::StateOfMind,
        Reason::Prediction,
        Reason::Evaluation,
        Reason::PublicAct,
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
    fn a_tagline_opens_with_the_writers_name() {
        let kinds: Vec<SentenceKind> = roles_of(
            "The pier reopened.\n\n\
             \u{201c}It was the first time a radio host let a caller finish.\u{201d}\n\n\
             Jane Roe, a former harbour pilot, is a columnist for the Ledger.\n",
        )
        .into_iter()
        .map(|(k, _)| k)
        .collect();
        use SentenceKind::*;
        assert_eq!(kinds, [Statement, Statement, Byline]);
    }

    #[test]
    fn a_line_of_names_is_a_fragment_unless_it_has_a_verb() {
        let kinds: Vec<SentenceKind> = roles_of(
            "The vote was close.\n\n\
             Senate Majority Whip John Cornyn (R-Tex.)\n\n\
             and Rep. Zoe Lofgren (D-Calif.)\n\n\
             Senators Voted Against It\n\nMayor Olena Kovalenko of Kyiv\n",
        )
        .into_iter()
        .map(|(k, _)| k)
        .collect();
        use SentenceKind::*;
        assert_eq!(kinds, [Statement, Fragment, Fragment, Heading, Fragment]);
    }

    #[test]
    fn datelines_titles_and_desk_lines_are_not_statements() {
        let kinds: Vec<SentenceKind> = roles_of(
            "The vote was close.\n\n4:45 p.m.\n\nUpdated Feb. 6, 2026, 10:42 p.m. ET\n\n\
             The bus left at 4:45 p.m.\n\nLegend in the Coal Fields.\n\n\
             The Mayor Spoke to the Press.\n\nEducated guess.\n\nPrices dropped.\n\n\
             (Reporting by Ines Kovac; Editing by Tom Ellery.)\n\n\
             Reach the desk at desk@example.org.\n",
        )
        .into_iter()
        .map(|(k, _)| k)
        .collect();
        use SentenceKind::*;
        assert_eq!(
            kinds,
            [
                Statement,
                Dateline,
                Dateline,
                Statement,
                Heading,
                Heading,
                Fragment,
                Statement,
                Credit,
                Boilerplate
            ]
        );
    }

    #[test]
    fn an_act_in_public_view_needs_no_source_unless_a_signal_says_more() {
        let needs: Vec<Option<&str>> = roles_of(
            "The senator praised the rescue crews. The council voted against the fare. \
             The senator privately praised the plan. The senator praised 40 crews.",
        )
        .into_iter()
        .map(|(_, n)| n)
        .collect();
        assert_eq!(
            needs,
            [
                Some("public-act"),
                Some("public-act"),
                Some("private-event"),
                Some("figure")
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
