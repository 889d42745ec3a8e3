//! Attribution relations inside one sentence: each cue found outside
//! quotations, paired with its source by position (the patterns: subject
//! before the cue, trailing ", X said.", inverted ", said X", and "according
//! to X" anywhere). Then the innermost relation becomes the attribution and
//! the enclosing ones its `via`.

use super::noun::{self, Shape};
use super::phrase::{self, Named, Phrase};
use super::speaker::{
    before_reduced_relative, before_relative_clause, described_subject, names_a_speaker,
    parenthesis_subject, speaker_after_quote, without_trailing_time,
};
use super::{has_any_quote, Anaphor, Attribution, Carried, Context, Cue, Tokens};
use crate::rules::{CueClass, PhraseCue, VerbCue};
use crate::span::Span;

/// Where the source stands relative to the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// "X said that ..." — the content follows the cue.
    SubjectFirst,
    /// "..., X said." / "..., according to X." — the content came before.
    Trailing,
    /// "According to X, ..." at the start.
    Leading,
    /// ", according to X, " inside the sentence.
    Middle,
}

#[derive(Debug, Clone)]
struct Relation {
    source: Phrase,
    cue_first: usize,
    cue_last: usize,
    class: CueClass,
    pattern: Pattern,
    /// An outlet the statement was given to ("told AP that").
    recipient: Option<Phrase>,
    /// Holds only beside a relaying source ("citing X").
    with_relay: bool,
    /// Gives way to any other relation in the sentence: "In a poll, ..."
    /// names where the words appeared when no one is said to have said them.
    weak: bool,
}

impl Relation {
    /// A relation with no listener that holds by itself.
    fn new(source: Phrase, cue: (usize, usize), class: CueClass, pattern: Pattern) -> Relation {
        Relation {
            source,
            cue_first: cue.0,
            cue_last: cue.1,
            class,
            pattern,
            recipient: None,
            with_relay: false,
            weak: false,
        }
    }

    fn start(&self) -> usize {
        self.source.first.min(self.cue_first)
    }
}

/// What one sentence says by itself about its source.
pub struct Found {
    /// The attribution, before carry-over.
    pub attribution: Option<Attribution>,
    /// A pronoun or definite description standing as source, to be resolved.
    pub anaphor: Option<Anaphor>,
    /// The sentence is a speaker and a cue whose content came before it
    /// ("Castillo said as he left."): a quotation just before is theirs.
    pub hands_back: bool,
}

impl Found {
    /// No source in the sentence.
    const NOTHING: Found = Found {
        attribution: None,
        anaphor: None,
        hands_back: false,
    };
}

/// Buffers a sentence's relations are weighed in, kept from sentence to
/// sentence: most sentences with a cue have one relation, and a vector
/// allocated for each would cost more than the weighing.
#[derive(Default)]
pub struct Scratch {
    relations: Vec<Relation>,
    named: Vec<Named>,
    framing: Vec<bool>,
}

/// Finds the attribution a sentence states itself.
pub fn attribution(ctx: &Context, scratch: &mut Scratch) -> Found {
    let t = ctx.tokens;
    let roles = ctx.roles;
    framing_mask(ctx, &mut scratch.framing);
    let framing = &scratch.framing;
    let relations = &mut scratch.relations;
    relations.clear();
    relations.extend(colon_lead(ctx));
    if relations.is_empty() {
        relations.extend(colon_speakers(ctx));
    }
    let mut k = 0;
    while k < t.len() {
        let Some(role) = roles[k] else {
            k += 1;
            continue;
        };
        if t.list[k].in_quote || framing.get(k) == Some(&true) {
            k += 1;
            continue;
        }
        if let Some((len, rule)) = phrase_cue_at(ctx, k, &role.phrases) {
            relations.extend(prepositional(ctx, k, len, rule));
            k += len;
            continue;
        }
        // "Their biggest fear is that ...": an owned noun, not the verb
        // of the same form.
        let rule = role.noun.map(|n| &ctx.rules.nouns[n]);
        if let Some((owned, rule)) = rule.and_then(|r| Some((noun::owned(ctx, k, r)?, r))) {
            let pattern = match owned.shape {
                Shape::LeadingAside => Pattern::Leading,
                Shape::TrailingAside => Pattern::Trailing,
                Shape::MiddleAside => Pattern::Middle,
                Shape::Predicate => Pattern::SubjectFirst,
            };
            relations.push(Relation::new(owned.source, (k, k), rule.class, pattern));
            k += 1;
            continue;
        }
        // After a determiner a verb form is a noun: "the call", "a report";
        // capitalised inside running text it is part of a name ("Secretary
        // of State John Kerry"), except in a headline.
        let verb = role.verb.map(|v| &ctx.rules.verbs[v]);
        // After a number, a form that is often a noun is one: "the two
        // states that lead off" (but "six in 10 say"); an -ed form between
        // a count and a plural describes the plural ("nearly 400 pledged
        // delegates").
        let counted = |verb: Option<&VerbCue>| {
            (t.is_number(k - 1) || roles[k - 1].is_some_and(|r| r.cardinal))
                && (verb.is_some_and(|v| v.noun_forms.iter().any(|f| f == t.lower(k)))
                    || t.lower(k).ends_with("ed") && phrase::is_plural_noun(ctx, k + 1))
        };
        let noun = |verb| {
            k > 0
                && (phrase::is_determiner(ctx, k - 1) && !relative_that(ctx, k, verb)
                    || phrase::is_name_word(ctx, k) && !is_title_case(ctx)
                    || counted(verb)
                    || modified_base_form(ctx, k, verb))
        };
        if let Some(verb) = verb.filter(|&v| !noun(Some(v))) {
            let particle_ok =
                verb.only_before.is_empty() || followed_by_any(ctx, k + 1, &verb.only_before);
            if particle_ok && !followed_by_any(ctx, k + 1, &verb.not_before) {
                relations.extend(verbal(ctx, k, verb));
            }
        }
        k += 1;
    }
    if relations.is_empty() {
        relations.extend(colon_clause(ctx));
    }
    choose(ctx, scratch)
}

/// A speaker introducing what follows with a colon that ends the sentence:
/// "Republican nominee Donald Trump issued the following statement:". It
/// holds only when a quotation follows, which the carry-over step checks.
pub fn colon_frame(ctx: &Context, scratch: &mut Scratch) -> Option<Attribution> {
    let t = ctx.tokens;
    let colon = closing_colon(t)?;
    let source = phrase::opening_subject(ctx).filter(|p| !p.pronoun && p.last + 1 < colon)?;
    let relation = Relation::new(source, (colon, colon), CueClass::Neutral, Pattern::Leading);
    scratch.relations.clear();
    scratch.relations.push(relation);
    choose(ctx, scratch).attribution
}

/// The colon that ends a sentence quoting nothing itself ("... issued the
/// following statement:", "He said:"): what follows is its content.
pub(super) fn closing_colon(t: &Tokens) -> Option<usize> {
    t.len()
        .checked_sub(1)
        .filter(|&c| t.is_punct(c, ':') && !has_any_quote(t))
}

/// Whether token `c` is a colon, outside any quotation, that a quotation
/// follows: 'pollster Daron Shaw: “...”'.
fn colon_before_quote(t: &Tokens, c: usize) -> bool {
    t.is_punct(c, ':') && !t.list[c].in_quote && (t.is_quote(c + 1) || t.is_punct(c + 1, '‘'))
}

/// "a message that said": after "that", an inflected form is a verb of a
/// relative clause; only the base form can be a noun ("that report").
fn relative_that(ctx: &Context, k: usize, verb: Option<&VerbCue>) -> bool {
    let t = ctx.tokens;
    let base = verb
        .and_then(|v| v.forms.first())
        .is_some_and(|f| f.get_ref() == t.lower(k));
    t.lower(k - 1) == "that" && !base
}

/// Whether most words of the sentence are capitalised, as in a headline
/// ("Rubio Says Reform Was A Sign Of Leadership").
fn is_title_case(ctx: &Context) -> bool {
    let t = ctx.tokens;
    let words = (0..t.len()).filter(|&i| t.is_word(i));
    let (capitalised, all) = words.fold((0, 0), |(c, a), i| {
        (c + usize::from(t.list[i].capitalised), a + 1)
    });
    capitalised * 2 > all
}

/// Longest speaker before a leading colon, in tokens.
const MAX_COLON_SPEAKER: usize = 5;

/// A speaker and a colon opening the sentence, headline style: "Graham:
/// Trump's rhetoric is destroying the party", "Poll: ...".
fn colon_lead(ctx: &Context) -> Option<Relation> {
    let t = ctx.tokens;
    let colon =
        (1..=MAX_COLON_SPEAKER.min(t.len().saturating_sub(2))).find(|&i| t.is_punct(i, ':'))?;
    // A headline's speaker with the topic after it: "Okafor on the levy:".
    let end = (1..colon)
        .find(|&i| t.is_word(i) && t.lower(i) == "on")
        .unwrap_or(colon);
    // "Said Okafor:" is a cue and its speaker (`opening_cue_speaker`).
    let source = phrase::left_of(ctx, end).filter(|p| {
        p.first == 0 && !p.pronoun && !ctx.rules.lexicon.quote_verbs.contains(t.lower(0))
    })?;
    let named = (source.first..=source.last).all(|i| {
        if t.is_punct(i, '.') {
            // "Dana K. Whitlock:".
            return phrase::is_name_period(ctx, i);
        }
        let w = t.lower(i);
        t.is_word(i)
            && !ctx.rules.lexicon.labels.contains(w)
            && !ctx.is_verb(i)
            && (t.list[i].capitalised || i > source.first)
    });
    // Headlines quote with single marks: "Ryan: ‘No Place In A Campaign’".
    let opens_content = t.is_word(colon + 1)
        || t.is_quote(colon + 1)
        || t.is_punct(colon + 1, '‘')
        || t.is_punct(colon + 1, '\'');
    // "Harbour Strike: Live Updates" labels a page: two words after the
    // colon say nothing, where a speaker's line holds a quotation or more.
    let says = (colon + 1..t.len()).any(|i| t.is_quote(i) || t.is_punct(i, '‘'))
        || (colon + 1..t.len())
            .filter(|&i| t.is_word(i))
            .nth(2)
            .is_some();
    (named && opens_content && says)
        .then(|| Relation::new(source, (colon, colon), CueClass::Neutral, Pattern::Leading))
}

