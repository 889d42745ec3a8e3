//! The `[roles]` table of rule files: the words and phrases that tell a
//! statement from a byline, credit, boilerplate line or fragment, and an
//! unattributed statement that needs a source from one that does not. Read
//! by the role stage (`crate::role`); lists in later files extend earlier ones.
//!
//! The terms are not searched for in each sentence. A one-word signal is a
//! role of its word in the word-role table that the attribution scan asks
//! about every word anyway; a signal phrase is a role of its longest (so
//! rarest) word, compared in full only where that word stands. Openers and
//! endings are looked up by the sentence's first and last word only.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{WordRole, WordSet};

/// The `[roles]` table as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFile {
    /// Openers of lines addressed to the reader ("Follow", "Sign up").
    #[serde(default)]
    pub boilerplate_openers: Vec<String>,
    /// Openers of photo credits and captions ("Photo:").
    #[serde(default)]
    pub credit_openers: Vec<String>,
    /// Endings of photo credits ("Getty Images").
    #[serde(default)]
    pub credit_endings: Vec<String>,
    /// Words of a writer's tagline ("correspondent").
    #[serde(default)]
    pub bio_roles: Vec<String>,
    /// Common verb forms: a short sentence with none is a fragment.
    #[serde(default)]
    pub verb_forms: Vec<String>,
    /// Words of a dateline or timestamp besides numbers ("p.m", "feb").
    #[serde(default)]
    pub dateline_words: Vec<String>,
    /// The outlet speaking for itself: needs no source.
    #[serde(default)]
    pub own_voice: Vec<String>,
    /// Signals of a private event.
    #[serde(default)]
    pub private_event: Vec<String>,
    /// Signals of a motive or plan.
    #[serde(default)]
    pub motive: Vec<String>,
    /// Signals of a state of mind.
    #[serde(default)]
    pub state_of_mind: Vec<String>,
    /// Signals of a prediction.
    #[serde(default)]
    pub prediction: Vec<String>,
    /// Signals of an evaluation stated as fact.
    #[serde(default)]
    pub evaluation: Vec<String>,
    /// Acts done in public view ("praised", "campaigned"): needs no source.
    #[serde(default)]
    pub public_act: Vec<String>,
}

/// A character of a word: letters, digits, and the hyphen and apostrophes
/// inside one ("closed-door", "won't").
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')
}

/// Whether a term is one word as the attribution scan's tokens see it
/// (letters and digits, with inner hyphens and apostrophes), so that it can
/// be a role of that word.
fn is_one_word(term: &str) -> bool {
    term.starts_with(char::is_alphanumeric)
        && term.ends_with(char::is_alphanumeric)
        && term.chars().all(is_word_char)
}

/// The word a phrase is found by, and where it starts in the phrase: the
/// first word of an opener, the last of an ending, the longest of a signal
/// phrase (the rarest, as a rule: "order" of "in order to", not "in").
fn key_word(term: &str, place: TermPlace) -> (usize, &str) {
    let mut words = term
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - term.as_ptr() as usize, w));
    let key = match place {
        TermPlace::Opener(_) => words.next(),
        TermPlace::Ending => words.next_back(),
        TermPlace::Signal(_) => words.rev().max_by_key(|(_, w)| w.len()),
    };
    key.unwrap_or((0, ""))
}

/// Which list a term of a word's [`RoleTerms`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermPlace {
    /// Opens the sentence; bit 0 boilerplate, bit 1 credit.
    Opener(u8),
    /// Ends the sentence (a credit).
    Ending,
    /// Anywhere: bit `i` of [`RoleWords::SIGNALS`].
    Signal(u8),
}

/// The signal terms a word is or keys: the lists it is a one-word term of,
/// and the signal phrases found by it (indexes into [`RoleWords::terms`]).
#[derive(Debug, Clone, Default)]
pub struct RoleTerms {
    /// Signal phrases whose key word this is.
    pub terms: Vec<usize>,
    /// Bit `i`: a one-word term of signal list `i`.
    pub signals: u8,
}

/// What the role stage found in a sentence, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scan {
    /// Bit 0: a boilerplate opener; bit 1: a credit opener.
    pub openers: u8,
    /// Bit 0: a credit ending.
    pub endings: u8,
    /// Bit `i`: a term of signal list `i` ([`RoleWords::SIGNALS`] order).
    pub signals: u8,
}

/// One opener, ending or signal term.
#[derive(Debug, Clone)]
pub struct Term {
    /// Lower case.
    pub text: String,
    /// Which list it belongs to.
    pub place: TermPlace,
    /// Where the word it is found by starts in it (its first word for an
    /// opener, last for an ending, longest for a signal phrase).
    pub key_at: usize,
}

/// The merged `[roles]` lists.
#[derive(Debug, Clone, Default)]
pub struct RoleWords {
    /// Every opener, ending and signal term.
    pub terms: Vec<Term>,
    /// Openers by their first word and endings by their last (indexes into
    /// `terms`): asked about a sentence's first and last word only.
    edges: FxHashMap<String, Vec<usize>>,
    /// See [`RoleFile::bio_roles`].
    pub bio_roles: WordSet,
    /// See [`RoleFile::verb_forms`].
    pub verb_forms: WordSet,
    /// See [`RoleFile::dateline_words`].
    pub dateline_words: WordSet,
}

impl RoleWords {
    /// The signal lists, in bit order: own voice, private event, motive,
    /// state of mind, prediction, evaluation, public act. A sentence's
    /// reason is the first of them it holds a term of.
    pub const SIGNALS: usize = 7;

