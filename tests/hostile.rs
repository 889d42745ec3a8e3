//! Inputs no article contains but a content repo may: the pipeline must not
//! panic on any of them, and the sentence spans must stay well formed. (A
//! deterministic generator, so a failure can be replayed.)

use provenance::rules::RuleSet;

/// Pieces chosen to hit every branch of the segmenter and the tokenizer.
const PIECES: &[&str] = &[
    ".",
    "..",
    "...",
    ". . .",
    "…",
    "!",
    "?",
    "?!",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "\u{2009}",
    "•",
    "⁃",
    "- ",
    "1.",
    "2)",
    "a.",
    "b)",
    "U.S.",
    "Mr.",
    "Gen.",
    "p.",
    "No.",
    "a.m.",
    "e.g.",
    "said",
    "told",
    "claimed",
    "according to",
    "He",
    "It",
    "they",
    "the ministry",
    "AP",
    "The Kyiv Independent",
    "In addition,",
    "official",
    "Serhiy",
    "Serhyi",
    "Haidai",
    "26,900",
    "1.5",
    "$",
    "%",
    "70 days",
    "May",
    "Ukraine's",
    "https://a.b/c.d",
    "x@y.z",
    "é",
    "Ї",
    "ß",
    "🙂",
    "e\u{301}",
    "—",
    ",",
    ":",
    ";",
    "Q",
    "q",
];

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize
    }
}

#[test]
fn random_text_never_panics_and_spans_stay_well_formed() {
    let rules = RuleSet::embedded();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..3000 {
        let len = rng.next() % 40;
        let text: String = (0..len)
            .map(|_| PIECES[rng.next() % PIECES.len()])
            .collect();
        let doc = provenance::check_text("fuzz", &text, &rules);
        let mut last = 0;
        for s in &doc.sentences {
            let span = s.sentence.span;
            assert!(
                span.start >= last && span.start < span.end,
                "case {case}: bad span {span:?} in {text:?}"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "case {case}: {text:?}"
            );
            last = span.end;
        }
        for f in &doc.findings {
            assert!(
                f.sentence < doc.sentences.len(),
                "case {case}: finding points nowhere in {text:?}"
            );
        }
        let mut out = Vec::new();
        let mut report = provenance::report::reporter(provenance::report::Format::Text, false);
        report.document(&doc, &mut out).expect("render");
        let mut json = provenance::report::reporter(provenance::report::Format::Json, false);
        json.document(&doc, &mut out).expect("json");
        json.finish(&mut out).expect("json");
    }
}

#[test]
fn long_runs_of_one_character_do_not_panic() {
    let rules = RuleSet::embedded();
    for piece in [
        ".",
        "\"",
        "Mr. ",
        "a",
        "\n",
        "U.S. ",
        "officials said ",
        "according to ",
        "In addition, ",
    ] {
        let text = piece.repeat(20_000);
        let doc = provenance::check_text("long", &text, &rules);
        assert!(doc
            .sentences
            .iter()
            .all(|s| s.sentence.span.end <= text.len()));
    }
}