/// Names before a colon and a quotation inside the sentence: "The surge
/// does not surprise pollster Daron Shaw: “Historically, ...”".
fn colon_speakers<'c>(ctx: &'c Context) -> impl Iterator<Item = Relation> + 'c {
    let t = ctx.tokens;
    (1..t.len().saturating_sub(1)).filter_map(move |colon| {
        if !colon_before_quote(t, colon) {
            return None;
        }
        let source = phrase::left_of(ctx, colon)
            .filter(|p| !p.pronoun && !ctx.rules.lexicon.quote_verbs.contains(t.lower(p.first)))?;
        let named = t.list[source.last].capitalised
            && (source.first..=source.last)
                .all(|i| t.is_word(i) && !ctx.rules.lexicon.labels.contains(t.lower(i)));
        named.then(|| {
            Relation::new(
                source,
                (colon, colon),
                CueClass::Neutral,
                Pattern::SubjectFirst,
            )
        })
    })
}

/// With no cue in the sentence, a colon that a quotation follows closes a
/// clause whose subject speaks: "She then addressed the crews again:
/// “Here is what I regret.”" One clause only: no comma or quotation
/// between the subject and the colon.
fn colon_clause(ctx: &Context) -> Option<Relation> {
    let t = ctx.tokens;
    let colon = (1..t.len().saturating_sub(1)).find(|&c| colon_before_quote(t, c))?;
    // A speaker: a pronoun, a name or a source's head word ("The answer
    // was simple: “No.”" quotes no one).
    let source = phrase::opening_subject(ctx).filter(|p| {
        p.last + 1 < colon
            && (p.last + 1..colon).all(|i| !t.is_quote(i) && !t.is_punct(i, ','))
            && (t.list[p.last].capitalised || phrase::is_plain_subject(ctx, p))
    })?;
    Some(Relation::new(
        source,
        (colon, colon),
        CueClass::Neutral,
        Pattern::SubjectFirst,
    ))
}

