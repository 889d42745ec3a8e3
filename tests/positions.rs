//! Every span, line and column points into the original file, whatever the
//! format: inline markup, entities, CRLF line ends and a byte-order mark.

use provenance::document::{Document, InputFormat, ReadOptions};
use provenance::rules::RuleSet;
use provenance::CheckedDocument;

fn check(source: &str, format: InputFormat) -> CheckedDocument {
    let doc = Document::new(
        "fixture",
        source.to_string(),
        format,
        &ReadOptions::default(),
    )
    .expect("reads");
    provenance::check_document(doc, &RuleSet::embedded())
}

/// The original bytes of a span.
fn at(doc: &CheckedDocument, span: provenance::span::Span) -> &str {
    &doc.text[span.start..span.end]
}

#[test]
fn markdown_inline_markup_keeps_sentences_and_positions() {
    let md = "# Kharkiv\r\n\r\nThe *regional* governor **said** that [40 homes](https://x.org/a.b) burned.\r\nRussia lost 300 tanks.\r\n";
    let doc = check(md, InputFormat::Md);
    assert_eq!(doc.sentences.len(), 3);
    assert!(doc.sentences[0].sentence.heading);
    assert_eq!(
        doc.sentence_text(1),
        "The regional governor said that 40 homes burned."
    );
    let s = &doc.sentences[1];
    assert_eq!(
        at(&doc, s.sentence.span),
        "The *regional* governor **said** that [40 homes](https://x.org/a.b) burned."
    );
    let a = s.attribution.as_ref().expect("attributed");
    assert_eq!(at(&doc, a.cue.span), "said");
    assert_eq!(at(&doc, a.source.span), "The *regional* governor");
    let third = doc.sentences[2].sentence.span;
    assert_eq!(at(&doc, third), "Russia lost 300 tanks.");
    let f = doc
        .findings
        .iter()
        .find(|f| f.rule == "unattributed-statistic")
        .expect("figure flagged");
    let lc = doc.line_column(f.span.start);
    assert_eq!((lc.line, lc.column), (4, 1));
}

#[test]
fn markdown_headings_are_not_claims() {
    let doc = check("## The war in numbers\n\nText.\n", InputFormat::Md);
    assert!(
        doc.findings.iter().all(|f| f.sentence != 0),
        "{:?}",
        doc.findings
    );
}

#[test]
fn html_entities_and_tags_map_to_original_bytes() {
    let html = "\u{feff}<html><body><nav>Menu</nav><p>Ukraine&rsquo;s <b>army</b> said that 40&nbsp;drones were downed.</p>\r\n<p>Kyiv&#39;s mayor &amp; others left.</p></body></html>";
    let doc = check(html, InputFormat::Html);
    assert_eq!(doc.sentences.len(), 2);
    assert_eq!(
        doc.sentence_text(0),
        "Ukraine’s army said that 40\u{a0}drones were downed."
    );
    let s = &doc.sentences[0];
    assert_eq!(
        at(&doc, s.sentence.span),
        "Ukraine&rsquo;s <b>army</b> said that 40&nbsp;drones were downed."
    );
    let a = s.attribution.as_ref().expect("attributed");
    assert_eq!(at(&doc, a.cue.span), "said");
    assert_eq!(at(&doc, a.source.span), "Ukraine&rsquo;s <b>army");
    let second = doc.sentences[1].sentence.span;
    assert_eq!(at(&doc, second), "Kyiv&#39;s mayor &amp; others left.");
    let lc = doc.line_column(second.start);
    assert_eq!((lc.line, lc.column), (2, 4));
}

#[test]
fn plain_text_with_crlf_and_bom_counts_columns_in_scalars() {
    let doc = check(
        "\u{feff}Одеса: port open.\r\nÉmile said so.\r\n",
        InputFormat::Txt,
    );
    assert_eq!(doc.sentences.len(), 2);
    let s = doc.sentences[1].sentence.span;
    assert_eq!(at(&doc, s), "Émile said so.");
    let lc = doc.line_column(s.start);
    assert_eq!((lc.line, lc.column), (2, 1));
    let first = doc.line_column(doc.sentences[0].sentence.span.start);
    assert_eq!(
        (first.line, first.column),
        (1, 2),
        "the BOM is a column of its own"
    );
}
