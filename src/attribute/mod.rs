//! Attribution: who each sentence's main statement comes from.
//!
//! Per sentence: tokenise, find cue candidates outside quotations, attach a
//! source to each by position (`relation`), pick the innermost relation as the
//! attribution and the enclosing relays as `via`. Then, across sentences,
//! resolve pronoun sources and carry attributions over continuations (`carry`).
//! Owns the `Attribution` model; leaves findings to `check`.

mod carry;
mod credit;
mod noun;
mod phrase;
mod relation;
mod speaker;
mod tokens;

use std::collections::HashSet;

use serde::Serialize;

use crate::check::NumberWord;
use crate::rules::{AliasMatch, CueClass, RuleSet, Scan, WordRole};
use crate::segment::Sentence;
use crate::span::Span;

pub use tokens::{Token, TokenKind, Tokens};

/// Who a statement is attributed to, as mentioned in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Registry id when the mention resolves to a registered source.
    pub id: Option<String>,
    /// Registry kind, or `person`, `organization`, `anonymous`, `document`.
    pub kind: String,
    /// The mention (for a resolved pronoun: the name it stands for).
    pub text: String,
    /// Where the mention is (for a resolved pronoun: the pronoun).
    pub span: Span,
}

impl Source {
    /// A pronoun or description resolved to `named`: its name and kind,
    /// at the mention's own span.
    pub(crate) fn stand_for(&mut self, named: Source) {
        self.id = named.id;
        self.kind = named.kind;
        self.text = named.text;
    }
}

/// The reporting verb or phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    /// The head cue as written ("stated", "According to").
    pub text: String,
    /// Where it is (for an inherited cue: in the earlier sentence).
    pub span: Span,
    /// Neutral, marked or loaded.
    #[serde(skip)]
    pub class: CueClass,
}

/// How an attribution reached a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Carried {
    /// Stated in the sentence itself.
    #[default]
    No,
    /// Through a pronoun or definite description with its own cue ("He
    /// claimed ...", "The official added ...").
    Pronoun,
    /// Through a continuation opener with no cue ("In addition, ..."); the span is the opener.
    Continuation(Span),
    /// A quotation continuing the previous sentence's quotation.
    Quotation,
    /// A passage, unquoted, that a sentence ending in a colon introduces
    /// ("Halden wrote:"): its paragraph.
    Passage,
    /// Figures continuing those of a poll, survey or report credited in the
    /// sentence before ("The poll found ... 48 percent ... Among Republicans,
    /// 27 percent ...").
    Figures,
}

/// A source that points back to an earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Anaphor {
    /// "he", "she", "it", "they" (lower case).
    Pronoun(String),
    /// "the official", "the ministry": the head word, lower case.
    Definite(String),
}

/// A sentence's attribution (`attribution` in docs/json.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// The source.
    pub source: Source,
    /// The cue.
    pub cue: Cue,
    /// Relaying sources, inner to outer.
    pub via: Vec<Source>,
    /// Index of the sentence the attribution was carried from: the
    /// sentence names no source of its own (a quotation going on, "In
    /// addition,", a pronoun such as "he").
    pub inherited_from: Option<usize>,
    /// Index of the earlier sentence whose source a definite description
    /// here names again ("the ministry", "the Pentagon"), or that opens
    /// with the name a "he" or "she" here stands for, with no attribution
    /// of its own: the sentence names its own source, resolved to that one.
    pub refers_to: Option<usize>,
    /// Whether the sentence holds a direct quotation.
    pub quote: bool,
    /// How it got here.
    #[serde(skip)]
    pub carried: Carried,
}

