//! Who says it when the speaker is not right before the cue: a name
//! before descriptions set off by commas ("Scott Pruitt, the attorney
//! general of Oklahoma, ..., said"), a name right after a quotation, and the
//! phrase after an inverted cue ("said the governor on Monday").

use super::phrase::{self, Phrase};
use super::relation::{
    is_finite_verb, is_time_word, parenthesis_opening, participle_opener, skip_time,
    MAX_PARENTHESIS_TOKENS,
};
use super::Context;

/// The subject before a parenthesis that ends at token `j - 1` (a comma or
/// dash): "officials, for months, have stated", "Woodrow Benford, 58, who
/// lives outside Minneapolis, says". Tries each earlier comma or dash, the
/// nearest first, until one has a source phrase before it.
pub(super) fn parenthesis_subject(ctx: &Context, j: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    // A closing dash pairs with the opening one, however long the aside
    // ("the families — who put millions behind the ferry company and the
    // pier — believe"); no comma inside or before it stands in.
    if j >= 2 && t.is_dash(j - 1) {
        let open = (j.saturating_sub(MAX_RELATIVE_CLAUSE_TOKENS)..j - 1)
            .rev()
            .find(|&c| t.is_dash(c))?;
        return phrase::left_of(ctx, open).map(|p| named_before_appositive(ctx, p));
    }
    let marks = |c: usize| t.is_punct(c, ',') || t.is_dash(c);
    let found = (j.saturating_sub(MAX_PARENTHESIS_TOKENS)..j.saturating_sub(1))
        .rev()
        .filter(|&c| marks(c))
        .find_map(|c| {
            // "Sen. Rob Portman (R-Ohio), another incumbent, said".
            let end = c
                .checked_sub(1)
                .and_then(|close| parenthesis_opening(ctx, close))
                .unwrap_or(c);
            phrase::left_of(ctx, end)
        })
        .or_else(|| long_relative_subject(ctx, j))?;
    Some(named_before_appositive(ctx, found))
}

/// The subject before a relative clause set off by commas that runs longer
/// than an aside, up to the comma at `j - 1`: "The campaign, which has been
/// shadowed for months by the controversy over the server she used while at
/// the State Department, said". Only a clause that "which", "who" or
/// "whose" opens, with no comma inside.
fn long_relative_subject(ctx: &Context, j: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let open = (j.saturating_sub(MAX_RELATIVE_CLAUSE_TOKENS)..j.checked_sub(1)?)
        .rev()
        .find(|&c| t.is_punct(c, ',') || t.is_dash(c))?;
    let relative = t.is_punct(open, ',')
        && t.is_word(open + 1)
        && matches!(t.lower(open + 1), "which" | "who" | "whose");
    relative.then(|| phrase::left_of(ctx, open)).flatten()
}

/// Most tokens between a speaker's name after a quotation and the comma
/// before the cue: the description of the speaker.
const MAX_DESCRIPTION_TOKENS: usize = 30;

/// The name right after a closing quotation, when a description set off by
/// commas runs from it to the comma at `j - 1` before the cue: '"...,"
/// Mr. Daniloff, now 81 and retired in Cambridge, Mass., said'.
pub(super) fn speaker_after_quote(ctx: &Context, j: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let comma = j.checked_sub(1).filter(|&c| t.is_punct(c, ','))?;
    let quote = (0..comma).rev().find(|&i| t.is_quote(i))?;
    // A closing mark: the quotation's last word or comma stands before it.
    let closes = quote > 0 && (t.list[quote - 1].in_quote || t.is_punct(quote - 1, ','));
    if !closes {
        return None;
    }
    let start = if t.is_punct(quote + 1, ',') {
        quote + 2
    } else {
        quote + 1
    };
    let name = phrase::right_of(ctx, start).filter(|p| !p.pronoun)?;
    // "James B. Comey Jr., the director": a suffix's period before the comma.
    let after = if t.is_punct(name.last + 1, '.') {
        name.last + 2
    } else {
        name.last + 1
    };
    let described = t.is_punct(after, ',') && after < comma;
    let named = t.list[name.first].capitalised && t.list[name.last].capitalised;
    // Nothing in the description that could be another clause's cue.
    let plain = (name.last + 1..comma).all(|i| !ctx.is_verb(i));
    (described && named && plain && comma - name.last <= MAX_DESCRIPTION_TOKENS).then_some(name)
}

