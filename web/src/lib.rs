//! The in-browser checker: the provenance library compiled to WebAssembly
//! for a static page (`web/page/`, built by `scripts/web.sh`). The page hands
//! over the article as text and gets back the same HTML report and JSON
//! document as the command line's `--format html` and `--format json`;
//! nothing leaves the browser.
//!
//! The work is in plain functions ([`load_rules`], [`check`]) that the
//! tests run natively; the `wasm_bindgen` layer only converts errors.

use std::path::Path;

use provenance::config::Config;
use provenance::document::{Document, InputFormat, ReadOptions};
use provenance::report::{DocumentJson, HtmlReport, Report};
use provenance::rules::RuleSet;
use provenance::CheckedDocument;
use wasm_bindgen::prelude::*;

/// The name a project configuration has; any other opened file is a rule file.
const CONFIG_NAME: &str = "provenance.toml";

/// Rules built from the files a user opened in the page, and what the
/// page should tell them about it.
pub struct Loaded {
    /// The rules in effect.
    pub rules: RuleSet,
    /// Plain-language notes (a rule file the config names but that was not opened).
    pub notes: Vec<String>,
}

/// The embedded defaults overlaid with opened files, each (file name, text):
/// rule files in the order the config lists them, then the others in the
/// order given, then the config's own check settings and sources — the
/// layering of the command line. A config's `rules` paths cannot be read
/// from a page, so each is matched by file name to an opened file.
pub fn load_rules(files: &[(String, String)]) -> Result<Loaded, String> {
    let (configs, mut rule_files): (Vec<_>, Vec<_>) = files
        .iter()
        .partition(|(name, _)| file_name(name) == CONFIG_NAME);
    if configs.len() > 1 {
        return Err(format!("open one {CONFIG_NAME} at a time"));
    }
    let config = configs
        .first()
        .map(|(name, text)| Config::parse(Path::new(name), text.clone()))
        .transpose()
        .map_err(|e| e.to_string())?;
    let mut notes = Vec::new();
    if let Some(config) = &config {
        let named = config.rule_names();
        let rank = |name: &str| {
            named
                .iter()
                .position(|n| file_name(n) == file_name(name))
                .unwrap_or(named.len())
        };
        // Stable: files the config does not name keep the order given.
        rule_files.sort_by_key(|(name, _)| rank(name));
        for wanted in named {
            if !rule_files
                .iter()
                .any(|(n, _)| file_name(n) == file_name(wanted))
            {
                notes.push(format!(
                    "{CONFIG_NAME} names the rule file `{wanted}`, which is not open: \
                     open it too to apply it"
                ));
            }
        }
    }
    let texts: Vec<(&str, &str)> = rule_files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let mut rules = RuleSet::load_texts(&texts).map_err(|e| e.to_string())?;
    if let Some(config) = &config {
        rules = config.apply(rules).map_err(|e| e.to_string())?;
    }
    Ok(Loaded { rules, notes })
}

/// The last component of a path written with either kind of slash.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The format named by the page: `txt`, `md`, `html`, or `auto` (by the
/// name's extension, plain text when it names none).
pub fn format_of(format: &str, name: &str) -> Result<InputFormat, String> {
    match format {
        "txt" => Ok(InputFormat::Txt),
        "md" => Ok(InputFormat::Md),
        "html" => Ok(InputFormat::Html),
        "auto" => Ok(InputFormat::from_path(Path::new(name)).unwrap_or(InputFormat::Txt)),
        other => Err(format!(
            "unknown format `{other}`: expected txt, md, html or auto"
        )),
    }
}

/// Checks one article given as text, as `provenance check` checks a file
/// of that name and format.
pub fn check(
    rules: &RuleSet,
    name: &str,
    format: InputFormat,
    text: &str,
) -> Result<CheckedDocument, String> {
    let doc = Document::new(name, text.to_string(), format, &ReadOptions::default())
        .map_err(|e| e.to_string())?;
    Ok(provenance::check_document(doc, rules))
}

