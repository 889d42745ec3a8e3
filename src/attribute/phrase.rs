//! Source noun phrases: finding the phrase next to a cue and deciding what
//! kind of source it names (a registered source, a person, an organisation,
//! an anonymous official, a document, or a pronoun to resolve later).

use std::collections::HashSet;

use super::{Context, Source};
use crate::span::Span;

/// A run of tokens naming a source, inclusive on both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// The phrase is a single pronoun.
    pub pronoun: bool,
}

/// Longest a source phrase may be, in tokens.
const MAX_TOKENS: usize = 12;

/// Possessive determiners that may open a phrase ("his lawyer").
const POSSESSIVES: &[&str] = &["his", "her", "its", "their", "our", "my", "your"];

impl Phrase {
    /// Byte span of the phrase.
    pub fn span(&self, ctx: &Context) -> Span {
        let t = &ctx.tokens.list;
        Span::new(t[self.first].start, t[self.last].end)
    }
}

/// The source phrase that ends just before token `end` (exclusive), read
/// leftwards: "Luhansk Governor Serhyi Haidai", "A senior Defence Department
/// official", "he".
pub fn left_of(ctx: &Context, end: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let head = end.checked_sub(1)?;
    // "42% say": a share of those asked.
    if t.is_punct(head, '%') && head > 0 && t.is_word(head - 1) && !t.list[head].in_quote {
        return t.is_number(head - 1).then_some(Phrase {
            first: head - 1,
            last: head,
            pronoun: false,
        });
    }
    if !t.is_word(head) || t.list[head].in_quote {
        return None;
    }
    if lex.pronouns.contains_key(t.lower(head)) {
        return Some(Phrase {
            first: head,
            last: head,
            pronoun: true,
        });
    }
    // "A report published | last week | found": a participle after a
    // source's head word describes it; the head ends the phrase.
    if !t.list[head].capitalised
        && is_participle(t.lower(head))
        && !ctx.is_verb(head)
        && head > 0
        && t.is_word(head - 1)
        && is_head_word(ctx, t.lower(head - 1))
    {
        return left_of(ctx, head);
    }
    // "at least 2,000 said", "at most a dozen": a bound on a number.
    let bound = |i: usize| t.is_word(i + 1) && matches!(t.lower(i + 1), "least" | "most");
    // "..., at least 2,000 said", "about 300 say": a bound or an estimate
    // makes a bare count a group of people.
    if is_count(ctx, head) && head >= 1 {
        let first =
            if head >= 2 && t.is_word(head - 2) && t.lower(head - 2) == "at" && bound(head - 2) {
                Some(head - 2)
            } else {
                is_estimate(ctx, head - 1).then_some(head - 1)
            };
        if let Some(first) = first {
            // "the nearly 120,000 who came".
            let first = if first > 0 && t.is_word(first - 1) && t.lower(first - 1) == "the" {
                first - 1
            } else {
                first
            };
            return Some(Phrase {
                first,
                last: head,
                pronoun: false,
            });
        }
    }
    // "supporters of gun control said": the bare nouns after the group's
    // preposition belong to the phrase.
    let bare_from = bare_postmodifier(ctx, head);
    // "Those who oppose the ban said": "those" heads a relative clause.
    let heads_relative = t.lower(head) == "those" && t.is_word(end) && t.lower(end) == "who";
    let mut first: Option<usize> = None;
    let mut j = head;
    loop {
        // "Mr. Hollis", "Paul H. Chipok": the period of a title abbreviation
        // or an initial stays inside the name.
        if t.is_punct(j, '.')
            && first.is_some()
            && (is_name_period(ctx, j) || ends_dotted_abbreviation(ctx, j))
        {
            j -= 1;
            continue;
        }
        if !t.is_word(j) || t.list[j].in_quote || head - j >= MAX_TOKENS {
            break;
        }
        let w = t.lower(j);
        let known = is_known_word(ctx, w);
        let accept = if known || j == head && heads_relative || bare_from.is_some_and(|p| j > p) {
            true
        } else if j == head
            && matches!(w, "him" | "them" | "us" | "me")
            && j > 0
            && joins_source(ctx, j - 1)
        {
            // "a source close to him said": the pronoun ends a postmodifier.
            true
        } else if POSSESSIVES.contains(&w)
            || matches!(w, "this" | "these" | "those")
                && j + 1 == head
                && is_head_word(ctx, t.lower(head))
        {
            // "their spokesman", "this source told the Post": a determiner
            // before a source's head word opens the phrase ("This year said"
            // has no such head).
            first = Some(j);
            break;
        } else if w == "at" && first.is_some() && bound(j) {
            true
        } else if t.list[j].capitalised {
            // "However, he said" / "In Kyiv officials said": sentence openers
            // are no names; but one alone before the cue, after a comma, a
            // quotation or a relative word, is: '"...," Will wrote.', "which
            // Will claims".
            !lex.sentence_starters.contains(w) || j == head && function_word_as_name(ctx, j)
        } else if j == head && ctx.rules.is_lower_case_name(w) {
            // "..., dpa reported": a registered name is one in any case.
            true
        } else if first.is_some() && (joins_source(ctx, j) || is_possessive(w)) {
            true
        } else if first.is_some() && joins_source(ctx, j + 1) && is_plural_noun(ctx, j) {
            // "several supporters of reform": a group's plural head before
            // its postmodifier.
            true
        } else if w == "and"
            && first.is_some()
            && t.is_word(j + 1)
            && (t.lower(j + 1) == "other" || t.lower(j + 1) == "others" && j + 1 == head)
        {
            // "tallies by Kantar Media and other trackers show", "Hawkins
            // and others said": a source and the others like it ("she and
            // other Democrats" leaves the pronoun out).
            j > 0 && t.is_word(j - 1) && !lex.pronouns.contains_key(t.lower(j - 1))
        } else if w == "and" && first.is_some() && j > 0 && t.list[j - 1].capitalised {
            // "Professors Foner and Alba": two names share the cue.
            t.list[j + 1].capitalised
        } else if first.is_some()
            && is_count(ctx, j)
            && (is_known_word(ctx, t.lower(j + 1)) || is_plural_noun(ctx, j + 1))
        {
            // "16 percent of voters", "300 officials": a count before its head.
            true
        } else if first.is_some() && between_names(ctx, j) {
            // "Republican nominee Donald Trump".
            true
        } else if j != head
            && (is_head_word(ctx, t.lower(head)) || j + 1 == head)
            && j > 0
            && determines(ctx, j - 1)
            // "And then Kovac said", "In 2019 officials said": a time
            // word is no modifier.
            && w != "then"
            && (!t.is_number(j) || is_count(ctx, j))
            && (w == "than" || !(t.is_word(j + 1) && matches!(t.lower(j + 1), "a" | "an" | "the")))
        {
            // A noun used as a modifier of a known head: "the statistics
            // office"; never before the head's article ("Kovac disputed | a
            // report"), but for a count's "than" ("More than a dozen").
            true
        } else if j == head {
            // A lower-case head right before the cue needs a determiner or a
            // modifier before it: "the broadcaster said", not "and stressed";
            // and it is no function word ("the shelter and said").
            // A plural noun names a group by itself: "investigators said",
            // "..., political scientists say".
            // A bare noun after a group's postmodifier: "supporters of reform".
            j > 0
                && !lex.sentence_starters.contains(w)
                && (opens_phrase(ctx, j - 1)
                    || described_from(ctx, j).is_some()
                    || is_plural_noun(ctx, j)
                    || j >= 2 && joins_source(ctx, j - 1) && is_plural_noun(ctx, j - 2)
                    // "the F.B.I. director": a dotted abbreviation as modifier.
                    || j >= 3
                        && ends_dotted_abbreviation(ctx, j - 1)
                        && opens_phrase(ctx, j - 3))
        } else {
            // Inside a description that a determiner opens: "the billionaire
            // real estate magnate", "his friend Mahamat Saleh Oumar".
            described_from(ctx, head)
                .or_else(|| {
                    // Before a name only a short one: "her campaign manager", not
                    // "The timing doesn't surprise".
                    let f = first?;
                    described_from(ctx, f).filter(|&d| f - d <= MAX_NAME_DESCRIPTION_TOKENS)
                })
                .is_some_and(|d| d <= j)
        };
        if !accept {
            break;
        }
        first = Some(j);
        if j == 0 {
            break;
        }
        j -= 1;
    }
    let mut first = first?;
    // "officials | at the ministry", but "at least 2,000 said", "About 50
    // skippers said".
    while first < head
        && lex.source_prepositions.contains(t.lower(first))
        && !bound(first)
        && !is_estimate(ctx, first)
    {
        first += 1;
    }
    let only_modifiers = !heads_relative
        && !is_head_word(ctx, t.lower(head))
        && (first..=head).all(|i| !t.is_word(i) || lex.source_modifiers.contains(t.lower(i)));
    (!only_modifiers).then_some(Phrase {
        first,
        last: head,
        pronoun: false,
    })
}