/// A sentence with what the attribution stage found in it.
#[derive(Debug, Clone)]
pub struct TaggedSentence {
    /// The sentence.
    pub sentence: Sentence,
    /// Its attribution, if any.
    pub attribution: Option<Attribution>,
    /// Holds a quotation of four words or more.
    pub has_quote: bool,
    /// A pronoun or definite description standing as source, to resolve
    /// against earlier sentences.
    pub(crate) anaphor: Option<Anaphor>,
    /// A continuation opener ("In addition,") at the start.
    pub(crate) opener: Option<Span>,
    /// "X issued the following statement:": the attribution this sentence
    /// takes when a quotation follows it.
    /// Boxed: rare, and an `Attribution` would double the size of every
    /// sentence.
    pub(crate) frame: Option<Box<Attribution>>,
    /// Opens with a quotation mark, or inside a quotation still open.
    pub(crate) opens_quote: bool,
    /// Ends inside a quotation that a later sentence closes.
    pub(crate) ends_in_quote: bool,
    /// Is one quotation and nothing else ('"We won."').
    pub(crate) whole_quote: bool,
    /// A speaker and a cue whose content came before ("Castillo said as
    /// he left."), see `relation::Found`.
    pub(crate) hands_back: bool,
    /// Is such a speaker line by its verb, not a credit ("― Maria Lopez"):
    /// a quotation after it in its paragraph is the speaker's too.
    pub(crate) speaker_line: bool,
    /// Attributed, and ends with a colon after its cue, no quotation of
    /// its own ("He said:", "Cruz continued:"): what follows is its content.
    pub(crate) introduces: bool,
    /// States a figure; worked out, from the tokens at hand, only for
    /// sentences without an attribution of their own (the only ones the
    /// checks ask about: carrying over only ever adds attributions).
    pub(crate) figure: bool,
    /// Its figures the next sentences may go on giving: its source is a
    /// share of the people asked ("74 percent said", "nearly eight in 10
    /// voters said"), a poll's respondents, or it reports figures with a
    /// cue that takes them as its object ("the casinos reported $2.17
    /// billion in revenue").
    pub(crate) figures_go_on: bool,
    /// With no attribution, the name the sentence opens with as its
    /// subject ("Ines Kovac has run the company since 2009."): a "he" or
    /// "she" that speaks after it may stand for it.
    pub(crate) named_subject: Option<Box<Source>>,
    /// The `[roles]` terms it holds, worked out from the word roles at hand
    /// for sentences without an attribution of their own (like `figure`).
    pub(crate) scan: Scan,
    /// What the sentence is; decided by the role stage for sentences without
    /// an attribution (attributed ones are statements).
    pub kind: crate::role::SentenceKind,
    /// For a statement without an attribution: whether it needs a source,
    /// and why (the role stage).
    pub need: Option<crate::role::Need>,
    /// Where the first capitalised title ("Governor", "Gen.") starts, if the
    /// sentence holds one: only these sentences can name a person after a
    /// title, so the name-spelling check reads only them, from there on.
    pub(crate) first_title: Option<usize>,
}

/// Tokens in a long sentence of news: the buffers start this big.
const SENTENCE_TOKENS: usize = 128;

/// Tags every sentence of `text` with its attribution.
pub fn attribute(text: &str, sentences: &[Sentence], rules: &RuleSet) -> Vec<TaggedSentence> {
    let mut tagger = Tagger::new(text, rules);
    let mut tagged: Vec<TaggedSentence> = sentences.iter().map(|s| tagger.tag(s)).collect();
    carry::resolve(&mut tagged, rules);
    tagged
}

pub(crate) use carry::{
    backward as carry_backward, forward as carry_forward, may_hand_back, REACH_BACK,
};

/// Tags sentences one at a time, in document order, before anything is
/// carried across them: what one sentence leaves behind for the next is
/// only whether a quotation is still open, and in which paragraph.
pub(crate) struct Tagger<'a> {
    text: &'a str,
    rules: &'a RuleSet,
    open: bool,
    paragraph: usize,
    // Buffers reused from sentence to sentence, big enough for most
    // sentences from the start.
    tokens: Tokens,
    roles: Vec<Option<&'a WordRole>>,
    scratch: relation::Scratch,
    /// Surnames (the last word, as written) of the named sources and
    /// subjects so far: a lone capitalised word opening a sentence is a
    /// name only when it is one of them ("Trump" after "Donald Trump").
    surnames: HashSet<Box<str>>,
}

impl<'a> Tagger<'a> {
    /// A tagger at the start of `text`.
    pub(crate) fn new(text: &'a str, rules: &'a RuleSet) -> Self {
        Tagger {
            text,
            rules,
            open: false,
            paragraph: usize::MAX,
            tokens: Tokens::with_capacity(SENTENCE_TOKENS),
            roles: Vec::with_capacity(SENTENCE_TOKENS),
            scratch: relation::Scratch::default(),
            surnames: HashSet::new(),
        }
    }

