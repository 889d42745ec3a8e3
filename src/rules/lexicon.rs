//! The word lists the engine reasons with: abbreviations for the segmenter,
//! the vocabulary of source noun phrases, carry-over markers and the words
//! that tell a figure from a date. All lower case unless said otherwise.

use rustc_hash::FxHashMap;

use super::key_table::{self, key_of, KeyTable, KEY_BYTES};
use super::word_filter::WordFilter;

/// A set of lower-case words. Looked up once or more per token, and nearly
/// every lookup misses: a filter on the first and last bytes and the length
/// answers most misses without reading the word, the rest are looked up as
/// one integer each in a small open-addressed table (words of up to sixteen
/// bytes, nearly all of them; the longer ones are hashed). Keys are bytes,
/// so a word lower-cased as an integer is looked up without re-checking it
/// as UTF-8.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: KeyTable,
    /// The same words as strings, in the order first added.
    listed: Vec<String>,
    filter: WordFilter,
}

impl WordSet {
    /// Whether the set holds `word` (already lower case).
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.filter.may_contain(word) && self.words.get_word(word.as_bytes()).is_some()
    }

    /// False when no word of the set (of two bytes or more) can begin with
    /// the bytes `a` and `b`, in either case.
    #[inline]
    pub fn may_begin_with(&self, a: u8, b: u8) -> bool {
        self.filter.may_begin_with(a, b)
    }

    /// Adds `word` (already lower case).
    pub fn insert(&mut self, word: String) -> bool {
        self.filter.insert(&word);
        let added = self.words.insert(word.as_bytes(), 0);
        if added {
            self.listed.push(word);
        }
        added
    }

    /// The words, in the order first added.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.listed.iter()
    }

    /// How many words the set holds.
    pub fn len(&self) -> usize {
        self.listed.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            self.insert(w);
        }
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut set = WordSet::default();
        set.extend(words);
        set
    }
}

use serde::Deserialize;

/// Word lists as written in a rule file; every list extends the defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// Abbreviations (without the final period) that never end a sentence: Mr, Gen, St.
    #[serde(default)]
    pub prepositive_abbreviations: Vec<String>,
    /// Abbreviations that end a sentence only before a sentence starter: Co, Jr, U.S, a.m.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Abbreviations that stand before a number: No, p, pp, vol.
    #[serde(default)]
    pub number_abbreviations: Vec<String>,
    /// Words that typically open a sentence (It, The, How): after an ambiguous
    /// abbreviation they mark a boundary.
    #[serde(default)]
    pub sentence_starters: Vec<String>,
    /// Short words a line does not end with when a sentence is wrapped (the, of, and).
    #[serde(default)]
    pub function_words: Vec<String>,
    /// Verbs that give a quotation's speaker right after it ("... !" Bush said).
    #[serde(default)]
    pub quote_verbs: Vec<String>,
    /// Titles that stand before a person's name (Governor, General, Secretary).
    #[serde(default)]
    pub titles: Vec<String>,
    /// Heads of anonymous source phrases (official, source, aide).
    #[serde(default)]
    pub anonymous_heads: Vec<String>,
    /// Phrases that are never a source ("Everyone knows", "No one
    /// doubts"): a saying, not someone saying it. One or two words.
    #[serde(default)]
    pub not_sources: Vec<String>,
    /// Heads of organisation phrases (ministry, department, company).
    #[serde(default)]
    pub organization_heads: Vec<String>,
    /// Countries and capitals: as a source ("Moscow said") they stand for a
    /// government, never a person.
    #[serde(default)]
    pub places: Vec<String>,
    /// Verbs by which one source passes on another's words: "TASS *quoted*
    /// an official as saying ...".
    #[serde(default)]
    pub quoting_verbs: Vec<String>,
    /// Heads of document phrases (report, statement, readout).
    #[serde(default)]
    pub document_heads: Vec<String>,
    /// Verbs by which a source puts out a document of its own: "the council
    /// *issued* a statement saying ...".
    #[serde(default)]
    pub issuing_verbs: Vec<String>,
    /// Finite verbs and modals that show a bare clause after a cue ("noted
    /// the fund *could* cover"), where a plain noun object ("noted the
    /// timing") has none.
    #[serde(default)]
    pub clause_verbs: Vec<String>,
    /// Last words of news outlets' names, capitalised in a name ("the
    /// Washington *Post*", "the Lakeside *Ledger*").
    #[serde(default)]
    pub outlet_heads: Vec<String>,
    /// Lower-case words allowed inside a source phrase (the, senior, former, two).
    #[serde(default)]
    pub source_modifiers: Vec<String>,
    /// Words that may stand between a subject and its cue (has, also, reportedly).
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    /// Prepositions that join a source's head to what follows it (the readout *of* the call).
    #[serde(default)]
    pub source_prepositions: Vec<String>,
    /// Source kinds that relay others' statements (wire services, outlets):
    /// beside another source they become `via`.
    #[serde(default)]
    pub relay_kinds: Vec<String>,
    /// Pronouns and the source kinds they can refer to.
    #[serde(default)]
    pub pronouns: FxHashMap<String, Vec<String>>,
    /// Sentence openers that carry the previous attribution on (In addition, Moreover).
    #[serde(default)]
    pub continuation_markers: Vec<String>,
    /// The author's own framing, never a cue (it is pertinent to note that).
    #[serde(default)]
    pub framing: Vec<String>,
    /// Units after a number that make it a duration or a time, not a figure (days, hours).
    #[serde(default)]
    pub time_units: Vec<String>,
    /// Words next to a number that make it a date (May, Friday).
    #[serde(default)]
    pub date_words: Vec<String>,
    /// Words that are quantities without digits (dozens, hundreds, percent).
    #[serde(default)]
    pub quantity_words: Vec<String>,
    /// Numbers written as words, a count when a noun follows (three, dozen).
    #[serde(default)]
    pub cardinal_words: Vec<String>,
    /// Words before a number that make it a reference or a label rather
    /// than a count (the two sides, aged 87, No. 2).
    #[serde(default)]
    pub number_referents: Vec<String>,
    /// Words that label a line rather than name a speaker before a colon
    /// ("Update: ...", "Note: ...").
    #[serde(default)]
    pub labels: Vec<String>,
}