/// Most bare nouns a group's postmodifier may hold ("advocates for stem
/// cell research").
const MAX_BARE_NOUNS: usize = 3;

/// The preposition of a group's postmodifier whose object is a bare noun
/// compound ending at `head`: "supporters of gun control", "opponents of
/// abortion rights", "Advocates for stem cell research". The group is a
/// plural noun, which may be capitalised as the sentence's first word.
fn bare_postmodifier(ctx: &Context, head: usize) -> Option<usize> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let bare = |i: usize| {
        let w = t.lower(i);
        t.is_word(i)
            && !t.list[i].capitalised
            && !t.list[i].in_quote
            && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && !w.ends_with("ly")
            && !lex.function_words.contains(w)
            && !lex.sentence_starters.contains(w)
            && !lex.auxiliaries.contains(w)
            && !lex.source_prepositions.contains(w)
            && !lex.pronouns.contains_key(w)
            && !ctx.is_verb(i)
    };
    let mut preposition = head;
    while bare(preposition) {
        preposition = preposition.checked_sub(1)?;
    }
    let nouns = head - preposition;
    let group = preposition.checked_sub(1)?;
    let opens_sentence = (0..group).all(|i| !t.is_word(i));
    ((1..=MAX_BARE_NOUNS).contains(&nouns)
        && t.is_word(preposition)
        && t.lower(preposition) != "who"
        && joins_source(ctx, preposition)
        && (is_plural_noun(ctx, group) || opens_sentence && plural_shape(ctx, group)))
    .then_some(preposition)
}

/// Longest adjunct before the subject that a comma closes ("On Tuesday, ...").
const MAX_OPENING_ADJUNCT: usize = 8;

