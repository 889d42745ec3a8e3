//! The pictures of the HTML report, for editors who would rather look than
//! read: per article, a bar of its sentences by how they are sourced; for
//! several articles, a table of them that sorts by any column.
//!
//! The page has no script, so the table is written once per order and a
//! radio button shows one copy. Hidden copies are out of the accessibility
//! tree: a screen reader reads the rows in the order shown, and each copy's
//! `aria-sort` is simply true.

use std::cmp::Ordering;

use serde::Serialize;

/// How one sentence is sourced, as the bar counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    /// Attributed to a named person, organisation or document.
    Named,
    /// Attributed to an unnamed source ("a senior official").
    Anonymous,
    /// No source, and a warning or error says it needs one.
    NeedsSource,
    /// No source; the finding that said so was silenced by a comment.
    Suppressed,
    /// No source, and nothing says it needs one.
    NeedsNone,
}

impl Standing {
    const ALL: [Standing; 5] = [
        Standing::Named,
        Standing::Anonymous,
        Standing::NeedsSource,
        Standing::Suppressed,
        Standing::NeedsNone,
    ];

    fn class(self) -> &'static str {
        match self {
            Standing::Named => "named",
            Standing::Anonymous => "anonymous",
            Standing::NeedsSource => "needs",
            Standing::Suppressed => "suppressed",
            Standing::NeedsNone => "fine",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Standing::Named => "attributed to a named source",
            Standing::Anonymous => "attributed to an unnamed source",
            Standing::NeedsSource => "needing a source",
            Standing::Suppressed => "needing a source, suppressed",
            Standing::NeedsNone => "needing none",
        }
    }
}

/// An article's sentences counted by [`Standing`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Tally([usize; 5]);

impl Tally {
    pub(super) fn add(&mut self, standing: Standing) {
        self.0[standing as usize] += 1;
    }

    fn count(&self, standing: Standing) -> usize {
        self.0[standing as usize]
    }

    fn sentences(&self) -> usize {
        self.0.iter().sum()
    }

    pub(super) fn needs_source(&self) -> usize {
        self.count(Standing::NeedsSource)
    }

    /// The share of sentences that need a source and have none, 0 to 1.
    pub(super) fn share_unsourced(&self) -> f64 {
        match self.sentences() {
            0 => 0.0,
            n => self.needs_source() as f64 / n as f64,
        }
    }
}

/// One coloured part of a bar.
#[derive(Debug, Serialize)]
pub(super) struct Segment {
    class: &'static str,
    label: &'static str,
    count: usize,
    /// Its width, a percentage of the bar.
    width: String,
}

/// The bar of an article: one segment per standing that occurs, in a fixed
/// order so that bars of different articles compare at a glance.
pub(super) fn bar(tally: &Tally) -> Vec<Segment> {
    let total = tally.sentences().max(1) as f64;
    Standing::ALL
        .iter()
        .filter(|&&s| tally.count(s) > 0)
        .map(|&s| Segment {
            class: s.class(),
            label: s.label(),
            count: tally.count(s),
            width: format!("{:.2}%", 100.0 * tally.count(s) as f64 / total),
        })
        .collect()
}

/// The bar in words, for screen readers and the tooltip.
pub(super) fn describe(tally: &Tally) -> String {
    let parts: Vec<String> = Standing::ALL
        .iter()
        .filter(|&&s| tally.count(s) > 0)
        .map(|&s| format!("{} {}", tally.count(s), s.label()))
        .collect();
    let n = tally.sentences();
    let noun = if n == 1 { "sentence" } else { "sentences" };
    if parts.is_empty() {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}: {}", parts.join(", "))
    }
}

/// An article as the table sorts it.
pub(super) struct Row<'a> {
    pub path: &'a str,
    pub sentences: usize,
    pub share_unsourced: f64,
    pub errors: usize,
    pub warnings: usize,
}

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Document,
    Sentences,
    Unsourced,
    Errors,
    Warnings,
}

impl Column {
    const ALL: [Column; 5] = [
        Column::Document,
        Column::Sentences,
        Column::Unsourced,
        Column::Errors,
        Column::Warnings,
    ];

    fn key(self) -> &'static str {
        match self {
            Column::Document => "document",
            Column::Sentences => "sentences",
            Column::Unsourced => "unsourced",
            Column::Errors => "errors",
            Column::Warnings => "warnings",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Column::Document => "Document",
            Column::Sentences => "Sentences",
            Column::Unsourced => "Needing a source",
            Column::Errors => "Errors",
            Column::Warnings => "Warnings",
        }
    }

    /// Names read A to Z first; counts, largest first.
    fn first_descending(self) -> bool {
        self != Column::Document
    }

    fn compare(self, a: &Row, b: &Row) -> Ordering {
        match self {
            Column::Document => a.path.cmp(b.path),
            Column::Sentences => a.sentences.cmp(&b.sentences),
            Column::Unsourced => a.share_unsourced.total_cmp(&b.share_unsourced),
            Column::Errors => a.errors.cmp(&b.errors),
            Column::Warnings => a.warnings.cmp(&b.warnings),
        }
    }
}

/// The radio button id that shows the table sorted by `column`.
fn order_id(column: Column, descending: bool) -> String {
    let way = if descending { "desc" } else { "asc" };
    format!("sort-{}-{way}", column.key())
}

/// A column heading of one copy of the table.
#[derive(Debug, Serialize)]
pub(super) struct Heading {
    label: &'static str,
    /// The order a click on the heading shows.
    target: String,
    /// For the column this copy is sorted by: `ascending` or `descending`.
    sorted: Option<&'static str>,
    numeric: bool,
}

