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
