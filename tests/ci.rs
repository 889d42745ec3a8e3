//! Editorial review in CI: every machine format parsed back and checked
//! field by field, the project config, inline suppressions, baselines and
//! `--changed-since` in a git repository the test makes.

use std::path::Path;
use std::process::Command as Process;

use serde_json::Value;

use crate::cli::{repo, run, Scratch};

const ARTICLE: &str = "The bridge at Zatoka was hit twice on Tuesday, the regional governor said.\n\nRepairs will take about 40 days.\n\nThe ferry is running again.\n";

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

fn findings_of(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut full = vec!["check", "--format", "json"];
    full.extend_from_slice(args);
    let (_, stdout, stderr) = run(dir, &full, None);
    let doc = json(&stdout);
    let mut all = Vec::new();
    for d in doc["documents"]
        .as_array()
        .unwrap_or_else(|| panic!("{stderr}"))
    {
        for f in d["findings"].as_array().expect("findings") {
            let mut f = f.clone();
            f["path"] = d["path"].clone();
            all.push(f);
        }
    }
    all
}

fn rules_of(findings: &[Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().expect("rule").to_string())
        .collect()
}

#[test]
fn sarif_has_every_field_github_code_scanning_reads() {
    let paths = ["corpus/ministry-losses.txt", "corpus/grain-corridor.md"];
    let mut args = vec!["check", "--format", "sarif"];
    args.extend(paths);
    let (code, stdout, _) = run(repo(), &args, None);
    assert_eq!(code, 1, "the corpus has errors");
    let log = json(&stdout);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().is_some_and(|s| s.contains("sarif")));
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "provenance");
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    for r in rules {
        let id = r["id"].as_str().expect("id");
        for field in ["shortDescription", "fullDescription", "help"] {
            assert!(
                r[field]["text"].as_str().is_some_and(|t| !t.is_empty()),
                "{id}: {field}"
            );
        }
        let uri = r["helpUri"].as_str().expect("helpUri");
        assert!(uri.starts_with("https://") && uri.ends_with(&format!("docs/checks.md#{id}")));
        let level = r["defaultConfiguration"]["level"].as_str().expect("level");
        assert!(["error", "warning", "note"].contains(&level));
    }
    let expected = findings_of(repo(), &paths);
    let results = run0["results"].as_array().expect("results");
    assert_eq!(results.len(), expected.len());
    for (r, f) in results.iter().zip(&expected) {
        let rule = r["ruleId"].as_str().expect("ruleId");
        assert_eq!(rule, f["rule"]);
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids[index], rule);
        let level = match f["severity"].as_str() {
            Some("info") => "note",
            other => other.expect("severity"),
        };
        assert_eq!(r["level"], level);
        assert!(r["message"]["text"]
            .as_str()
            .is_some_and(|m| m.starts_with(f["message"].as_str().expect("message"))));
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().expect("uri");
        assert_eq!(uri, f["path"].as_str().expect("path"));
        let region = &location["region"];
        assert_eq!(region["startLine"], f["line"]);
        assert_eq!(region["startColumn"], f["column"]);
        let end_line = region["endLine"].as_u64().expect("endLine");
        let end_column = region["endColumn"].as_u64().expect("endColumn");
        assert!(end_line >= f["line"].as_u64().expect("line"));
        assert!(
            end_line > f["line"].as_u64().expect("line")
                || end_column > f["column"].as_u64().expect("column")
        );
        let print = r["partialFingerprints"][provenance::report::FINGERPRINT_KEY]
            .as_str()
            .expect("fingerprint");
        assert_eq!(print.len(), 16 + 2, "{print}");
    }
}

