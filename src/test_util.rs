//! Helpers the unit tests of several modules share.

use crate::CheckedDocument;

/// The registered source id of each sentence's attribution, in order.
pub(crate) fn source_ids(doc: &CheckedDocument) -> Vec<Option<&str>> {
    doc.sentences
        .iter()
        .map(|s| s.attribution.as_ref().and_then(|a| a.source.id.as_deref()))
        .collect()
}