    /// The next sentence, tagged with what it says itself.
    pub(crate) fn tag(&mut self, s: &Sentence) -> TaggedSentence {
        let text = self.text;
        let rules = self.rules;
        let sentence_text = &text[s.span.start..s.span.end];
        // A quotation runs on across the sentences of a paragraph until it closes.
        let starts_in_quote = self.open && s.paragraph == self.paragraph;
        let Tagger {
            tokens,
            roles,
            scratch,
            open,
            paragraph,
            surnames,
            ..
        } = self;
        tokens.refill(sentence_text, s.span.start, starts_in_quote);
        *open = tokens.open_at_end();
        *paragraph = s.paragraph;
        // One lookup per word says what it can be: a verb cue, the start
        // of a cue or framing phrase, a quantity.
        roles.clear();
        let mut framed = false;
        // The role stage's one-word signals, and whether any word is
        // the key of a signal phrase.
        let mut signals = 0u8;
        let mut signal_phrases = false;
        roles.extend((0..tokens.len()).map(|k| {
            let role = tokens
                .is_word(k)
                .then(|| rules.word_role_at(tokens.lower(k), || tokens.first_bytes(k)))
                .flatten();
            // Asked here, with the role at hand, rather than in a
            // second pass over every token's role.
            if let Some(r) = role {
                framed |= !r.framing.is_empty();
                signals |= r.role_terms.signals;
                signal_phrases |= !r.role_terms.terms.is_empty();
            }
            role
        }));
        let ctx = Context {
            text,
            tokens,
            rules,
            roles: roles.as_slice(),
            framed,
        };
        let mut found = relation::attribution(&ctx, scratch);
        if let Some(name) = own_name_for_pronoun(&ctx, &found, surnames) {
            if let Some(a) = found.attribution.as_mut() {
                a.source.stand_for(name);
                found.anaphor = None;
            }
        }
        let speaker_line = found.hands_back;
        let introduces = found.attribution.is_some() && relation::closing_colon(tokens).is_some();
        if found.attribution.is_none() {
            found.attribution = credit::dash_credit(&ctx);
            // The quotation before the credit is the credited one's.
            found.hands_back = found.attribution.is_some();
        }
        let frame = found
            .attribution
            .is_none()
            .then(|| relation::colon_frame(&ctx, scratch))
            .flatten()
            .map(Box::new);
        let number_word = |k: usize| match roles[k] {
            Some(r) if r.quantity => NumberWord::Quantity,
            Some(r) if r.cardinal => NumberWord::Cardinal,
            _ => NumberWord::None,
        };
        let figure = found.attribution.is_none()
            && crate::check::states_figure(tokens, &rules.lexicon, number_word);
        let figures_go_on = found.attribution.as_ref().is_some_and(|a| {
            // Tokens are in order: only the source's own are read.
            let first = tokens
                .list
                .partition_point(|t| t.start < a.source.span.start);
            let mut within =
                (first..tokens.len()).take_while(|&k| tokens.list[k].end <= a.source.span.end);
            let number =
                |k: usize| tokens.is_number(k) || !matches!(number_word(k), NumberWord::None);
            let respondents = within.any(number);
            // "reported $2.17 billion": a finite cue that takes its figures
            // as its object, a number after it.
            let cue = tokens.list.partition_point(|t| t.start < a.cue.span.start);
            let reports = cue < tokens.len()
                && !tokens.lower(cue).ends_with("ing")
                && roles[cue]
                    .and_then(|r| r.verb)
                    .is_some_and(|v| rules.verbs[v].np_object)
                && (cue + 1..tokens.len()).any(number);
            respondents || reports
        });
        let named_subject = match &found.attribution {
            Some(a) => {
                remember_surname(surnames, &a.source.text);
                None
            }
            // Asked only of a sentence with a name among its first words.
            None if phrase::may_open_with_name(&ctx, surnames) => phrase::opening_subject(&ctx)
                .filter(|p| phrase::is_personal_name(&ctx, p, surnames))
                .map(|p| phrase::classify(&ctx, &p))
                .filter(|named| named.kind == "person")
                .map(|named| {
                    let source = named.to_source(&ctx);
                    remember_surname(surnames, &source.text);
                    Box::new(source)
                }),
            None => None,
        };
        let scan = match found.attribution {
            None => crate::role::scan(tokens, roles, (signals, signal_phrases), rules),
            Some(_) => Scan::default(),
        };
        let first_title = (0..tokens.len())
            .find(|&k| tokens.list[k].capitalised && roles[k].is_some_and(|r| r.title))
            .map(|k| tokens.list[k].start);
        TaggedSentence {
            sentence: *s,
            attribution: found.attribution,
            has_quote: long_quote(tokens),
            anaphor: found.anaphor,
            opener: carry::opener(&ctx),
            frame,
            opens_quote: tokens.is_quote(0) || starts_in_quote,
            ends_in_quote: tokens.open_at_end(),
            whole_quote: whole_quote(tokens, starts_in_quote),
            hands_back: found.hands_back,
            speaker_line,
            introduces,
            figure,
            figures_go_on,
            named_subject,
            scan,
            kind: crate::role::SentenceKind::Statement,
            need: None,
            first_title,
        }
    }
}