#[test]
fn sarif_says_a_run_with_unreadable_inputs_did_not_succeed() {
    let s = Scratch::new("sarif-failed");
    s.write("good.txt", "Russia lost 300 tanks in March.\n")
        .write("bin.txt", "x\0\0\0y\0\0z");
    let (code, stdout, _) = run(
        &s.0,
        &["check", "--format", "sarif", "bin.txt", "gone.txt"],
        None,
    );
    assert_eq!(code, 2);
    let invocations = &json(&stdout)["runs"][0]["invocations"];
    assert_eq!(invocations[0]["executionSuccessful"], false, "{stdout}");
    let notes = invocations[0]["toolExecutionNotifications"]
        .as_array()
        .expect("one notification per failed input");
    let uris: Vec<&str> = notes
        .iter()
        .map(|n| {
            assert_eq!(n["level"], "error");
            assert!(n["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
            n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
        })
        .collect();
    assert_eq!(uris, ["bin.txt", "gone.txt"]);
    let (code, stdout, _) = run(&s.0, &["check", "--format", "sarif", "good.txt"], None);
    assert_eq!(code, 1);
    let invocation = &json(&stdout)["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert!(invocation.get("toolExecutionNotifications").is_none());
}

#[test]
fn many_findings_in_one_document_keep_their_order_in_sarif_and_text() {
    // Above a few hundred findings a document's results are serialised
    // and its snippets rendered on the worker threads.
    let s = Scratch::new("many-findings");
    let line: Vec<String> = (0..1500)
        .map(|i| format!("Prices rose {i}% in March."))
        .collect();
    s.write("one.txt", line.join(" "));
    let expected = findings_of(&s.0, &["one.txt"]);
    assert_eq!(expected.len(), 1500);
    let where_ = |f: &Value| (f["line"].clone(), f["column"].clone());
    let (_, sarif, _) = run(
        &s.0,
        &["check", "--threads", "2", "--format", "sarif", "one.txt"],
        None,
    );
    let results = json(&sarif)["runs"][0]["results"].clone();
    let results = results.as_array().expect("results");
    let got: Vec<_> = results
        .iter()
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (region["startLine"].clone(), region["startColumn"].clone())
        })
        .collect();
    assert_eq!(got, expected.iter().map(where_).collect::<Vec<_>>());
    let (_, text, _) = run(&s.0, &["check", "--threads", "2", "one.txt"], None);
    let columns: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix(" --> one.txt:1:"))
        .map(String::from)
        .collect();
    let want: Vec<String> = expected.iter().map(|f| f["column"].to_string()).collect();
    assert_eq!(columns, want);
}

#[test]
fn sarif_fingerprints_survive_a_paragraph_added_above() {
    let s = Scratch::new("sarif-moves");
    s.write("a.txt", ARTICLE);
    let prints = |dir: &Path| -> Vec<(String, String, u64)> {
        let (_, stdout, _) = run(dir, &["check", "--format", "sarif", "a.txt"], None);
        json(&stdout)["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().expect("rule").to_string(),
                    r["partialFingerprints"][provenance::report::FINGERPRINT_KEY]
                        .as_str()
                        .expect("print")
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .expect("line"),
                )
            })
            .collect()
    };
    let before = prints(&s.0);
    s.write(
        "a.txt",
        format!("The mayor said the shelters were open.\n\n{ARTICLE}"),
    );
    let after = prints(&s.0);
    assert_eq!(before.len(), 2);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, &b.1), (&a.0, &a.1));
        assert_eq!(a.2, b.2 + 2, "the lines moved, the prints did not");
    }
}

#[test]
fn github_commands_escape_data_and_properties_and_fill_the_step_summary() {
    let s = Scratch::new("github");
    s.write("news, day 1: kyiv.txt", "Prices rose 12% in March.\n");
    s.write(
        "house.toml",
        "[[check]]\nid = \"unattributed-statistic\"\nkind = \"unattributed\"\nseverity = \"error\"\nwhen = { has_statistic = true }\nmessage = \"100% unsourced,\\nsay: who counted?\"\nsummary = \"s\"\nwhy = \"w\"\n",
    );
    let summary = s.0.join("summary.md");
    let out = assert_cmd::Command::cargo_bin("provenance")
        .expect("binary")
        .current_dir(&s.0)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "check",
            "--format",
            "github",
            "--rules",
            "house.toml",
            "news, day 1: kyiv.txt",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "::error file=news%2C day 1%3A kyiv.txt,line=1,col=1,endLine=1,endColumn=26,title=unattributed-statistic::100%25 unsourced,%0Asay: who counted?\n"
    );
    let table = std::fs::read_to_string(&summary).expect("summary written");
    assert!(
        table.contains("| level | where | check | message |"),
        "{table}"
    );
    assert!(table.contains("| error | news, day 1: kyiv.txt:1:1 | `unattributed-statistic` | 100% unsourced, say: who counted? |"), "{table}");
}