/// The subject at the start of the sentence, after an opening adjunct closed
/// by a comma ("Then, in 2017, Kerry ..."): a phrase of names, known source
/// words, or a determiner and one noun ("The judge").
pub fn opening_subject(ctx: &Context) -> Option<Phrase> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let mut start = (0..t.len()).find(|&i| t.is_word(i))?;
    if t.list[start].in_quote || start > 0 && t.is_quote(start - 1) {
        return None;
    }
    // "But other advisers ...": a conjunction opens the sentence, not the subject.
    let conjunction = matches!(t.lower(start), "and" | "but" | "or" | "so" | "yet");
    if conjunction && t.is_word(start + 1) {
        start += 1;
    }
    // "And then the mayor ...", "Then Kovac ...": a time word, after the
    // conjunction or alone, before the subject.
    let time_word =
        matches!(t.lower(start), "then" | "later" | "now") || conjunction && t.lower(start) == "so";
    if time_word && t.is_word(start + 1) {
        start += 1;
    }
    // "WASHINGTON — Sen. Ada Ruiz ...": the dateline is no part of the clause.
    if let Some(after) = after_dateline(ctx, start) {
        start = after;
    }
    // "About 50 skippers gathered": a count, not an adjunct ("About the
    // levy, ...").
    let approximate_count = is_estimate(ctx, start);
    let known_opener = lex.sentence_starters.contains(t.lower(start))
        || participle_with_preposition(ctx, start, start)
        || !t.list[start].capitalised
        || approximate_count;
    // "Last week, the campaign ...", "Speaking on Sunday, the mayor ...".
    let adjunct = (!known_opener)
        .then(|| capitalised_adjunct(ctx, start))
        .flatten();
    if let Some(comma) = adjunct {
        start = comma + 1;
    }
    if !t.is_word(start) {
        return None;
    }
    // "He greeted supporters and told them that ...": a pronoun subject.
    let pronoun_at = |i: usize| {
        (t.is_word(i) && lex.pronouns.contains_key(t.lower(i)) && t.is_word(i + 1)).then_some(
            Phrase {
                first: i,
                last: i,
                pronoun: true,
            },
        )
    };
    if let Some(pronoun) = pronoun_at(start) {
        return Some(pronoun);
    }
    let opener = t.lower(start);
    let determiner = is_known_word(ctx, opener) || POSSESSIVES.contains(&opener);
    // "But the mayor", "Last week, the mayor": lower case after either.
    let lower_subject = (conjunction || adjunct.is_some()) && determiner;
    // "Speaking at a town hall, Trump ...": a participle and its preposition.
    let participle = participle_with_preposition(ctx, start, start);
    // "50 skippers signed": a count opens the subject.
    let count = is_count(ctx, start)
        && (is_known_word(ctx, t.lower(start + 1)) || is_plural_noun(ctx, start + 1));
    if !t.list[start].capitalised && !lower_subject && !count
        || lex.sentence_starters.contains(opener) && !determiner
        || participle
    {
        // An opening adjunct: the subject follows its last comma.
        // Up to MAX_OPENING_ADJUNCT tokens, then their comma.
        let comma = (start..(start + MAX_OPENING_ADJUNCT + 1).min(t.len()))
            .rev()
            .find(|&c| t.is_punct(c, ','))?;
        start = comma + 1;
        // "Back on the island, he returned ...".
        if let Some(pronoun) = pronoun_at(start) {
            return Some(pronoun);
        }
    }
    let mut end = start;
    let mut lower_run = 0;
    while end < t.len() && end - start < MAX_TOKENS {
        // "Mr. Cruz": the period of a title or an initial is part of the name.
        if t.is_punct(end, '.') && end > start && is_name_period(ctx, end) {
            end += 1;
            continue;
        }
        if !t.is_word(end) || t.list[end].in_quote {
            break;
        }
        let w = t.lower(end);
        let fits = if t.list[end].capitalised
            || is_known_word(ctx, w)
            || is_possessive(w)
            || end == start && POSSESSIVES.contains(&w)
            // "50 skippers", "Fifty skippers": a count and its group.
            || is_count(ctx, end)
                && (is_known_word(ctx, t.lower(end + 1)) || is_plural_noun(ctx, end + 1))
            || end > start
                && (is_count(ctx, end - 1) || ctx.roles[end - 1].is_some_and(|r| r.cardinal))
                && is_plural_noun(ctx, end)
        {
            true
        } else {
            // One lower-case noun after a determiner, modifier or possessive:
            // "the judge", "his lawyer"; not an adverb after a name.
            lower_run += 1;
            let prev = end
                .checked_sub(1)
                .filter(|&p| p >= start)
                .map(|p| t.lower(p));
            lower_run == 1
                && (prev.is_some_and(|p| {
                    lex.source_modifiers.contains(p) || POSSESSIVES.contains(&p) || is_possessive(p)
                }) || end > start && between_names(ctx, end))
        };
        if !fits {
            break;
        }
        end += 1;
    }
    // "Hundreds of demonstrators": the group's postmodifier too, when the
    // phrase reads back to the start from its end.
    group_postmodifier_end(ctx, start, end)
        .and_then(|longer| left_of(ctx, longer).filter(|p| p.first == start))
        .or_else(|| left_of(ctx, end).filter(|p| p.first == start))
}

/// Most words after "of" in a group's postmodifier that opens the
/// sentence ("Hundreds of pro-ferry demonstrators").
const MAX_GROUP_POSTMODIFIER: usize = 4;

/// Where a group's postmodifier ends, when the opening phrase `start..end`
/// is a quantity or a group and "of" follows it: "Hundreds | of pro-ferry
/// demonstrators", "Small groups | of skippers".
fn group_postmodifier_end(ctx: &Context, start: usize, end: usize) -> Option<usize> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let head = end.checked_sub(1).filter(|&h| h >= start)?;
    let w = t.lower(head);
    let group = lex.quantity_words.contains(w)
        || lex.anonymous_heads.contains(w)
        || matches!(w, "group" | "groups" | "crowd" | "crowds");
    if !(group && t.is_word(end) && t.lower(end) == "of") {
        return None;
    }
    // The run of words up to a verb or a preposition; its last plural or
    // head word ends the phrase ("of pro-ferry demonstrators | marched").
    (end + 1..(end + 1 + MAX_GROUP_POSTMODIFIER).min(t.len()))
        .take_while(|&i| {
            let w = t.lower(i);
            t.is_word(i)
                && !t.list[i].in_quote
                && !ctx.is_verb(i)
                && !w.ends_with("ed")
                && !lex.source_prepositions.contains(w)
                && !lex.auxiliaries.contains(w)
                && !lex.clause_verbs.contains(w)
        })
        .filter(|&i| is_plural_noun(ctx, i) || is_head_word(ctx, t.lower(i)))
        .last()
        .map(|last| last + 1)
}

/// Longest dateline before its dash ("PARIS, Aug. 31 (Reuters) —"), in tokens.
const MAX_DATELINE: usize = 12;

/// The token after a dateline that opens the sentence ("WASHINGTON —",
/// "PARIS, Aug. 31 (Reuters) -", "Kyiv (AFP) –"): capitalised words,
/// numbers, commas and periods up to a dash, opening with a word in
/// capitals or closing with an agency's name in parentheses. A name with
/// its party ("Sen. Ada Ruiz (D-Ore.) —") is no dateline.
fn after_dateline(ctx: &Context, start: usize) -> Option<usize> {
    let t = ctx.tokens;
    let is_dash = |i: usize| t.is_punct(i, '—') || t.is_punct(i, '–') || t.is_punct(i, '-');
    let dash = (start + 1..(start + MAX_DATELINE).min(t.len())).find(|&i| is_dash(i))?;
    let plain = (start..dash).all(|i| {
        if t.is_word(i) {
            t.list[i].capitalised || t.lower(i).bytes().all(|b| b.is_ascii_digit())
        } else {
            [',', '.', '(', ')'].iter().any(|&c| t.is_punct(i, c))
        }
    });
    let text = |i: usize| ctx.slice(Span::new(t.list[i].start, t.list[i].end));
    let capitals = text(start).len() > 2 && !text(start).bytes().any(|b| b.is_ascii_lowercase());
    let agency = dash >= start + 3
        && t.is_punct(dash - 1, ')')
        && t.is_punct(dash - 3, '(')
        && t.is_word(dash - 2)
        && text(dash - 2).len() > 1
        && !text(dash - 2).contains('-');
    (plain && (capitals || agency) && t.is_word(dash + 1)).then_some(dash + 1)
}

