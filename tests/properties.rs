//! Properties that hold for any input, checked with proptest: sentence spans
//! are ordered, disjoint, on character boundaries and cover every non-space
//! byte; findings point at sentences; JSON parses; line and column agree with
//! the span; markup readers map every byte back inside the original; the HTML
//! report never turns article text into markup.

use proptest::prelude::*;
use provenance::document::{Document, InputFormat, ReadOptions};
use provenance::rules::RuleSet;
use provenance::CheckedDocument;

/// Text made of the pieces news copy and markup are made of, plus any character.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(".".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("said".to_string()),
        Just("according to".to_string()),
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("He".to_string()),
        Just("the AP".to_string()),
        Just("In addition,".to_string()),
        Just("**".to_string()),
        Just("[a](b)".to_string()),
        Just("`".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("&amp;".to_string()),
        Just("&#39;".to_string()),
        Just("<script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("---\n".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9,.]{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str, format: InputFormat) -> CheckedDocument {
    let doc = Document::new("prop", text.to_string(), format, &ReadOptions::default())
        .expect("markup reads");
    provenance::check_document(doc, &RuleSet::embedded())
}

fn assert_well_formed(doc: &CheckedDocument) {
    let text = &doc.text;
    let mut last = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        let span = s.sentence.span;
        assert_eq!(s.sentence.index, i);
        assert!(span.start >= last, "sentences out of order or overlapping");
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        last = span.end;
        if let Some(a) = &s.attribution {
            for inner in [a.source.span, a.cue.span] {
                assert!(
                    inner.end <= text.len()
                        && text.is_char_boundary(inner.start)
                        && text.is_char_boundary(inner.end)
                );
            }
        }
        let at = doc.line_column(span.start);
        let before = &text[..span.start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        assert_eq!(
            (at.line, at.column),
            (line, column),
            "line/column disagree with the span"
        );
    }
    for f in &doc.findings {
        assert!(
            f.sentence < doc.sentences.len(),
            "finding points at no sentence"
        );
        assert!(f.span.end <= text.len());
    }
    let mut out = Vec::new();
    let mut report = provenance::report::reporter(
        provenance::report::Format::Json,
        &provenance::report::ReportOptions::plain(&provenance::rules::RuleSet::embedded()),
    );
    report.document(doc, &mut out).expect("serialise");
    report.finish(&mut out).expect("serialise");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON parses");
    assert_eq!(
        json["documents"][0]["sentences"].as_array().map(Vec::len),
        Some(doc.sentences.len())
    );
}

/// Every character of the extracted prose maps to a range of the original
/// that lies inside it, on character boundaries, in order.
fn assert_every_byte_maps_back(text: &str, format: InputFormat) {
    let doc =
        Document::new("prop", text.to_string(), format, &ReadOptions::default()).expect("reads");
    let Some(plain) = &doc.plain else { return };
    let mut last = 0;
    for (i, c) in plain.text.char_indices() {
        let span = plain
            .map
            .span(provenance::span::Span::new(i, i + c.len_utf8()));
        assert!(span.end <= text.len(), "byte {i} maps outside the original");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(span.start >= last, "mapping goes backwards at byte {i}");
        last = span.start;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn plain_text_sentences_cover_every_non_space_byte(text in article()) {
        let doc = check(&text, InputFormat::Txt);
        assert_well_formed(&doc);
        let mut covered = vec![false; text.len()];
        for s in &doc.sentences {
            covered[s.sentence.span.start..s.sentence.span.end].iter_mut().for_each(|c| *c = true);
        }
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() && c != '\u{feff}' {
                prop_assert!(covered[i], "byte {} ({:?}) is in no sentence of {:?}", i, c, text);
            }
        }
    }

    #[test]
    fn markdown_maps_back_inside_the_original(text in article()) {
        assert_every_byte_maps_back(&text, InputFormat::Md);
        let doc = check(&text, InputFormat::Md);
        assert_well_formed(&doc);
    }

    #[test]
    fn html_maps_back_inside_the_original(text in article()) {
        assert_every_byte_maps_back(&text, InputFormat::Html);
        let doc = check(&text, InputFormat::Html);
        assert_well_formed(&doc);
    }

    #[test]
    fn html_report_never_emits_article_markup(text in article(), tag in "[a-z]{1,6}") {
        let hostile = format!("{text} <{tag} onerror=x> {text}");
        let doc = check(&hostile, InputFormat::Txt);
        let mut out = Vec::new();
        let mut report = provenance::report::reporter(provenance::report::Format::Html, &provenance::report::ReportOptions::plain(&provenance::rules::RuleSet::embedded()));
        report.document(&doc, &mut out).expect("collect");
        report.finish(&mut out).expect("render");
        let html = String::from_utf8(out).expect("UTF-8");
        let injected = format!("<{tag} onerror");
        prop_assert!(!html.contains(&injected), "markup from the article reached the page");
        prop_assert!(!html.contains("<script"), "a script reached the page");
        prop_assert!(!html.contains("src=") && !html.contains("http:") && !html.contains("https:"));
    }
}

/// Selectors made of the pieces that nest and chain, at any depth.
fn selector() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("div ".to_string()),
        Just("p".to_string()),
        Just(" > ".to_string()),
        Just(":not(".to_string()),
        Just(":is(".to_string()),
        Just(")".to_string()),
        Just("[a=\"".to_string()),
        Just("\"]".to_string()),
        Just(".x".to_string()),
        Just("#y".to_string()),
        Just(",".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..400).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any selector is refused with a message or used; none crashes the
    /// reader (a deep one used to overflow the stack). Test threads have
    /// small stacks, which makes this stricter than the binary's main thread.
    #[test]
    fn any_selector_is_refused_or_used_never_crashes(sel in selector()) {
        if provenance::document::validate_selector(&sel).is_ok() {
            let options = ReadOptions { html_selector: Some(sel), ..ReadOptions::default() };
            let _ = Document::new("a.html", "<body><div><p>Prices rose.</p></div></body>".into(), InputFormat::Html, &options);
        }
    }
}