/// What the per-sentence steps read.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a Tokens,
    pub rules: &'a RuleSet,
    /// Per token: what the word can be, if anything (see [`WordRole`]).
    pub roles: &'a [Option<&'a WordRole>],
    /// Some word of the sentence begins a framing phrase.
    pub framed: bool,
}

impl Context<'_> {
    /// The original text of a byte span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The original text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens.list[i];
        &self.text[t.start..t.end]
    }

    /// Whether token `i` is a form of a cue verb (looked up once per
    /// sentence, in `roles`).
    pub fn is_verb(&self, i: usize) -> bool {
        self.roles
            .get(i)
            .is_some_and(|r| r.is_some_and(|r| r.verb.is_some()))
    }

    /// Registered-source mentions inside `span`.
    pub fn aliases_in(&self, span: Span) -> impl Iterator<Item = AliasMatch> + '_ {
        self.rules.find_aliases(self.text, span.start..span.end)
    }
}

/// Whether a quotation of at least four words sits in the sentence, or one
/// opens and runs to its end.
fn long_quote(tokens: &Tokens) -> bool {
    let mut run = 0;
    for t in &tokens.list {
        match (t.in_quote, t.kind) {
            (true, TokenKind::Word) => {
                run += 1;
                if run >= 4 {
                    return true;
                }
            }
            (false, TokenKind::Quote) | (true, TokenKind::Quote) => run = 0,
            _ => {}
        }
    }
    false
}

/// Whether the sentence is one quotation: it opens with a quotation mark
/// (or goes on with one the sentence before opened) and closes with one,
/// and every word is inside.
fn whole_quote(tokens: &Tokens, starts_in_quote: bool) -> bool {
    // Runs for every sentence: the cheap test on the first token goes first.
    if !(tokens.is_quote(0) || starts_in_quote) || tokens.open_at_end() {
        return false;
    }
    let closes = (0..tokens.len())
        .rev()
        .find(|&i| !tokens.list[i].kind.is_final_punct())
        .is_some_and(|i| tokens.is_quote(i));
    closes
        && tokens
            .list
            .iter()
            .all(|t| t.in_quote || t.kind != TokenKind::Word)
}

/// Keeps the last word of a source's text when it is capitalised ("Trump"
/// of "Donald Trump"); a pronoun ("He") is none.
fn remember_surname(surnames: &mut HashSet<Box<str>>, source: &str) {
    let last = source
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or_default();
    if last.len() > 2 && last.starts_with(char::is_uppercase) && !surnames.contains(last) {
        surnames.insert(last.into());
    }
}

/// Whether any token of the sentence is inside a quotation.
pub(crate) fn has_any_quote(tokens: &Tokens) -> bool {
    tokens
        .list
        .iter()
        .any(|t| t.in_quote && t.kind == TokenKind::Word)
}

/// Words that join a second clause to the first.
const JOINING_WORDS: &[&str] = &[
    "and", "but", "though", "although", "while", "before", "after", "when", "as", "which",
    "because", "so", "yet", "where", "until", "since",
];

/// The person a sentence opens with, when its source is "he" or "she"
/// later on: "Carson criticized the media, though he added that ..." is
/// Carson's, whoever the sentences before named.
fn own_name_for_pronoun(
    ctx: &Context,
    found: &relation::Found,
    surnames: &HashSet<Box<str>>,
) -> Option<Source> {
    let a = found.attribution.as_ref()?;
    let Some(Anaphor::Pronoun(p)) = &found.anaphor else {
        return None;
    };
    if !matches!(p.as_str(), "he" | "she") || !phrase::may_open_with_name(ctx, surnames) {
        return None;
    }
    // The pronoun opens a clause joined to the first ("..., though he
    // added that", "— he told the AP that"). After a bare comma it tags
    // what came before ("Mr. Trump fits the bill, he added"), which may be
    // about the name, not by it.
    let t = ctx.tokens;
    let pronoun = t
        .list
        .partition_point(|tok| tok.start < a.source.span.start);
    let joined = pronoun > 0
        && (t.is_dash(pronoun - 1)
            || t.is_punct(pronoun - 1, ':')
            || t.is_punct(pronoun - 1, ';')
            || t.is_word(pronoun - 1) && JOINING_WORDS.contains(&t.lower(pronoun - 1)));
    if !joined {
        return None;
    }
    let subject = phrase::opening_subject(ctx)
        .filter(|s| !s.pronoun && phrase::is_personal_name(ctx, s, surnames))?;
    let named = phrase::classify(ctx, &subject);
    (named.kind == "person" && named.span.end <= a.source.span.start).then(|| named.to_source(ctx))
}