#[test]
fn github_summary_lists_more_than_the_ten_annotations_github_shows() {
    let s = Scratch::new("github-many");
    let text: String = (1..=25)
        .map(|i| format!("Prices rose {i}% in March.\n\n"))
        .collect();
    s.write("many.txt", text);
    let summary = s.0.join("summary.md");
    let out = assert_cmd::Command::cargo_bin("provenance")
        .expect("binary")
        .current_dir(&s.0)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github", "many.txt"])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 25);
    let table = std::fs::read_to_string(&summary).expect("summary");
    assert!(table.contains("25 finding(s) in 1 document(s)"), "{table}");
    assert_eq!(
        table.lines().filter(|l| l.starts_with("| error |")).count(),
        25
    );
}

#[test]
fn rdjsonl_counts_columns_in_bytes() {
    let s = Scratch::new("rdjsonl");
    // "Київ — " is 7 scalars and 13 bytes; the finding starts after it.
    s.write(
        "k.txt",
        "Київ — \"We will hold the city,\" and then silence.\n",
    );
    let (code, stdout, _) = run(&s.0, &["check", "--format", "rdjsonl", "k.txt"], None);
    assert_eq!(code, 1);
    let scalar = findings_of(&s.0, &["k.txt"]);
    let lines: Vec<Value> = stdout.lines().map(json).collect();
    assert_eq!(lines.len(), scalar.len());
    for (d, f) in lines.iter().zip(&scalar) {
        assert_eq!(d["code"]["value"], f["rule"]);
        assert_eq!(d["location"]["path"], "k.txt");
        assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().expect("severity")));
        assert_eq!(d["source"]["name"], "provenance");
        let start = &d["location"]["range"]["start"];
        assert_eq!(start["line"], f["line"]);
        let byte_column = start["column"].as_u64().expect("column");
        let column = f["column"].as_u64().expect("column");
        let prefix: String = "Київ — \"We will hold the city,\" and then silence."
            .chars()
            .take(column as usize - 1)
            .collect();
        assert_eq!(byte_column, prefix.len() as u64 + 1);
        assert!(
            d["location"]["range"]["end"]["column"]
                .as_u64()
                .expect("end")
                > byte_column
        );
    }
}

#[test]
fn the_config_is_found_upward_and_the_command_line_wins() {
    let s = Scratch::new("config-upward");
    s.write(
        "provenance.toml",
        "fail-on = \"warning\"\n\n[checks.unattributed-statistic]\nseverity = \"warning\"\n",
    );
    s.write("desk/today/a.txt", "The ferry is running again.\n");
    let desk = s.0.join("desk/today");
    assert_eq!(
        run(&desk, &["check", "a.txt"], None).0,
        1,
        "fail-on warning from the config"
    );
    assert_eq!(
        run(&desk, &["check", "--fail-on", "error", "a.txt"], None).0,
        0
    );
    assert_eq!(run(&desk, &["check", "--no-config", "a.txt"], None).0, 0);
    s.write("desk/today/b.txt", "Prices rose 12% in March.\n");
    let f = findings_of(&desk, &["b.txt"]);
    assert_eq!(f[0]["severity"], "warning", "severity from the config");
}