/// The table in one order.
#[derive(Debug, Serialize)]
pub(super) struct SortedTable {
    /// The id of the radio button that shows it.
    id: String,
    /// What the radio button says.
    label: String,
    headings: Vec<Heading>,
    /// Indices of the documents, in this order.
    rows: Vec<usize>,
}

/// Above this many articles the table is written in one order only: each
/// order is a copy of the table, and ten copies of a huge run are too much.
pub(super) const SORTABLE_UP_TO: usize = 1000;

/// The table in every order, the first (most unsourced first) shown at
/// first; only that one when there are more than [`SORTABLE_UP_TO`] rows.
pub(super) fn sorted_tables(rows: &[Row]) -> Vec<SortedTable> {
    let mut orders: Vec<(Column, bool)> = vec![(Column::Unsourced, true)];
    if rows.len() <= SORTABLE_UP_TO {
        for column in Column::ALL {
            for descending in [column.first_descending(), !column.first_descending()] {
                if (column, descending) != (Column::Unsourced, true) {
                    orders.push((column, descending));
                }
            }
        }
    }
    orders
        .into_iter()
        .map(|(column, descending)| {
            let mut order: Vec<usize> = (0..rows.len()).collect();
            // Ties stay in name order, whichever way the column runs.
            order.sort_by(|&a, &b| {
                let by_column = column.compare(&rows[a], &rows[b]);
                let by_column = if descending {
                    by_column.reverse()
                } else {
                    by_column
                };
                by_column.then_with(|| rows[a].path.cmp(rows[b].path))
            });
            let headings = Column::ALL
                .iter()
                .map(|&c| {
                    let (target, sorted) = if c == column {
                        let way = if descending {
                            "descending"
                        } else {
                            "ascending"
                        };
                        (order_id(c, !descending), Some(way))
                    } else {
                        (order_id(c, c.first_descending()), None)
                    };
                    Heading {
                        label: c.label(),
                        target,
                        sorted,
                        numeric: c != Column::Document,
                    }
                })
                .collect();
            let way = match (column, descending) {
                (Column::Document, false) => "A to Z",
                (Column::Document, true) => "Z to A",
                (_, true) => "largest first",
                (_, false) => "smallest first",
            };
            SortedTable {
                id: order_id(column, descending),
                label: format!("Sort by {}, {way}", column.label().to_lowercase()),
                headings,
                rows: order,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(path: &str, sentences: usize, share: f64, errors: usize) -> Row<'_> {
        Row {
            path,
            sentences,
            share_unsourced: share,
            errors,
            warnings: 0,
        }
    }

    #[test]
    fn the_first_table_puts_the_most_unsourced_article_first() {
        let rows = [
            row("a.md", 10, 0.1, 0),
            row("b.md", 5, 0.6, 1),
            row("c.md", 8, 0.3, 0),
        ];
        let tables = sorted_tables(&rows);
        assert_eq!(tables.len(), 10, "five columns, two ways each");
        assert_eq!(tables[0].id, "sort-unsourced-desc");
        assert_eq!(tables[0].rows, [1, 2, 0]);
        let by_id = |id: &str| tables.iter().find(|t| t.id == id).expect(id);
        assert_eq!(by_id("sort-document-asc").rows, [0, 1, 2]);
        assert_eq!(by_id("sort-document-desc").rows, [2, 1, 0]);
        assert_eq!(by_id("sort-sentences-asc").rows, [1, 2, 0]);
        // Ties keep name order both ways.
        assert_eq!(by_id("sort-errors-desc").rows, [1, 0, 2]);
        assert_eq!(by_id("sort-errors-asc").rows, [0, 2, 1]);
    }

    #[test]
    fn a_heading_turns_its_own_order_round_and_starts_others_their_usual_way() {
        let rows = [row("a.md", 1, 0.0, 0), row("b.md", 2, 0.5, 0)];
        let tables = sorted_tables(&rows);
        let first = &tables[0];
        let targets: Vec<(&str, Option<&str>)> = first
            .headings
            .iter()
            .map(|h| (h.target.as_str(), h.sorted))
            .collect();
        assert_eq!(
            targets,
            [
                ("sort-document-asc", None),
                ("sort-sentences-desc", None),
                ("sort-unsourced-asc", Some("descending")),
                ("sort-errors-desc", None),
                ("sort-warnings-desc", None),
            ]
        );
        // Every heading leads to a table that exists.
        for t in &tables {
            for h in &t.headings {
                assert!(
                    tables.iter().any(|other| other.id == h.target),
                    "{}",
                    h.target
                );
            }
        }
    }

    #[test]
    fn a_huge_run_gets_one_order_only() {
        let names: Vec<String> = (0..=SORTABLE_UP_TO).map(|i| format!("{i}.md")).collect();
        let rows: Vec<Row> = names.iter().map(|n| row(n, 1, 0.0, 0)).collect();
        assert_eq!(sorted_tables(&rows).len(), 1);
    }

    #[test]
    fn the_bar_shows_what_occurs_in_a_fixed_order() {
        let mut tally = Tally::default();
        for s in [
            Standing::NeedsNone,
            Standing::Named,
            Standing::Named,
            Standing::NeedsSource,
        ] {
            tally.add(s);
        }
        let bar = bar(&tally);
        let parts: Vec<(&str, usize, &str)> = bar
            .iter()
            .map(|s| (s.class, s.count, s.width.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                ("named", 2, "50.00%"),
                ("needs", 1, "25.00%"),
                ("fine", 1, "25.00%")
            ]
        );
        assert_eq!(tally.share_unsourced(), 0.25);
        assert_eq!(
            describe(&tally),
            "4 sentences: 2 attributed to a named source, 1 needing a source, 1 needing none"
        );
        assert_eq!(describe(&Tally::default()), "0 sentences");
    }
}
