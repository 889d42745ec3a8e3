//! Carry-over across sentences: a pronoun source ("He claimed") takes the
//! last compatible source; a continuation opener with no cue ("In
//! addition, ...") or a quotation continuing a quotation inherits the previous
//! sentence's attribution, and so do figures that continue a poll's,
//! survey's or report's. Never backwards, never across documents.

use super::phrase::QUANTIFIERS;
use super::relation::words_match;
use super::{Anaphor, Attribution, Carried, Context, TaggedSentence};
use crate::rules::RuleSet;
use crate::span::Span;

/// How many sentences back a pronoun may find its antecedent.
const PRONOUN_REACH: usize = 3;

/// The continuation opener at the start of the sentence, if any, followed by
/// a comma or directly by the clause.
pub fn opener(ctx: &Context) -> Option<Span> {
    let t = ctx.tokens;
    ctx.rules
        .lexicon
        .continuation_markers
        .iter()
        .find(|m| words_match(ctx, 0, m) && (t.is_word(m.len()) || t.is_punct(m.len(), ',')))
        .map(|m| Span::new(t.list[0].start, t.list[m.len() - 1].end))
}

/// Resolves pronouns and carries attributions forward, in document order,
/// then hands quotations back to a speaker named after them.
pub fn resolve(tagged: &mut [TaggedSentence], rules: &RuleSet) {
    for i in 0..tagged.len() {
        forward(tagged, i, rules);
    }
    backward(tagged);
}

/// The forward step for sentence `i`: it reads the sentence after it (is
/// it a quotation?) and up to [`REACH_BACK`] before it, as they stood after
/// their own forward step. Indices recorded are the sentences' own.
pub fn forward(tagged: &mut [TaggedSentence], i: usize, rules: &RuleSet) {
    let quotation_follows = tagged.get(i + 1).is_some_and(|next| next.opens_quote);
    if tagged[i].attribution.is_none() && quotation_follows {
        tagged[i].attribution = tagged[i].frame.as_deref().cloned();
    }
    // Taken, not cloned: nothing reads it after this.
    match tagged[i].anaphor.take() {
        Some(anaphor) => resolve_anaphor(tagged, i, &anaphor, rules),
        None if tagged[i].attribution.is_none() => inherit(tagged, i),
        None => {}
    }
}

/// How many sentences back the forward step reads.
pub const REACH_BACK: usize = PRONOUN_REACH;

/// Whether the backward step may change the sentence before this one:
/// only a sentence that ends inside a quotation or is one may take a
/// speaker named after it. Any other sentence ends a run of them.
pub fn may_hand_back(s: &TaggedSentence) -> bool {
    s.ends_in_quote || s.whole_quote
}

/// The backward step over sentences whose forward steps are done, the last
/// of them one that takes nothing from the sentence after it (the last of
/// a paragraph, or one that is no quotation).
/// A quotation that opens in one sentence and gets its speaker in a later
/// one ("We will win. We will fight," he said.) belongs to that speaker.
pub fn backward(tagged: &mut [TaggedSentence]) {
    for i in (0..tagged.len().saturating_sub(1)).rev() {
        let next = &tagged[i + 1];
        let here = tagged[i].sentence.index;
        let continues = tagged[i].ends_in_quote
            && next.opens_quote
            && next.sentence.paragraph == tagged[i].sentence.paragraph;
        // '"We counted every ballot twice." Castillo said as he left.'
        // '"I never hid it." After all, he says, "I am no reporter."': a
        // quotation with no speaker before it is the next sentence's own
        // speaker's.
        let own_speaker = next
            .attribution
            .as_ref()
            .is_some_and(|a| matches!(a.carried, Carried::No | Carried::Pronoun));
        let spoken_after = tagged[i].whole_quote
            && (next.hands_back || tagged[i].attribution.is_none() && own_speaker)
            && next.sentence.paragraph == tagged[i].sentence.paragraph;
        // The quotation's own speaker, named after it, wins over the one a
        // new quotation took from the paragraph before.
        let open_to_speaker = tagged[i].attribution.as_ref().is_none_or(|a| {
            a.carried == Carried::Quotation && a.inherited_from.is_some_and(|from| from < here)
        });
        // Only a speaker named there or later: never one the quotation
        // itself carried forward.
        // A pronoun with its own cue ('... happen," he told the Times')
        // names its speaker there, whoever it stands for.
        let named_later = next.attribution.as_ref().is_some_and(|a| {
            a.inherited_from.is_none_or(|from| from > here) || a.carried == Carried::Pronoun
        });
        if open_to_speaker && named_later && (continues || spoken_after) {
            if let Some(later) = next.attribution.clone() {
                let from = next.sentence.index;
                tagged[i].attribution = Some(Attribution {
                    inherited_from: Some(from),
                    refers_to: None,
                    quote: true,
                    carried: Carried::Quotation,
                    ..later
                });
            }
        }
    }
}

