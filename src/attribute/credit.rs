//! A dash credit after a quotation: '"We cannot pay." ― Tom Reyes', on the
//! quotation's line or on a line of its own. Pull quotes, reader responses
//! and epigraphs are credited this way, with no verb: the name is the
//! source, and the quotation before it (every sentence of it) is theirs.

use super::phrase::{self, Phrase};
use super::{Attribution, Carried, Context, Cue, TokenKind};
use crate::rules::CueClass;
use crate::span::Span;

/// Most words a credited name may have ("Julie A. Diaz Martinez").
const MAX_NAME_WORDS: usize = 5;

/// The credit the sentence ends with, if it is a dash and a name after a
/// closing quotation mark, or a dash and a name alone.
pub(super) fn dash_credit(ctx: &Context) -> Option<Attribution> {
    let t = ctx.tokens;
    // The name, its initials' periods and a final period follow the dash:
    // only the last few tokens can hold it.
    let reach = t.len().saturating_sub(2 * MAX_NAME_WORDS + 2);
    let dash = (reach..t.len()).rev().find(|&i| is_dash(t.list[i].kind))?;
    // The mark before the dash closes the quotation: none is open after it.
    let after_quote = dash > 0 && t.is_quote(dash - 1) && !t.open_at_end();
    if dash != 0 && !after_quote {
        return None;
    }
    let mut end = t.len();
    if end > dash + 1 && t.is_punct(end - 1, '.') {
        end -= 1;
    }
    let name = dash + 1..end;
    let words = name.clone().filter(|&i| t.is_word(i)).count();
    let name_like = name.clone().all(|i| {
        t.is_word(i) && t.list[i].capitalised
            // Initials: "Julie A. Diaz".
            || t.is_punct(i, '.') && i > dash + 1 && t.is_word(i - 1)
    });
    if !(1..=MAX_NAME_WORDS).contains(&words) || !name_like || !t.is_word(dash + 1) {
        return None;
    }
    let named = phrase::classify(
        ctx,
        &Phrase {
            first: dash + 1,
            last: name.end - 1,
            pronoun: false,
        },
    );
    let cue_span = Span::new(t.list[dash].start, t.list[dash].end);
    Some(Attribution {
        source: named.to_source(ctx),
        cue: Cue {
            text: ctx.slice(cue_span).to_string(),
            span: cue_span,
            class: CueClass::Neutral,
        },
        via: Vec::new(),
        inherited_from: None,
        refers_to: None,
        quote: dash > 0,
        carried: Carried::No,
    })
}

/// A dash, or the hyphen a credit is often typed with ("- Tom Reyes").
fn is_dash(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Punct('―' | '—' | '–' | '-'))
}