/// The name that a description in apposition stands after: "*Scott Pruitt*,
/// the attorney general of Oklahoma, one of the states suing, said". The
/// name must open the clause (at the start or after a quotation), so that
/// "In Kyiv, the minister, ..., said" keeps the minister.
fn named_before_appositive(ctx: &Context, description: Phrase) -> Phrase {
    let t = ctx.tokens;
    let Some(comma) = description
        .first
        .checked_sub(1)
        .filter(|&c| t.is_punct(c, ','))
    else {
        return description;
    };
    let opens_clause = |p: &Phrase| {
        p.first == 0
            || t.is_quote(p.first - 1)
            || p.first >= 2 && t.is_punct(p.first - 1, ',') && t.is_quote(p.first - 2)
    };
    // A name: capitalised words (and the periods of initials), not an
    // opener such as "Similarly," "Earlier Tuesday," or "Speaking in Harlem,".
    let lex = &ctx.rules.lexicon;
    let is_name = |p: &Phrase| {
        (p.first..=p.last).all(|i| t.list[i].capitalised || t.is_punct(i, '.'))
            && !(p.first..=p.last).any(|i| is_time_word(ctx, i))
            && skip_time(ctx, p.first) == p.first
            && !lex.sentence_starters.contains(t.lower(p.first))
            && !t.lower(p.last).ends_with("ly")
            && !participle_opener(ctx, p)
    };
    if is_name(&description) {
        return description; // "Moreover, Jeffrey D. Sachs, director of ..."
    }
    match phrase::left_of(ctx, comma) {
        Some(name) if !name.pronoun && is_name(&name) && opens_clause(&name) => name,
        _ => description,
    }
}

/// Whether the phrase after an inverted cue can be its speaker: a noun
/// phrase, not an adjunct ("said on Monday"), an object ("calling him") or
/// a clause ("said the rule was unlawful"). An agent names a source
/// ("reported by The Washington Post").
pub(super) fn names_a_speaker(ctx: &Context, p: &Phrase) -> bool {
    let t = ctx.tokens;
    let first = t.lower(p.first);
    let agent = first == "by" && t.list.get(p.first + 1).is_some_and(|n| n.capitalised);
    let object = matches!(
        first,
        "him"
            | "her"
            | "them"
            | "me"
            | "us"
            | "himself"
            | "herself"
            | "themselves"
            | "itself"
            | "myself"
            | "ourselves"
    );
    !object
        && (agent || !ctx.rules.lexicon.source_prepositions.contains(first))
        && skip_time(ctx, p.first) == p.first
        && !is_time_word(ctx, p.first)
        && !(p.first..=p.last).any(|i| !t.list[i].capitalised && is_finite_verb(t.lower(i)))
}

/// The phrase without a time adjunct closing it: "said the governor *on
/// Monday*".
pub(super) fn without_trailing_time(ctx: &Context, p: Phrase) -> Phrase {
    let t = ctx.tokens;
    // A capitalised date word after a name is the name's ("Kristen Day").
    let in_name = |i: usize| t.list[i].capitalised && t.list[i - 1].capitalised;
    let Some(i) = (p.first + 1..=p.last).find(|&i| skip_time(ctx, i) == p.last + 1 && !in_name(i))
    else {
        return p;
    };
    // Nor a preposition left dangling: "knew Ali *for* decades".
    let mut last = i - 1;
    while last > p.first
        && ctx
            .rules
            .lexicon
            .source_prepositions
            .contains(t.lower(last))
    {
        last -= 1;
    }
    Phrase { last, ..p }
}

/// The subject that a relative clause or an appositive describes, when the
/// comma at `close` ends it and an earlier comma opens it after a name:
/// "Neel*, who managed ...,*", "Rich Heffley*, a top operative ...,*". A
/// relative clause may run long ("Jansen, whose family has run the café since
/// ... and who sits on the board, said"); an appositive stays short.
pub(super) fn described_subject(ctx: &Context, close: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let open = (close.saturating_sub(MAX_RELATIVE_CLAUSE_TOKENS)..close)
        .rev()
        .find(|&c| t.is_punct(c, ','))
        .filter(|&open| open > 0)?;
    let relative = is_relative_pronoun(ctx, open + 1);
    let appositive = t.is_word(open + 1)
        && matches!(t.lower(open + 1), "which" | "a" | "an" | "the")
        && t.list[open - 1].capitalised
        && (close - open <= MAX_PARENTHESIS_TOKENS
            || (open + 2..close).any(|i| is_relative_pronoun(ctx, i)));
    if !(relative || appositive) {
        return None;
    }
    // The name opens the clause, or a subordinate one ("When the director,
    // Ilse Varga, said ..."): not "In Kyiv, the plan ..., said X".
    let subject = phrase::left_of(ctx, open)
        .filter(|p| p.first == 0 || !t.is_word(p.first - 1) || after_subordinator(ctx, p))?;
    // "Whitlock, chair of the union, which represents deckhands, said":
    // the name before an earlier appositive.
    Some(named_before_appositive(ctx, subject))
}