#[test]
fn config_errors_name_file_line_and_column() {
    let s = Scratch::new("config-errors");
    s.write(
        "provenance.toml",
        "fail-on = \"error\"\n[checks.unattributed-claim]\nenabeld = false\n",
    );
    s.write("a.txt", "The ferry is running again.\n");
    let (code, stdout, stderr) = run(&s.0, &["check", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("provenance.toml:3:1: unknown field `enabeld`"),
        "{stderr}"
    );
    assert!(stderr.contains("3 | enabeld = false"), "{stderr}");
    s.write(
        "provenance.toml",
        "[checks.no-such-check]\nenabled = false\n",
    );
    let (code, _, stderr) = run(&s.0, &["check", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("provenance.toml:1:9: unknown check `no-such-check`"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&s.0, &["check", "--config", "missing.toml", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read config file missing.toml"),
        "{stderr}"
    );
}

#[test]
fn config_globs_sources_and_rules_apply() {
    let s = Scratch::new("config-globs");
    s.write(
        "provenance.toml",
        "exclude = [\"archive/**\"]\nrules = [\"house/extra.toml\"]\n\n[sources.regional-desk]\nkind = \"news-outlet\"\naliases = [\"our Kharkiv stringer\"]\n",
    );
    s.write("house/extra.toml", "[[source]]\nid = \"ukrinform\"\nkind = \"news-agency\"\nname = \"Ukrinform\"\naliases = [\"Ukrinform\"]\n");
    s.write("news/a.txt", "The depot burned overnight, our Kharkiv stringer reported. Two trains were held, Ukrinform reported.\n");
    s.write("archive/old.txt", "Prices rose 12% in March.\n");
    let (code, stdout, stderr) = run(&s.0, &["check", "--format", "json", "."], None);
    assert_eq!(code, 0, "{stderr}");
    let doc = json(&stdout);
    let docs = doc["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 1, "archive/ excluded");
    assert_eq!(
        doc["documents"][0]["summary"]["by_source"]["regional-desk"],
        1
    );
    assert_eq!(doc["documents"][0]["summary"]["by_source"]["ukrinform"], 1);
}

#[test]
fn config_globs_are_read_from_the_config_folder_whatever_folder_is_checked() {
    let s = Scratch::new("config-globs-relative");
    s.write(
        "newsroom/provenance.toml",
        "include = [\"articles/**/*.md\"]\nexclude = [\"articles/drafts/**\"]\n",
    );
    let figure = "Prices rose 12% in March.\n";
    s.write("newsroom/articles/2026/a.md", figure)
        .write("newsroom/articles/drafts/b.md", figure)
        .write("newsroom/articles/c.txt", figure);
    let checked = |dir: &Path, args: &[&str]| -> (i32, Vec<String>, String) {
        let mut full = vec!["check", "--format", "json"];
        full.extend_from_slice(args);
        let (code, stdout, stderr) = run(dir, &full, None);
        let paths = if stdout.is_empty() {
            Vec::new()
        } else {
            json(&stdout)["documents"]
                .as_array()
                .expect("documents")
                .iter()
                .map(|d| d["path"].as_str().expect("path").to_string())
                .collect()
        };
        (code, paths, stderr)
    };
    let newsroom = s.0.join("newsroom");
    // The README's setup: the action walks `articles`, the config lives above it.
    let (code, paths, stderr) = checked(&newsroom, &["articles"]);
    assert_eq!(
        (code, paths),
        (1, vec!["articles/2026/a.md".to_string()]),
        "{stderr}"
    );
    // Checked from another folder: the config is found from the path checked.
    let (_, paths, stderr) = checked(&s.0, &["newsroom/articles"]);
    assert_eq!(paths, ["newsroom/articles/2026/a.md"], "{stderr}");
    // Files exist but the globs leave them all out: said, not "no files found".
    let (code, _, stderr) = checked(&newsroom, &["articles/drafts"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("1 .txt, .md or .html file(s) found, all left out"),
        "{stderr}"
    );
    // Files named explicitly are checked, unless --force-exclude.
    let (_, paths, _) = checked(&newsroom, &["articles/drafts/b.md"]);
    assert_eq!(paths, ["articles/drafts/b.md"]);
    let (code, paths, stderr) = checked(
        &newsroom,
        &[
            "--force-exclude",
            "articles/drafts/b.md",
            "articles/2026/a.md",
        ],
    );
    assert_eq!(
        (code, paths),
        (1, vec!["articles/2026/a.md".to_string()]),
        "{stderr}"
    );
    let (code, _, stderr) = checked(&newsroom, &["--force-exclude", "articles/drafts/b.md"]);
    assert_eq!(
        code, 0,
        "only excluded files named: nothing to check, no failure"
    );
    assert!(stderr.contains("every file named is excluded"), "{stderr}");
}

#[test]
fn init_writes_a_starter_that_check_accepts_and_never_overwrites() {
    let s = Scratch::new("init");
    let (code, _, stderr) = run(&s.0, &["init"], None);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(s.0.join("provenance.toml")).expect("written");
    assert!(written.contains("[checks.unattributed-claim]"));
    s.write("provenance.toml", "fail-on = \"never\"\n");
    let (code, _, stderr) = run(&s.0, &["init"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(s.0.join("provenance.toml")).expect("kept"),
        "fail-on = \"never\"\n"
    );
    assert_eq!(run(&s.0, &["init", "--force"], None).0, 0);
    s.write("a.txt", "Prices rose 12% in March.\n");
    assert_eq!(run(&s.0, &["check", "a.txt"], None).0, 1);
}

const MARKDOWN: &str = "Prices rose 12% in March.\n\n<!-- provenance-ignore-next -->\nPrices rose 14% in April.\n\n<!-- provenance-ignore-next unattributed-claim -->\nPrices rose 15% in May.\n\n<!-- provenance-disable unattributed-statistic -->\nPrices rose 16% in June.\n\nThe ferry is running again.\n\n<!-- provenance-enable unattributed-statistic -->\nPrices rose 17% in July.\n\n<!-- provenance-ignore-next unatributed-claim -->\nThe bridge is closed.\n";

#[test]
fn suppressions_in_markdown_silence_what_they_name() {
    let s = Scratch::new("suppress-md");
    s.write("a.md", MARKDOWN);
    let f = findings_of(&s.0, &["a.md"]);
    let got: Vec<(String, u64)> = f
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule").to_string(),
                f["line"].as_u64().expect("line"),
            )
        })
        .collect();
    let want: Vec<(String, u64)> = [
        ("unattributed-statistic", 1),        // no comment
        ("unattributed-statistic", 7),        // ignore-next names another check
        ("unattributed-claim", 12),           // the range disables statistics only
        ("unattributed-statistic", 15),       // enabled again
        ("unknown-check-in-suppression", 17), // misspelt id: a warning...
        ("unattributed-claim", 18),           // ...so the sentence is still flagged
    ]
    .iter()
    .map(|(r, l)| (r.to_string(), *l))
    .collect();
    // The ignore-next on line 6 silences nothing either: its sentence has a
    // statistic, not a claim.
    let mut want = want;
    want.insert(1, ("unused-suppression".into(), 6));
    assert_eq!(got, want);
}

#[test]
fn the_html_report_marks_the_sentences_whose_flags_were_suppressed() {
    let s = Scratch::new("suppress-report");
    s.write("a.md", MARKDOWN);
    let (_, html, _) = run(&s.0, &["check", "--format", "html", "a.md"], None);
    // Sentences 1 (April: all checks) and 3 (June: statistics disabled)
    // lost a finding to a comment; 2 (May) did not, nor did 4 (the ferry:
    // a claim, not a statistic), nor 6 (the bridge: a misspelt id).
    let marked: Vec<usize> = html
        .match_indices("data-sentence=\"")
        .filter_map(|(at, _)| {
            let rest = &html[at + 15..];
            let tag = &rest[..rest.find('>').expect("end of tag")];
            let index = tag[..tag.find('"').expect("end of index")].parse().ok()?;
            tag.contains("data-suppressed").then_some(index)
        })
        .collect();
    assert_eq!(marked, [1, 3]);
    assert!(html.contains(r#"<span class="k">Suppressed:</span>"#));
    assert!(html.contains(r#"value="suppressed"><span>Suppressed (2)</span>"#));
    // The bar counts them apart from the live flags.
    assert!(
        html.contains(r#"data-bar="suppressed" data-bar-count="2""#),
        "{html}"
    );
}

#[test]
fn suppressions_in_html_and_ranges_to_the_end_of_the_file() {
    let s = Scratch::new("suppress-html");
    s.write(
        "a.html",
        "<article><p>Prices rose 12% in March.</p>\n<!-- provenance-disable -->\n<p>Prices rose 14% in April.</p><p>The ferry is running again.</p></article>\n",
    );
    let f = findings_of(&s.0, &["a.html"]);
    assert_eq!(rules_of(&f), ["unattributed-statistic"]);
    assert_eq!(f[0]["line"], 1);
    // In plain text a comment is just text: nothing is silenced.
    s.write(
        "a.txt",
        "<!-- provenance-ignore-next -->\nPrices rose 14% in April.\n",
    );
    assert!(
        rules_of(&findings_of(&s.0, &["a.txt"])).contains(&"unattributed-statistic".to_string())
    );
}

#[test]
fn the_unused_suppression_check_can_be_turned_off() {
    let s = Scratch::new("suppress-off");
    s.write(
        "a.md",
        "<!-- provenance-ignore-next -->\nThe ferry is running, the mayor said.\n",
    );
    assert_eq!(
        rules_of(&findings_of(&s.0, &["a.md"])),
        ["unused-suppression"]
    );
    s.write(
        "provenance.toml",
        "[checks.unused-suppression]\nenabled = false\n",
    );
    assert!(findings_of(&s.0, &["a.md"]).is_empty());
}

#[test]
fn a_baseline_hides_old_findings_and_shows_new_ones() {
    let s = Scratch::new("baseline");
    s.write("desk/a.txt", ARTICLE);
    let (code, _, stderr) = run(
        &s.0,
        &["check", "--write-baseline", "base.json", "desk"],
        None,
    );
    assert_eq!(code, 0, "writing a baseline is not a failure: {stderr}");
    assert!(stderr.contains("wrote 2 finding(s)"), "{stderr}");
    let base = json(&std::fs::read_to_string(s.0.join("base.json")).expect("baseline"));
    assert_eq!(base["findings"][0]["path"], "desk/a.txt");
    assert_eq!(
        run(&s.0, &["check", "--baseline", "base.json", "desk"], None).0,
        0
    );
    assert!(findings_of(&s.0, &["--baseline", "base.json", "desk"]).is_empty());
    // Lines move, the text is re-wrapped: still known.
    s.write(
        "desk/a.txt",
        format!(
            "The mayor said the shelters were open.\n\n{}",
            ARTICLE.replace("about 40", "about\n40")
        ),
    );
    assert!(findings_of(&s.0, &["--baseline", "base.json", "desk"]).is_empty());
    // A new unsourced figure, and a second copy of an old one, are new.
    s.write(
        "desk/a.txt",
        format!("{ARTICLE}\nPrices rose 12% in March.\n\nRepairs will take about 40 days.\n"),
    );
    let f = findings_of(&s.0, &["--baseline", "base.json", "desk"]);
    assert_eq!(
        rules_of(&f),
        ["unattributed-statistic", "unattributed-claim"]
    );
    assert_eq!(f[0]["line"], 7);
    assert_eq!(f[1]["line"], 9);
    // The baseline's paths are relative to its folder: it works from anywhere.
    let desk = s.0.join("desk");
    s.write("desk/a.txt", ARTICLE);
    assert!(findings_of(&desk, &["--baseline", "../base.json", "a.txt"]).is_empty());
    // And the config can name it.
    s.write("provenance.toml", "baseline = \"base.json\"\n");
    assert!(findings_of(&desk, &["a.txt"]).is_empty());
}

#[test]
fn a_broken_baseline_is_an_error_with_its_position() {
    let s = Scratch::new("baseline-bad");
    s.write("a.txt", ARTICLE);
    s.write(
        "base.json",
        "{\"tool\": \"provenance\",\n \"version\": 1,\n \"findings\": [}\n",
    );
    let (code, stdout, stderr) = run(&s.0, &["check", "--baseline", "base.json", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("base.json:3:15: not a provenance baseline"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&s.0, &["check", "--baseline", "none.json", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("baseline none.json"), "{stderr}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn changed_since_reports_only_sentences_on_changed_lines() {
    let s = Scratch::new("changed");
    git(&s.0, &["init", "-q"]);
    s.write("news/a.md", "# Ferry\n\nPrices rose 12% in March.\n\nThe ferry is running again.\n\nThe bridge is closed.\n");
    s.write("news/old.md", "Prices rose 9% in May.\n");
    git(&s.0, &["add", "."]);
    git(&s.0, &["commit", "-q", "-m", "first"]);
    // An edit to one sentence, and a new file nobody has added yet.
    s.write("news/a.md", "# Ferry\n\nPrices rose 12% in March.\n\nThe ferry is running again, for now.\n\nThe bridge is closed.\n");
    s.write("news/new.md", "Prices rose 11% in June.\n");
    let (code, stdout, stderr) = run(
        &s.0,
        &[
            "check",
            "--format",
            "json",
            "--changed-since",
            "HEAD",
            "news",
        ],
        None,
    );
    assert_eq!(code, 1, "{stderr}");
    let doc = json(&stdout);
    let docs = doc["documents"].as_array().expect("documents");
    let paths: Vec<&str> = docs
        .iter()
        .map(|d| d["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        paths,
        ["news/a.md", "news/new.md"],
        "news/old.md is unchanged: not read"
    );
    let a: Vec<(&str, u64)> = docs[0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule"),
                f["line"].as_u64().expect("line"),
            )
        })
        .collect();
    assert_eq!(a, [("unattributed-claim", 5)]);
    assert_eq!(docs[1]["findings"][0]["rule"], "unattributed-statistic");
    // From a subfolder, with a path relative to it.
    let news = s.0.join("news");
    assert_eq!(
        findings_of(&news, &["--changed-since", "HEAD", "a.md"]).len(),
        1
    );
    // A committed change counts too.
    git(&s.0, &["add", "."]);
    git(&s.0, &["commit", "-q", "-m", "second"]);
    assert_eq!(
        findings_of(&s.0, &["--changed-since", "HEAD~1", "news"]).len(),
        2
    );
    assert!(findings_of(&s.0, &["--changed-since", "HEAD", "news"]).is_empty());
    // From outside the repository, naming a path inside it: the repository
    // is the checked path's.
    s.write("news/a.md", "# Ferry\n\nPrices rose 13% in March.\n");
    let outside = s.0.parent().expect("scratch has a parent");
    let name =
        s.0.file_name()
            .expect("named")
            .to_string_lossy()
            .into_owned();
    let path = format!("{name}/news/a.md");
    assert_eq!(
        findings_of(outside, &["--changed-since", "HEAD", &path]).len(),
        1
    );
}

#[test]
fn changed_since_a_bad_revision_or_outside_git_is_an_error() {
    let s = Scratch::new("changed-bad");
    s.write("a.txt", ARTICLE);
    let (code, stdout, stderr) = run(&s.0, &["check", "--changed-since", "main", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("--changed-since main:"), "{stderr}");
    git(&s.0, &["init", "-q"]);
    git(&s.0, &["add", "."]);
    git(&s.0, &["commit", "-q", "-m", "first"]);
    let (code, _, stderr) = run(
        &s.0,
        &["check", "--changed-since", "no-such-branch", "a.txt"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--changed-since no-such-branch: "),
        "{stderr}"
    );
}

#[test]
fn the_action_and_the_pre_commit_hook_name_real_options() {
    let action = std::fs::read_to_string(repo().join("action.yml")).expect("action.yml");
    for needle in [
        "using: composite",
        "--format github",
        "--format sarif",
        "upload-sarif",
        "changed-since",
        "cargo install --locked --profile action",
        "actions/cache@v4",
        "upload-sarif@v4",
    ] {
        assert!(action.contains(needle), "action.yml lacks {needle}");
    }
    // The profile the action installs with exists.
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("[profile.action]"));
    let hooks = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).expect("hooks");
    assert!(hooks.contains("id: provenance") && hooks.contains("entry: provenance check"));
    // Every option the action passes to `provenance check` exists.
    let (_, help, _) = run(repo(), &["check", "--help"], None);
    let calls: Vec<&str> = action
        .lines()
        .filter(|l| l.trim_start().starts_with("provenance check"))
        .collect();
    assert_eq!(calls.len(), 2);
    for flag in calls
        .iter()
        .flat_map(|l| l.split_whitespace())
        .filter(|w| w.starts_with("--"))
    {
        assert!(
            help.contains(flag),
            "action.yml passes {flag}, which check does not know"
        );
    }
    assert!(action.contains("--changed-since"));
}

#[test]
fn absolute_paths_inside_the_working_folder_become_relative() {
    let s = Scratch::new("absolute");
    s.write("news/a.txt", "Prices rose 12% in March.\n");
    let absolute = s.0.join("news/a.txt");
    let absolute = absolute.to_str().expect("UTF-8 path");
    let (_, sarif, _) = run(&s.0, &["check", "--format", "sarif", absolute], None);
    let uri = &json(&sarif)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"];
    assert_eq!(uri, "news/a.txt");
    let (_, github, _) = run(&s.0, &["check", "--format", "github", absolute], None);
    assert!(github.starts_with("::error file=news/a.txt,"), "{github}");
    let (_, rd, _) = run(&s.0, &["check", "--format", "rdjsonl", absolute], None);
    assert_eq!(
        json(rd.lines().next().expect("a line"))["location"]["path"],
        "news/a.txt"
    );
    // Outside the working folder, absolute or through "..": a file URI,
    // never a relative path that would name a file in the repository.
    s.write("desk/readme.txt", "The desk.\n");
    let desk = s.0.join("desk");
    for path in [absolute, "../news/a.txt"] {
        let (_, sarif, _) = run(&desk, &["check", "--format", "sarif", path], None);
        let uri = json(&sarif)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .to_string();
        assert!(uri.starts_with("file:///"), "{uri}");
        assert!(uri.ends_with("/news/a.txt") && !uri.contains(".."), "{uri}");
    }
}

#[test]
fn changed_since_reads_git_the_same_whatever_its_configuration_and_file_names() {
    let s = Scratch::new("changed-config");
    git(&s.0, &["init", "-q"]);
    // Names git quotes: a quote, a tab, a newline, a backslash, non-ASCII.
    let names = [
        "plain.md",
        "quo\"te.md",
        "tab\there.md",
        "new\nline.md",
        "back\\slash.md",
        "café.md",
        "with space.md",
    ];
    for name in names {
        s.write(name, "The ferry is running.\n\nThe bridge is closed.\n");
    }
    git(&s.0, &["add", "."]);
    git(&s.0, &["commit", "-q", "-m", "first"]);
    for name in names {
        s.write(
            name,
            "The ferry is running.\n\nThe bridge is closed.\n\nPrices rose 12% in March.\n",
        );
    }
    let configs: [&[&str]; 7] = [
        &[],
        &["diff.noprefix", "true"],
        &["diff.mnemonicPrefix", "true"],
        &["diff.srcPrefix", "x/"],
        &["diff.dstPrefix", "y/"],
        &["core.quotePath", "false"],
        &["diff.relative", "true"],
    ];
    for config in configs {
        if let [key, value] = config {
            git(&s.0, &["config", key, value]);
        }
        let (code, stdout, stderr) = run(
            &s.0,
            &["check", "--format", "json", "--changed-since", "HEAD", "."],
            None,
        );
        assert_eq!(code, 1, "{config:?}: {stderr}");
        let doc = json(&stdout);
        for d in doc["documents"].as_array().expect("documents") {
            let rules: Vec<&str> = d["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|f| f["rule"].as_str().expect("rule"))
                .collect();
            assert_eq!(
                rules,
                ["unattributed-statistic"],
                "{config:?}: {} lost its changed line",
                d["path"]
            );
        }
        assert_eq!(
            doc["documents"].as_array().map(Vec::len),
            Some(names.len()),
            "{config:?}"
        );
        if let [key, _] = config {
            git(&s.0, &["config", "--unset", key]);
        }
    }
}

#[test]
fn the_same_sentence_in_two_files_has_two_sarif_fingerprints() {
    let s = Scratch::new("sarif-two-files");
    s.write("a.txt", "Russia lost 300 tanks in March.\n")
        .write("b.txt", "Russia lost 300 tanks in March.\n");
    let (_, stdout, _) = run(
        &s.0,
        &["check", "--format", "sarif", "a.txt", "b.txt"],
        None,
    );
    let log = json(&stdout);
    let prints: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["partialFingerprints"][provenance::report::FINGERPRINT_KEY]
                .as_str()
                .expect("print")
        })
        .collect();
    assert_eq!(prints.len(), 2);
    assert_ne!(prints[0], prints[1], "each file's alert is its own");
}
