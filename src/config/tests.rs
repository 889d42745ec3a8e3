use super::*;
use crate::check_text;

fn parse(text: &str) -> Result<Config, RuleError> {
    Config::parse(Path::new("provenance.toml"), text.to_string())
}

fn error(text: &str) -> String {
    match parse(text).and_then(|c| c.rules(&[]).map(|_| c)) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_starter_file_is_valid_and_changes_nothing() {
    let config = parse(STARTER).expect("starter parses");
    assert_eq!(config.fail_on(), Some(FailOn::Error));
    let rules = config.rules(&[]).expect("rules");
    assert_eq!(rules.checks.len(), RuleSet::embedded().checks.len());
}

#[test]
fn checks_can_be_disabled_and_reweighted() {
    let config = parse(
        "[checks.unattributed-claim]\nenabled = false\n\n[checks.unattributed-quote]\nseverity = \"warning\"\n",
    )
    .expect("parses");
    let rules = config.rules(&[]).expect("rules");
    let claim = rules.check("unattributed-claim").expect("claim");
    assert!(!claim.enabled);
    let quote = rules.check("unattributed-quote").expect("quote");
    assert_eq!(quote.severity, Severity::Warning);
    let doc = check_text(
        "t",
        "The bridge was hit. \"We will hold the line.\"",
        &rules,
    );
    assert!(doc.findings.iter().all(|f| f.rule != "unattributed-claim"));
    let quote = doc.findings.iter().find(|f| f.rule == "unattributed-quote");
    assert_eq!(quote.map(|f| f.severity), Some(Severity::Warning));
}

#[test]
fn an_outlet_adds_its_own_sources_and_spellings() {
    let config = parse(
        "[sources.regional-desk]\nkind = \"news-outlet\"\naliases = [\"our Kharkiv stringer\"]\n\n[sources.ap]\naliases = [\"APTN\"]\n",
    )
    .expect("parses");
    let rules = config.rules(&[]).expect("rules");
    let doc = check_text(
        "t",
        "The depot burned overnight, our Kharkiv stringer reported. The talks ended, APTN reported.",
        &rules,
    );
    assert_eq!(
        crate::test_util::source_ids(&doc),
        [Some("regional-desk"), Some("ap")]
    );
}

#[test]
fn unknown_keys_are_errors_with_line_and_column() {
    let e = error("fail-on = \"error\"\nfial-on = \"warning\"\n");
    assert!(e.starts_with("provenance.toml:2:1:"), "{e}");
    assert!(e.contains("unknown field `fial-on`"), "{e}");
    let e = error("[checks.unattributed-claim]\nenabeld = false\n");
    assert!(e.starts_with("provenance.toml:2:1:"), "{e}");
}

#[test]
fn unknown_check_ids_are_errors_listing_the_known_ones() {
    let e = error("[checks.unatributed-claim]\nenabled = false\n");
    assert!(e.starts_with("provenance.toml:1:9:"), "{e}");
    assert!(e.contains("unknown check `unatributed-claim`"), "{e}");
    assert!(e.contains("unattributed-claim"), "{e}");
}

#[test]
fn wrong_values_are_errors() {
    let e = error("fail-on = \"sometimes\"\n");
    assert!(e.starts_with("provenance.toml:1:11:"), "{e}");
    let e = error("[checks.unattributed-claim]\nseverity = \"fatal\"\n");
    assert!(e.starts_with("provenance.toml:2:12:"), "{e}");
}

#[test]
fn a_new_source_needs_a_kind_and_aliases() {
    let e = error("[sources.moscow-times]\naliases = [\"The Moscow Times\"]\n");
    assert!(e.contains("needs a `kind`"), "{e}");
    let e = error("[sources.moscow-times]\nkind = \"news-outlet\"\n");
    assert!(e.contains("needs `aliases`"), "{e}");
    let e = error("[sources.Moscow-Times]\nkind = \"news-outlet\"\naliases = [\"Moscow Times\"]\n");
    assert!(e.contains("kebab-case"), "{e}");
}

#[test]
fn discovery_walks_up_and_paths_resolve_against_the_file() {
    let root = std::env::temp_dir().join(format!("provenance-config-{}", std::process::id()));
    let deep = root.join("desk/2026/may");
    std::fs::create_dir_all(&deep).expect("dirs");
    std::fs::write(
        root.join(FILE_NAME),
        "baseline = \"base.json\"\nfail-on = \"warning\"\n",
    )
    .expect("write");
    let config = Config::discover(&deep).expect("found");
    assert_eq!(config.path.as_deref(), Some(root.join(FILE_NAME).as_path()));
    assert_eq!(
        config.baseline().ok().flatten(),
        Some(root.join("base.json"))
    );
    assert_eq!(config.fail_on(), Some(FailOn::Warning));
    std::fs::remove_dir_all(&root).expect("clean up");
}

#[test]
fn the_starter_s_house_rule_examples_work_as_a_rule_file() {
    let start = STARTER
        .find("# For example, in house-rules.toml:")
        .expect("the example");
    let example: String = STARTER[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{}\n", l.trim_start_matches('#').trim_start()))
        .collect();
    let rules = RuleSet::load_text("house-rules.toml", &example).expect("the example loads");
    let doc = check_text("t", "Three people were killed in Kiev.", &rules);
    let ids: Vec<&str> = doc.findings.iter().map(|f| &*f.rule).collect();
    assert!(ids.contains(&"killed-needs-a-source"), "{ids:?}");
    assert!(ids.contains(&"house-style-spelling"), "{ids:?}");
}