/// Marks the tokens of the author's framing phrases ("It is pertinent to
/// note that") in `mask`, which is left empty when there are none.
fn framing_mask(ctx: &Context, mask: &mut Vec<bool>) {
    mask.clear();
    if !ctx.framed {
        // Most sentences: nothing to mark.
        return;
    }
    let roles = ctx.roles;
    mask.resize(roles.len(), false);
    let framing = &ctx.rules.lexicon.framing;
    for (start, role) in roles.iter().enumerate() {
        let Some(role) = role else { continue };
        for phrase in role.framing.iter().map(|&i| &framing[i]) {
            if words_match(ctx, start, phrase) {
                mask[start..start + phrase.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
}

/// Whether the words from token `start` are exactly `words` (lower case).
pub(crate) fn words_match(ctx: &Context, start: usize, words: &[String]) -> bool {
    let t = ctx.tokens;
    start + words.len() <= t.len()
        && words
            .iter()
            .enumerate()
            .all(|(i, w)| t.is_word(start + i) && t.lower(start + i) == w)
}

/// Whether the words from token `at` begin with one of `phrases` (lower case, space-separated).
fn followed_by_any(ctx: &Context, at: usize, phrases: &[String]) -> bool {
    words_following(ctx, at, phrases).is_some()
}

/// How many words of the first of `phrases` that follows from `at`.
fn words_following(ctx: &Context, at: usize, phrases: &[String]) -> Option<usize> {
    let t = ctx.tokens;
    phrases.iter().find_map(|p| {
        let mut i = at;
        p.split_whitespace()
            .all(|w| {
                let ok = t.is_word(i) && t.lower(i) == w;
                i += 1;
                ok
            })
            .then_some(i - at)
    })
}

/// The longest prepositional cue ("according to") starting at token `k`
/// (`candidates` come longest first): its length in tokens.
fn phrase_cue_at<'r>(
    ctx: &Context<'r>,
    k: usize,
    candidates: &[usize],
) -> Option<(usize, &'r PhraseCue)> {
    let rules = ctx.rules;
    candidates
        .iter()
        .map(|&i| (&rules.phrase_words()[i], &rules.phrases[i]))
        .find(|(words, _)| words_match(ctx, k, words))
        .map(|(words, rule)| (words.len(), rule))
}

fn prepositional(ctx: &Context, k: usize, len: usize, rule: &PhraseCue) -> Option<Relation> {
    let t = ctx.tokens;
    let at_start = (0..k).all(|i| !t.is_word(i));
    let mut source = phrase::right_of(ctx, k + len)?;
    // "according to plan", "according to the schedule": a standard, not a
    // source ("according to its plan" is the owner's, a source).
    let head = (source.first..=source.last).find(|&i| !matches!(t.lower(i), "the" | "a" | "an"));
    if head.is_some_and(|i| rule.not_objects.iter().any(|w| w == t.lower(i))) {
        return None;
    }
    if !rule.leading_kinds.is_empty() {
        // "In a Gallup poll released Monday, ...", "... by five points in a
        // CNN poll.": the phrase opens or closes the clause and names a
        // source of the kind asked for; it ends at its head.
        let closes = source.last + 1 >= t.len()
            || t.is_punct(source.last + 1, ',')
            || !at_start && t.is_punct(source.last + 1, '.');
        if !closes {
            return None;
        }
        let full = source;
        source = phrase::trim_to_head(ctx, source);
        let kind = phrase::classify(ctx, &source).kind;
        if !rule.leading_kinds.iter().any(|k| k == kind) {
            return None;
        }
        // After the head only its circumstances: "the poll | released
        // Monday", not "the report | was fixed".
        let next = source.last + 1;
        let circumstance = next > full.last
            || t.is_word(next)
                && (ADJUNCT_OPENERS.contains(&t.lower(next))
                    || phrase::is_participle(t.lower(next))
                    || ctx.rules.lexicon.date_words.contains(t.lower(next)));
        if !at_start && !circumstance {
            return None;
        }
    }
    let pattern = if at_start {
        Pattern::Leading
    } else if tail_is_adjunct(ctx, source.last + 1, false) {
        Pattern::Trailing
    } else {
        Pattern::Middle
    };
    Some(Relation {
        source,
        cue_first: k,
        cue_last: k + len - 1,
        class: rule.class,
        pattern,
        recipient: None,
        with_relay: rule.with_relay,
        weak: !rule.leading_kinds.is_empty(),
    })
}

/// Forms of "be" that make a following participle passive ("is said to").
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

/// Whether the cue at `k` is a passive participle: a form of "be" before
/// it, with at most two adverbs between ("it is widely expected that").
fn passive(ctx: &Context, k: usize) -> bool {
    let t = ctx.tokens;
    let mut i = k;
    while i > 0 && k - i < 2 && is_ly_adverb(t, i - 1) {
        i -= 1;
    }
    i > 0 && t.is_word(i - 1) && BE.contains(&t.lower(i - 1))
}

/// A `copular` cue read as a state: `Some` with the relation, or with none
/// when it cannot be one; `None` when it reads as a verb like any other.
/// "The skippers are not convinced that ...": a state, its holder the
/// subject. Without its "be", only a verb right before its clause ("Lund
/// worried that ..."), not "convinced the board to wait".
fn state_of_mind(ctx: &Context, k: usize, verb: &VerbCue) -> Option<Option<Relation>> {
    if let Some(be) = copula_before(ctx, k) {
        let relation = copular_subject(ctx, be)
            .filter(|_| state_clause(ctx, k + 1, true))
            .map(|source| Relation::new(source, (k, k), verb.class, Pattern::SubjectFirst));
        return Some(relation);
    }
    let verb_reading = ctx.tokens.lower(k).ends_with("ed") && state_clause(ctx, k + 1, false);
    (!verb_reading).then_some(None)
}

/// Most words between a form of "be" and an adjective of state ("are *not
/// all that* convinced").
const MAX_COPULA_GAP: usize = 3;

/// The form of "be" before the adjective at `k`, over adverbs and "not":
/// "is confident", "are increasingly worried", "were not convinced".
fn copula_before(ctx: &Context, k: usize) -> Option<usize> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let degree = |i: usize| {
        t.is_word(i)
            && (is_ly_adverb(t, i)
                || lex.auxiliaries.contains(t.lower(i)) && !BE.contains(&t.lower(i))
                || matches!(
                    t.lower(i),
                    "not" | "very" | "so" | "quite" | "all" | "both" | "more"
                ))
    };
    let mut i = k;
    while i > 0 && k - i < MAX_COPULA_GAP && degree(i - 1) {
        i -= 1;
    }
    (i > 0 && t.is_word(i - 1) && BE.contains(&t.lower(i - 1))).then(|| i - 1)
}

/// Whether a state's clause opens at `n`: "that", "whether" or "if", or a
/// subject pronoun ("worried they would"); after "be" also a determiner or
/// a name ("is confident the levy will pass"). Not "about" ("are worried
/// about the levy"), nor a colon ("three reasons to be optimistic:").
fn state_clause(ctx: &Context, n: usize, after_be: bool) -> bool {
    let t = ctx.tokens;
    t.is_word(n)
        && (matches!(t.lower(n), "that" | "whether" | "if")
            || phrase::is_subject_pronoun(t.lower(n))
            || after_be
                && (matches!(t.lower(n), "the" | "his" | "her" | "their") || t.list[n].capitalised))
}

/// The subject of "be" at `be` that holds a state: the phrase before it,
/// after any auxiliaries ("have long been"); never "it", "this" or
/// "there", which hold none ("It is certain that ...").
fn copular_subject(ctx: &Context, be: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let mut j = be;
    while j > 0 && t.is_word(j - 1) && lex.auxiliaries.contains(t.lower(j - 1)) {
        j -= 1;
    }
    phrase::left_of(ctx, j).filter(|p| {
        !(p.first == p.last && matches!(t.lower(p.first), "it" | "this" | "that" | "there"))
    })
}

/// A lower-case word in "-ly" longer than "only": an adverb ("widely",
/// "increasingly").
pub(super) fn is_ly_adverb(t: &Tokens, i: usize) -> bool {
    t.is_word(i) && !t.list[i].capitalised && t.lower(i).len() > 4 && t.lower(i).ends_with("ly")
}

/// A form of "be", "have" or a modal: the verb of a clause, never part of
/// a source's noun phrase.
pub(super) fn is_finite_verb(w: &str) -> bool {
    BE.contains(&w)
        || matches!(
            w,
            "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "should"
                | "does"
                | "did"
        )
}

/// Whether the cue's base form follows "a" or "an" and one modifier: "a
/// rare note of doubt", "a brief comment", "a more pressing question". A
/// singular subject there would take "-s" ("a spokesman notes"); a count or
/// group takes the base form ("a dozen say", "a majority say", "a few
/// analysts note").
fn modified_base_form(ctx: &Context, k: usize, verb: Option<&VerbCue>) -> bool {
    let t = ctx.tokens;
    let form = t.lower(k);
    // "a more pressing question": a degree word may stand before the
    // modifier.
    let degree =
        k >= 3 && t.is_word(k - 2) && matches!(t.lower(k - 2), "more" | "most" | "less" | "very");
    let Some(article) = k.checked_sub(if degree { 3 } else { 2 }) else {
        return false;
    };
    // The article first: it rules out nearly every cue at once.
    t.is_word(article)
        && matches!(t.lower(article), "a" | "an")
        && !form.ends_with("ed")
        && !form.ends_with('s')
        && verb.is_some_and(|v| v.forms.first().is_some_and(|f| f.get_ref() == form))
        && t.is_word(k - 1)
        && !t.list[k - 1].capitalised
        && !t.is_number(k - 1)
        && !ctx.roles[k - 1].is_some_and(|r| r.cardinal)
        && !ctx.rules.is_source_word(t.lower(k - 1))
        && !phrase::is_plural_noun(ctx, k - 1)
        && !ctx.rules.lexicon.auxiliaries.contains(t.lower(k - 1))
}

fn verbal(ctx: &Context, k: usize, verb: &VerbCue) -> Option<Relation> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let form = t.lower(k);
    if let Some(relation) = as_reported_by(ctx, k, verb).or_else(|| quoted_as(ctx, k, verb)) {
        return Some(relation);
    }
    // "his home state of Vermont", "the TV show": a noun, unless content
    // follows at once or a plain subject stands before it ("a new poll
    // shows", "officials state").
    let noun_form = verb.noun_forms.iter().any(|f| f == form) && !opens_content(ctx, k + 1);
    if verb.copular {
        if let Some(state) = state_of_mind(ctx, k, verb) {
            return state;
        }
    }
    // "a fact later confirmed by the campaign": a participle with its
    // agent after a noun describes the noun; it is no cue of the sentence
    // ("responded by saying" is a means, and stays a verb).
    let reduced_passive = form.ends_with("ed")
        && t.is_word(k + 1)
        && t.lower(k + 1) == "by"
        && !(t.is_word(k + 2) && t.lower(k + 2).ends_with("ing"));
    let passive = passive(ctx, k);
    if reduced_passive && !passive {
        return None;
    }
    if passive && !form.ends_with("ing") {
        // Passive: "it is said that", "were reported missing" name no one;
        // an agent does ("was described by officials as a failure").
        return passive_agent(ctx, k, verb);
    }
    let mut j = k;
    // "have repeatedly stated"; "continues to insist": "to" after one of them.
    // A capitalised one standing as a name: '"...," Will wrote.'
    let named = |i: usize| phrase::function_word_as_name(ctx, i);
    // "Jeb Bush increasingly sees", "officials privately say": an adverb
    // after a name or a group ("the family said" keeps its noun).
    let adverb = |i: usize| {
        i > 0
            && is_ly_adverb(t, i)
            && t.is_word(i - 1)
            && (t.list[i - 1].capitalised && !lex.sentence_starters.contains(t.lower(i - 1))
                || phrase::is_plural_noun(ctx, i - 1))
    };
    let between = |i: usize| {
        t.is_word(i)
            && (lex.auxiliaries.contains(t.lower(i)) && !named(i)
                || adverb(i)
                || t.lower(i) == "to"
                    && i > 0
                    && t.is_word(i - 1)
                    && lex.auxiliaries.contains(t.lower(i - 1))
                    && !is_finite_verb(t.lower(i - 1))
                    && t.lower(i - 1) != "been")
    };
    while j > 0 && between(j - 1) {
        j -= 1;
    }
    let subject_end = |mut j: usize| {
        // "Joseph R. Biden Jr. said": the period of a name suffix.
        if j >= 2 && phrase::is_suffix_period(ctx, j - 1) {
            j -= 1;
        }
        // "Sen. Bernie Sanders (I-Vt.) said": a short parenthesis after the
        // subject belongs to it.
        if let Some(open) = j.checked_sub(1).and_then(|close| {
            parenthesis_opening(ctx, close).or_else(|| description_opening(ctx, close))
        }) {
            j = open;
        }
        j
    };
    // "The captain declined to say whether ...": an infinitive's "to" ends no
    // subject; the clause's own subject is the speaker.
    let subject = |j: usize| {
        let Some(p) = phrase::left_of(ctx, j).filter(|p| !participle_opener(ctx, p)) else {
            // "A spokesman reached by phone said": no phrase ends the
            // clause, but the one it describes is there.
            return before_reduced_relative(ctx, j);
        };
        // "Residents who want a ban said": the object inside a relative
        // clause is no subject; the phrase the clause describes is.
        // The clause's words run on up to the cue, so only a subject with
        // a word before it can stand inside one: most subjects skip the
        // search.
        let run_on = p.first > 0
            && (t.is_word(p.first - 1)
                || t.is_punct(p.first - 1, '\'')
                || t.is_punct(p.first - 1, '’'));
        let described = run_on
            .then(|| before_relative_clause(ctx, j).or_else(|| before_reduced_relative(ctx, j)))
            .flatten()
            .filter(|q| q.last < p.first);
        if let Some(described) = described {
            return Some(described);
        }
        let infinitive = t.is_word(p.last) && t.lower(p.last) == "to";
        if infinitive {
            return clause_subject_before(ctx, p.last);
        }
        Some(p)
    };
    // "Feinstein last week said", "a poll last month showed": a time
    // adjunct between subject and cue, when a subject stands before it.
    let before_time = time_before(ctx, j);
    let with_time = (before_time < j)
        .then(|| subject_end(before_time))
        .and_then(|end| subject(end).map(|p| (p, end)));
    let found = match with_time {
        Some((p, end)) => {
            j = end;
            Some(p)
        }
        None => {
            j = subject_end(j);
            subject(j)
        }
    };
    // "The council issued a statement saying ...": the statement is what
    // the clause's subject issued; its author speaks. Not across a comma
    // ("the union, which issued a statement saying").
    let found = match found {
        Some(p) if form.ends_with("ing") && issued_document(ctx, &p) => participle_subject(ctx, j)
            .filter(|s| !(s.last..p.first).any(|i| t.is_punct(i, ',')))
            .or(Some(p)),
        found => found,
    };
    // A phrasal verb's cue takes in its particle ("shot back", "made it
    // clear").
    let cue_end = k + words_following(ctx, k + 1, &verb.only_before).unwrap_or(0);
    let relation = |source: Phrase, pattern: Pattern, recipient: Option<Phrase>| Relation {
        recipient,
        ..Relation::new(source, (k, cue_end), verb.class, pattern)
    };
    // The source before the cue, and what follows the cue its content.
    let subject_first = |source: Phrase| {
        complement(ctx, k, verb).map(|recipient| relation(source, Pattern::SubjectFirst, recipient))
    };
    // The same, unless the source closes content before it ('"...," X,
    // a former candidate, told CBS').
    let trailing_or_first = |source: Phrase| match trailing(ctx, source, cue_end, verb) {
        Some((pattern, recipient)) => Some(relation(source, pattern, recipient)),
        None => subject_first(source),
    };
    if let Some(source) = found {
        if noun_form && !phrase::is_plain_subject(ctx, &source) {
            return None;
        }
        // '"...," Senate minority leader Harry Reid told': a few plain words
        // between the quotation and the phrase found belong to it.
        let source = extend_to_content(ctx, source);
        if let Some((pattern, recipient)) = trailing(ctx, source, cue_end, verb) {
            return Some(relation(source, pattern, recipient));
        }
        // "As the minister noted, the talks ...", "As Clinton told the Daily
        // News on Friday, ...": the clause around it is the content.
        let listener = verb
            .recipient
            .then(|| phrase::right_of(ctx, cue_end + 1))
            .flatten();
        // "As Bishop Holm told the Associated Press (AP), ...".
        let after = clause_end(
            ctx,
            after_parenthesis(ctx, listener.map_or(cue_end + 1, |r| r.last + 1)),
        );
        let as_clause = source.first > 0
            && t.is_word(source.first - 1)
            && t.lower(source.first - 1) == "as"
            && (after >= t.len()
                || [',', '.', '—', '–', ')']
                    .iter()
                    .any(|&c| t.is_punct(after, c)));
        if as_clause {
            let pattern = if source.first == 1 {
                Pattern::Leading
            } else {
                Pattern::Middle
            };
            return Some(relation(source, pattern, listener));
        }
        // "Trump said." and "Sessions said as he launched the process.": a
        // speech verb after the subject closes the sentence; what was said
        // stands before it.
        let speech_closes = source.first == 0
            && !t.list[k].capitalised
            && lex.quote_verbs.contains(form)
            && closes_sentence(ctx, skip_time(ctx, cue_end + 1));
        if speech_closes {
            return Some(relation(source, Pattern::Trailing, None));
        }
        return complement(ctx, k, verb)
            .or_else(|| document_object(ctx, k, &source))
            .map(|recipient| relation(source, Pattern::SubjectFirst, recipient));
    }
    if noun_form {
        return None;
    }
    // "The mayor offered the man a job, then says he will ...": after a
    // comma, "then" joins a second verb of the subject.
    if j > 0 && j < k && t.is_punct(j - 1, ',') && t.lower(j) == "then" {
        return subject_first(phrase::opening_subject(ctx).filter(|p| p.last + 1 < j - 1)?);
    }
    if j > 0 && (t.is_punct(j - 1, ',') || t.is_quote(j - 1)) {
        // Inverted: '"...," said the governor.' The phrase must be short or
        // follow a quotation, or "..., said Kyiv was pressing" would qualify.
        let after_quote =
            t.is_quote(j - 1) || j >= 2 && t.is_punct(j - 1, ',') && t.is_quote(j - 2);
        // A verb with a listener inverts only after a question ('"Why?"
        // asked the boy'): after "told" comes the listener.
        let after_question = t.is_quote(j - 1) && j >= 2 && t.is_punct(j - 2, '?');
        // A longer phrase qualifies when a name or a known head closes the
        // sentence: "..., said Ohio State University professor Paul Beck."
        let closes_with_name = |p: &Phrase| {
            tail_is_adjunct(ctx, p.last + 1, false)
                && (t.list[p.last].capitalised || phrase::is_head_word(ctx, t.lower(p.last)))
        };
        // "Roy Neel, who managed the campaign, said women ...": a relative
        // clause or an appositive closed by this comma makes the phrase
        // before it the subject, and what follows the cue its content.
        let described = (!after_quote)
            .then(|| described_subject(ctx, j - 1))
            .flatten();
        let appositive = described.is_some();
        // A participle never stands before its subject: ", calling him a
        // good man" names the one called.
        let infinitive = k > 0 && t.is_word(k - 1) && t.lower(k - 1) == "to";
        let finite = !form.ends_with("ing") && !infinitive;
        // Nothing stands between the comma and an inverted cue: "..., then
        // saw voters swing" is a clause going on, not '..., said X'.
        let inverted = phrase::right_of(ctx, cue_end + 1)
            .map(|p| {
                if after_quote {
                    joined_speakers(ctx, p)
                } else {
                    p
                }
            })
            .filter(|p| {
                finite
                    && j == k
                    && !appositive
                    && (!verb.recipient || after_question)
                    && (after_quote || p.last - p.first < 4 || closes_with_name(p))
                    && names_a_speaker(ctx, p)
            });
        if let Some(source) = inverted.map(|p| without_trailing_time(ctx, p)) {
            // "..., said a handful of skippers who fish the banks": a
            // relative clause describes the speaker, quotation or not; but
            // not after a name's comma ("The manager, Corey Lund, said the
            // clerk who ..." has the subject first).
            let described_speaker = t.is_word(source.last + 1)
                && matches!(t.lower(source.last + 1), "who" | "whose")
                && (after_quote || !(j >= 2 && t.list[j - 2].capitalised));
            if described_speaker || tail_is_adjunct(ctx, source.last + 1, after_quote) {
                return Some(relation(source, Pattern::Trailing, None));
            }
        }
        // A participle after the main clause: "Clinton posted a message,
        // saying ..." — the speaker is the clause's subject.
        if form.ends_with("ing") {
            if let Some(source) = participle_subject(ctx, j) {
                return subject_first(source);
            }
        }
        if let Some(source) = described {
            return trailing_or_first(source);
        }
        // '"...," Harry Bond, 30, of Raleigh, N.C., who was polled, said':
        // the name after the quotation, however long its description.
        if let Some(source) = speaker_after_quote(ctx, j) {
            // The quotation is the content: what follows the cue is where
            // and when it was said, however long, unless it quotes again.
            let circumstances = (cue_end + 1..t.len()).all(|i| !t.is_quote(i) && !ctx.is_verb(i));
            if circumstances || tail_is_adjunct(ctx, cue_end + 1, true) {
                return Some(relation(source, Pattern::Trailing, None));
            }
        }
        // A parenthesis between subject and cue: "officials, for months,
        // have stated that"; '"...," Graham, a former candidate, told CBS'.
        let source = parenthesis_subject(ctx, j)?;
        // "As many experts, including Ms. Lund, have pointed out, the
        // levy ...": an as-clause, its content the clause around it.
        let after = clause_end(ctx, cue_end + 1);
        let as_clause =
            source.first == 1 && t.lower(0) == "as" && (after >= t.len() || t.is_punct(after, ','));
        if as_clause {
            return Some(relation(source, Pattern::Leading, None));
        }
        return trailing_or_first(source);
    }
    // "Jason Sims — a teacher from Mount Pleasant — says ...";
    // "Chris Christie, who say ...".
    let dash = j > 0 && t.is_dash(j - 1);
    let relative = j > 1 && t.is_word(j - 1) && matches!(t.lower(j - 1), "who" | "which" | "that");
    // A participle after a dash closing the main clause: "The mayor closed
    // the meeting – saying the port would reopen"; not one opening an
    // aside that a second dash closes ("its naming rule – adding a digit
    // to each account – does not").
    if dash && form.ends_with("ing") {
        let aside = (k + 1..t.len()).any(|i| t.is_dash(i));
        return if aside {
            None
        } else {
            subject_first(participle_subject(ctx, j)?)
        };
    }
    if dash || relative {
        let source = if relative {
            // "Chris Christie, who say ...", "leaders who say", "a message that said".
            let end = if t.is_punct(j - 2, ',') { j - 2 } else { j - 1 };
            phrase::left_of(ctx, end)
        } else {
            parenthesis_subject(ctx, j)
        }?;
        return subject_first(source);
    }
    if let Some(source) = opening_cue_speaker(ctx, k) {
        return Some(relation(source, Pattern::Leading, None));
    }
    if let Some(source) = before_relative_clause(ctx, j) {
        return subject_first(source);
    }
    // A second verb of the subject: "The judge rubbed his chin and then said
    // that ...".
    if j > 0 && t.is_word(j - 1) && matches!(t.lower(j - 1), "and" | "but") {
        return subject_first(phrase::opening_subject(ctx).filter(|p| p.last + 1 < j - 1)?);
    }
    // A gerund after a preposition, inside the clause of its subject:
    // "Bolton distanced himself by saying he would ...".
    let gerund = form.ends_with("ing")
        && j > 1
        && t.is_word(j - 1)
        && matches!(
            t.lower(j - 1),
            "by" | "after" | "while" | "before" | "when" | "upon"
        );
    if gerund {
        return subject_first(phrase::opening_subject(ctx).filter(|p| p.last + 1 < j - 1)?);
    }
    None
}

/// '"...," said the former governor and party chairman Ed Rendell':
/// after a quotation, speakers joined by "and" and closed by a name are
/// one source.
fn joined_speakers(ctx: &Context, p: Phrase) -> Phrase {
    let t = ctx.tokens;
    // The period of an abbreviation ("Gov.") before "and".
    let abbreviated = t.is_punct(p.last + 1, '.') && t.list[p.last + 1].start == t.list[p.last].end;
    let and = p.last + 1 + usize::from(abbreviated);
    if !(t.is_word(and) && t.lower(and) == "and") {
        return p;
    }
    match phrase::right_of(ctx, and + 1) {
        Some(q) if t.list[q.last].capitalised => Phrase { last: q.last, ..p },
        _ => p,
    }
}

/// The subject of the main clause that a participle after the punctuation
/// at `j - 1` goes on from: "Clinton posted a message, saying ...".
fn participle_subject(ctx: &Context, j: usize) -> Option<Phrase> {
    phrase::opening_subject(ctx).filter(|p| p.last + 1 < j - 1 && !participle_opener(ctx, p))
}

/// Whether the phrase before a participle cue is a document that its
/// source put out ("issued | a statement | saying", "sent out | an email
/// to supporters | stating"): the object of an issuing verb, not a report
/// someone else wrote ("disputed a report saying").
fn issued_document(ctx: &Context, p: &Phrase) -> bool {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    // The head before any postmodifier ("an email | to supporters").
    let head = (p.first..=p.last)
        .take_while(|&i| {
            t.is_word(i) && t.lower(i) != "to" && !lex.source_prepositions.contains(t.lower(i))
        })
        .any(|i| lex.document_heads.contains(t.lower(i)));
    let verb = match p.first.checked_sub(1) {
        Some(v) if t.is_word(v) && t.lower(v) == "out" => v.checked_sub(1),
        v => v,
    };
    head && verb.is_some_and(|v| t.is_word(v) && lex.issuing_verbs.contains(t.lower(v)))
}

/// 'Said the mayor, "We will rebuild."': a finite cue opening the sentence, its
/// speaker right after it, and a quotation after the comma (or the comma
/// closing the speaker's description) as the content.
fn opening_cue_speaker(ctx: &Context, k: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let first_word = (0..t.len()).find(|&i| t.is_word(i))?;
    // "Asked what comes next, the mayor replied": a participle, not an inverted cue.
    let speech = ctx.rules.lexicon.quote_verbs.contains(t.lower(k)) && t.lower(k) != "asked";
    if k != first_word || !t.list[k].capitalised || !speech {
        return None;
    }
    let speaker = phrase::right_of(ctx, k + 1).filter(|p| names_a_speaker(ctx, p))?;
    let speaker = without_trailing_time(ctx, speaker);
    let comma = (speaker.last + 1..t.len())
        .take(MAX_PARENTHESIS_TOKENS)
        .filter(|&c| (t.is_punct(c, ',') || t.is_punct(c, ':')) && !t.list[c].in_quote)
        .find(|&c| t.is_quote(c + 1))?;
    let description = comma == speaker.last + 1 || t.is_punct(speaker.last + 1, ',');
    description.then_some(speaker)
}

/// The subject opening the sentence, when it ends before token `end` and a
/// verb follows it: a pronoun, a name or a noun phrase ("Varga | declined
/// to say", "The ferry captain | refused to say"), not an opener
/// ("Similarly, it is hard to tell", "Prior | to", "Given | his").
fn clause_subject_before(ctx: &Context, end: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let names = |s: &Phrase| {
        s.pronoun
            || phrase::is_plain_subject(ctx, s)
            || phrase::is_determiner(ctx, s.first)
            || t.list[s.last].capitalised && !t.lower(s.last).ends_with("ly")
    };
    let verb_next = |s: &Phrase| {
        let n = s.last + 1;
        t.is_word(n)
            && t.lower(n) != "to"
            && !lex.source_prepositions.contains(t.lower(n))
            && !phrase::is_determiner(ctx, n)
    };
    phrase::opening_subject(ctx).filter(|s| {
        s.last < end
            && verb_next(s)
            && !participle_opener(ctx, s)
            && !lex.sentence_starters.contains(t.lower(s.first))
            && names(s)
    })
}

/// Longest adjunct closing an as-clause ("as The Times reported *on
/// Saturday*,"), in tokens.
const MAX_AS_ADJUNCT_TOKENS: usize = 8;

/// Where an as-clause ends: at `n`, or after a short adjunct that a
/// preposition or a time word opens ("in an op-ed Thursday", "this week").
fn clause_end(ctx: &Context, n: usize) -> usize {
    let t = ctx.tokens;
    let after_time = skip_time(ctx, n);
    if after_time > n {
        return after_time;
    }
    if !(t.is_word(n) && ADJUNCT_OPENERS.contains(&t.lower(n))) {
        return n;
    }
    (n + 1..(n + MAX_AS_ADJUNCT_TOKENS).min(t.len()))
        .find(|&i| !t.is_word(i))
        .unwrap_or(n)
}

/// "As reported by Western Journalism, ...": a passive as-clause naming its
/// source after "by", closed by a comma or the sentence's end.
fn as_reported_by(ctx: &Context, k: usize, verb: &VerbCue) -> Option<Relation> {
    let t = ctx.tokens;
    let opens = k > 0 && t.is_word(k - 1) && t.lower(k - 1) == "as";
    if !opens || !t.is_word(k + 1) || t.lower(k + 1) != "by" {
        return None;
    }
    let source = phrase::right_of(ctx, k + 2)?;
    let closes = source.last + 1 >= t.len()
        || t.is_punct(source.last + 1, ',')
        || t.is_punct(source.last + 1, '.');
    let pattern = if k == 1 {
        Pattern::Leading
    } else {
        Pattern::Middle
    };
    closes.then(|| Relation::new(source, (k - 1, k + 1), verb.class, pattern))
}

/// The agent of a passive cue, its source: "the plan was described *by
/// officials* as a failure", "the figure was confirmed by the ministry".
/// Only a verb whose object carries the claim (`np_object`) or is judged
/// (`object_then`, whose word must follow the agent): "the song was written
/// by Springsteen" names an author, not a source.
fn passive_agent(ctx: &Context, k: usize, verb: &VerbCue) -> Option<Relation> {
    let t = ctx.tokens;
    let carries_claim = verb.np_object || !verb.object_then.is_empty();
    if !(carries_claim && t.is_word(k + 1) && t.lower(k + 1) == "by") {
        return None;
    }
    // "confirmed by now": a time, not an agent.
    if skip_time(ctx, k + 2) > k + 2 {
        return None;
    }
    // A word that names someone: a name, a head word, a group ("officials").
    let names = |i: usize| {
        t.list[i].capitalised
            || phrase::is_head_word(ctx, t.lower(i))
            || phrase::is_plural_noun(ctx, i)
    };
    let agent = phrase::right_of(ctx, k + 2)
        .filter(|p| !p.pronoun && (names(p.first) || phrase::is_determiner(ctx, p.first)))?;
    let agent = without_trailing_time(ctx, agent);
    let source = if verb.object_then.is_empty() {
        agent
    } else {
        // The phrase may run over the judging word: "officials | as a
        // failure", which must follow a naming word ("the SVP to force the
        // government" holds no judgement).
        let judging = |i: usize| {
            t.is_word(i)
                && verb.object_then.iter().any(|w| w == t.lower(i))
                && t.is_word(i - 1)
                && names(i - 1)
        };
        let at = (agent.first + 1..=agent.last + 1)
            .take_while(|&i| !(t.is_word(i) && t.lower(i) == "to"))
            .find(|&i| judging(i))?;
        Phrase {
            last: at - 1,
            ..agent
        }
    };
    Some(Relation::new(
        source,
        (k, k + 1),
        verb.class,
        Pattern::Middle,
    ))
}

/// "TASS quoted an official as saying ...": the object of a quoting verb
/// is the source, and its subject, when an outlet, the relay.
fn quoted_as(ctx: &Context, k: usize, verb: &VerbCue) -> Option<Relation> {
    let t = ctx.tokens;
    let as_before = k >= 3 && t.is_word(k - 1) && t.lower(k - 1) == "as";
    if !as_before || !t.lower(k).ends_with("ing") {
        return None;
    }
    let lex = &ctx.rules.lexicon;
    let quoting = (k.saturating_sub(2 + MAX_OBJECT_WORDS)..k - 2)
        .rev()
        .find(|&q| t.is_word(q) && lex.quoting_verbs.contains(t.lower(q)))?;
    // The phrase reaching the "as" (which it may take in) is the source.
    let reach = phrase::right_of(ctx, quoting + 1).filter(|p| p.last + 2 >= k)?;
    let source = Phrase {
        last: k - 2,
        ..reach
    };
    let mut relation = Relation::new(source, (k, k), verb.class, Pattern::SubjectFirst);
    relation.recipient = phrase::left_of(ctx, quoting);
    Some(relation)
}

/// Whether a source phrase after content ("..., X said", '"...," X told a
/// crowd in Berea') ends the sentence's cue: the pattern and the listener.
/// `cue_end` is the cue's last token (its particle: "put *it*").
fn trailing(
    ctx: &Context,
    source: Phrase,
    cue_end: usize,
    verb: &VerbCue,
) -> Option<(Pattern, Option<Phrase>)> {
    let t = ctx.tokens;
    let b = source.first.checked_sub(1)?;
    let after_content = t.is_punct(b, ',') || t.is_quote(b) || t.is_dash(b);
    if !after_content {
        return None;
    }
    // "Like Canada, Israel acknowledged the genocide": an opening adjunct
    // is no content, unless the cue closes the sentence ("On Monday, the
    // mayor said."), a parenthesis ("Back home, Kovac said, she ...") or a
    // quotation follows it.
    // Cheapest first: most content ends in a quotation, not a comma.
    let opening_adjunct = t.is_punct(b, ',') && phrase::opening_adjunct_comma(ctx) == Some(b) && {
        let next = skip_time(ctx, cue_end + 1);
        !closes_sentence(ctx, next)
            && !t.is_punct(next, ',')
            && !(cue_end + 1..t.len()).any(|i| t.is_quote(i))
    };
    if opening_adjunct {
        return None;
    }
    let after_quote = t.is_quote(b) || b > 0 && t.is_punct(b, ',') && t.is_quote(b - 1);
    if tail_is_adjunct(ctx, cue_end + 1, after_quote) {
        return Some((Pattern::Trailing, None));
    }
    // The listener, then the circumstances.
    if verb.recipient {
        let r = phrase::right_of(ctx, cue_end + 1)?;
        if tail_is_adjunct(ctx, r.last + 1, after_quote) {
            return Some((Pattern::Trailing, Some(r)));
        }
    }
    None
}

/// Most plain words between content and a source phrase, in tokens.
const MAX_EXTENSION_WORDS: usize = 5;

/// The phrase grown leftwards over a few plain words up to a quotation mark
/// or comma: "Senate minority | leader Harry Reid".
fn extend_to_content(ctx: &Context, source: Phrase) -> Phrase {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let mut first = source.first;
    for _ in 0..MAX_EXTENSION_WORDS {
        let Some(b) = first.checked_sub(1) else { break };
        if t.is_quote(b) || t.is_punct(b, ',') {
            break;
        }
        // "campaign and corporate records show": a coordinated modifier.
        let coordinated = matches!(t.lower(b), "and" | "or");
        let plain = t.is_word(b)
            && !t.list[b].in_quote
            && (coordinated || !lex.sentence_starters.contains(t.lower(b)))
            && !ctx.is_verb(b);
        if !plain {
            break;
        }
        first = b;
    }
    let reached = first
        .checked_sub(1)
        .is_some_and(|b| t.is_quote(b) || t.is_punct(b, ','));
    if reached && first < source.first {
        Phrase {
            first: after_conjunction(ctx, first, source.first),
            ..source
        }
    } else {
        source
    }
}

/// `first`, or the word after it when it is a conjunction that joins the
/// clause rather than the phrase (", and supporters said"); never past `limit`.
fn after_conjunction(ctx: &Context, first: usize, limit: usize) -> usize {
    let t = ctx.tokens;
    let conjunction = t.is_word(first) && matches!(t.lower(first), "and" | "or" | "but");
    if conjunction && first < limit {
        first + 1
    } else {
        first
    }
}

/// "Speaking on radio show ...": an opening participle with its
/// preposition is no subject.
pub(super) fn participle_opener(ctx: &Context, p: &Phrase) -> bool {
    p.first == 0 && phrase::participle_with_preposition(ctx, p.first, p.last)
}

/// Whether token `n` opens what a cue hands over: a that-clause, an
/// indirect question, a quotation or a colon.
fn opens_content(ctx: &Context, n: usize) -> bool {
    let t = ctx.tokens;
    t.is_word(n) && matches!(t.lower(n), "that" | "whether" | "if" | "why" | "how")
        || t.is_quote(n)
        || t.is_punct(n, ':')
        || t.is_punct(n, ',') && t.is_quote(n + 1)
}

/// Whether what follows the cue at `k` is the content a cue hands over: a
/// that-clause, a quotation, a colon, or (for some verbs) a bare clause or a
/// noun object. Returns the recipient phrase of "told X that", if any.
fn complement(ctx: &Context, k: usize, verb: &VerbCue) -> Option<Option<Phrase>> {
    let t = ctx.tokens;
    // A phrasal cue's content follows its particle: "made clear | its
    // members would strike", "made the case | for a ferry" (a noun object).
    let mut n = k + 1 + words_following(ctx, k + 1, &verb.only_before).unwrap_or(0);
    // "said — on the radio, as it happens — that": an aside between dashes.
    if t.is_dash(n) {
        if let Some(close) = (n + 1..(n + MAX_ASIDE_TOKENS).min(t.len())).find(|&i| t.is_dash(i)) {
            n = close + 1;
        }
    }
    let opens_content = |n: usize| opens_content(ctx, n);
    if opens_content(n) {
        return Some(None);
    }
    // "claimed to have seen": the source's claim about itself; in a
    // relative clause ("a woman who claimed to be undecided") it only
    // describes someone.
    if verb.infinitive
        && !in_relative_clause(ctx, k)
        && t.is_word(n)
        && t.lower(n) == "to"
        && t.is_word(n + 1)
    {
        return Some(None);
    }
    if !verb.object_then.is_empty() {
        return object_then(ctx, n, verb).then_some(None);
    }
    let mut recipient = None;
    // A listener follows the verb or "to" ("explained to reporters that");
    // "asked for a copy" has none.
    let prepositional_object = t.is_word(n)
        && t.lower(n) != "to"
        && (ADJUNCT_OPENERS.contains(&t.lower(n))
            || matches!(
                t.lower(n),
                "for" | "about" | "of" | "with" | "from" | "into" | "by"
            ));
    if verb.recipient && !prepositional_object {
        if let Some(r) = phrase::right_of(ctx, n).map(|r| listener_only(ctx, r)) {
            recipient = Some(r);
            n = r.last + 1;
            if opens_content(n) {
                return Some(recipient);
            }
        }
    }
    // "said on Friday that", "said in a statement that"; an adjunct that a
    // preposition opens may run longer ("said in an oral history of the
    // Clinton years that").
    let prepositional = t.is_word(n) && ADJUNCT_OPENERS.contains(&t.lower(n));
    let reach = if prepositional {
        MAX_ADJUNCT_BEFORE_THAT
    } else {
        MAX_WORDS_BEFORE_THAT
    };
    // A subject pronoun can only open a clause ("announced she would run"),
    // whatever the verb; also after an aside between commas ("says, win or
    // lose on Tuesday, he's staying"), or after an adjunct ("said in a
    // statement Thursday night they pulled").
    let opens_clause = |n: usize| {
        t.is_word(n)
            && (phrase::is_subject_pronoun(t.lower(n))
                && (t.lower(n).contains(['\'', '’']) || t.is_word(n + 1))
                || is_clause_it(ctx, n))
    };
    for m in n..(n + reach).min(t.len()) {
        if t.is_word(m) && t.lower(m) == "that"
            || t.is_punct(m, ':')
            || t.is_quote(m)
            || prepositional && m > n + 1 && opens_clause(m)
        {
            return Some(recipient);
        }
        // Another cue between: the "that" belongs to it ("a report by X
        // found that"). After a determiner a base form is a noun ("in a
        // readout of the call that"); a participle there is still an
        // adjective of a noun to come ("the expected emissions").
        let noun = || {
            m > 0
                && phrase::is_determiner(ctx, m - 1)
                && !t.lower(m).ends_with("ed")
                && !t.lower(m).ends_with("ing")
        };
        let other_cue = t.is_word(m) && ctx.is_verb(m) && !noun();
        // "wrote to Sanders’ office that", "wrote of Ms. Merkel:".
        let inside_name = [',', '\'', '’', '.'].iter().any(|&c| t.is_punct(m, c));
        if other_cue || !t.is_word(m) && !inside_name {
            break;
        }
    }
    let n = skip_time(ctx, n);
    if opens_clause(n) {
        return Some(recipient);
    }
    if t.is_punct(n, ',') {
        let aside_end = (n + 1..(n + MAX_ASIDE_TOKENS).min(t.len())).find(|&i| t.is_punct(i, ','));
        if aside_end.is_some_and(|c| opens_clause(c + 1)) {
            return Some(recipient);
        }
    }
    // "reported $2.17 billion": a sum opens with its currency sign.
    let sum = ['$', '€', '£'].iter().any(|&c| t.is_punct(n, c)) && t.is_number(n + 1);
    let quantity = sum
        || t.is_word(n)
            && match t.lower(n) {
                "about" | "around" => t.is_number(n + 1),
                "at" | "up" => {
                    t.is_word(n + 1)
                        && matches!(t.lower(n + 1), "least" | "most" | "to")
                        && (t.is_number(n + 2) || t.is_word(n + 2))
                }
                _ => false,
            };
    let bare = quantity
        || t.is_word(n)
            && !matches!(
                t.lower(n),
                "to" | "by"
                    | "for"
                    | "of"
                    | "with"
                    | "about"
                    | "on"
                    | "in"
                    | "at"
                    | "as"
                    | "from"
                    | "into"
            );
    let clause = || bare_clause(ctx, n);
    ((verb.zero_that || verb.np_object || recipient.is_some() || clause()) && bare)
        .then_some(recipient)
}

/// "it" opening a clause: followed by a finite verb or modal ("said in a
/// statement *it had* shot down"), not the object "it" ("denied it").
fn is_clause_it(ctx: &Context, n: usize) -> bool {
    let t = ctx.tokens;
    t.lower(n) == "it"
        && t.is_word(n + 1)
        && ctx.rules.lexicon.clause_verbs.contains(t.lower(n + 1))
}

/// The listener of "told X ...", cut where a clause begins inside what the
/// phrase reader took: a determiner or a time word after a plain noun,
/// when a finite verb follows ("told *reporters* the talks had failed",
/// "told *the BBC* on Friday the talks stalled"). A determiner after a
/// preposition stays in ("told the wife of the mayor").
fn listener_only(ctx: &Context, r: Phrase) -> Phrase {
    let t = ctx.tokens;
    // A finite verb after a short subject: a modal or auxiliary, or a past
    // form not right after a determiner ("the talks *stalled*", not "the
    // *armed* men").
    let clause_at = |n: usize| {
        bare_clause(ctx, n)
            || (n + 1..(n + MAX_CLAUSE_SUBJECT_TOKENS + 1).min(t.len()))
                .take_while(|&i| t.is_word(i) && !ctx.is_verb(i))
                .any(|i| t.lower(i).ends_with("ed") && !phrase::is_determiner(ctx, i - 1))
    };
    let starts_clause = |i: usize| {
        let after_preposition = t.is_word(i - 1)
            && matches!(
                t.lower(i - 1),
                "of" | "for" | "with" | "from" | "at" | "in" | "on" | "to" | "by"
            );
        let opener = phrase::is_determiner(ctx, i) && !after_preposition
            || ctx.rules.is_time_word(t.lower(i))
            || is_time_opener(t.lower(i)) && ctx.rules.is_time_word(t.lower(i + 1));
        opener && clause_at(skip_time(ctx, i))
    };
    match (r.first + 1..=r.last).find(|&i| t.is_word(i) && starts_clause(i)) {
        Some(i) => Phrase { last: i - 1, ..r },
        None => r,
    }
}

/// Whether the sentence ends at token `n`, or an as-clause ("as he
/// launched the process") runs from there to its end.
fn closes_sentence(ctx: &Context, n: usize) -> bool {
    let t = ctx.tokens;
    let end = |i: usize| i >= t.len() || i + 1 == t.len() && t.list[i].kind.is_final_punct();
    if end(n) {
        return true;
    }
    let as_clause = t.is_word(n)
        && t.lower(n) == "as"
        && t.is_word(n + 1)
        && (phrase::is_subject_pronoun(t.lower(n + 1))
            || t.lower(n + 1) == "the"
            || t.list[n + 1].capitalised);
    as_clause && (n + 1..t.len()).all(|i| t.is_word(i) || t.is_punct(i, ',') || end(i))
}

/// Longest aside between commas after a cue ("says, win or lose, he ..."), in tokens.
const MAX_ASIDE_TOKENS: usize = 14;

/// Longest stretch between a cue and its "that" ("said on Friday that"), in tokens.
const MAX_WORDS_BEFORE_THAT: usize = 7;

/// The same when a preposition opens it ("said in an oral history of the
/// Clinton years that").
const MAX_ADJUNCT_BEFORE_THAT: usize = 12;

/// Longest subject of a bare clause, in tokens ("the Justice Department").
const MAX_CLAUSE_SUBJECT_TOKENS: usize = 6;

/// Whether the cue at `k` stands in a relative clause: after "who",
/// "which" or "that" ("a woman who claimed to be undecided"), or after a
/// name that follows a noun directly ("the loopholes Mr. Trump claims to
/// have used").
fn in_relative_clause(ctx: &Context, k: usize) -> bool {
    let t = ctx.tokens;
    if k > 0 && t.is_word(k - 1) && matches!(t.lower(k - 1), "who" | "which" | "that") {
        return true;
    }
    let mut j = k;
    while j > 0 && (t.is_word(j - 1) && t.list[j - 1].capitalised || t.is_punct(j - 1, '.')) {
        j -= 1;
    }
    let before = j.checked_sub(1).filter(|&b| j < k && t.is_word(b));
    before.is_some_and(|b| {
        let w = t.lower(b);
        !t.list[b].capitalised
            && !ctx.rules.lexicon.function_words.contains(w)
            && !ctx.rules.lexicon.sentence_starters.contains(w)
    })
}

/// Whether the words from `n` read as a clause rather than a noun object: a
/// finite verb or modal follows a short subject ("the fund *could* cover",
/// "the Justice Department *returned* it", "Mr. Smith *will*"), before any
/// punctuation but the period of a title or initial opening the subject.
fn bare_clause(ctx: &Context, n: usize) -> bool {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    (n + 1..(n + MAX_CLAUSE_SUBJECT_TOKENS + 1).min(t.len()))
        .take_while(|&i| {
            t.is_word(i) && t.lower(i) != "that" && !ctx.is_verb(i)
                || i == n + 1 && phrase::is_name_period(ctx, i)
        })
        .any(|i| {
            let w = t.lower(i);
            lex.clause_verbs.contains(w)
                || w.ends_with("ed")
                    && t.list[i - 1].capitalised
                    && !phrase::is_determiner(ctx, i - 1)
        })
}

/// A document's finding as a plain object: "a June poll found Trump at 20
/// percent", "the study showed a rise". What a document says is its content.
fn document_object(ctx: &Context, k: usize, source: &Phrase) -> Option<Option<Phrase>> {
    let t = ctx.tokens;
    let plain = t.is_word(k + 1) && !matches!(t.lower(k + 1), "to" | "by" | "for" | "up" | "out");
    (plain && phrase::classify(ctx, source).kind == "document").then_some(None)
}

/// The token after a short time adjunct at `n` ("said *on Friday* he
/// would", "said *Monday* the talks"), or `n` when there is none.
pub(super) fn skip_time(ctx: &Context, n: usize) -> usize {
    let t = ctx.tokens;
    let mut m = n;
    if t.is_word(m) && is_time_opener(t.lower(m)) {
        m += 1;
    }
    if !is_time_word(ctx, m) {
        return n;
    }
    while is_time_word(ctx, m) {
        m += 1;
    }
    m
}

/// The first token of a short time adjunct that ends right before token
/// `j` ("A poll *last month* showed", "Feinstein *on Tuesday* said"), or
/// `j` when there is none.
fn time_before(ctx: &Context, j: usize) -> usize {
    let t = ctx.tokens;
    let mut m = j;
    while m > 0 && is_time_word(ctx, m - 1) {
        m -= 1;
    }
    if m < j && m > 0 && t.is_word(m - 1) && is_time_opener(t.lower(m - 1)) {
        return m - 1;
    }
    // Without an opener only a date ("Trump Tuesday said"), not a span
    // that ends a longer phrase ("polls taken over the past two weeks").
    let dated = m < j && ctx.rules.lexicon.date_words.contains(t.lower(m));
    if dated {
        m
    } else {
        j
    }
}

/// A word of a time adjunct: a date word, a unit, a part of the day.
pub(super) fn is_time_word(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    t.is_word(i) && ctx.rules.is_time_word(t.lower(i))
}

/// A word that opens a time adjunct ("*on* Friday", "*last* week").
fn is_time_opener(w: &str) -> bool {
    matches!(w, "on" | "last" | "this" | "late" | "early" | "earlier")
}

/// Longest object between a verb and what `object_then` names.
const MAX_OBJECT_WORDS: usize = 6;

/// Whether a short object from token `n` is followed by one of the verb's
/// `object_then` words or by a quotation: "called *the deal* a disaster".
fn object_then(ctx: &Context, n: usize, verb: &VerbCue) -> bool {
    let t = ctx.tokens;
    // "called a news conference": an object with an indefinite article
    // is the thing done, not the one judged.
    if t.is_word(n) && matches!(t.lower(n), "a" | "an") {
        return false;
    }
    for m in n..(n + MAX_OBJECT_WORDS + 1).min(t.len()) {
        if m > n
            && (t.is_quote(m) || t.is_word(m) && verb.object_then.iter().any(|w| w == t.lower(m)))
        {
            return true;
        }
        // A cue's form after a determiner is a noun: "called the report a
        // sham", "called AP's report".
        let verb = ctx.is_verb(m) && !(m > 0 && phrase::is_determiner(ctx, m - 1));
        let stops = !t.is_word(m) || matches!(t.lower(m), "to" | "that") || verb;
        if stops {
            return false;
        }
    }
    false
}

/// Most tokens from a cue to the word that names the document it was said
/// in ("said *in a written readout*").
const MAX_DOCUMENT_ADJUNCT: usize = 4;

/// A registered source that spoke in one of its documents ("the Pentagon
/// said in a readout") is that document, when the registry has it.
fn described_in(ctx: &Context, named: Named, cue_last: usize) -> Named {
    let t = ctx.tokens;
    let Some(id) = named.id else {
        return named;
    };
    let opens = cue_last + 1;
    if !(t.is_word(opens) && t.lower(opens) == "in") {
        return named;
    }
    let part = (opens + 1..(opens + 1 + MAX_DOCUMENT_ADJUNCT).min(t.len()))
        .take_while(|&i| t.is_word(i))
        .find_map(|i| ctx.rules.part_described(id, t.lower(i)));
    match part {
        Some(p) => {
            let (id, kind) = ctx.rules.source_texts(p);
            Named {
                id: Some(id),
                kind,
                ..named
            }
        }
        None => named,
    }
}

/// Longest tail after a trailing cue still read as an adjunct ("..., Cuban
/// said in an interview airing Sunday on NBC.").
const MAX_ADJUNCT_WORDS: usize = 12;

/// The same after a quotation: '"...," Clinton said on Thursday during a
/// speech at the Council on Foreign Relations in New York.'
const MAX_QUOTE_ADJUNCT_WORDS: usize = 48;

/// Longest tail that does not open with a preposition ("..., he said Tuesday night").
const MAX_BARE_TAIL_WORDS: usize = 3;

/// Words that open an adjunct after a trailing cue.
pub(super) const ADJUNCT_OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "while",
    "when",
    "as",
    "to",
    "from",
    "of",
    "about",
    "late",
    "earlier",
    "later",
    "last",
    "this",
    "through",
    "via",
    "with",
    "outside",
    "inside",
    "by",
    "according",
];