/// The comma closing an adjunct that opens the sentence ("Like Canada,",
/// "Last week,", "Speaking on Sunday,"), after any dateline.
pub fn opening_adjunct_comma(ctx: &Context) -> Option<usize> {
    let t = ctx.tokens;
    let first = (0..t.len()).find(|&i| t.is_word(i))?;
    let start = after_dateline(ctx, first).unwrap_or(first);
    t.list[start]
        .capitalised
        .then(|| capitalised_adjunct(ctx, start))
        .flatten()
}

/// Longest adjunct before the subject that a capitalised word opens, in
/// tokens ("Speaking to reporters at the airport on Sunday,").
const MAX_CAPITALISED_ADJUNCT: usize = 12;

/// Words that open an adjunct at the start of a sentence besides the
/// prepositions of [`super::relation::ADJUNCT_OPENERS`].
const OPENING_ADJUNCT_WORDS: &[&str] = &[
    "amid",
    "like",
    "unlike",
    "beyond",
    "alongside",
    "following",
    "over",
    "under",
    "back",
    "here",
    "shortly",
    "inside",
    "outside",
];

/// Of [`super::relation::ADJUNCT_OPENERS`], those that open no adjunct of
/// their own at the start of a sentence: "This includes ...", "As the
/// minister noted, ...", "According to ...".
const NOT_OPENING_ADJUNCTS: &[&str] = &["this", "as", "according"];

/// Words of a time phrase besides time words and numbers ("A month later",
/// "Earlier this week", "Back in 1999", "Over the past two weeks").
const TIME_PHRASE_WORDS: &[&str] = &[
    "a", "an", "the", "this", "that", "last", "next", "past", "later", "ago", "earlier", "before",
    "after", "back", "in", "on", "of", "for", "over", "few", "several", "one",
];

/// Words after which a participle in -ed opens an adjunct ("Asked about
/// the vote", "Reached by phone"); a name in -ed is followed by a verb.
const AFTER_ED_PARTICIPLE: &[&str] = &[
    "about", "after", "at", "by", "during", "for", "from", "how", "if", "in", "on", "to", "what",
    "whether", "why", "with",
];

/// The comma that closes an adjunct opening with the capitalised word at
/// `start`: a preposition ("Inside the hall,", "Like Corker,"), a time
/// phrase ("Last month,", "Sunday morning,", "A month later,", "Back in
/// 1999,"), a sentence adverb ("Essentially,"), or a participle ("Asked
/// about the vote,", "Speaking Sunday on a radio show,").
fn capitalised_adjunct(ctx: &Context, start: usize) -> Option<usize> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let comma = (start + 1..(start + MAX_CAPITALISED_ADJUNCT + 1).min(t.len()))
        .take_while(|&i| !t.is_quote(i))
        .find(|&i| t.is_punct(i, ','))?;
    let first = t.lower(start);
    let opens = |w: &str| {
        super::relation::ADJUNCT_OPENERS.contains(&w) && !NOT_OPENING_ADJUNCTS.contains(&w)
            || OPENING_ADJUNCT_WORDS.contains(&w)
    };
    // "Even before the polls closed,", "Soon after the vote,": a word
    // before the adjunct's own opener.
    let preposition = opens(first)
        || t.is_word(start + 1)
            && matches!(
                t.lower(start + 1),
                "before" | "after" | "since" | "when" | "while"
            );
    // Every word a time word, a number or a word of a time phrase, and a
    // time word or number among them.
    let timely = |i: usize| {
        let w = t.lower(i);
        ctx.rules.is_time_word(w)
            || lex.cardinal_words.contains(w)
            || w.bytes().all(|b| b.is_ascii_digit())
    };
    let mut words = (start..comma).filter(|&i| t.is_word(i));
    let time = words.clone().nth(5).is_none()
        && words.clone().any(timely)
        && words.all(|i| timely(i) || TIME_PHRASE_WORDS.contains(&t.lower(i)));
    let adverb = comma == start + 1 && first.len() > 4 && first.ends_with("ly");
    // A name in -ing or -ed ("Irving", "Husted") is followed by its verb.
    let next = t.is_word(start + 1).then(|| t.lower(start + 1));
    let participle = first.len() > 4
        && next.is_some_and(|n| {
            if first.ends_with("ing") {
                !ctx.is_verb(start + 1) && !lex.auxiliaries.contains(n)
            } else {
                first.ends_with("ed") && AFTER_ED_PARTICIPLE.contains(&n)
            }
        });
    (preposition || time || adverb || participle).then_some(comma)
}