/// Points a pronoun ("he") or definite description ("the official") at the
/// nearest earlier source it fits: a kind the pronoun can refer to, or a
/// mention containing the description's head word.
fn resolve_anaphor(tagged: &mut [TaggedSentence], i: usize, anaphor: &Anaphor, rules: &RuleSet) {
    let kinds: &[String] = match anaphor {
        Anaphor::Pronoun(p) => rules.lexicon.pronouns.get(p).map_or(&[], Vec::as_slice),
        Anaphor::Definite(_) => &[],
    };
    let fits = |a: &Attribution| match anaphor {
        // "he" and "she" never stand for a plural ("Local farmers say ... She said").
        // Nor one for the other: "She said ... he returned".
        Anaphor::Pronoun(p) if matches!(p.as_str(), "he" | "she") => {
            let other = if p == "he" { "she" } else { "he" };
            kinds.contains(&a.source.kind)
                && !plural(&a.source.text)
                && !a.source.text.eq_ignore_ascii_case(other)
        }
        // "they" stands for a group, not one named person ("Joseph
        // Hunter said ... They say").
        Anaphor::Pronoun(p) if p == "they" => {
            kinds.contains(&a.source.kind) && !one_persons_name(&a.source.text)
        }
        Anaphor::Pronoun(_) => kinds.contains(&a.source.kind),
        // "the readout": a source so named, or a registered document of
        // that name ("the Pentagon said in a readout").
        Anaphor::Definite(head) => {
            a.source
                .text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case(head))
                || a.source
                    .id
                    .as_deref()
                    .is_some_and(|id| rules.is_described_as(id, head))
        }
    };
    // "he" and "she" may also stand for a name that opened a sentence with
    // no attribution ("Ines Kovac has run the company since 2009. ... she
    // told the Post"): the sentence names it, and is no source.
    let personal = matches!(anaphor, Anaphor::Pronoun(p) if matches!(p.as_str(), "he" | "she"));
    let antecedent = (i.saturating_sub(PRONOUN_REACH)..i).rev().find_map(|b| {
        let here = tagged[b].sentence.index;
        match (&tagged[b].attribution, &tagged[b].named_subject) {
            // Only the source (and the relays) carry over.
            (Some(a), _) => fits(a).then(|| (here, a.source.clone(), a.via.clone(), false)),
            (None, Some(named)) if personal => Some((here, (**named).clone(), Vec::new(), true)),
            (None, _) => None,
        }
    });
    let Some(own) = tagged[i].attribution.as_mut() else {
        return;
    };
    match antecedent {
        Some((b, source, via, mentioned)) => {
            own.source.stand_for(source);
            if own.via.is_empty() {
                own.via = via;
            }
            match anaphor {
                // A name mentioned there, not an attribution carried.
                Anaphor::Pronoun(_) if mentioned => own.refers_to = Some(b),
                Anaphor::Pronoun(_) => own.inherited_from = Some(b),
                Anaphor::Definite(_) => own.refers_to = Some(b),
            }
            own.carried = Carried::Pronoun;
        }
        None => {
            if let Some(kind) = kinds.first() {
                own.source.kind = kind.clone();
            }
        }
    }
}

/// Whether a source is one person's full name ("Joseph Hunter", "Patrick
/// J. Leahy"): capitalised words only, two or more, none joined by "and",
/// and no quantifier before them ("Several Democrats" is a group).
fn one_persons_name(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let all_capitalised = words
        .clone()
        .all(|w| w.starts_with(char::is_uppercase) && w != "And");
    let counted = words
        .clone()
        .next()
        .is_some_and(|w| QUANTIFIERS.iter().any(|q| q.eq_ignore_ascii_case(w)));
    all_capitalised && !counted && words.nth(1).is_some()
}

/// Words that open a head's postmodifier in a source phrase ("supporters
/// *of* the bill", "those *who* voted").
const POSTMODIFIER_OPENERS: &[&str] = &["of", "for", "in", "from", "on", "at", "with", "who"];

/// Singular words that name a group ("A number of the families", "The
/// crowd"), which "he" or "she" never stands for.
const GROUP_WORDS: &[&str] = &[
    "those", "number", "majority", "handful", "dozen", "crowd", "group", "percent",
];

