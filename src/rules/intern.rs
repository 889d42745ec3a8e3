//! Rule texts that findings and classified phrases point at (check ids and
//! messages, registered sources' ids and kinds): stored once for the life
//! of the process instead of copied into every finding.

use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

/// `text` as a string that lives as long as the process. Each distinct text
/// is stored once, so the memory is bounded by the rule files loaded, however
/// many rule sets are built.
pub(crate) fn intern(text: &str) -> &'static str {
    static TEXTS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut texts = TEXTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&known) = texts.get(text) {
        return known;
    }
    let stored: &'static str = Box::leak(text.into());
    texts.insert(stored);
    stored
}
