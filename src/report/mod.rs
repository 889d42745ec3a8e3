//! Reports: one module per output format. A report gets one call per checked
//! document and a `finish`, writing to whatever `main` hands it, so JSON Lines
//! can stream while JSON collects. The `match` over formats is here only.

mod html;
mod json;
mod text;

use std::io::{self, Write};

use crate::CheckedDocument;

pub use html::HtmlReport;
pub use json::{DocumentJson, JsonReport, JsonlReport};
pub use text::TextReport;

/// Output formats, named as the user types them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics and a summary line per file.
    Text,
    /// One JSON object with every document (DESIGN §5).
    Json,
    /// One JSON document object per line, written as each is done.
    Jsonl,
    /// A self-contained annotated HTML page for editors.
    Html,
}

/// Receives checked documents and writes them out.
pub trait Report {
    /// Writes (or collects) one document.
    fn document(&mut self, doc: &CheckedDocument, out: &mut dyn Write) -> io::Result<()>;
    /// Writes whatever was collected.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// The report for a format; `color` applies to text only.
pub fn reporter(format: Format, color: bool) -> Box<dyn Report> {
    match format {
        Format::Text => Box::new(TextReport::new(color)),
        Format::Json => Box::new(JsonReport::default()),
        Format::Jsonl => Box::new(JsonlReport),
        Format::Html => Box::new(HtmlReport::default()),
    }
}
