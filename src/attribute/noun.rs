//! Nouns of speech and thought whose owner is the source: "Rubio's answer
//! was that ...", "Their fear is that ...", and, for the nouns that allow
//! it, the aside "In Ash's view, ...", "..., in his words."

use super::phrase::{self, Phrase};
use super::relation::{is_finite_verb, is_ly_adverb};
use super::Context;
use crate::rules::NounCue;

/// Where the noun stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// "In Ash's view, the plan fails": the aside opens the sentence.
    LeadingAside,
    /// "The plan fails, in Ash's view.": it closes the sentence.
    TrailingAside,
    /// "The plan, in Ash's view, fails."
    MiddleAside,
    /// "Ash's view is that the plan fails": the content follows.
    Predicate,
}

/// A noun cue and its owner.
pub(super) struct Owned {
    pub source: Phrase,
    pub shape: Shape,
}

/// Possessive determiners of the third person: the writer's own view ("in
/// my view") is no attribution.
const OWNERS: &[&str] = &["his", "her", "their", "its"];

/// Adjectives a noun may carry between its owner and itself ("his main
/// argument", "their biggest fear"): at most this many.
const MAX_MODIFIERS: usize = 2;

/// The noun cue at token `k`, with its owner, when it stands in one of the
/// shapes of [`Shape`].
pub(super) fn owned(ctx: &Context, k: usize, rule: &NounCue) -> Option<Owned> {
    let t = ctx.tokens;
    if k == 0 {
        return None;
    }
    if rule.aside {
        if let Some(owned) = aside(ctx, k) {
            return Some(owned);
        }
    }
    // "Ash's view is that ...", "his main argument was: ...".
    let mut o = k - 1;
    while k - o <= MAX_MODIFIERS && modifier(ctx, o) && o > 0 {
        o -= 1;
    }
    let source = owner(ctx, o)?;
    let content = copula_then_content(ctx, k + 1)?;
    (content < t.len()).then_some(Owned {
        source,
        shape: Shape::Predicate,
    })
}

/// "in" + owner + noun, set off by a comma or the sentence's end.
fn aside(ctx: &Context, k: usize) -> Option<Owned> {
    let t = ctx.tokens;
    // "in his own view".
    let o = if t.is_word(k - 1) && t.lower(k - 1) == "own" {
        k.checked_sub(2)?
    } else {
        k - 1
    };
    let source = owner(ctx, o)?;
    let at = source.first.checked_sub(1)?;
    if !(t.is_word(at) && t.lower(at) == "in") {
        return None;
    }
    let opens = (0..at).all(|i| !t.is_word(i) && !t.is_quote(i));
    let after = k + 1;
    let ends = (after..t.len()).all(|i| !t.is_word(i) && !t.is_quote(i));
    let comma = t.is_punct(after, ',');
    let set_off = at > 0 && (t.is_punct(at - 1, ',') || t.is_punct(at - 1, '—'));
    let shape = if opens && comma {
        Shape::LeadingAside
    } else if ends && set_off {
        Shape::TrailingAside
    } else if set_off && (comma || t.is_punct(after, '—')) {
        Shape::MiddleAside
    } else {
        return None;
    };
    Some(Owned { source, shape })
}

/// A lower-case word that may describe a noun before it: no verb, no
/// determiner, no owner.
fn modifier(ctx: &Context, i: usize) -> bool {
    let t = ctx.tokens;
    t.is_word(i)
        && !t.list[i].capitalised
        && !OWNERS.contains(&t.lower(i))
        && !phrase::is_determiner(ctx, i)
        && !is_finite_verb(t.lower(i))
        && !ctx.is_verb(i)
        && !phrase::is_possessive(t.lower(i))
}

/// The owner whose last token is `o`: a possessive determiner of the third
/// person, or a source phrase ending in a possessive ("Ash's", "the Florida
/// senator's").
fn owner(ctx: &Context, o: usize) -> Option<Phrase> {
    let t = ctx.tokens;
    if !t.is_word(o) || t.list[o].in_quote {
        return None;
    }
    let w = t.lower(o);
    if OWNERS.contains(&w) {
        return Some(Phrase {
            first: o,
            last: o,
            pronoun: true,
        });
    }
    if !phrase::is_possessive(w) {
        return None;
    }
    phrase::left_of(ctx, o + 1).filter(|p| p.last == o)
}

/// After the noun: a form of "be" (with an adverb: "has long been", "was
/// simply"), then "that", a colon (after a word or two: "was simple:")
/// or a quotation. The content's first token.
fn copula_then_content(ctx: &Context, from: usize) -> Option<usize> {
    let t = ctx.tokens;
    let adverb = |i: usize| is_ly_adverb(t, i) || t.is_word(i) && t.lower(i) == "long";
    let mut i = from;
    while adverb(i) {
        i += 1;
    }
    match (
        t.is_word(i).then(|| t.lower(i)),
        t.is_word(i + 1).then(|| t.lower(i + 1)),
    ) {
        (Some("is" | "was" | "remains" | "remained"), _) => i += 1,
        (Some("has" | "had"), Some("been")) => i += 2,
        _ => return None,
    }
    while adverb(i) {
        i += 1;
    }
    let content = if t.is_word(i) && t.lower(i) == "that" {
        // "His answer was that of a statesman": "that" standing for a noun.
        (!(t.is_word(i + 1) && t.lower(i + 1) == "of")).then_some(i + 1)?
    } else if let Some(colon) = (i..t.len().min(i + 3)).find(|&c| t.is_punct(c, ':')) {
        // "was simple: ...", "was short and blunt: ...".
        (i..colon).all(|w| t.is_word(w)).then_some(colon + 1)?
    } else if t.is_quote(i) {
        i
    } else {
        return None;
    };
    Some(content)
}