/// The merged word lists, as sets for lookup.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// See [`LexiconFile::prepositive_abbreviations`].
    pub prepositive_abbreviations: WordSet,
    /// See [`LexiconFile::abbreviations`].
    pub abbreviations: WordSet,
    /// See [`LexiconFile::number_abbreviations`].
    pub number_abbreviations: WordSet,
    /// See [`LexiconFile::sentence_starters`].
    pub sentence_starters: WordSet,
    /// See [`LexiconFile::function_words`].
    pub function_words: WordSet,
    /// See [`LexiconFile::quote_verbs`].
    pub quote_verbs: WordSet,
    /// See [`LexiconFile::titles`].
    pub titles: WordSet,
    /// See [`LexiconFile::anonymous_heads`].
    pub anonymous_heads: WordSet,
    /// See [`LexiconFile::not_sources`].
    pub not_sources: WordSet,
    /// See [`LexiconFile::organization_heads`].
    pub organization_heads: WordSet,
    /// See [`LexiconFile::places`].
    pub places: WordSet,
    /// See [`LexiconFile::quoting_verbs`].
    pub quoting_verbs: WordSet,
    /// See [`LexiconFile::outlet_heads`].
    pub outlet_heads: WordSet,
    /// See [`LexiconFile::clause_verbs`].
    pub clause_verbs: WordSet,
    /// See [`LexiconFile::document_heads`].
    pub document_heads: WordSet,
    /// See [`LexiconFile::issuing_verbs`].
    pub issuing_verbs: WordSet,
    /// See [`LexiconFile::source_modifiers`].
    pub source_modifiers: WordSet,
    /// See [`LexiconFile::auxiliaries`].
    pub auxiliaries: WordSet,
    /// See [`LexiconFile::source_prepositions`].
    pub source_prepositions: WordSet,
    /// See [`LexiconFile::relay_kinds`].
    pub relay_kinds: WordSet,
    /// See [`LexiconFile::pronouns`].
    pub pronouns: FxHashMap<String, Vec<String>>,
    /// Continuation markers, each split into lower-case words.
    pub continuation_markers: Vec<Vec<String>>,
    /// Framing phrases, each split into lower-case words.
    pub framing: Vec<Vec<String>>,
    /// See [`LexiconFile::time_units`].
    pub time_units: WordSet,
    /// See [`LexiconFile::date_words`].
    pub date_words: WordSet,
    /// See [`LexiconFile::quantity_words`].
    pub quantity_words: WordSet,
    /// See [`LexiconFile::cardinal_words`].
    pub cardinal_words: WordSet,
    /// See [`LexiconFile::number_referents`].
    pub number_referents: WordSet,
    /// See [`LexiconFile::labels`].
    pub labels: WordSet,
}

