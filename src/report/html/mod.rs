//! The annotated HTML page for editors: one self-contained file (inline CSS,
//! no script, no external request) with every sentence coloured by its
//! source, the source mention and cue marked, suppressed flags marked, a
//! tooltip per sentence, a legend, a bar of the article's sentences by how
//! they are sourced, the findings linked to their sentences, filters that
//! work offline (radio buttons and CSS `:has`), and for several articles a
//! sortable table of them ([`overview`]). Rendered with minijinja, whose
//! auto-escaping covers every byte of article text.

mod overview;

use std::collections::BTreeMap;
use std::io::{self, Write};

use minijinja::{Environment, HtmlEscape};
use serde::Serialize;

use super::Report;
use crate::attribute::{Attribution, Carried};
use crate::check::Finding;
use crate::rules::Severity;
use crate::{CheckedDocument, Summary};
use overview::{Row, SortedTable, Standing, Tally};

const TEMPLATE: &str = include_str!("../templates/report.html");

/// Background tints for sources: light enough for AA contrast with dark text.
const PALETTE: &[&str] = &[
    "#cfe8ff", "#ffe0b2", "#d7f5d0", "#f3d9fa", "#fff3b0", "#d0f0ef", "#ffd6d6", "#e4e0ff",
    "#e8f0c8", "#fde2f0", "#dde6ee", "#f5e6d3",
];

#[derive(Serialize)]
struct Page {
    version: &'static str,
    totals: Summary,
    slots: Vec<Slot>,
    documents: Vec<DocumentView>,
    /// The table of documents in each order (several documents only).
    tables: Vec<SortedTable>,
}

#[derive(Serialize)]
struct Slot {
    index: usize,
    color: &'static str,
}

#[derive(Serialize)]
struct DocumentView {
    path: String,
    summary: Summary,
    /// The most severe finding's severity, empty without findings.
    worst: &'static str,
    /// Sentences needing a source and without one.
    needs_source: usize,
    /// Their share of the sentences, as a whole percentage.
    percent_unsourced: String,
    /// Sentences whose flags a comment silenced.
    suppressed: usize,
    bar: Vec<overview::Segment>,
    /// The bar in words.
    bar_text: String,
    /// The article's paragraphs, written here, not by the template: one
    /// span per sentence is the bulk of a page, and building a template
    /// value for each would cost more than the whole check (every text
    /// escaped by minijinja's `HtmlEscape`, as the template would).
    body: minijinja::Value,
    legend: Vec<LegendEntry>,
    findings: Vec<FindingView>,
    /// What the table sorts by (not written out).
    #[serde(skip)]
    share_unsourced: f64,
}

/// One sentence of the article, as it is written into the page.
struct SentenceView<'a> {
    document: usize,
    index: usize,
    /// Registry id, else the discovered kind, else `none`.
    source: &'a str,
    slot: Option<usize>,
    tip: &'a [(&'static str, String)],
    /// Its most severe finding.
    worst: Option<Severity>,
    /// The checks whose findings on it a comment silenced.
    suppressed: &'a [&'a Finding],
}

impl SentenceView<'_> {
    /// The sentence as a focusable span, coloured by its source, with its
    /// source and cue marked and a tooltip.
    fn write(&self, out: &mut String, text: &str, attribution: Option<&Attribution>) {
        use std::fmt::Write as _;
        let (d, i) = (self.document, self.index);
        let _ = write!(
            out,
            "<span class=\"sentence\" tabindex=\"0\" id=\"d{d}-s{i}\" data-sentence=\"{i}\" data-source=\"{}\"",
            HtmlEscape(self.source)
        );
        if let Some(slot) = self.slot {
            let _ = write!(out, " data-slot=\"{slot}\"");
        }
        if let Some(worst) = self.worst {
            let _ = write!(out, " data-worst=\"{}\"", worst.as_str());
        }
        if !self.suppressed.is_empty() {
            out.push_str(" data-suppressed");
        }
        let _ = write!(out, " aria-describedby=\"d{d}-t{i}\">");
        for piece in pieces(text, attribution) {
            match piece.class {
                Some(class) => {
                    let _ = write!(
                        out,
                        "<mark class=\"{class}\">{}</mark>",
                        HtmlEscape(piece.text)
                    );
                }
                None => {
                    let _ = write!(out, "{}", HtmlEscape(piece.text));
                }
            }
        }
        if self.source == "none" {
            out.push_str("<span class=\"sr-only\"> (no source)</span>");
        }
        if !self.suppressed.is_empty() {
            out.push_str(" <span class=\"supp\">suppressed</span>");
        }
        let _ = write!(
            out,
            "<span class=\"tip\" role=\"tooltip\" id=\"d{d}-t{i}\">"
        );
        for (key, value) in self.tip {
            let _ = write!(
                out,
                "<span class=\"row\"><span class=\"k\">{}:</span> {}</span>",
                HtmlEscape(key),
                HtmlEscape(value)
            );
        }
        for f in self.suppressed {
            let _ = write!(
                out,
                "<span class=\"row\"><span class=\"k\">Suppressed:</span> {} ({})</span>",
                HtmlEscape(&f.message),
                HtmlEscape(&f.rule)
            );
        }
        out.push_str("</span></span> ");
    }
}

