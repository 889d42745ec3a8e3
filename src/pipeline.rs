//! One document through the stages a window of sentences at a time:
//! segment a paragraph, tag its sentences, carry attributions across them,
//! decide their roles, run the checks, then hand the finished sentences on.
//! Memory holds a window and what the checks keep (names, counts), not the
//! document's sentences, so a day's wire in one file is checked and written
//! as it is read.
//!
//! The result is that of the stages run one after the other over the whole
//! document ([`crate::attribute::attribute`], [`crate::role::assign`],
//! [`crate::check::check`]). A sentence is handed on only when nothing
//! after it can change it: the forward carry step reads up to three
//! sentences back, and the backward step (a quotation that takes its
//! speaker from the sentence after it) runs only up to a sentence that
//! takes nothing from the next, so both see what they would have seen in a
//! run over the whole.

use crate::attribute::{self, TaggedSentence, Tagger};
use crate::check::{Checker, Finding};
use crate::rules::RuleSet;
use crate::segment::{Paragraphs, Sentence};
use crate::span::Span;

/// Sentences tagged before the finished ones are handed on.
const WINDOW: usize = 256;

/// A document on its way through the stages.
pub(crate) struct Pipeline<'a> {
    text: &'a str,
    rules: &'a RuleSet,
    /// For markup: the prose spans that were headings.
    headings: &'a [Span],
    paragraphs: Paragraphs<'a>,
    tagger: Tagger<'a>,
    checker: Checker<'a, 'a>,
    /// Sentences of the paragraph just segmented.
    segmented: Vec<Sentence>,
    /// Tagged sentences not yet handed on, in order.
    pending: Vec<TaggedSentence>,
    /// How many of `pending` have had their forward carry step.
    forward_done: usize,
    /// Sentences segmented so far.
    count: usize,
    /// Every paragraph is segmented.
    read: bool,
    /// The checks have seen the last sentence.
    finished: bool,
    window: usize,
}

impl<'a> Pipeline<'a> {
    /// Before the first sentence of `text` (the prose, for markup, whose
    /// `headings` are known).
    pub(crate) fn new(text: &'a str, headings: &'a [Span], rules: &'a RuleSet) -> Self {
        Pipeline {
            text,
            rules,
            headings,
            paragraphs: Paragraphs::new(text, &rules.lexicon),
            tagger: Tagger::new(text, rules),
            checker: Checker::new(text, rules),
            segmented: Vec::new(),
            pending: Vec::with_capacity(WINDOW + 8),
            forward_done: 0,
            count: 0,
            read: false,
            finished: false,
            window: WINDOW,
        }
    }

    /// The same, handing sentences on after `window` are tagged (tests
    /// run it with windows of one sentence and up).
    #[cfg(test)]
    fn with_window(mut self, window: usize) -> Self {
        self.window = window.max(1);
        self
    }

    /// Appends the next finished sentences to `done`, in order, and their
    /// findings to `findings` (unsorted); `false` once the document is
    /// done. The new sentences are those after `done`'s old length.
    pub(crate) fn next_window(
        &mut self,
        done: &mut Vec<TaggedSentence>,
        findings: &mut Vec<Finding>,
    ) -> bool {
        if self.finished {
            return false;
        }
        while !self.read && self.pending.len() < self.window {
            self.read_paragraph();
        }
        self.carry_forward();
        let cut = loop {
            if self.read {
                break self.pending.len();
            }
            match self.cut() {
                // A run with no end in sight yet: read on.
                0 => self.read_paragraph(),
                cut => break cut,
            }
            self.carry_forward();
        };
        let start = done.len();
        done.extend(self.pending.drain(..cut));
        let done = &mut done[start..];
        self.forward_done -= cut;
        attribute::carry_backward(done);
        // Near the end only once the end is known (see `cut`).
        let count = if self.read { self.count } else { usize::MAX };
        crate::role::assign_some(self.text, done, count, self.rules);
        let last = self.read && self.pending.is_empty();
        self.checker.window(done, last, findings);
        self.finished = last;
        true
    }

    /// Segments and tags the next paragraph, or notes there is none.
    fn read_paragraph(&mut self) {
        self.segmented.clear();
        if !self.paragraphs.read_into(&mut self.segmented, self.count) {
            self.read = true;
            return;
        }
        self.count += self.segmented.len();
        for s in &mut self.segmented {
            // Inside a Markdown or HTML heading, whatever its punctuation.
            let i = self.headings.partition_point(|h| h.end <= s.span.start);
            if self.headings.get(i).is_some_and(|h| h.contains(s.span)) {
                s.heading = true;
            }
            self.pending.push(self.tagger.tag(s));
        }
    }