/// The source phrase that starts at token `start`, read rightwards up to
/// punctuation, a quotation or a relative clause: "according to *the readout
/// of the call between Austin and Shoygu*".
pub fn right_of(ctx: &Context, start: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    // "in which ...", "by whom ...": a relative clause opens, no phrase.
    if !t.is_word(start)
        || t.list[start].in_quote
        || matches!(t.lower(start), "that" | "which" | "whom" | "whose")
    {
        return None;
    }
    if lex.pronouns.contains_key(t.lower(start)) {
        return Some(Phrase {
            first: start,
            last: start,
            pronoun: true,
        });
    }
    let mut last = start;
    let mut j = start;
    while j < t.len() && j - start < MAX_TOKENS {
        if t.is_word(j) {
            let w = t.lower(j);
            // A cue verb ends the phrase, unless a determiner or a
            // preposition makes it a noun: "the readout of *the call*",
            // "data released by *state* regulators".
            let after_preposition =
                j > start && matches!(t.lower(j - 1), "by" | "of" | "from" | "for" | "with");
            // "according to a congressional *report*": a determiner and a
            // modifier make it a noun too.
            let modified = j == start + 2
                && !w.ends_with("ing")
                && (matches!(t.lower(start), "a" | "an" | "the")
                    || POSSESSIVES.contains(&t.lower(start)))
                && t.is_word(j - 1)
                && !t.list[j - 1].capitalised
                && !ctx.rules.lexicon.function_words.contains(t.lower(j - 1))
                && !ctx.is_verb(j - 1);
            let made_noun = is_determiner(ctx, j - 1)
                || modified
                || after_preposition
                || j > start && is_name_word(ctx, j);
            let verb = ctx.is_verb(j) && !made_noun;
            // "said Sean Spicer | in a Friday tweet", "the Ministry of
            // Health | in Kyiv": after a name, where and when it was said,
            // not more of the name ("officials in Kyiv" is a group).
            let after_name = j > start
                && t.is_word(j - 1)
                && t.list[j - 1].capitalised
                && ADJUNCT_AFTER_NAME.contains(&w);
            if j > start
                && (after_name
                    || is_subject_pronoun(w)
                    || matches!(
                        w,
                        "that"
                            | "which"
                            | "who"
                            | "whose"
                            | "when"
                            | "and"
                            | "but"
                            | "whether"
                            | "if"
                            | "how"
                            | "why"
                    )
                    || verb)
            {
                break;
            }
            last = j;
        } else if !(t.is_punct(j, '.') && is_name_period(ctx, j)
            || t.is_punct(j, '/') && t.is_word(j + 1) && t.is_word(j - 1))
        {
            break;
        }
        j += 1;
    }
    Some(Phrase {
        first: start,
        last,
        pronoun: false,
    })
}

/// Prepositions that open an adjunct after a name, not a postmodifier of it.
const ADJUNCT_AFTER_NAME: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "via", "through", "over", "while",
];

/// Whether token `i` is a number that counts: not a year ("In 2019
/// officials said" names officials, not 2019 of them).
fn is_count(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    t.is_number(i) && {
        let w = t.lower(i);
        !(w.len() == 4
            && w.bytes().all(|b| b.is_ascii_digit())
            && matches!(w.as_bytes()[0], b'1' | b'2'))
    }
}

/// Whether token `i` makes the number after it an estimate: "*About* 50
/// skippers", "*nearly* 200 said".
fn is_estimate(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    t.is_word(i) && APPROXIMATORS.contains(&t.lower(i)) && t.is_number(i + 1)
}

/// Words that make a number an estimate ("About 50 skippers").
const APPROXIMATORS: &[&str] = &[
    "about",
    "nearly",
    "almost",
    "roughly",
    "some",
    "approximately",
    "around",
];

/// Quantifiers that are source heads only when they stand alone.
pub(super) const QUANTIFIERS: &[&str] =
    &["many", "most", "several", "some", "few", "both", "another"];

/// The phrase cut after its first head word ("a survey | published by the
/// council"), when it has one.
pub fn trim_to_head(ctx: &Context, phrase: Phrase) -> Phrase {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    // A quantifier heads a phrase only standing alone ("most said"); before
    // more of the phrase it is a modifier ("the most recent poll").
    let modifier = |i: usize| {
        QUANTIFIERS.contains(&t.lower(i))
            && i < phrase.last
            && t.is_word(i + 1)
            && !lex.source_prepositions.contains(t.lower(i + 1))
    };
    let last = (phrase.first..=phrase.last)
        .find(|&i| t.is_word(i) && is_head_word(ctx, t.lower(i)) && !modifier(i));
    Phrase {
        last: last.unwrap_or(phrase.last),
        ..phrase
    }
}

/// Whether token `i` is a determiner that makes the next word a noun ("the call").
pub fn is_determiner(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    t.is_word(i)
        && (matches!(
            t.lower(i),
            "the" | "a" | "an" | "this" | "that" | "each" | "every"
        ) || POSSESSIVES.contains(&t.lower(i))
            || is_possessive(t.lower(i)))
}

/// A period inside a name, after a title abbreviation ("Gen. Mark Milley")
/// or an initial ("Paul H. Chipok").
pub(super) fn is_name_period(ctx: &Context, period: usize) -> bool {
    let t = ctx.tokens;
    let Some(before) = period.checked_sub(1).filter(|&b| t.is_word(b)) else {
        return false;
    };
    let w = ctx.slice(Span::new(t.list[before].start, t.list[before].end));
    let initial = w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase();
    t.is_word(period + 1)
        && t.list[period + 1].capitalised
        && (initial || ctx.rules.lexicon.titles.contains(t.lower(before)))
}

/// Whether token `i` is the period of a name suffix ("Joseph R. Biden
/// Jr.", "James B. Comey Jr., the director"), which ends no phrase.
pub(super) fn is_suffix_period(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    i >= 1 && t.is_punct(i, '.') && t.is_word(i - 1) && matches!(t.lower(i - 1), "jr" | "sr")
}

/// Whether word `i` is a dotted abbreviation ("U.S", "E.U").
fn dotted(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    let w = ctx.slice(Span::new(t.list[i].start, t.list[i].end));
    t.is_word(i) && t.list[i].capitalised && w.len() >= 3 && w.contains('.')
}

/// Whether `period` ends a dotted abbreviation ("U.S.", "F.B.I.") that a
/// source phrase keeps as a modifier of the lower-case head after it ("the
/// F.B.I. director", "U.S. officials"); before a name it stays outside
/// ("a letter from U.S. | Senator Ruiz").
fn ends_dotted_abbreviation(ctx: &Context, period: usize) -> bool {
    let t = ctx.tokens;
    period > 0
        && t.is_punct(period, '.')
        && t.is_word(period + 1)
        && !t.list[period + 1].capitalised
        && dotted(ctx, period - 1)
}

/// Whether `w` heads a source phrase by itself (official, ministry, report, governor).
pub fn is_head_word(ctx: &Context, w: &str) -> bool {
    ctx.rules.is_source_head(w)
}

/// Longest description before a name, determiner included ("her campaign
/// manager").
const MAX_NAME_DESCRIPTION_TOKENS: usize = 3;

/// Longest run of lower-case words between a determiner and its head
/// ("the billionaire real estate *magnate*").
const MAX_DESCRIPTION_WORDS: usize = 4;