/// Longest appositive between a subject and its cue ("Christopher Knittel, an
/// expert on energy economics at the Massachusetts Institute of Technology, said").
pub(super) const MAX_PARENTHESIS_TOKENS: usize = 24;

/// Longest parenthesis read as part of a name ("(D-Va.)", "(R)"), in tokens.
const MAX_NAME_PARENTHESIS_TOKENS: usize = 8;

/// The "(" of a short parenthesis that `close` ends, if it is one.
pub(super) fn parenthesis_opening(ctx: &Context, close: usize) -> Option<usize> {
    let t = ctx.tokens;
    if !t.is_punct(close, ')') {
        return None;
    }
    (close.saturating_sub(MAX_NAME_PARENTHESIS_TOKENS)..close)
        .rev()
        .take_while(|&i| !t.is_punct(i, ')'))
        .find(|&i| t.is_punct(i, '('))
}

/// Most tokens in a parenthesis that describes the name before it.
const MAX_DESCRIPTION_PARENTHESIS_TOKENS: usize = 24;

/// Where a longer parenthesis closed at `close` opens, when a name stands
/// before it: "Sen. Ada Ruiz (a coastal Democrat so young she has been
/// taken for an intern) says".
fn description_opening(ctx: &Context, close: usize) -> Option<usize> {
    let t = ctx.tokens;
    if !t.is_punct(close, ')') {
        return None;
    }
    (close.saturating_sub(MAX_DESCRIPTION_PARENTHESIS_TOKENS)..close)
        .rev()
        .take_while(|&i| !t.is_punct(i, ')') && !t.is_quote(i))
        .find(|&i| t.is_punct(i, '('))
        .filter(|&open| open > 0 && t.is_word(open - 1) && t.list[open - 1].capitalised)
}