/// The HTML report of one document: the page `--format html` writes.
pub fn html(rules: &RuleSet, doc: &CheckedDocument) -> Result<String, String> {
    let mut report = HtmlReport::new(rules);
    let mut out = Vec::new();
    report
        .document(doc, &mut out)
        .and_then(|()| report.finish(&mut out))
        .map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// The document's object in `--format json` (`documents[0]`).
pub fn json(doc: &CheckedDocument) -> Result<String, String> {
    let mut out = Vec::new();
    DocumentJson::new(doc)
        .write_to(&mut out)
        .map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// The checker the page holds: rules compiled once, articles checked on
/// every edit.
#[wasm_bindgen]
pub struct Checker {
    rules: RuleSet,
    notes: Vec<String>,
}

#[wasm_bindgen]
impl Checker {
    /// A checker with the embedded default rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Checker {
        Checker {
            rules: RuleSet::embedded(),
            notes: Vec::new(),
        }
    }

    /// A checker with the defaults overlaid by opened files: `names[i]`
    /// holds `texts[i]`. See [`load_rules`].
    #[wasm_bindgen(js_name = withFiles)]
    pub fn with_files(names: Vec<String>, texts: Vec<String>) -> Result<Checker, JsError> {
        let files: Vec<(String, String)> = names.into_iter().zip(texts).collect();
        let loaded = load_rules(&files).map_err(|e| JsError::new(&e))?;
        Ok(Checker {
            rules: loaded.rules,
            notes: loaded.notes,
        })
    }

    /// What the page should tell the user about the rules it loaded.
    pub fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    /// Checks `text` as a file called `name` in `format` (`txt`, `md`,
    /// `html` or `auto`).
    pub fn check(&self, name: &str, format: &str, text: &str) -> Result<Checked, JsError> {
        let run = || -> Result<Checked, String> {
            let format = format_of(format, name)?;
            let doc = check(&self.rules, name, format, text)?;
            Ok(Checked {
                html: html(&self.rules, &doc)?,
                json: json(&doc)?,
            })
        };
        run().map_err(|e| JsError::new(&e))
    }
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

/// One article's reports.
#[wasm_bindgen]
pub struct Checked {
    html: String,
    json: String,
}

#[wasm_bindgen]
impl Checked {
    /// The HTML report, as `--format html` writes it.
    #[wasm_bindgen(getter)]
    pub fn html(&self) -> String {
        self.html.clone()
    }

    /// The document's JSON object, as in `--format json`.
    #[wasm_bindgen(getter)]
    pub fn json(&self) -> String {
        self.json.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    const HOUSE: &str = r#"
[[source]]
id = "harbour-gazette"
kind = "news-outlet"
name = "The Harbour Gazette"
aliases = ["the Harbour Gazette"]
"#;

    #[test]
    fn the_defaults_check_an_article_as_the_command_line_does() {
        let loaded = load_rules(&[]).expect("defaults");
        let doc = check(
            &loaded.rules,
            "a.txt",
            InputFormat::Txt,
            "The port reopened, AP reported. Forty ships left.",
        )
        .expect("checks");
        let json = json(&doc).expect("json");
        assert!(json.contains(r#""path":"a.txt""#), "{json}");
        assert!(json.contains(r#""id":"ap""#), "{json}");
        let page = html(&loaded.rules, &doc).expect("html");
        assert!(page.contains(r#"data-source="ap""#), "{page}");
    }

    #[test]
    fn an_opened_rule_file_adds_its_sources() {
        let loaded = load_rules(&files(&[("house.toml", HOUSE)])).expect("loads");
        let doc = check(
            &loaded.rules,
            "a.txt",
            InputFormat::Txt,
            "The port reopened, the Harbour Gazette reported.",
        )
        .expect("checks");
        assert!(json(&doc).expect("json").contains("harbour-gazette"));
    }

    #[test]
    fn a_config_applies_its_settings_and_names_the_rule_files_it_misses() {
        let config =
            "rules = [\"rules/house.toml\"]\n[checks.unattributed-statistic]\nenabled = false\n";
        let alone = load_rules(&files(&[("provenance.toml", config)])).expect("loads");
        assert_eq!(alone.notes.len(), 1, "{:?}", alone.notes);
        assert!(alone.notes[0].contains("rules/house.toml"));
        assert!(
            !alone
                .rules
                .check("unattributed-statistic")
                .expect("known")
                .enabled
        );
        let both = load_rules(&files(&[
            ("house.toml", HOUSE),
            ("provenance.toml", config),
        ]))
        .expect("loads");
        assert!(both.notes.is_empty(), "{:?}", both.notes);
        assert!(both
            .rules
            .sources
            .iter()
            .any(|s| s.id.get_ref() == "harbour-gazette"));
    }

    #[test]
    fn bad_rules_say_where() {
        let error = load_rules(&files(&[("house.toml", "[[source]]\nid = 3\n")]))
            .err()
            .expect("refused");
        assert!(error.contains("house.toml:2"), "{error}");
        let two = files(&[("provenance.toml", ""), ("a/provenance.toml", "")]);
        assert!(load_rules(&two).is_err());
    }

    #[test]
    fn formats_by_name_or_extension() {
        assert_eq!(format_of("auto", "x.md"), Ok(InputFormat::Md));
        assert_eq!(format_of("auto", "pasted"), Ok(InputFormat::Txt));
        assert_eq!(format_of("html", "x.md"), Ok(InputFormat::Html));
        assert!(format_of("pdf", "x").is_err());
    }
}