/// Ends the paragraph opened at `opened`, marking it a heading when every
/// sentence of it was one (`opened` still the offset of its `<p>`).
fn close_paragraph(body: &mut String, opened: Option<usize>) {
    match opened {
        Some(at) if at != usize::MAX => {
            body.replace_range(at..at + 3, "<p class=\"heading\">");
            body.push_str("</p>\n");
        }
        Some(_) => body.push_str("</p>\n"),
        None => {}
    }
}

/// A run of a sentence's text, plain or marked as source or cue.
struct Piece<'a> {
    text: &'a str,
    class: Option<&'static str>,
}

#[derive(Serialize)]
struct LegendEntry {
    key: String,
    label: String,
    kind: String,
    count: usize,
    slot: usize,
}

/// Findings grouped by sentence, handed out sentence by sentence: one
/// sorted list walked once (a filter over all findings per sentence was
/// quadratic).
struct BySentence<'f> {
    sorted: Vec<&'f Finding>,
    next: usize,
}

impl<'f> BySentence<'f> {
    fn new(findings: &'f [Finding]) -> Self {
        let mut sorted: Vec<&Finding> = findings.iter().collect();
        sorted.sort_by_key(|f| f.sentence);
        BySentence { sorted, next: 0 }
    }

    /// The findings on sentence `i`; called with `i` rising.
    fn on(&mut self, i: usize) -> &[&'f Finding] {
        let at = |n: usize| self.sorted.get(n).map(|f| f.sentence);
        while at(self.next).is_some_and(|s| s < i) {
            self.next += 1;
        }
        let first = self.next;
        while at(self.next) == Some(i) {
            self.next += 1;
        }
        &self.sorted[first..self.next]
    }
}

/// How a sentence is sourced, for the bar.
fn standing(
    attribution: Option<&Attribution>,
    findings: &[&Finding],
    suppressed: &[&Finding],
) -> Standing {
    let flags = |list: &[&Finding]| list.iter().any(|f| f.severity >= Severity::Warning);
    match attribution {
        Some(a) if a.source.kind == "anonymous" => Standing::Anonymous,
        Some(_) => Standing::Named,
        None if flags(findings) => Standing::NeedsSource,
        None if flags(suppressed) => Standing::Suppressed,
        None => Standing::NeedsNone,
    }
}

#[derive(Serialize)]
struct FindingView {
    rule: String,
    severity: &'static str,
    message: String,
    sentence: usize,
    line: usize,
    column: usize,
}

/// Collects documents and writes the page at the end (the table of contents
/// needs them all).
#[derive(Default)]
pub struct HtmlReport {
    /// Registered source id → the name to show.
    names: BTreeMap<String, String>,
    documents: Vec<DocumentView>,
    /// Source key → colour slot, shared by all documents so colours agree.
    slots: BTreeMap<String, usize>,
    totals: Summary,
}

/// The key a sentence is coloured by: the registry id, else the source's
/// name as written (case and spacing aside): each person and organisation
/// an article cites gets its own colour, not one per kind.
fn source_key(a: &Attribution) -> String {
    if let Some(id) = &a.source.id {
        return id.clone();
    }
    // A person named in full and then by surname ("Mayor Olena Kovalenko",
    // "Kovalenko") is one source: keyed by the surname.
    match a.source.text.split_whitespace().next_back() {
        Some(last) if a.source.kind == "person" && last.starts_with(char::is_uppercase) => {
            format!("person:{}", last.to_lowercase())
        }
        // Compared as aliases are: lower case, one space between words.
        _ => crate::rules::fold(&a.source.text),
    }
}

impl HtmlReport {
    /// A report whose legend names registered sources as `rules` does.
    pub fn new(rules: &crate::rules::RuleSet) -> Self {
        HtmlReport {
            names: rules
                .sources
                .iter()
                .map(|s| (s.id.get_ref().clone(), s.name.clone()))
                .collect(),
            ..HtmlReport::default()
        }
    }

    fn slot(&mut self, key: &str) -> usize {
        let next = self.slots.len();
        *self.slots.entry(key.to_string()).or_insert(next)
    }