    /// The forward carry step for every pending sentence whose next
    /// sentence is known (or that is the last).
    fn carry_forward(&mut self) {
        while self.forward_done < self.pending.len()
            && (self.read || self.forward_done + 1 < self.pending.len())
        {
            attribute::carry_forward(&mut self.pending, self.forward_done, self.rules);
            self.forward_done += 1;
        }
    }

    /// How many pending sentences are finished: up to the last one that
    /// takes nothing from the sentence after it, if the forward steps of
    /// the three after that are done (they read it as it stood before the
    /// backward step). Those three also show none of them is among the
    /// document's last three sentences.
    fn cut(&self) -> usize {
        (0..self.pending.len())
            .rev()
            .find(|&j| {
                self.forward_done > j + attribute::REACH_BACK && {
                    let next = &self.pending[j + 1];
                    next.sentence.paragraph != self.pending[j].sentence.paragraph
                        || !attribute::may_hand_back(&self.pending[j])
                }
            })
            .map_or(0, |j| j + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::sort;

    /// Sentences and findings of the stages run one after the other.
    fn whole(text: &str, rules: &RuleSet) -> (Vec<TaggedSentence>, Vec<Finding>) {
        let sentences = crate::segment::segment(text, &rules.lexicon);
        let mut tagged = attribute::attribute(text, &sentences, rules);
        crate::role::assign(text, &mut tagged, rules);
        let findings = crate::check::check(text, &tagged, rules);
        (tagged, findings)
    }

    fn windowed(text: &str, rules: &RuleSet, window: usize) -> (Vec<TaggedSentence>, Vec<Finding>) {
        let mut pipeline = Pipeline::new(text, &[], rules).with_window(window);
        let (mut tagged, mut findings) = (Vec::new(), Vec::new());
        while pipeline.next_window(&mut tagged, &mut findings) {}
        sort(&mut findings);
        (tagged, findings)
    }

    fn same(text: &str, rules: &RuleSet, window: usize, name: &str) {
        let (a, fa) = whole(text, rules);
        let (b, fb) = windowed(text, rules, window);
        assert_eq!(a.len(), b.len(), "{name}, window {window}: sentence count");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.sentence, y.sentence, "{name}, window {window}");
            assert_eq!(
                (&x.attribution, x.kind, x.need),
                (&y.attribution, y.kind, y.need),
                "{name}, window {window}: sentence {}",
                x.sentence.index
            );
        }
        assert_eq!(fa, fb, "{name}, window {window}: findings");
    }

    #[test]
    fn every_window_gives_what_the_whole_document_gives() {
        let rules = RuleSet::embedded();
        let mut texts: Vec<(String, String)> = crate::test_util::corpus_texts();
        // Quotations handed back across a window's end, pronouns and
        // figures carried over, a name spelled two ways far apart, a house
        // pattern counted over the document.
        texts.push((
            "made up".into(),
            "\"We will hold the line. We will not move,\" Gen. Oleksandr Tarnavsky said. \
             He said the shelling had stopped.\n\nThe poll found 48 percent approve. \
             Among Republicans, 27 percent do.\n\n\"It is over.\" Castillo said as he left.\n\n\
             Later, Gen. Oleksandr Tarnavskyi spoke again."
                .into(),
        ));
        for (name, text) in &texts {
            for window in [1, 2, 3, 5, 8, 64] {
                same(text, &rules, window, name);
            }
        }
    }

    #[test]
    fn house_patterns_count_and_search_across_windows() {
        let rules = RuleSet::load_text(
            "house.toml",
            r#"
[[check]]
id = "house-reportedly"
kind = "occurrence"
severity = "info"
patterns = ["reportedly"]
max = 2
message = "`{match}` {count} times (at most {max})"
summary = "s"
why = "w"

[[check]]
id = "house-kiev"
kind = "substitution"
severity = "warning"
swap = { "Kiev" = "Kyiv" }
message = "write `{replacement}`"
summary = "s"
why = "w"

[[check]]
id = "house-across"
kind = "existence"
severity = "warning"
patterns = ["held\\. Kiev"]
message = "m"
summary = "s"
why = "w"
"#,
        )
        .expect("rules load");
        let text = "Kiev reportedly held. Kiev was calm. It reportedly rained.\n\n\
                    Talks reportedly stalled in Kiev. Nothing held. Kiev slept. Reportedly not."
            .repeat(3);
        for window in [1, 2, 3, 7, 64] {
            same(&text, &rules, window, "house rules");
        }
        let (_, findings) = windowed(&text, &rules, 1);
        let counted = findings
            .iter()
            .filter(|f| f.rule == "house-reportedly")
            .count();
        assert_eq!(counted, 1, "one finding for the whole document");
    }
}
