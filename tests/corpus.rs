//! Compares the tool against every hand-written gold file in `corpus/`,
//! sentence by sentence: the sentence text, whether it is attributed, the
//! source, cue, relays and carry-over, and which checks flag it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use provenance::document::{self, Input, InputFormat, ReadOptions};
use provenance::rules::RuleSet;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Gold {
    sentence: Vec<GoldSentence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldSentence {
    text: String,
    #[serde(default = "yes")]
    attributed: bool,
    source: Option<String>,
    kind: Option<String>,
    source_text: Option<String>,
    cue: Option<String>,
    #[serde(default)]
    via: Vec<String>,
    inherited_from: Option<usize>,
    /// The earlier sentence a definite description names again.
    refers_to: Option<usize>,
    quote: Option<bool>,
    #[serde(default)]
    findings: Vec<String>,
    /// What the sentence is (`statement`, `byline`, ...), when the gold says.
    sentence_kind: Option<String>,
    /// Why an unattributed statement needs a source, or not ("figure",
    /// "own-voice"), when the gold says.
    because: Option<String>,
}

fn yes() -> bool {
    true
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every article in `corpus/` in a format the tool reads, sorted.
pub(crate) fn articles() -> Vec<PathBuf> {
    let mut articles: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus/ exists")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| InputFormat::from_path(p).is_some())
        .collect();
    articles.sort();
    articles
}

/// Differences between the tool's reading of one article and its gold file.
fn compare(article: &Path, rules: &RuleSet) -> Vec<String> {
    // A Markdown or HTML version of an article shares the plain version's
    // gold: markup must not change how the prose is read.
    let gold_path = article.with_extension("gold.toml");
    let gold_text = std::fs::read_to_string(&gold_path).unwrap_or_else(|e| {
        panic!(
            "{} has no gold file {}: {e}",
            article.display(),
            gold_path.display()
        )
    });
    let gold: Gold =
        toml::from_str(&gold_text).unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
    let input = Input::File(article.to_path_buf());
    let doc = document::read(&input, &ReadOptions::default()).expect("article reads");
    let doc = provenance::check_document(doc, rules);
    let mut problems = Vec::new();
    if doc.sentences.len() != gold.sentence.len() {
        problems.push(format!(
            "expected {} sentences, got {}",
            gold.sentence.len(),
            doc.sentences.len()
        ));
    }
    for (i, (want, got)) in gold.sentence.iter().zip(&doc.sentences).enumerate() {
        let got_text = doc.sentence_text(i);
        let mut p = Vec::new();
        if got_text != want.text {
            p.push(format!(
                "text\n      expected {:?}\n      got      {:?}",
                want.text, got_text
            ));
        }
        match (&got.attribution, want.attributed) {
            (None, true) => p.push("expected an attribution, got none".into()),
            (Some(a), false) => p.push(format!(
                "expected none, got {} via {:?}",
                a.source.text, a.cue.text
            )),
            (Some(a), true) => {
                if want.source.as_deref() != a.source.id.as_deref() {
                    p.push(format!(
                        "source id: expected {:?}, got {:?}",
                        want.source, a.source.id
                    ));
                }
                if let Some(kind) = &want.kind {
                    if kind != &a.source.kind {
                        p.push(format!("kind: expected {kind}, got {}", a.source.kind));
                    }
                }
                if let Some(st) = &want.source_text {
                    if !a.source.text.contains(st.as_str()) {
                        p.push(format!(
                            "source text: expected it to contain {st:?}, got {:?}",
                            a.source.text
                        ));
                    }
                }
                if let Some(cue) = &want.cue {
                    if !cue.eq_ignore_ascii_case(&a.cue.text) {
                        p.push(format!("cue: expected {cue:?}, got {:?}", a.cue.text));
                    }
                }
                let via: Vec<String> = a
                    .via
                    .iter()
                    .map(|v| v.id.clone().unwrap_or_else(|| v.text.clone()))
                    .collect();
                if via != want.via {
                    p.push(format!("via: expected {:?}, got {via:?}", want.via));
                }
                if want.inherited_from != a.inherited_from {
                    p.push(format!(
                        "inherited_from: expected {:?}, got {:?}",
                        want.inherited_from, a.inherited_from
                    ));
                }
                if want.refers_to != a.refers_to {
                    p.push(format!(
                        "refers_to: expected {:?}, got {:?}",
                        want.refers_to, a.refers_to
                    ));
                }
                if let Some(q) = want.quote {
                    if q != a.quote {
                        p.push(format!("quote: expected {q}, got {}", a.quote));
                    }
                }
            }
            (None, false) => {}
        }
        if let Some(kind) = &want.sentence_kind {
            if kind != got.kind.as_str() {
                p.push(format!(
                    "sentence kind: expected {kind}, got {}",
                    got.kind.as_str()
                ));
            }
        }
        if let Some(because) = &want.because {
            let got_because = got.need.map(|n| n.because.as_str());
            if Some(because.as_str()) != got_because {
                p.push(format!("because: expected {because}, got {got_because:?}"));
            }
        }
        let want_rules: BTreeSet<&str> = want.findings.iter().map(String::as_str).collect();
        let got_rules: BTreeSet<&str> = doc
            .findings
            .iter()
            .filter(|f| f.sentence == i)
            .map(|f| &*f.rule)
            .collect();
        if want_rules != got_rules {
            p.push(format!(
                "findings: expected {want_rules:?}, got {got_rules:?}"
            ));
        }
        if !p.is_empty() {
            problems.push(format!("[{i}] {}\n    {}", want.text, p.join("\n    ")));
        }
    }
    problems
}

#[test]
fn corpus_matches_gold_sentence_by_sentence() {
    let rules = RuleSet::embedded();
    let articles = articles();
    assert!(
        articles.len() >= 8,
        "corpus/ should hold at least 8 articles"
    );
    let mut report = String::new();
    for article in &articles {
        let problems = compare(article, &rules);
        if !problems.is_empty() {
            report.push_str(&format!(
                "\n{}:\n  {}\n",
                article.display(),
                problems.join("\n  ")
            ));
        }
    }
    assert!(report.is_empty(), "corpus differs from gold:{report}");
}

#[test]
fn every_check_fires_somewhere_in_the_corpus() {
    let rules = RuleSet::embedded();
    let mut fired = BTreeSet::new();
    for article in articles() {
        let doc =
            document::read(&Input::File(article), &ReadOptions::default()).expect("article reads");
        let doc = provenance::check_document(doc, &rules);
        fired.extend(doc.findings.into_iter().map(|f| f.rule));
    }
    for check in &rules.checks {
        assert!(
            fired.contains(check.id.get_ref().as_str()),
            "no corpus article exercises {}",
            check.id.get_ref()
        );
    }
}