    fn view(&mut self, doc: &CheckedDocument) -> DocumentView {
        let summary = doc.summary();
        self.totals.add(&summary);
        let mut legend: Vec<LegendEntry> = Vec::new();
        let d = self.documents.len();
        let mut body = String::with_capacity(doc.text.len() * 3);
        let mut heading_at = None;
        let mut findings_of = BySentence::new(&doc.findings);
        let mut suppressed_of = BySentence::new(&doc.suppressed);
        let mut tally = Tally::default();
        let mut suppressed_sentences = 0;
        for (i, s) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(i);
            let (source, slot) = match &s.attribution {
                Some(a) => {
                    let key = source_key(a);
                    let slot = self.slot(&key);
                    match legend.iter_mut().find(|e| e.key == key) {
                        Some(e) => {
                            e.count += 1;
                            // The fullest mention names the source best.
                            let text = one_line(&a.source.text);
                            if a.source.id.is_none() && text.len() > e.label.len() {
                                e.label = text;
                            }
                        }
                        None => legend.push(LegendEntry {
                            label: self
                                .names
                                .get(&key)
                                .cloned()
                                .unwrap_or_else(|| one_line(&a.source.text)),
                            kind: a.source.kind.clone(),
                            key: key.clone(),
                            count: 1,
                            slot,
                        }),
                    }
                    (key, Some(slot))
                }
                None => ("none".to_string(), None),
            };
            let findings = findings_of.on(i);
            let suppressed = suppressed_of.on(i);
            tally.add(standing(s.attribution.as_ref(), findings, suppressed));
            suppressed_sentences += usize::from(!suppressed.is_empty());
            let mut tip = tip_rows(s.attribution.as_ref());
            tip.extend(
                findings
                    .iter()
                    .map(|f| (f.severity.as_str(), f.message.to_string())),
            );
            let paragraph = s.sentence.paragraph;
            let same = i > 0 && doc.sentences[i - 1].sentence.paragraph == paragraph;
            if !same {
                close_paragraph(&mut body, heading_at.take());
                heading_at = Some(body.len());
                body.push_str("<p>");
            }
            if !s.sentence.heading {
                // A paragraph is a heading only if all of it is.
                heading_at = heading_at.map(|_| usize::MAX);
            }
            let view = SentenceView {
                document: d,
                index: i,
                source: &source,
                slot,
                tip: &tip,
                worst: findings.iter().map(|f| f.severity).max(),
                suppressed,
            };
            view.write(&mut body, text, s.attribution.as_ref());
        }
        close_paragraph(&mut body, heading_at);
        // Findings come in document order: a cursor keeps a long
        // single-line file linear.
        let mut cursor = doc.cursor();
        let findings = doc
            .findings
            .iter()
            .map(|f| {
                let at = cursor.line_column(f.span.start);
                FindingView {
                    rule: f.rule.to_string(),
                    severity: f.severity.as_str(),
                    message: f.message.to_string(),
                    sentence: f.sentence,
                    line: at.line,
                    column: at.column,
                }
            })
            .collect();
        DocumentView {
            path: doc.path.clone(),
            summary,
            worst: doc.worst().map_or("", Severity::as_str),
            needs_source: tally.needs_source(),
            percent_unsourced: format!("{:.0}%", 100.0 * tally.share_unsourced()),
            suppressed: suppressed_sentences,
            bar: overview::bar(&tally),
            bar_text: overview::describe(&tally),
            share_unsourced: tally.share_unsourced(),
            body: minijinja::Value::from_safe_string(body),
            legend,
            findings,
        }
    }
}

/// `text` on one line, each run of whitespace one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the tooltip of a sentence says.
fn tip_rows(attribution: Option<&Attribution>) -> Vec<(&'static str, String)> {
    let Some(a) = attribution else {
        return vec![("Source", "none: no one is said to have said this".into())];
    };
    let mut rows = vec![
        ("Source", a.source.text.clone()),
        ("Kind", a.source.kind.clone()),
        ("Cue", a.cue.text.clone()),
    ];
    if !a.via.is_empty() {
        let chain: Vec<&str> = a.via.iter().map(|v| v.text.as_str()).collect();
        rows.push(("Via", chain.join(", then ")));
    }
    if let Some(from) = a.inherited_from {
        rows.push(("Carried from", format!("sentence {}", from + 1)));
    }
    if let Some(earlier) = a.refers_to {
        rows.push(("Named before in", format!("sentence {}", earlier + 1)));
    }
    if a.quote {
        rows.push(("Quote", "yes".to_string()));
    }
    rows
}