/// The subject before a relative clause that runs, without commas, up to
/// the cue at `j`: "A deckhand *who worked nights and who asked not to be
/// named* said ...", "residents who want a ban said ...". The clause's
/// own verb must follow its pronoun ("the man who the police said was
/// armed" holds the cue inside the clause), and the subject must open the
/// sentence or a clause.
pub(super) fn before_relative_clause(ctx: &Context, j: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let lex = &ctx.rules.lexicon;
    let words = (j.saturating_sub(MAX_RELATIVE_CLAUSE_TOKENS)..j)
        .rev()
        .take_while(|&i| t.is_word(i) || t.is_punct(i, '\'') || t.is_punct(i, '’'));
    let pronoun = words
        .filter(|&i| is_relative_pronoun(ctx, i))
        .last()
        .filter(|&w| w + 2 < j)?;
    let subject_relative = t.lower(pronoun) == "whose"
        || !(phrase::is_determiner(ctx, pronoun + 1)
            || lex.pronouns.contains_key(t.lower(pronoun + 1))
            || t.list[pronoun + 1].capitalised);
    if !subject_relative {
        return None;
    }
    phrase::left_of(ctx, pronoun)
        .filter(|p| p.first == 0 || t.is_punct(p.first - 1, ',') || after_subordinator(ctx, p))
}

/// Most tokens from a reduced relative clause's participle to the verb
/// ("conducted in May by the harbour board").
const MAX_REDUCED_RELATIVE_TOKENS: usize = 10;

/// The subject a reduced relative clause describes, the clause ending
/// before token `j`: "A spokesman | reached by phone | said", "A survey |
/// conducted in May by the harbour board | showed", "Protesters | marching
/// through the streets | chanted". The participle takes no object but an
/// adjunct: a preposition or a time word follows it ("The council
/// published a report" has its verb there).
pub(super) fn before_reduced_relative(ctx: &Context, j: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    let participle = (j.saturating_sub(MAX_REDUCED_RELATIVE_TOKENS)..j.saturating_sub(1))
        .rev()
        .take_while(|&i| t.is_word(i))
        .filter(|&i| {
            // "Protesters marching through the streets chanted": an -ing
            // form too, when it is no cue of its own.
            let w = t.lower(i);
            !t.list[i].capitalised
                && (phrase::is_participle(w) || w.ends_with("ing") && !ctx.is_verb(i))
        })
        .last()
        // "T-shirts quickly appeared in": an adverb before it makes it the verb.
        .filter(|&i| i > 0 && !t.lower(i - 1).ends_with("ly"))?;
    let lex = &ctx.rules.lexicon;
    // "will be interviewed about", "has deemed": a verb after its
    // auxiliary; "the concerns being expressed by": no subject either.
    let before = t.lower(participle - 1);
    if lex.auxiliaries.contains(before) || matches!(before, "be" | "being" | "been") {
        return None;
    }
    // The clause runs on to the verb: no second clause ("a woman asked
    // for a photo and Clinton said", "conflicted with what Trump told").
    let second_clause = (participle + 1..j).any(|i| {
        !t.is_word(i)
            || matches!(
                t.lower(i),
                "and" | "but" | "or" | "what" | "who" | "which" | "that" | "when" | "where" | "how"
                    | "why" | "if" | "whether"
            )
            // "in May" is a month, not the modal.
            || lex.clause_verbs.contains(t.lower(i)) && !t.list[i].capitalised
    });
    if second_clause {
        return None;
    }
    let next = participle + 1;
    let adjunct = lex.source_prepositions.contains(t.lower(next))
        && !matches!(t.lower(next), "who" | "of")
        || is_time_word(ctx, next)
        || matches!(
            t.lower(next),
            "last" | "earlier" | "late" | "early" | "this"
        );
    if !adjunct {
        return None;
    }
    // The phrase opens the sentence, after any opening adjunct: after
    // another comma it is an appositive ("Walker, one of the candidates
    // beaten by Trump, had pledged"). Its head is a common noun: "Clinton
    // erred in saying" has its verb after the name.
    phrase::left_of(ctx, participle).filter(|p| {
        let head = phrase::head_of(ctx, p);
        (p.first == 0
            || phrase::opening_adjunct_comma(ctx).is_some_and(|comma| p.first == comma + 1)
            || after_subordinator(ctx, p))
            && !p.pronoun
            && (ctx.rules.is_source_word(t.lower(head)) || phrase::is_plural_noun(ctx, head))
    })
}

/// Whether token `i` is "who" or "whose", which open a relative clause
/// about a person.
fn is_relative_pronoun(ctx: &Context, i: usize) -> bool {
    ctx.tokens.is_word(i) && matches!(ctx.tokens.lower(i), "who" | "whose")
}

/// Whether the phrase opens a subordinate clause that opens the sentence:
/// "When | the port director ...".
fn after_subordinator(ctx: &Context, p: &Phrase) -> bool {
    p.first == 1 && SUBORDINATORS.contains(&ctx.tokens.lower(0))
}

/// Words that open a subordinate clause before its subject.
const SUBORDINATORS: &[&str] = &[
    "when", "after", "before", "although", "though", "because", "while", "since", "if", "once",
    "until", "unless", "whereas",
];

/// Most tokens from the comma opening a relative clause to the comma
/// closing it.
const MAX_RELATIVE_CLAUSE_TOKENS: usize = 48;