/// Where a description ending at `head` begins: a determiner or possessive
/// followed only by plain lower-case words (no function words, no cue
/// verbs), within a few words.
fn described_from(ctx: &Context, head: usize) -> Option<usize> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let mut i = head;
    for _ in 0..=MAX_DESCRIPTION_WORDS {
        i = i.checked_sub(1)?;
        if !t.is_word(i) || t.list[i].in_quote {
            return None;
        }
        let w = t.lower(i);
        if matches!(w, "the" | "a" | "an") || POSSESSIVES.contains(&w) || is_possessive(w) {
            return Some(i);
        }
        let plain = !t.list[i].capitalised
            && !lex.sentence_starters.contains(w)
            && !lex.source_prepositions.contains(w)
            && !ctx.is_verb(i);
        if !plain {
            return None;
        }
    }
    None
}

/// Whether token `i` can stand before a noun inside a phrase: a determiner,
/// a known modifier, a possessive, a capitalised word, or one noun used as a
/// modifier right after one of those ("the county auditor").
fn opens_phrase(ctx: &Context, i: usize) -> bool {
    determines(ctx, i)
        || i > 0
            && ctx.tokens.is_word(i)
            && !ctx.tokens.list[i].capitalised
            && determines(ctx, i - 1)
}

fn determines(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    t.is_word(i) && {
        let w = t.lower(i);
        t.list[i].capitalised
            || t.is_number(i)
            || ctx.rules.lexicon.source_modifiers.contains(w)
            || POSSESSIVES.contains(&w)
            || is_possessive(w)
    }
}

fn is_known_word(ctx: &Context, w: &str) -> bool {
    ctx.rules.is_source_word(w)
}

/// Whether a phrase is an unmistakable subject: a pronoun, or a head word
/// that names a source ("a new poll", "officials", "analysts").
pub fn is_plain_subject(ctx: &Context, phrase: &Phrase) -> bool {
    let t = ctx.tokens;
    // A postmodifier may follow a document ("polls in Iowa", "records
    // from the last cycle"), not any head ("his home state of
    // Vermont shows").
    let head = head_of(ctx, phrase);
    phrase.pronoun
        || is_head_word(ctx, t.lower(phrase.last))
        || is_plural_noun(ctx, phrase.last)
        || ctx.rules.lexicon.document_heads.contains(t.lower(head))
}

/// The last token of the phrase's head, which ends before the first joining
/// preposition ("the readout | of the call", "polls | in Iowa") or a
/// participle with its agent ("data | released Friday by state regulators").
pub fn head_of(ctx: &Context, phrase: &Phrase) -> usize {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    // "a CBS poll | released Monday": a participle after a document.
    let after_document = |i: usize| {
        is_participle(t.lower(i)) && t.is_word(i - 1) && lex.document_heads.contains(t.lower(i - 1))
    };
    (phrase.first + 1..=phrase.last)
        .find(|&i| {
            t.is_word(i)
                && !t.list[i].capitalised
                && (lex.source_prepositions.contains(t.lower(i))
                    || participle_with_agent(ctx, i)
                    || after_document(i))
        })
        .map_or(phrase.last, |i| i - 1)
}

/// Whether a word reads as a past participle after a noun ("a poll
/// *released* Monday", "a survey *taken* last week"): regular in -ed, or
/// one of the irregular ones news copy puts after a document.
pub(super) fn is_participle(w: &str) -> bool {
    w.ends_with("ed")
        || matches!(
            w,
            "taken" | "given" | "done" | "held" | "run" | "made" | "written" | "sent"
        )
}

/// A lower-case word that reads as a plural noun: ends in "s" (not "ss",
/// "us" or "is"), is no function word and no cue verb form ("reports").
pub(super) fn is_plural_noun(ctx: &Context, j: usize) -> bool {
    !ctx.tokens.list[j].capitalised && plural_shape(ctx, j)
}

/// Whether word `j`, in either case, has a plural noun's shape: "-s", not
/// "-ss", "-us", "-is" or a possessive, no function word and no cue verb.
fn plural_shape(ctx: &Context, j: usize) -> bool {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    // "the councillors'": the plural an owner's apostrophe follows.
    let w = t.lower(j);
    let w = if w.ends_with("s'") {
        &w[..w.len() - 1]
    } else if w.ends_with("s’") {
        &w[..w.len() - '’'.len_utf8()]
    } else {
        w
    };
    t.is_word(j)
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("’s")
        && !lex.function_words.contains(w)
        && !ctx.is_verb(j)
}

/// Whether the lower-case word `j` stands between two capitalised words as a
/// title ("Republican *nominee* Donald Trump"), not as a function word.
fn between_names(ctx: &Context, j: usize) -> bool {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let w = t.lower(j);
    j > 0
        && t.is_word(j - 1)
        && t.list[j - 1].capitalised
        && t.is_word(j + 1)
        && t.list[j + 1].capitalised
        && !lex.function_words.contains(w)
        && !lex.sentence_starters.contains(w)
        && !ctx.is_verb(j)
        // "Mr. Carson endorsed Mr. Trump": a verb in the past, not a title.
        && !w.ends_with("ed")
}

/// Whether token `i` is a capitalised word inside running text: after a
/// word (not at the start, after a quotation mark or a colon).
pub fn is_name_word(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    t.list[i].capitalised && i > 0 && t.is_word(i - 1)
}

/// Whether token `first` is a participle ("Speaking") with a source
/// preposition after it, up to the token after `last`: the opening adjunct
/// "Speaking at a town hall, ...", never a subject.
pub fn participle_with_preposition(ctx: &Context, first: usize, last: usize) -> bool {
    let t = ctx.tokens;
    t.lower(first).ends_with("ing")
        && (first + 1..=last + 1)
            .any(|i| t.is_word(i) && ctx.rules.lexicon.source_prepositions.contains(t.lower(i)))
}

/// Whether word `j` joins a source's head to what follows it: a source
/// preposition, or "to" after one ("a source close to the campaign").
fn joins_source(ctx: &Context, j: usize) -> bool {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let w = t.lower(j);
    lex.source_prepositions.contains(w)
        || w == "to"
            && j > 0
            && t.is_word(j - 1)
            && lex.source_prepositions.contains(t.lower(j - 1))
}