/// The sentence text cut into plain runs and the marked source and cue.
fn pieces<'a>(text: &'a str, attribution: Option<&Attribution>) -> Vec<Piece<'a>> {
    let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
    if let Some(a) = attribution {
        if a.carried == Carried::No {
            if let Some(at) = text
                .find(a.source.text.as_str())
                .filter(|_| !a.source.text.is_empty())
            {
                marks.push((at, at + a.source.text.len(), "src"));
            }
        }
        if matches!(a.carried, Carried::No | Carried::Pronoun) && !a.cue.text.is_empty() {
            let taken = |at: usize| {
                marks
                    .iter()
                    .any(|&(s, e, _)| at < e && at + a.cue.text.len() > s)
            };
            if let Some(at) = text
                .match_indices(a.cue.text.as_str())
                .map(|(i, _)| i)
                .find(|&i| !taken(i))
            {
                marks.push((at, at + a.cue.text.len(), "cue"));
            }
        }
    }
    marks.sort();
    let mut out = Vec::new();
    let mut pos = 0;
    for (start, end, class) in marks {
        if start < pos {
            continue;
        }
        if start > pos {
            out.push(Piece {
                text: &text[pos..start],
                class: None,
            });
        }
        out.push(Piece {
            text: &text[start..end],
            class: Some(class),
        });
        pos = end;
    }
    if pos < text.len() {
        out.push(Piece {
            text: &text[pos..],
            class: None,
        });
    }
    out
}

impl Report for HtmlReport {
    fn take(
        &mut self,
        doc: &CheckedDocument,
        _rendered: Option<Vec<u8>>,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let view = self.view(doc);
        self.documents.push(view);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut env = Environment::new();
        env.add_template("report.html", TEMPLATE)
            .map_err(io::Error::other)?;
        let slots = (0..self.slots.len())
            .map(|i| Slot {
                index: i,
                color: PALETTE[i % PALETTE.len()],
            })
            .collect();
        let documents = std::mem::take(&mut self.documents);
        let tables = if documents.len() > 1 {
            let rows: Vec<Row> = documents
                .iter()
                .map(|d| Row {
                    path: &d.path,
                    sentences: d.summary.sentences,
                    share_unsourced: d.share_unsourced,
                    errors: d.summary.errors,
                    warnings: d.summary.warnings,
                })
                .collect();
            overview::sorted_tables(&rows)
        } else {
            Vec::new()
        };
        let page = Page {
            version: env!("CARGO_PKG_VERSION"),
            totals: std::mem::take(&mut self.totals),
            slots,
            documents,
            tables,
        };
        let template = env.get_template("report.html").map_err(io::Error::other)?;
        // Written as it renders: a page for a long document is never held
        // whole in memory besides the view it is rendered from.
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        template
            .render_captured_to(minijinja::value::Serde(&page), &mut out)
            .map_err(io::Error::other)?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn a_person_is_one_legend_entry_named_in_full_whatever_the_mention() {
        let rules = RuleSet::embedded();
        let doc = crate::check_text(
            "t",
            "The bridge opened, Kovalenko said. The ferry stopped, Mayor Olena Kovalenko said. \
             The port closed, the Kyiv council said.",
            &rules,
        );
        let mut report = HtmlReport::new(&rules);
        let view = report.view(&doc);
        let legend: Vec<(&str, &str, usize)> = view
            .legend
            .iter()
            .map(|e| (e.key.as_str(), e.label.as_str(), e.count))
            .collect();
        assert_eq!(
            legend,
            [
                ("person:kovalenko", "Mayor Olena Kovalenko", 2),
                ("the kyiv council", "the Kyiv council", 1)
            ]
        );
    }

    fn render(text: &str) -> String {
        let doc = crate::check_text("a<b>.txt", text, &RuleSet::embedded());
        let mut report = HtmlReport::default();
        let mut out = Vec::new();
        report.document(&doc, &mut out).expect("collect");
        report.finish(&mut out).expect("render");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn article_text_is_always_escaped() {
        let html = render("<script>alert(1)</script> said the <img src=x onerror=alert(2)> official. \"Q\" & 'A'.");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("a&lt;b&gt;.txt"));
    }

    #[test]
    fn sentences_carry_their_source_and_index() {
        let html = render("Russia lost 300 tanks, the AP reported. Kyiv was calm.");
        assert!(
            html.contains(r#"data-sentence="0" data-source="ap""#),
            "{html}"
        );
        assert!(
            html.contains(r#"data-sentence="1" data-source="none""#),
            "{html}"
        );
        assert!(
            html.contains(r#"<mark class="cue">reported</mark>"#),
            "{html}"
        );
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "no external resource"
        );
    }
}