/// Whether a source phrase is plural: two joined by "and" ("Edwards and
/// others"), or a head, before any postmodifier, that is a lower-case word
/// ending in "s" ("local farmers", "officials"), not a name ("Harris"),
/// or one capitalised as the phrase's first word before a postmodifier
/// ("Members of the council").
fn plural(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let before_postmodifier = words
        .by_ref()
        .take_while(|w| !POSTMODIFIER_OPENERS.contains(w))
        .collect::<Vec<_>>();
    let postmodified = words.next().is_some();
    let lone_first = postmodified && before_postmodifier.len() == 1;
    let plural_word = |w: &str, capitalised_too: bool| {
        (capitalised_too || w.starts_with(|c: char| c.is_lowercase()))
            && w.ends_with('s')
            && !w.ends_with("ss")
            // "some said", "many say": a quantifier standing for a group.
            || QUANTIFIERS.iter().any(|q| w.eq_ignore_ascii_case(q))
            || GROUP_WORDS.iter().any(|g| w.eq_ignore_ascii_case(g))
    };
    // "52 percent of voters": a share of a group is plural too.
    before_postmodifier.contains(&"and")
        || before_postmodifier
            .last()
            .is_some_and(|w| plural_word(w, lone_first))
        || text
            .split_whitespace()
            .next_back()
            .is_some_and(|w| plural_word(w, false))
}

/// Whether the sentence opens with its speaker and a colon, a transcript's
/// label: a name in capitals ("KOVAC: We are full.", "Q:") or a person's
/// full name ("Ines Kovac:"), not a heading's word ("Success: ...").
fn labels_speaker(s: &TaggedSentence) -> bool {
    s.attribution.as_ref().is_some_and(|a| {
        let text = a.source.text.as_str();
        // Where it stands first; what the name looks like only then.
        a.carried == Carried::No
            && a.cue.text == ":"
            && a.source.span.start == s.sentence.span.start
            && a.cue.span.start >= a.source.span.end
            && (!text.chars().any(char::is_lowercase)
                || a.source.kind == "person" && !text.starts_with("The ") && one_persons_name(text))
    })
}

/// A sentence with no cue of its own inherits the previous sentence's
/// attribution when it opens with a continuation marker, or continues a
/// quotation, in the same paragraph.
fn inherit(tagged: &mut [TaggedSentence], i: usize) {
    let Some(prev) = i.checked_sub(1) else {
        return;
    };
    let same_paragraph = tagged[prev].sentence.paragraph == tagged[i].sentence.paragraph;
    // Cloned only once it is known to carry over: most sentences without
    // an attribution of their own take none.
    let Some(earlier) = tagged[prev].attribution.as_ref() else {
        return;
    };
    let carried = match tagged[i].opener {
        Some(span) if same_paragraph => Carried::Continuation(span),
        // A quotation after a quotation, a frame ("issued this
        // statement:") or, in the same paragraph, a bare speaker line
        // ("Smith responded."); a credit ("― Maria Lopez") names the
        // quotation before it only.
        _ if tagged[i].opens_quote
            && (earlier.quote
                || tagged[prev].frame.is_some()
                || tagged[prev].introduces
                || (tagged[prev].speaker_line || tagged[i].whole_quote) && same_paragraph)
            && tagged[i].sentence.paragraph <= tagged[prev].sentence.paragraph + 1 =>
        {
            Carried::Quotation
        }
        // "Halden wrote:" and the passage it introduces, unquoted, to the
        // end of its paragraph; a transcript's speaker label ("KOVAC: We
        // are full. We turn ships away.") to the end of its own.
        _ if tagged[prev].introduces
            && tagged[i].sentence.paragraph <= tagged[prev].sentence.paragraph + 1
            || same_paragraph
                && (earlier.carried == Carried::Passage || labels_speaker(&tagged[prev])) =>
        {
            Carried::Passage
        }
        // Figures go on from a document's figures, its respondents' or a
        // source's reported figures, until a sentence without one, or with
        // a source of its own, ends the run.
        _ if tagged[i].figure
            && (earlier.source.kind == "document"
                || earlier.carried == Carried::Figures
                || tagged[prev].figures_go_on)
            && tagged[i].sentence.paragraph <= tagged[prev].sentence.paragraph + 1 =>
        {
            Carried::Figures
        }
        _ => return,
    };
    let own_quote = tagged[i].has_quote || tagged[i].opens_quote;
    let earlier = earlier.clone();
    tagged[i].attribution = Some(Attribution {
        inherited_from: Some(tagged[prev].sentence.index),
        refers_to: None,
        quote: own_quote,
        carried,
        ..earlier
    });
}
