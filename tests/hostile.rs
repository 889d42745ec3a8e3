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
        let mut report = provenance::report::reporter(
            provenance::report::Format::Text,
            &provenance::report::ReportOptions::plain(&rules),
        );
        report.document(&doc, &mut out).expect("render");
        let mut json = provenance::report::reporter(
            provenance::report::Format::Json,
            &provenance::report::ReportOptions::plain(&rules),
        );
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

fn check(text: &str) -> provenance::CheckedDocument {
    provenance::check_text("hostile", text, &RuleSet::embedded())
}

#[test]
fn a_megabyte_line_without_punctuation_is_one_sentence() {
    let text = "word ".repeat(200_000);
    let doc = check(&text);
    assert_eq!(doc.sentences.len(), 1);
    assert_eq!(doc.sentences[0].sentence.span.end, text.trim_end().len());
}

#[test]
fn half_a_million_periods_and_two_hundred_thousand_quotes() {
    let dots = ".".repeat(500_000);
    assert!(!check(&dots).sentences.is_empty());
    let spaced = ". ".repeat(100_000);
    assert!(!check(&spaced).sentences.is_empty());
    let quotes = "\"".repeat(200_000);
    let doc = check(&quotes);
    assert_eq!(doc.sentences.len(), 1);
    let curly = "“a” ".repeat(50_000);
    assert!(!check(&curly).sentences.is_empty());
}

#[test]
fn thousands_of_abbreviations_in_a_row() {
    let text = "Mr. Gen. Lt. Col. Dr. St. Sen. ".repeat(2_000) + "Smith said so.";
    let doc = check(&text);
    assert_eq!(doc.sentences.len(), 1, "titles never end a sentence");
    let mixed = "U.S. a.m. No. 5 e.g. Co. Jr. ".repeat(2_000);
    assert!(!check(&mixed).sentences.is_empty());
}

#[test]
fn ukrainian_text_with_guillemets_dashes_emoji_and_combining_marks() {
    let text =
        "«Ми тримаємо оборону», — сказав командир. Це 🇺🇦 тест з е\u{301} і ї.\r\nЗСУ — 12 танків.";
    let doc = check(text);
    assert_eq!(doc.sentences.len(), 3);
    for s in &doc.sentences {
        assert!(
            text.is_char_boundary(s.sentence.span.start)
                && text.is_char_boundary(s.sentence.span.end)
        );
    }
}

#[test]
fn nul_bytes_in_text_given_in_memory_do_not_break_anything() {
    let doc = check("The AP\u{0} reported it.\u{0}\u{0} Then\u{0}.");
    assert!(!doc.sentences.is_empty());
}

#[test]
fn a_file_that_disappears_before_it_is_read_is_reported_and_the_rest_checked() {
    use provenance::document::{expand, ReadOptions, WalkOptions};
    use provenance::run::{Notice, Runner};

    let dir = std::env::temp_dir().join(format!("provenance-vanish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(dir.join(name), "Russia lost 300 tanks, the AP reported.").expect("write");
    }
    let (inputs, errors) = expand(std::slice::from_ref(&dir), &WalkOptions::default());
    assert!(errors.is_empty());
    std::fs::remove_file(dir.join("b.txt")).expect("remove");
    let rules = RuleSet::embedded();
    let runner = Runner::new(&rules, ReadOptions::default(), 2).expect("pool");
    let mut out = Vec::new();
    let mut report = provenance::report::reporter(
        provenance::report::Format::Jsonl,
        &provenance::report::ReportOptions::plain(&rules),
    );
    let mut notices = Vec::new();
    let outcome = runner
        .check_inputs(
            &inputs,
            report.as_mut(),
            &mut out,
            &mut |n: Notice| notices.push(format!("{n:?}")),
            &mut |_| {},
        )
        .expect("run");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(outcome.checked, 2);
    assert_eq!(outcome.failed, 1);
    assert_eq!(String::from_utf8(out).expect("UTF-8").lines().count(), 2);
    assert!(notices[0].contains("b.txt"), "{notices:?}");
}

/// Inputs that broke the tool once (found by fuzzing or by hand), kept so
/// they never break it again. Each file goes through every reader and report.
#[test]
fn regression_inputs_stay_fixed() {
    use provenance::document::{Document, InputFormat, ReadOptions};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let rules = RuleSet::embedded();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/regressions") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for format in [InputFormat::Txt, InputFormat::Md, InputFormat::Html] {
            let doc = Document::new("regression", text.clone(), format, &ReadOptions::default())
                .expect("reads");
            let doc = provenance::check_document(doc, &rules);
            for f in [
                provenance::report::Format::Text,
                provenance::report::Format::Json,
                provenance::report::Format::Jsonl,
                provenance::report::Format::Sarif,
                provenance::report::Format::Github,
                provenance::report::Format::Rdjsonl,
                provenance::report::Format::Html,
            ] {
                let mut out = Vec::new();
                let mut report = provenance::report::reporter(
                    f,
                    &provenance::report::ReportOptions::plain(&rules),
                );
                report.document(&doc, &mut out).expect("report");
                report.finish(&mut out).expect("report");
            }
        }
        if path.extension().is_some_and(|x| x == "toml") {
            let _ = RuleSet::load_text("regression.toml", &text);
        }
        seen += 1;
    }
    assert!(seen > 0, "tests/regressions holds the inputs to replay");
}
