//! Inline suppressions in Markdown and HTML comments, in the vocabulary
//! editors know from other prose linters:
//!
//! - `<!-- provenance-ignore-next [CHECK ...] -->` silences the next sentence;
//! - `<!-- provenance-disable [CHECK ...] -->` ... `<!-- provenance-enable [CHECK ...] -->`
//!   silences a range (to the end of the file when never enabled again).
//!
//! Without check ids a comment silences every check. A suppression that
//! silences nothing (the sentence was fixed, or an id is misspelt) is itself
//! reported by the checks of kind `unused-suppression`, so stale comments do
//! not pile up. Runs after the other checks, on spans in the original file.

use super::message::{finding, Fill};
use super::Finding;
use crate::attribute::TaggedSentence;
use crate::document::Comment;
use crate::rules::RuleSet;

/// The kind name of the check that reports unused suppressions.
pub const UNUSED_KIND: &str = "unused-suppression";

/// The kind name of the check that reports a check id in a suppression
/// that names no check (a misspelling silences nothing).
pub const UNKNOWN_KIND: &str = "unknown-suppression";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    IgnoreNext,
    Disable,
    Enable,
}

#[derive(Debug)]
struct Directive<'c> {
    verb: Verb,
    /// The check ids named; empty means all.
    checks: Vec<&'c str>,
    comment: &'c Comment,
    used: bool,
}

impl Directive<'_> {
    fn covers(&self, rule: &str) -> bool {
        self.checks.is_empty() || self.checks.contains(&rule)
    }
}

fn parse(comment: &Comment) -> Option<Directive<'_>> {
    let mut words = comment
        .text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let verb = match words.next()? {
        "provenance-ignore-next" => Verb::IgnoreNext,
        "provenance-disable" => Verb::Disable,
        "provenance-enable" => Verb::Enable,
        _ => return None,
    };
    Some(Directive {
        verb,
        checks: words.collect(),
        comment,
        used: false,
    })
}

/// A disabled range: from a `disable` comment to the matching `enable`.
struct Range<'c> {
    directive: usize,
    /// The check silenced; `None`: every check.
    check: Option<&'c str>,
    from: usize,
    to: usize,
}

fn ranges<'c>(directives: &[Directive<'c>]) -> Vec<Range<'c>> {
    let mut open: Vec<Range> = Vec::new();
    let mut closed = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match d.verb {
            Verb::Disable => {
                let checks: Vec<Option<&str>> = if d.checks.is_empty() {
                    vec![None]
                } else {
                    d.checks.iter().copied().map(Some).collect()
                };
                for check in checks {
                    open.push(Range {
                        directive: i,
                        check,
                        from: d.comment.span.end,
                        to: usize::MAX,
                    });
                }
            }
            Verb::Enable => {
                // An enable with no ids ends every range; with ids, theirs.
                let (ended, still): (Vec<Range>, Vec<Range>) = open.into_iter().partition(|r| {
                    d.checks.is_empty() || r.check.is_some_and(|c| d.checks.contains(&c))
                });
                open = still;
                closed.extend(ended.into_iter().map(|r| Range {
                    to: d.comment.span.start,
                    ..r
                }));
            }
            Verb::IgnoreNext => {}
        }
    }
    closed.extend(open);
    closed
}

/// Drops the findings the comments silence, returned in document order (the
/// HTML report marks their sentences), and adds one for each suppression
/// that silenced nothing. `findings` stay in document order.
pub fn apply(
    findings: &mut Vec<Finding>,
    sentences: &[TaggedSentence],
    comments: &[Comment],
    rules: &RuleSet,
) -> Vec<Finding> {
    let mut directives: Vec<Directive> = comments.iter().filter_map(parse).collect();
    if directives.is_empty() {
        return Vec::new();
    }
    // For `ignore-next`: the first sentence that starts after the comment.
    let next_sentence = |at: usize| sentences.partition_point(|s| s.sentence.span.start < at);
    let targets: Vec<Option<usize>> = directives
        .iter()
        .map(|d| (d.verb == Verb::IgnoreNext).then(|| next_sentence(d.comment.span.end)))
        .collect();
    let ranges = ranges(&directives);
    let (kept, silenced): (Vec<Finding>, Vec<Finding>) =
        std::mem::take(findings).into_iter().partition(|f| {
            let start = sentences
                .get(f.sentence)
                .map_or(f.span.start, |s| s.sentence.span.start);
            let mut silenced = false;
            for (d, target) in directives.iter_mut().zip(&targets) {
                if *target == Some(f.sentence) && d.covers(&f.rule) {
                    d.used = true;
                    silenced = true;
                }
            }
            for r in &ranges {
                let covers = r.check.is_none_or(|c| c == f.rule);
                if covers && r.from <= start && start < r.to {
                    directives[r.directive].used = true;
                    silenced = true;
                }
            }
            !silenced
        });
    *findings = kept;
    if sentences.is_empty() {
        return silenced;
    }
    let known = |id: &str| rules.check(id).is_some();
    let of_kind = |kind: &'static str| {
        rules
            .checks
            .iter()
            .filter(move |c| c.enabled && c.kind.get_ref() == kind)
    };
    for rule in of_kind(UNKNOWN_KIND) {
        for d in &directives {
            for id in d.checks.iter().filter(|id| !known(id)) {
                let sentence = next_sentence(d.comment.span.end).min(sentences.len() - 1);
                let fill = Fill {
                    name: id,
                    ..Fill::default()
                };
                findings.push(finding(rule, sentence, d.comment.span, &fill));
            }
        }
    }
    // A comment whose every id is unknown was reported above already.
    let all_unknown = |d: &Directive| !d.checks.is_empty() && !d.checks.iter().any(|id| known(id));
    for rule in of_kind(UNUSED_KIND) {
        for d in directives
            .iter()
            .filter(|d| !d.used && d.verb != Verb::Enable && !all_unknown(d))
        {
            let sentence = next_sentence(d.comment.span.end).min(sentences.len() - 1);
            let text = format!(
                "provenance-{}",
                d.comment.text.trim().trim_start_matches("provenance-")
            );
            let fill = Fill {
                name: &text,
                ..Fill::default()
            };
            findings.push(finding(rule, sentence, d.comment.span, &fill));
        }
    }
    super::sort(findings);
    silenced
}
