//! House rules from a user's own rule file, on the real binary: each kind
//! in every output format, and a bad pattern refused with its position.

use serde_json::Value;

use crate::cli::{run, Scratch};

const RULES: &str = r#"
[[check]]
id = "desk-killed"
kind = "existence"
severity = "error"
patterns = ["killed", "died"]
when = { attributed = false }
message = "\"{match}\" needs a source in the sentence"
summary = "s"
why = "w"

[[check]]
id = "desk-spelling"
kind = "substitution"
severity = "warning"
swap = { "e-mail" = "email", "Kiev" = "Kyiv" }
message = "write {replacement}, not {match}"
summary = "s"
why = "w"

[[check]]
id = "desk-officials"
kind = "occurrence"
severity = "info"
patterns = ["officials? said"]
max = 1
message = "{count} times \"officials said\""
summary = "s"
why = "w"
"#;

const ARTICLE: &str = "Two people were killed in Kiev on Monday.\n\nThe council sent an e-mail, officials said. Officials said the bridge was shut. An official said it would reopen.\n";

fn scratch(name: &str) -> Scratch {
    let s = Scratch::new(name);
    s.write("desk.toml", RULES).write("a.txt", ARTICLE);
    s
}

#[test]
fn each_kind_reports_from_a_user_rule_file_in_json_with_its_fix() {
    let s = scratch("house-json");
    let (code, out, err) = run(
        &s.0,
        &["check", "--rules", "desk.toml", "--format", "json", "a.txt"],
        None,
    );
    assert_eq!(code, 1, "{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let got: Vec<(String, String, Option<String>)> = json["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"].as_str().is_some_and(|r| r.starts_with("desk-")))
        .map(|f| {
            let span = &f["span"];
            let (a, b) = (
                span["start"].as_u64().expect("start") as usize,
                span["end"].as_u64().expect("end") as usize,
            );
            (
                f["rule"].as_str().expect("rule").to_string(),
                ARTICLE[a..b].to_string(),
                f["replacement"].as_str().map(String::from),
            )
        })
        .collect();
    let want = [
        ("desk-killed", "killed", None),
        ("desk-spelling", "Kiev", Some("Kyiv")),
        ("desk-spelling", "e-mail", Some("email")),
        ("desk-officials", "official said", None),
    ];
    let want: Vec<(String, String, Option<String>)> = want
        .iter()
        .map(|(r, t, f)| (r.to_string(), t.to_string(), f.map(String::from)))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn house_findings_show_in_every_format() {
    let s = scratch("house-formats");
    for format in [
        "text", "json", "jsonl", "sarif", "github", "rdjsonl", "html",
    ] {
        let (code, out, err) = run(
            &s.0,
            &["check", "--rules", "desk.toml", "--format", format, "a.txt"],
            None,
        );
        assert_eq!(code, 1, "{format}: {err}");
        for id in ["desk-killed", "desk-spelling", "desk-officials"] {
            assert!(out.contains(id), "{format} lacks {id}:\n{out}");
        }
    }
    let (_, text, _) = run(&s.0, &["check", "--rules", "desk.toml", "a.txt"], None);
    assert!(text.contains("write: Kyiv"), "{text}");
}

#[test]
fn sarif_and_rdjsonl_carry_the_replacement_as_a_fix() {
    let s = scratch("house-fixes");
    let (_, sarif, _) = run(
        &s.0,
        &[
            "check",
            "--rules",
            "desk.toml",
            "--format",
            "sarif",
            "a.txt",
        ],
        None,
    );
    let sarif: Value = serde_json::from_str(&sarif).expect("SARIF");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let kiev = results
        .iter()
        .find(|r| {
            r["ruleId"] == "desk-spelling"
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
        })
        .expect("the Kiev result");
    let change = &kiev["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "a.txt");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "Kyiv");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 27);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 31);
    // Only substitutions carry fixes: the user's and the defaults' own
    // place-name check, which flags Kiev too.
    let mut with_fixes: Vec<&str> = results
        .iter()
        .filter(|r| r.get("fixes").is_some())
        .map(|r| r["ruleId"].as_str().expect("id"))
        .collect();
    with_fixes.sort();
    assert_eq!(
        with_fixes,
        ["desk-spelling", "desk-spelling", "place-name-spelling"]
    );

    let (_, rd, _) = run(
        &s.0,
        &[
            "check",
            "--rules",
            "desk.toml",
            "--format",
            "rdjsonl",
            "a.txt",
        ],
        None,
    );
    let suggestions: Vec<Value> = rd
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("rdjson line"))
        .filter(|d| d["code"]["value"] == "desk-spelling")
        .map(|d| d["suggestions"][0].clone())
        .collect();
    assert_eq!(suggestions.len(), 2);
    assert_eq!(suggestions[0]["text"], "Kyiv");
    assert_eq!(suggestions[0]["range"]["start"]["column"], 27);
    assert_eq!(suggestions[1]["text"], "email");
}

#[test]
fn explain_and_rules_list_a_user_s_house_rule() {
    let s = scratch("house-explain");
    let (code, out, _) = run(
        &s.0,
        &["explain", "desk-spelling", "--rules", "desk.toml"],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("kind substitution"), "{out}");
    assert!(out.contains("`Kiev` → Kyiv"), "{out}");
    let (code, out, _) = run(&s.0, &["rules", "--rules", "desk.toml"], None);
    assert_eq!(code, 0);
    assert!(out.contains("desk-officials"), "{out}");
    // The defaults' own house rules are there too.
    let (_, out, _) = run(&s.0, &["explain", "place-name-spelling"], None);
    assert!(out.contains("`Kharkov` → Kharkiv"), "{out}");
}

#[test]
fn a_bad_pattern_stops_the_run_with_its_position() {
    let s = Scratch::new("house-bad");
    s.write(
        "desk.toml",
        "[[check]]\nid = \"x\"\nkind = \"existence\"\nseverity = \"error\"\npatterns = [\"fine\", \"killed (by\"]\nmessage = \"m\"\nsummary = \"s\"\nwhy = \"w\"\n",
    )
    .write("a.txt", "Prices rose.\n");
    let (code, out, err) = run(&s.0, &["check", "--rules", "desk.toml", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("desk.toml:5:29: invalid pattern: unclosed group"),
        "{err}"
    );
}

/// The TOML block that follows `heading` in the README, and the one after
/// `after` within that section.
fn readme_toml(heading: &str, after: &str) -> String {
    let readme = std::fs::read_to_string(crate::cli::repo().join("README.md")).expect("README");
    let section = &readme[readme.find(heading).expect("section")..];
    let from = &section[section.find(after).expect("anchor")..];
    let start = from.find("```toml\n").expect("a TOML block") + 8;
    from[start..start + from[start..].find("```").expect("end")].to_string()
}

#[test]
fn the_readme_s_house_rules_work_as_written() {
    let s = Scratch::new("house-readme");
    s.write("desk.toml", readme_toml("## House rules", "## House rules"))
        .write(
            "sources.toml",
            readme_toml(
                "## The source registry, and adding a source",
                "`patterns` beside",
            ),
        )
        .write(
            "a.txt",
            "Three people died in Kiev. Officials said it was calm. Officials said so. \
             An official said no. Officials said yes. Staff sent an e-mail, \
             Moldova's Ministry of the Interior said.\n",
        );
    let (code, out, err) = run(
        &s.0,
        &[
            "check",
            "--rules",
            "desk.toml",
            "--rules",
            "sources.toml",
            "--format",
            "json",
            "a.txt",
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let doc = &json["documents"][0];
    let rules: Vec<&str> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect();
    for id in [
        "killed-needs-a-source",
        "house-spelling",
        "too-many-officials",
    ] {
        assert!(rules.contains(&id), "{id} in {rules:?}");
    }
    let last = doc["sentences"]
        .as_array()
        .expect("sentences")
        .last()
        .cloned();
    assert_eq!(
        last.expect("a sentence")["attribution"]["source"]["id"],
        "md-interior"
    );
}
