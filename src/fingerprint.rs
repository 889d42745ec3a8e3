//! Fingerprints of findings that survive edits elsewhere in a file: a hash of
//! the check id and the words of the sentence, not of its line number. The
//! baseline and SARIF's `partialFingerprints` both use them, so a paragraph
//! added above an old sentence neither resurfaces it nor opens a new alert.

use crate::CheckedDocument;

/// 64-bit FNV-1a: tiny, stable across versions and platforms (unlike the
/// standard library's hasher), and collisions among one file's findings are
/// not a practical concern.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The fingerprint of a finding of `rule` on a sentence reading `sentence`:
/// runs of white space count as one space, so re-wrapping a paragraph keeps it.
pub fn fingerprint(rule: &str, sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let normalised = words.join(" ");
    format!("{:016x}", fnv1a(&[rule.as_bytes(), normalised.as_bytes()]))
}

/// `print` tied to the file it is in: SARIF viewers match alerts by
/// fingerprint, and the same sentence in two articles is two alerts.
pub fn in_file(print: &str, path: &str) -> String {
    format!("{:016x}", fnv1a(&[path.as_bytes(), print.as_bytes()]))
}

/// The fingerprint of every finding of `doc`, in order.
pub fn of_findings(doc: &CheckedDocument) -> Vec<String> {
    doc.findings
        .iter()
        .map(|f| {
            let sentence = doc
                .sentences
                .get(f.sentence)
                .map_or("", |_| doc.sentence_text(f.sentence));
            fingerprint(&f.rule, sentence)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_and_line_breaks_do_not_change_it() {
        assert_eq!(
            fingerprint("unattributed-claim", "The bridge  was\nhit."),
            fingerprint("unattributed-claim", "The bridge was hit.")
        );
    }

    #[test]
    fn rule_and_words_do() {
        let base = fingerprint("unattributed-claim", "The bridge was hit.");
        assert_ne!(
            base,
            fingerprint("unattributed-quote", "The bridge was hit.")
        );
        assert_ne!(
            base,
            fingerprint("unattributed-claim", "The bridge was not hit.")
        );
        assert_ne!(fingerprint("ab", "c"), fingerprint("a", "bc"));
    }

    #[test]
    fn it_is_stable_across_releases() {
        // Baselines are committed to repositories: this value must never
        // change (it is FNV-1a, worked out independently of this code).
        assert_eq!(
            fingerprint("unattributed-claim", "The bridge  was hit."),
            "d6aae7e946b4cdb7"
        );
    }
}