/// The token after a short parenthesis that opens at `open`, or `open`
/// when there is none: "said Rep. Bobby Scott *(D-Va.)* at the time".
fn after_parenthesis(ctx: &Context, open: usize) -> usize {
    let t = ctx.tokens;
    if !t.is_punct(open, '(') {
        return open;
    }
    (open + 1..(open + MAX_NAME_PARENTHESIS_TOKENS).min(t.len()))
        .take_while(|&i| !t.is_punct(i, '('))
        .find(|&i| t.is_punct(i, ')'))
        .map_or(open, |close| close + 1)
}

/// Whether the tokens from `from` on end the sentence, open a parenthesis
/// (","), or are a short adjunct ("on Friday", "in a statement").
fn tail_is_adjunct(ctx: &Context, from: usize, after_quote: bool) -> bool {
    let t = ctx.tokens;
    // "said Stewart Voss Jr., a port official": the suffix's period.
    let from = from + usize::from(phrase::is_suffix_period(ctx, from));
    // "said Saturday night at the debate": the time words, then the tail.
    let start = after_parenthesis(ctx, from);
    let from = skip_time(ctx, start);
    let timed = from > start;
    if from >= t.len() || t.is_punct(from, ',') || t.is_punct(from, ';') {
        return true;
    }
    // '"...," said one source who spoke on condition of anonymity', "wrote
    // a man calling himself Paul": a relative or participle clause
    // describes the speaker.
    // After a speaker, not after the cue, "that" and "which" open a
    // relative clause: "said one owner of a shop that sells bread".
    let describes = |w: &str| {
        matches!(w, "who" | "whose" | "known")
            || w.ends_with("ing")
            || matches!(w, "that" | "which") && from > 0 && !ctx.is_verb(from - 1)
    };
    if after_quote && t.is_word(from) && describes(t.lower(from)) {
        return true;
    }
    // '"Go home," Kovac barked and a guard led him out': after the
    // quotation, "and" or "but" opens another clause, not the content.
    if after_quote && t.is_word(from) && matches!(t.lower(from), "and" | "but") {
        return true;
    }
    // A long tail must open like an adjunct ("in an interview ..."); a noun
    // object ("announcing embargoes against ...") makes the verb no cue.
    // After a quotation nothing else can follow but the circumstances.
    let opens_adjunct = t.is_word(from) && ADJUNCT_OPENERS.contains(&t.lower(from));
    let limit = match (opens_adjunct, after_quote) {
        (true, true) => MAX_QUOTE_ADJUNCT_WORDS,
        (true, false) => MAX_ADJUNCT_WORDS,
        (false, _) => MAX_BARE_TAIL_WORDS,
    };
    // ", adding that ...": a participle cue starts a statement of its own.
    let participle = |n: usize| t.is_word(n) && t.lower(n).ends_with("ing") && ctx.is_verb(n);
    let mut words = 0;
    for i in from..t.len() {
        if t.is_punct(i, ',') && participle(i + 1) {
            return true;
        }
        // '"...," he said at a news conference, and then predicted: ...':
        // after a quotation, ", and" or ", but" opens another clause.
        if after_quote
            && t.is_punct(i, ',')
            && t.is_word(i + 1)
            && matches!(t.lower(i + 1), "and" | "but")
        {
            return true;
        }
        // "..., Clinton said Tuesday night, drawing applause": a short
        // tail closed by a comma; what follows describes the moment.
        if t.is_punct(i, ',') && !opens_adjunct && words > 0 {
            return true;
        }
        if t.is_word(i) {
            let w = t.lower(i);
            // Inside a prepositional phrase a cue's form is a noun ("in the
            // conference call"); in a bare tail it starts a new clause.
            if w == "that" || !opens_adjunct && ctx.is_verb(i) {
                return false;
            }
            words += 1;
            if words > limit {
                return false;
            }
        } else if matches!(t.list[i].kind, super::TokenKind::Punct('—' | '–' | ';'))
            && (words > 0 || timed)
        {
            // "... reported on Tuesday — a development that ...", "...
            // argued in interviews; rather, ...": what follows is another clause.
            return true;
        } else if !matches!(
            t.list[i].kind,
            super::TokenKind::Punct(
                '.' | '!' | '?' | ')' | '(' | ']' | ',' | '/' | '%' | '$' | '-' | '&' | '\'' | '’'
            ) | super::TokenKind::Quote
        ) {
            return false;
        }
    }
    true
}