/// A pronoun that can only open a clause, contracted or not ("he", "she’s").
pub fn is_subject_pronoun(w: &str) -> bool {
    ["he", "she", "they", "we", "i"].iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['\'', '’']))
    })
}

/// Whether the capitalised word `i`, a function word elsewhere ("Will",
/// "May"), stands as a name: after a comma, a quotation or a relative word,
/// outside a quotation ('"...," Will wrote.', "which Will claims").
pub(super) fn function_word_as_name(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    i > 0
        && t.list[i].capitalised
        && !t.list[i].in_quote
        && (t.is_punct(i - 1, ',')
            || t.is_quote(i - 1)
            || t.is_word(i - 1) && matches!(t.lower(i - 1), "which" | "that" | "as"))
}

/// The subject pronoun a possessive determiner stands for ("his" for
/// "he"): what a pronoun owner is resolved as. Any other word as it is.
pub fn subject_form(w: &str) -> &str {
    match w {
        "his" => "he",
        "her" => "she",
        "their" => "they",
        "its" => "it",
        _ => w,
    }
}

/// How many bytes of a word are its possessive ending ("’s" of "Ash’s",
/// "'" of "senators'"): none for any other word.
fn possessive_ending(w: &str) -> usize {
    // Most words end in neither an "s" nor an apostrophe's last byte.
    let Some(&last) = w.as_bytes().last() else {
        return 0;
    };
    if last != b's' && last != b'\'' && last != 0x99 {
        return 0;
    }
    ["'s", "’s", "s'", "s’"]
        .iter()
        .find(|e| w.ends_with(*e) && w.len() > e.len())
        .map_or(0, |e| e.len() - usize::from(e.starts_with('s')))
}

/// A word with a possessive ending ("Ash’s", "senators'").
pub(super) fn is_possessive(w: &str) -> bool {
    possessive_ending(w) > 0
}

/// Whether a person's name may open the sentence's clause (see
/// [`is_personal_name`]), after an opening adjunct too ("At first, Mr.
/// Rubio ..."): a capitalised word, no sentence opener, before another
/// capitalised word or a title's period, or a known surname, among the
/// first words.
pub fn may_open_with_name(ctx: &Context, surnames: &HashSet<Box<str>>) -> bool {
    let t = ctx.tokens;
    let capitalised = |i: usize| t.is_word(i) && t.list[i].capitalised;
    (0..t.len().min(MAX_OPENING_ADJUNCT + 4)).any(|i| {
        // A lone word where a clause opens: the sentence's first, or after
        // the adjunct's comma.
        let opens_clause = i == 0 || t.is_punct(i - 1, ',');
        capitalised(i)
            && (capitalised(i + 1)
                || t.is_punct(i + 1, '.')
                || opens_clause && surnames.contains(ctx.token_text(i)))
            && !ctx.rules.lexicon.sentence_starters.contains(t.lower(i))
    })
}

/// Whether a subject reads as a person's name: two capitalised words at
/// its end ("Ines Kovac", "Mr. Hurt") after no sentence opener ("Though
/// Sanders"), or one word already known as a surname (`surnames`, as
/// written). "Often," or "Democratic leaders" names no one.
pub fn is_personal_name(ctx: &Context, p: &Phrase, surnames: &HashSet<Box<str>>) -> bool {
    let t = ctx.tokens;
    let capitalised = |i: usize| t.is_word(i) && t.list[i].capitalised;
    if p.pronoun || !capitalised(p.last) {
        return false;
    }
    if p.first == p.last {
        return !t.is_punct(p.last + 1, ',') && surnames.contains(ctx.token_text(p.last));
    }
    // The word before the last, across a title's period ("Mr. Hurt").
    let before = if t.is_punct(p.last - 1, '.') {
        p.last.checked_sub(2)
    } else {
        Some(p.last - 1)
    };
    before.is_some_and(|b| b >= p.first && capitalised(b))
        && !ctx
            .rules
            .lexicon
            .sentence_starters
            .contains(t.lower(p.first))
}

/// What a phrase names, pointing at the (interned) rule texts and the
/// text: most phrases classified are weighed and dropped (a relation that
/// loses, a phrase whose kind alone is asked), so nothing is copied until
/// one becomes an attribution's source ([`Named::to_source`]).
#[derive(Debug, Clone, Copy)]
pub struct Named {
    /// Registry id when the mention resolves to a registered source.
    pub id: Option<&'static str>,
    /// Registry kind, or `person`, `organization`, `anonymous`, `document`.
    pub kind: &'static str,
    /// The mention.
    pub span: Span,
}

impl Named {
    /// The source as the model holds it.
    pub fn to_source(self, ctx: &Context) -> Source {
        Source {
            id: self.id.map(str::to_owned),
            kind: self.kind.to_owned(),
            text: ctx.slice(self.span).to_owned(),
            span: self.span,
        }
    }
}

