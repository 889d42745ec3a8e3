//! The whole check on any UTF-8 input read in one format: no panic, spans
//! inside the original, findings pointing at sentences, every report renders.

use provenance::document::{Document, InputFormat, ReadOptions};
use provenance::report::{reporter, Format, ReportOptions};
use provenance::rules::RuleSet;
use std::sync::OnceLock;

static RULES: OnceLock<RuleSet> = OnceLock::new();

pub fn check_all(data: &[u8], format: InputFormat) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rules = RULES.get_or_init(RuleSet::embedded);
    let Ok(doc) = Document::new("fuzz", text.to_string(), format, &ReadOptions::default()) else { return };
    let doc = provenance::check_document(doc, rules);
    for s in &doc.sentences {
        assert!(s.sentence.span.end <= text.len() && text.is_char_boundary(s.sentence.span.start));
    }
    for f in &doc.findings {
        assert!(f.sentence < doc.sentences.len());
    }
    let formats = [
        Format::Text,
        Format::Json,
        Format::Jsonl,
        Format::Sarif,
        Format::Github,
        Format::Rdjsonl,
        Format::Html,
    ];
    for format in formats {
        let mut out = Vec::new();
        let mut report = reporter(format, &ReportOptions::plain(rules));
        report.document(&doc, &mut out).expect("report");
        report.finish(&mut out).expect("report");
    }
}