/// Picks the innermost relation as the attribution and the enclosing ones as `via`.
fn choose(ctx: &Context, scratch: &mut Scratch) -> Found {
    let Scratch {
        relations, named, ..
    } = scratch;
    if relations.is_empty() {
        return Found::NOTHING;
    }
    if relations.iter().any(|r| !r.weak) {
        relations.retain(|r| !r.weak);
    }
    // "Everyone knows ...", "No one doubts ...": a saying, no source.
    let nobody = |r: &Relation| {
        let t = ctx.tokens;
        let not_sources = &ctx.rules.lexicon.not_sources;
        let mut words = (r.source.first..=r.source.last)
            .filter(|&i| t.is_word(i))
            .map(|i| t.lower(i));
        match (words.next(), words.next(), words.next()) {
            (Some(one), None, _) => not_sources.contains(one),
            // Two words: compared piecewise, no string built per sentence.
            (Some(a), Some(b), None) => not_sources
                .iter()
                .any(|entry| entry.split_once(' ') == Some((a, b))),
            _ => false,
        }
    };
    relations.retain(|r| !nobody(r));
    if relations.is_empty() {
        return Found::NOTHING;
    }
    relations.sort_by_key(Relation::start);
    named.clear();
    named.extend(relations.iter().map(|r| phrase::classify(ctx, &r.source)));
    let sources = named;
    let is_relay = |s: &Named| ctx.rules.lexicon.relay_kinds.contains(s.kind);
    if relations.iter().any(|r| r.with_relay) && !sources.iter().any(is_relay) {
        // "Citing security concerns, ..." is no attribution without a relay.
        let keep: Vec<bool> = relations.iter().map(|r| !r.with_relay).collect();
        let mut flags = keep.iter();
        relations.retain(|_| flags.next().copied().unwrap_or(true));
        let mut flags = keep.iter();
        sources.retain(|_| flags.next().copied().unwrap_or(true));
        if relations.is_empty() {
            return Found::NOTHING;
        }
    }
    let relay = |i: usize| is_relay(&sources[i]);
    // A trailing speaker ("..., a pollster said") owns everything before it,
    // beliefs and reports included; relays ("..., AP reported") only pass it on.
    let owns_content = |r: &Relation| r.pattern == Pattern::Trailing && !r.with_relay;
    let trailing = (0..relations.len()).find(|&i| owns_content(&relations[i]) && !relay(i));
    let primary = trailing
        .or_else(|| (0..relations.len()).find(|&i| !relay(i)))
        .unwrap_or(0);
    let main = &relations[primary];
    let mut via = Vec::new();
    if let Some(r) = main.recipient {
        let outlet = phrase::classify(ctx, &r);
        if is_relay(&outlet) {
            via.push(outlet.to_source(ctx));
        }
    }
    // Relations inside the content are nested, not relays: after a
    // subject-first cue, or before a trailing one.
    let nested = |r: &Relation| {
        r.pattern == Pattern::SubjectFirst
            && (r.start() > main.cue_last || owns_content(main) && r.start() < main.start())
    };
    // The source itself, named by a second cue ("X claimed ... and
    // concluded ..."), is no relay of itself.
    let relays = |i: &usize| !nested(&relations[*i]) && sources[*i].span != sources[primary].span;
    let after = (primary + 1..relations.len()).filter(relays);
    let before = (0..primary).rev().filter(relays);
    // Only the sources kept are copied out of the text and the rules.
    via.extend(after.chain(before).map(|i| sources[i].to_source(ctx)));
    let named = described_in(ctx, sources[primary], main.cue_last);
    let source = named.to_source(ctx);
    let t = ctx.tokens;
    let cue_span = Span::new(t.list[main.cue_first].start, t.list[main.cue_last].end);
    let anaphor = if main.source.pronoun {
        // "in his view" stands for "he".
        Some(Anaphor::Pronoun(
            phrase::subject_form(t.lower(main.source.first)).to_string(),
        ))
    } else if named.id.is_some() {
        None // "the Pentagon" is a name, not a description to resolve
    } else {
        phrase::definite_head(ctx, &main.source).map(|head| Anaphor::Definite(head.to_string()))
    };
    Found {
        attribution: Some(Attribution {
            source,
            cue: Cue {
                text: ctx.slice(cue_span).to_string(),
                span: cue_span,
                class: main.class,
            },
            via,
            inherited_from: None,
            refers_to: None,
            quote: has_any_quote(t),
            carried: Carried::No,
        }),
        anaphor,
        hands_back: main.pattern == Pattern::Trailing && main.source.first == 0,
    }
}