    /// Adds the lists of one rule file.
    pub fn extend(&mut self, file: &RoleFile) {
        let lists: [(&[String], TermPlace); 10] = [
            (&file.boilerplate_openers, TermPlace::Opener(0)),
            (&file.credit_openers, TermPlace::Opener(1)),
            (&file.credit_endings, TermPlace::Ending),
            (&file.own_voice, TermPlace::Signal(0)),
            (&file.private_event, TermPlace::Signal(1)),
            (&file.motive, TermPlace::Signal(2)),
            (&file.state_of_mind, TermPlace::Signal(3)),
            (&file.prediction, TermPlace::Signal(4)),
            (&file.evaluation, TermPlace::Signal(5)),
            (&file.public_act, TermPlace::Signal(6)),
        ];
        // A term listed twice is only compared twice: not worth a search
        // of the whole list for every term.
        for (list, place) in lists {
            let terms = list.iter().map(|t| t.trim().to_lowercase());
            self.terms
                .extend(terms.filter(|t| !t.is_empty()).map(|text| Term {
                    text,
                    place,
                    key_at: 0,
                }));
        }
        fn lower(list: &[String]) -> impl Iterator<Item = String> + '_ {
            list.iter().map(|w| w.trim().to_lowercase())
        }
        self.bio_roles.extend(lower(&file.bio_roles));
        self.verb_forms.extend(lower(&file.verb_forms));
        self.dateline_words.extend(lower(&file.dateline_words));
    }

    /// Keys every term by its word: signal terms in the word-role table
    /// being built, openers and endings in their own small index.
    pub(crate) fn index(&mut self, roles: &mut FxHashMap<String, WordRole>) {
        self.edges.clear();
        for (i, term) in self.terms.iter_mut().enumerate() {
            let (at, key) = key_word(&term.text, term.place);
            term.key_at = at;
            if key.is_empty() {
                continue;
            }
            match term.place {
                TermPlace::Signal(bit) => {
                    let role = &mut roles.entry(key.to_string()).or_default().role_terms;
                    if is_one_word(&term.text) {
                        role.signals |= 1 << bit;
                    } else {
                        role.terms.push(i);
                    }
                }
                _ => self.edges.entry(key.to_string()).or_default().push(i),
            }
        }
    }

    /// The openers and endings whose first or last word is `lower_word`.
    pub fn edge_terms(&self, lower_word: &str) -> &[usize] {
        self.edges.get(lower_word).map_or(&[], Vec::as_slice)
    }

    /// Whether term `i` stands at byte `start` of `lower` (a lower-cased
    /// sentence), on word boundaries: after an opener and before an ending
    /// (the sentence's edge is the other), on both sides of a signal.
    pub fn term_at(&self, i: usize, lower: &str, start: usize) -> bool {
        let Term { text, place, .. } = &self.terms[i];
        let end = start + text.len();
        lower.get(start..end) == Some(text.as_str())
            && (matches!(place, TermPlace::Opener(_)) || boundary_before(lower, start, text))
            && (matches!(place, TermPlace::Ending) || boundary_after(lower, end, text))
    }
}

/// A term starting or ending in punctuation ("/ap", "watch:") brings its
/// own boundary on that side.
fn boundary_before(text: &str, at: usize, term: &str) -> bool {
    !term.starts_with(is_word_char) || !text[..at].ends_with(is_word_char)
}

fn boundary_after(text: &str, at: usize, term: &str) -> bool {
    !term.ends_with(is_word_char) || !text[at..].starts_with(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_keyed_by_their_first_last_or_longest_word() {
        let opener = TermPlace::Opener(0);
        let signal = TermPlace::Signal(2);
        assert_eq!(key_word("h/t", opener), (0, "h"));
        assert_eq!(key_word("watch:", opener), (0, "watch"));
        assert_eq!(key_word("/ap", TermPlace::Ending), (1, "ap"));
        assert_eq!(key_word("getty images", TermPlace::Ending), (6, "images"));
        assert_eq!(key_word("in order to", signal), (3, "order"));
        assert_eq!(key_word("editor’s note", signal), (0, "editor’s"));
        assert!(is_one_word("closed-door") && is_one_word("won't"));
        assert!(!is_one_word("watch:") && !is_one_word("in order to"));
    }

    #[test]
    fn terms_match_on_boundaries_at_their_places() {
        let mut roles = RoleWords::default();
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        roles.extend(&RoleFile {
            boilerplate_openers: list(&["follow", "h/t"]),
            credit_endings: list(&["getty images", "/ap"]),
            motive: list(&["in order to"]),
            ..RoleFile::default()
        });
        roles.index(&mut FxHashMap::default());
        let at = |term: &str| {
            roles
                .terms
                .iter()
                .position(|t| t.text == term)
                .expect("term")
        };
        assert_eq!(roles.edge_terms("follow"), [at("follow")]);
        assert_eq!(roles.edge_terms("images"), [at("getty images")]);
        assert!(roles.term_at(at("follow"), "follow him.", 0));
        assert!(!roles.term_at(at("follow"), "following the vote.", 0));
        assert!(roles.term_at(at("h/t"), "(h/t mediaite.)", 1));
        assert!(roles.term_at(at("/ap"), "a rally. john doe/ap", 17));
        assert!(roles.term_at(at("getty images"), "olson via getty images.", 10));
        assert!(!roles.term_at(at("getty images"), "olson via bigetty images.", 12));
        assert!(roles.term_at(at("in order to"), "they left in order to win.", 10));
        assert!(!roles.term_at(at("in order to"), "in orderly fashion.", 0));
        assert!(!roles.term_at(at("in order to"), "win order to", 1));
    }
}