fn lower_set(into: &mut WordSet, words: &[String]) {
    into.extend(words.iter().map(|w| w.to_lowercase()));
}

/// Whether `set` holds `word` lower-cased; ASCII words of up to sixteen
/// bytes (nearly all of them) are lower-cased as one integer, without
/// allocating or copying.
pub fn contains_lower(set: &WordSet, word: &str) -> bool {
    let bytes = word.as_bytes();
    let n = bytes.len();
    if (1..=KEY_BYTES).contains(&n) {
        let key = key_of(bytes);
        if key_table::is_ascii(key) {
            // The filter reads ASCII letters case-blind, so it can answer first.
            if !set.filter.may_contain(word) {
                return false;
            }
            return set.words.get(key_table::ascii_lowercase(key), n).is_some();
        }
    }
    set.contains(&word.to_lowercase())
}

fn phrases(into: &mut Vec<Vec<String>>, list: &[String]) {
    for phrase in list {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        if !words.is_empty() && !into.contains(&words) {
            into.push(words);
        }
    }
}

impl Lexicon {
    /// Adds the lists of one rule file.
    pub fn extend(&mut self, file: &LexiconFile) {
        lower_set(
            &mut self.prepositive_abbreviations,
            &file.prepositive_abbreviations,
        );
        lower_set(&mut self.abbreviations, &file.abbreviations);
        lower_set(&mut self.number_abbreviations, &file.number_abbreviations);
        lower_set(&mut self.sentence_starters, &file.sentence_starters);
        lower_set(&mut self.function_words, &file.function_words);
        lower_set(&mut self.quote_verbs, &file.quote_verbs);
        lower_set(&mut self.titles, &file.titles);
        lower_set(&mut self.anonymous_heads, &file.anonymous_heads);
        lower_set(&mut self.not_sources, &file.not_sources);
        lower_set(&mut self.organization_heads, &file.organization_heads);
        lower_set(&mut self.places, &file.places);
        lower_set(&mut self.quoting_verbs, &file.quoting_verbs);
        lower_set(&mut self.outlet_heads, &file.outlet_heads);
        lower_set(&mut self.clause_verbs, &file.clause_verbs);
        lower_set(&mut self.document_heads, &file.document_heads);
        lower_set(&mut self.issuing_verbs, &file.issuing_verbs);
        lower_set(&mut self.source_modifiers, &file.source_modifiers);
        lower_set(&mut self.auxiliaries, &file.auxiliaries);
        lower_set(&mut self.source_prepositions, &file.source_prepositions);
        lower_set(&mut self.relay_kinds, &file.relay_kinds);
        for (pronoun, kinds) in &file.pronouns {
            self.pronouns.insert(pronoun.to_lowercase(), kinds.clone());
        }
        phrases(&mut self.continuation_markers, &file.continuation_markers);
        phrases(&mut self.framing, &file.framing);
        lower_set(&mut self.time_units, &file.time_units);
        lower_set(&mut self.date_words, &file.date_words);
        lower_set(&mut self.quantity_words, &file.quantity_words);
        lower_set(&mut self.cardinal_words, &file.cardinal_words);
        lower_set(&mut self.number_referents, &file.number_referents);
        lower_set(&mut self.labels, &file.labels);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whatever_their_case_and_length() {
        let long = "a-word-of-more-than-thirty-two-bytes-in-all";
        let set: WordSet = ["gen", "präsident", long]
            .into_iter()
            .map(String::from)
            .collect();
        assert!(contains_lower(&set, "Gen"));
        assert!(contains_lower(&set, "GEN"));
        assert!(!contains_lower(&set, "Gene"));
        assert!(contains_lower(&set, "Präsident"));
        assert!(contains_lower(&set, "PRÄSIDENT"));
        assert!(contains_lower(&set, &long.to_uppercase()));
        assert!(!contains_lower(&set, ""));
        assert!(set.contains("gen") && !set.contains("Gen"));
        let listed: Vec<&String> = set.iter().collect();
        assert_eq!(listed, ["gen", "präsident", long]);
    }
}
