//! Helpers the unit tests of several modules share.

use crate::CheckedDocument;

/// The registered source id of each sentence's attribution, in order.
pub(crate) fn source_ids(doc: &CheckedDocument) -> Vec<Option<&str>> {
    doc.sentences
        .iter()
        .map(|s| s.attribution.as_ref().and_then(|a| a.source.id.as_deref()))
        .collect()
}

/// The plain-text articles of `corpus/` and the seed article when it is
/// at hand, each with its file name.
pub(crate) fn corpus_texts() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("corpus"))
        .expect("corpus/ exists")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("corpus article reads");
            (p.display().to_string(), text)
        })
        .collect()
}

/// The default rules and a house check that counts "said" over the whole
/// document (its one finding is made at the document's end, about an
/// early sentence), and the corpus articles joined `copies` times over:
/// a long document for the reports that write one as it is checked.
pub(crate) fn long_document(copies: usize) -> (crate::rules::RuleSet, String) {
    let rules = crate::rules::RuleSet::load_text(
        "house.toml",
        r#"
[[check]]
id = "house-said"
kind = "occurrence"
severity = "warning"
patterns = ["said"]
max = 3
message = "`{match}` {count} times"
summary = "s"
why = "w"
"#,
    )
    .expect("rules load");
    let text = corpus_texts()
        .into_iter()
        .map(|(_, text)| text + "\n\n")
        .collect::<String>()
        .repeat(copies);
    (rules, text)
}