/// What the phrase names.
pub fn classify(ctx: &Context, phrase: &Phrase) -> Named {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    // An owner ("the Pentagon's view") is named without its possessive
    // ending, and classified by its head without it.
    let ending = possessive_ending(t.lower(phrase.last));
    let span = phrase.span(ctx);
    let span = Span::new(span.start, span.end - ending);
    let head_last = head_of(ctx, phrase);
    let head_word = t.lower(head_last);
    let (head_word, head_end) = if head_last == phrase.last {
        (&head_word[..head_word.len() - ending], span.end)
    } else {
        (head_word, t.list[head_last].end)
    };
    let first_word_end = t.list[phrase.first].end;
    for alias in ctx.aliases_in(span) {
        // The name ends the head ("the Pentagon"), or the whole phrase when
        // it takes in the head ("the readout of the call"); a name in a
        // postmodifier is no head ("a staffer at the State Department").
        let covers_head = alias.end == head_end || alias.end == span.end && alias.start < head_end;
        let opens = alias.start == span.start
            || alias.start <= first_word_end + 1
                && lex.source_modifiers.contains(t.lower(phrase.first));
        if covers_head || (opens && alias.end >= head_end) {
            let (id, kind) = ctx.rules.source_texts(alias.source);
            let mention = if alias.end == span.end {
                span
            } else {
                Span::new(alias.start, alias.end)
            };
            return Named {
                id: Some(id),
                kind,
                span: mention,
            };
        }
    }
    let head = appositive_head(ctx, phrase).unwrap_or(head_word);
    let kind = if phrase.pronoun {
        "person"
    } else if lex.anonymous_heads.contains(head) || head == "those" || counts_people(ctx, head_last)
    {
        // "Those who oppose the ban", "At least 300 said": unnamed people.
        "anonymous"
    } else if lex.document_heads.contains(head) {
        "document"
    } else if lex.outlet_heads.contains(head) && t.list[head_last].capitalised {
        "news-outlet"
    } else if lex.organization_heads.contains(head)
        || is_acronym(ctx.slice(Span::new(t.list[head_last].start, head_end)))
    {
        "organization"
    } else if is_plural_noun(ctx, head_last)
        && (phrase.first..=phrase.last).all(|i| {
            !t.list[i].capitalised
                || dotted(ctx, i)
                || matches!(t.lower(i), "the" | "these" | "those")
                || QUANTIFIERS.contains(&t.lower(i))
                // "Two skippers", "About 50 skippers": a count opening the
                // sentence.
                || ctx.roles[i].is_some_and(|r| r.cardinal)
                || is_estimate(ctx, i)
        })
        || opens_with_group(ctx, phrase, head_last)
    {
        // "several drivers", "transport researchers", "E.U. leaders", "The
        // island councillors" (capitalised where the sentence opens),
        // "Members of Congress": a group, unnamed.
        "anonymous"
    } else if names_place(ctx, phrase) {
        // "Moscow said": a capital for its government.
        "government"
    } else {
        "person"
    };
    Named {
        id: None,
        kind,
        span,
    }
}

/// Whether the head is a count standing for people ("At least 300 said",
/// "the nearly 120,000 who came", "Four in 10 voters"): digits, but no
/// year's four ("to 2016:"), or a cardinal word, and no name before it
/// ("Rule 40", "ABC 7").
fn counts_people(ctx: &Context, head: usize) -> bool {
    let t = ctx.tokens;
    let w = t.lower(head);
    let digits = t.is_number(head) && w.bytes().all(|b| b.is_ascii_digit() || b == b',');
    let cardinal = ctx.roles[head].is_some_and(|r| r.cardinal);
    (digits && w.len() != 4 || cardinal)
        && !(head > 0 && t.is_word(head - 1) && t.list[head - 1].capitalised)
}

/// Whether the phrase opens the sentence with a plural head, capitalised
/// there, and a postmodifier after it: "Members of the council", "Leaders
/// from both parties".
fn opens_with_group(ctx: &Context, phrase: &Phrase, head: usize) -> bool {
    let t = ctx.tokens;
    head == phrase.first
        && head < phrase.last
        && (0..head).all(|i| !t.is_word(i))
        && plural_shape(ctx, head)
}

/// Most words of a place's name ("Abu Dhabi", "the United Kingdom").
const MAX_PLACE_WORDS: usize = 3;

/// Whether the phrase is a country or capital of the lexicon's `places`,
/// "the" aside: capitalised words only, so that "the west" is no place.
fn names_place(ctx: &Context, phrase: &Phrase) -> bool {
    let t = ctx.tokens;
    let first = if t.lower(phrase.first) == "the" {
        phrase.first + 1
    } else {
        phrase.first
    };
    let words = first..=phrase.last;
    if words.is_empty()
        || phrase.last + 1 - first > MAX_PLACE_WORDS
        || !words.clone().all(|i| t.is_word(i) && t.list[i].capitalised)
    {
        return false;
    }
    let mut name = String::new();
    for i in words {
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(t.lower(i));
    }
    ctx.rules.lexicon.places.contains(&name)
}

/// Longest stretch between a participle and the "by" of its agent, in tokens.
const MAX_PARTICIPLE_TO_AGENT: usize = 3;

/// Whether token `i` is a participle whose agent follows ("released
/// Friday *by*", "published *by*"): a reduced relative clause after a noun.
fn participle_with_agent(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    t.lower(i).ends_with("ed")
        && i > 0
        && t.is_word(i - 1)
        && !is_determiner(ctx, i - 1)
        && (i + 1..=(i + MAX_PARTICIPLE_TO_AGENT).min(t.len().saturating_sub(1)))
            .take_while(|&j| t.is_word(j))
            .any(|j| t.lower(j) == "by")
}

fn is_acronym(word: &str) -> bool {
    // "AT&T", "P&G": capitals joined by an ampersand.
    word.len() >= 2
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_uppercase() || c == '&')
}

/// The head of an appositive right after a name ("Ukrenergo, the national
/// grid operator, said"), when it says what kind of source the name is.
fn appositive_head<'t>(ctx: &'t Context, phrase: &Phrase) -> Option<&'t str> {
    let t = ctx.tokens;
    if !t.is_punct(phrase.last + 1, ',') || !t.list[phrase.last].capitalised {
        return None;
    }
    // A clause is no appositive: "Mr. Ferreira, recalling his years on the
    // council," says nothing of what Mr. Ferreira is.
    let opens = phrase.last + 2;
    if t.is_word(opens)
        && (t.lower(opens).ends_with("ing") || matches!(t.lower(opens), "who" | "whose" | "which"))
    {
        return None;
    }
    let close = (phrase.last + 2..(phrase.last + 10).min(t.len())).find(|&i| !t.is_word(i))?;
    let head = t.lower(close.checked_sub(1)?);
    let lex = &ctx.rules.lexicon;
    // "Stewart Voss, a port official": a named official is a person, not
    // an anonymous source, so anonymous heads describe nothing here.
    let known = lex.organization_heads.contains(head) || lex.document_heads.contains(head);
    (close > phrase.last + 2 && known).then_some(head)
}

/// The head word of a definite description that refers back ("the
/// official", "the ministry"): "the" and one known head word.
pub fn definite_head<'t>(ctx: &'t Context, phrase: &Phrase) -> Option<&'t str> {
    let t = ctx.tokens;
    if phrase.last != phrase.first + 1 || t.lower(phrase.first) != "the" {
        return None;
    }
    let head = t.lower(phrase.last);
    is_head_word(ctx, head).then_some(head)
}
