use std::path::PathBuf;

use super::*;
use crate::check_text;

fn load_extra(name: &str, text: &str) -> Result<RuleSet, RuleError> {
    let dir = std::env::temp_dir().join(format!(
        "provenance-rules-test-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).expect("write temp rule file");
    let result = RuleSet::load(&[path]);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn error_text(name: &str, text: &str) -> String {
    match load_extra(name, text) {
        Ok(_) => panic!("expected {name} to be rejected"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn embedded_rules_load() {
    let rules = RuleSet::embedded();
    assert!(rules.sources.len() >= 4);
    assert!(rules.check("unattributed-claim").is_some());
}

#[test]
fn embedded_ids_are_unique_and_sources_sorted() {
    let rules = RuleSet::embedded();
    let mut checks: Vec<&str> = rules
        .checks
        .iter()
        .map(|c| c.id.get_ref().as_str())
        .collect();
    let n = checks.len();
    checks.sort();
    checks.dedup();
    assert_eq!(checks.len(), n, "duplicate check ids");
    let forms: usize = rules.verbs.iter().map(|v| v.forms.len()).sum();
    assert_eq!(
        rules.verb_form_count(),
        forms,
        "a verb form belongs to two cues"
    );
}

#[test]
fn every_source_example_is_attributed_to_its_source() {
    let rules = RuleSet::embedded();
    let mut missed = Vec::new();
    for source in &rules.sources {
        let id = source.id.get_ref();
        assert!(!source.example.is_empty(), "source {id} has no example");
        for example in &source.example {
            let doc = check_text("example", &example.text, &rules);
            let hit = doc.sentences.iter().any(|s| {
                s.attribution.as_ref().is_some_and(|a| {
                    a.source.id.as_deref() == Some(id)
                        || a.via.iter().any(|v| v.id.as_deref() == Some(id))
                })
            });
            if !hit {
                missed.push(format!("{id}: {}", example.text));
            }
        }
    }
    assert!(
        missed.is_empty(),
        "examples not attributed to their source:\n  {}",
        missed.join("\n  ")
    );
}

#[test]
fn every_cue_example_behaves() {
    let rules = RuleSet::embedded();
    let verbs = rules.verbs.iter().map(|v| (v.id.get_ref(), &v.example));
    let phrases = rules.phrases.iter().map(|p| (p.id.get_ref(), &p.example));
    let nouns = rules.nouns.iter().map(|n| (n.id.get_ref(), &n.example));
    for (id, examples) in verbs.chain(phrases).chain(nouns) {
        for example in examples {
            let doc = check_text("example", &example.text, &rules);
            let attribution = doc.sentences.first().and_then(|s| s.attribution.as_ref());
            match (example.attributed, attribution) {
                (true, Some(a)) => {
                    let cue = a.cue.text.to_lowercase();
                    let known = rules
                        .verb_of_cue(&cue)
                        .is_some_and(|v| v.id.get_ref() == id)
                        || rules.nouns.iter().any(|n| {
                            n.id.get_ref() == id && n.forms.iter().any(|f| *f.get_ref() == cue)
                        })
                        || &cue == id;
                    assert!(
                        known,
                        "cue {id}: example attributed through {cue:?}:\n  {}",
                        example.text
                    );
                }
                (false, None) => {}
                (want, got) => panic!(
                    "cue {id}: expected attributed={want}, got {:?}:\n  {}",
                    got.map(|a| &a.cue.text),
                    example.text
                ),
            }
        }
    }
}

#[test]
fn every_check_example_behaves() {
    let rules = RuleSet::embedded();
    for check in &rules.checks {
        for example in &check.example {
            let doc = check_text("example", &example.text, &rules);
            let found = doc.findings.iter().any(|f| &f.rule == check.id.get_ref());
            assert_eq!(
                found,
                example.finds,
                "check {}: expected finds={}:\n  {}\n  findings: {:?}",
                check.id.get_ref(),
                example.finds,
                example.text,
                doc.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let msg = error_text("syntax", "[[source]]\nid = \"x\"\nkind = \n");
    assert!(msg.contains("syntax.toml:3:"), "{msg}");
}

#[test]
fn unknown_key_is_an_error() {
    let msg = error_text("unknown", "[[source]]\nid = \"x\"\nkind = \"news-outlet\"\nname = \"X\"\naliases = [\"X\"]\ncolour = \"red\"\n");
    assert!(msg.contains("unknown.toml:6:1"), "{msg}");
    assert!(msg.contains("colour"), "{msg}");
}

#[test]
fn empty_alias_points_at_the_value() {
    let msg = error_text(
        "empty",
        "[[source]]\nid = \"x\"\nkind = \"news-outlet\"\nname = \"X\"\naliases = [\"X\", \" \"]\n",
    );
    assert!(msg.contains("empty.toml:5:17: empty alias"), "{msg}");
}

#[test]
fn sizes_and_nesting_are_bounded_and_the_limit_named() {
    let aliases: Vec<String> = (0..=super::MAX_ALIASES)
        .map(|i| format!("\"a{i}\""))
        .collect();
    let many = format!(
        "[[source]]\nid = \"x\"\nkind = \"person\"\nname = \"X\"\naliases = [{}]\n",
        aliases.join(",")
    );
    let msg = error_text("many", &many);
    assert!(msg.contains("more than 1000 aliases"), "{msg}");
    let deep = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let msg = error_text("deep", &deep);
    assert!(msg.contains("deep.toml:1:"), "{msg}");
    assert!(msg.len() < 2_000, "the error is short: {} bytes", msg.len());
}

#[test]
fn duplicate_id_in_one_file_is_an_error() {
    let entry = "[[source]]\nid = \"x\"\nkind = \"news-outlet\"\nname = \"X\"\naliases = [\"X\"]\n";
    let msg = error_text("dup", &format!("{entry}{entry}"));
    assert!(
        msg.contains("dup.toml:7:6: duplicate source id `x`"),
        "{msg}"
    );
}

#[test]
fn unknown_check_kind_lists_the_known_ones() {
    let msg = error_text(
        "kind",
        "[[check]]\nid = \"x\"\nkind = \"magic\"\nseverity = \"info\"\nmessage = \"m\"\nsummary = \"s\"\nwhy = \"w\"\n",
    );
    assert!(
        msg.contains("kind.toml:3:8: unknown check kind `magic`"),
        "{msg}"
    );
    assert!(msg.contains("unattributed"), "{msg}");
}

#[test]
fn a_user_source_is_recognised_and_same_id_replaces() {
    let rules = load_extra(
        "outlet",
        "[[source]]\nid = \"ap\"\nkind = \"wire-service\"\nname = \"AP\"\naliases = [\"AP\"]\n\n[[source]]\nid = \"moscow-times\"\nkind = \"news-outlet\"\nname = \"The Moscow Times\"\naliases = [\"The Moscow Times\"]\n",
    )
    .expect("valid rules");
    assert_eq!(
        rules
            .sources
            .iter()
            .filter(|s| s.id.get_ref() == "ap")
            .count(),
        1
    );
    let doc = check_text(
        "t",
        "Two bridges were hit, The Moscow Times reported.",
        &rules,
    );
    let a = doc.sentences[0].attribution.as_ref().expect("attributed");
    assert_eq!(a.source.id.as_deref(), Some("moscow-times"));
}

/// The source id each sentence of `text` is attributed to, with `rules`.
fn source_ids(text: &str, rules: &RuleSet) -> Vec<Option<String>> {
    check_text("t", text, rules)
        .sentences
        .iter()
        .map(|s| s.attribution.as_ref().and_then(|a| a.source.id.clone()))
        .collect()
}

#[test]
fn aliases_match_in_any_case_of_any_script_and_across_line_breaks() {
    let rules = load_extra(
        "folded",
        "[[source]]\nid = \"ukrinform\"\nkind = \"news-outlet\"\nname = \"Ukrinform\"\naliases = [\"Укрінформ\", \"  Kyiv   Post \"]\n\n[[source]]\nid = \"sbu\"\nkind = \"government\"\nname = \"SBU\"\naliases = [\"СБУ\"]\n",
    )
    .expect("valid rules");
    let ids = source_ids(
        "Two bridges were hit, УКРІНФОРМ reported. The port closed, Kyiv\n  Post reported. \
         The port reopened, KYIV POST reported. A drone fell, СБУ said.",
        &rules,
    );
    let want = ["ukrinform", "ukrinform", "ukrinform", "sbu"];
    assert_eq!(ids, want.map(|w| Some(w.to_string())));
    let text = "укрінформ, уКРІНФОРМ, сбу, Сбу, СБУ";
    let found: Vec<&str> = rules
        .find_aliases(text, 0..text.len())
        .map(|m| &text[m.start..m.end])
        .collect();
    assert_eq!(
        found,
        ["укрінформ", "уКРІНФОРМ", "СБУ"],
        "an acronym keeps its case"
    );
}

#[test]
fn an_overlong_alias_is_refused_with_its_position_before_anything_is_built() {
    let alias = "A".repeat(20_000);
    let msg = error_text(
        "long",
        &format!(
            "[[source]]\nid = \"x\"\nkind = \"person\"\nname = \"X\"\naliases = [\"{alias}\"]\n"
        ),
    );
    assert!(
        msg.contains("long.toml:5:12: alias of 20000 characters"),
        "{msg}"
    );
}

#[test]
fn thousands_of_long_aliases_of_one_repeated_letter_still_load() {
    // Each is as long as an alias may be; a DFA built over them follows
    // failure links quadratically, so a set this large is an NFA.
    let sources: String = (0..2_000)
        .map(|i| {
            format!(
                "[[source]]\nid = \"s{i}\"\nkind = \"person\"\nname = \"S\"\naliases = [\"{}{i}\"]\n",
                "A".repeat(MAX_ALIAS_CHARS - 4)
            )
        })
        .collect();
    let rules = load_extra("letters", &sources).expect("valid rules");
    let mention = format!("{}17", "A".repeat(MAX_ALIAS_CHARS - 4));
    let ids = source_ids(&format!("The port closed, {mention} said."), &rules);
    assert_eq!(ids, [Some("s17".to_string())]);
}

#[test]
fn missing_rule_file_is_a_read_error() {
    let err = RuleSet::load(&[PathBuf::from("/nonexistent/rules.toml")]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot read rule file /nonexistent/rules.toml"),
        "{err}"
    );
}

#[test]
fn docs_checks_md_is_generated_from_the_embedded_checks() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = RuleSet::embedded().checks_markdown();
    if committed != generated {
        if std::env::var_os("PROVENANCE_BLESS").is_some() {
            std::fs::write(&path, &generated).expect("write docs/checks.md");
        } else {
            panic!("docs/checks.md is stale: run PROVENANCE_BLESS=1 cargo test docs_checks_md");
        }
    }
    for check in &RuleSet::embedded().checks {
        assert!(generated.contains(&format!("\n## {}\n", check.id.get_ref())));
    }
}

#[test]
fn merged_word_lists_follow_the_lists_they_merge() {
    let rules = RuleSet::load_text(
        "extra.toml",
        "[lexicon]\nanonymous_heads = [\"insider\"]\nsource_modifiers = [\"veteran\"]\ndate_words = [\"solstice\"]\n",
    )
    .expect("valid rules");
    for head in ["official", "ministry", "report", "governor", "insider"] {
        assert!(rules.is_source_head(head), "{head}");
        assert!(rules.is_source_word(head), "{head}");
    }
    assert!(!rules.is_source_head("veteran") && rules.is_source_word("veteran"));
    for time in ["friday", "week", "morning", "solstice"] {
        assert!(rules.is_time_word(time), "{time}");
    }
    assert!(!rules.is_source_word("said") && !rules.is_time_word("said"));
}

const CHECK_HEAD: &str = "[[check]]\nid = \"house\"\nseverity = \"warning\"\nmessage = \"m\"\nsummary = \"s\"\nwhy = \"w\"\n";

#[test]
fn a_bad_pattern_is_refused_at_its_line_and_column() {
    // Line 8: the pattern; the unclosed group opens 8 bytes into it.
    let msg = error_text(
        "regex",
        &format!("{CHECK_HEAD}kind = \"existence\"\npatterns = [\"ok\", 'sources (say']\n"),
    );
    assert!(
        msg.contains("regex.toml:8:28: invalid pattern: unclosed group"),
        "{msg}"
    );
    let msg = error_text(
        "empty-match",
        &format!("{CHECK_HEAD}kind = \"existence\"\npatterns = [\"(sources)?\"]\n"),
    );
    assert!(
        msg.contains("empty-match.toml:8:14: pattern can match the empty string"),
        "{msg}"
    );
    let msg = error_text(
        "big",
        &format!(
            "{CHECK_HEAD}kind = \"substitution\"\nswap = {{ '\\w{{900}}\\w{{900}}' = \"x\" }}\n"
        ),
    );
    assert!(msg.contains("big.toml:8:"), "{msg}");
    assert!(msg.contains("compiles to more than"), "{msg}");
    let long = "a".repeat(super::MAX_PATTERN_CHARS + 1);
    let msg = error_text(
        "long-pattern",
        &format!("{CHECK_HEAD}kind = \"existence\"\npatterns = [\"{long}\"]\n"),
    );
    assert!(
        msg.contains("long-pattern.toml:8:14: pattern of 1001 characters"),
        "{msg}"
    );
    // An escaped string is pointed at by its opening quote.
    let msg = error_text(
        "escaped",
        &format!("{CHECK_HEAD}kind = \"existence\"\npatterns = [\"\\\\d+ (dead\"]\n"),
    );
    assert!(msg.contains("escaped.toml:8:13: invalid pattern"), "{msg}");
}

#[test]
fn pattern_fields_belong_to_their_kinds() {
    let cases = [
        ("kind = \"existence\"\n", "has no `patterns`"),
        (
            "kind = \"occurrence\"\npatterns = [\"x\"]\n",
            "has no `max`",
        ),
        ("kind = \"substitution\"\n", "has no `swap`"),
        (
            "kind = \"existence\"\npatterns = [\"x\"]\nmax = 2\n",
            "does not read `max`",
        ),
        (
            "kind = \"unattributed\"\npatterns = [\"x\"]\n",
            "does not read `patterns`",
        ),
        (
            "kind = \"existence\"\nswap = { x = \"y\" }\npatterns = [\"x\"]\n",
            "does not read `swap`",
        ),
    ];
    for (fields, problem) in cases {
        let msg = error_text("fields", &format!("{CHECK_HEAD}{fields}"));
        assert!(msg.contains("fields.toml:7:8: check `house`"), "{msg}");
        assert!(msg.contains(problem), "{problem}: {msg}");
    }
}

#[test]
fn source_patterns_find_a_family_of_spellings() {
    let rules = load_extra(
        "pattern-source",
        "[[source]]\nid = \"md-interior\"\nkind = \"government\"\nname = \"Moldova's Interior Ministry\"\n\
         patterns = [\"(Moldovan|Moldova's) (Interior Ministry|Ministry of (the )?Interior)\"]\n",
    )
    .expect("valid rules");
    let ids = source_ids(
        "Two smugglers were held, the Moldovan Interior Ministry said. \
         Three more fled, Moldova's Ministry of the Interior reported. \
         Prices rose, the Romanian Interior Ministry said.",
        &rules,
    );
    assert_eq!(
        ids,
        [
            Some("md-interior".to_string()),
            Some("md-interior".to_string()),
            None
        ]
    );
    let msg = error_text(
        "bad-source",
        "[[source]]\nid = \"x\"\nkind = \"person\"\nname = \"X\"\npatterns = ['a(']\n",
    );
    assert!(
        msg.contains("bad-source.toml:5:15: invalid pattern"),
        "{msg}"
    );
    let msg = error_text(
        "bare-source",
        "[[source]]\nid = \"x\"\nkind = \"person\"\nname = \"X\"\n",
    );
    assert!(msg.contains("has no aliases"), "{msg}");
}

#[test]
fn a_user_document_source_takes_its_parent_s_statements() {
    let rules = load_extra(
        "briefing",
        "[[source]]\nid = \"mayor-office\"\nkind = \"government\"\nname = \"Mayor's office\"\naliases = [\"the mayor's office\"]\n\n\
         [[source]]\nid = \"mayor-bulletin\"\nkind = \"official-readout\"\nname = \"Mayor's bulletin\"\naliases = [\"the mayor's bulletin\"]\n\
         part_of = \"mayor-office\"\ndescribed_as = [\"bulletin\", \"newsletter\"]\n",
    )
    .expect("valid rules");
    let doc = check_text(
        "t",
        "The mayor's office said in its weekly bulletin that the bridge would reopen. \
         According to the bulletin, repairs cost less than planned.",
        &rules,
    );
    assert_eq!(
        crate::test_util::source_ids(&doc),
        [Some("mayor-bulletin"), Some("mayor-bulletin")]
    );
}

#[test]
fn a_document_source_needs_a_registered_parent_and_its_words() {
    let msg = error_text(
        "orphan",
        "[[source]]\nid = \"memo\"\nkind = \"document\"\nname = \"Memo\"\naliases = [\"the memo\"]\npart_of = \"nobody\"\ndescribed_as = [\"memo\"]\n",
    );
    assert!(
        msg.contains("`part_of = \"nobody\"` names no registered source"),
        "{msg}"
    );
    let msg = error_text(
        "half",
        "[[source]]\nid = \"memo\"\nkind = \"document\"\nname = \"Memo\"\naliases = [\"the memo\"]\npart_of = \"ap\"\n",
    );
    assert!(
        msg.contains("half.toml:2:6:") && msg.contains("go together"),
        "{msg}"
    );
}

#[test]
fn a_place_as_source_is_a_government_and_a_quoting_outlet_a_relay() {
    let rules = RuleSet::embedded();
    let doc = check_text(
        "t",
        "Beijing said the envoy would travel next week. \
         The paper quoted Mr. Lin as saying the talks were over. \
         Tokyo Smith said the match was lost.",
        &rules,
    );
    let sources: Vec<(&str, &str)> = doc
        .sentences
        .iter()
        .map(|s| {
            let a = s.attribution.as_ref().expect("attributed");
            (a.source.text.as_str(), a.source.kind.as_str())
        })
        .collect();
    assert_eq!(
        sources,
        [
            ("Beijing", "government"),
            ("Mr. Lin", "person"),
            ("Tokyo Smith", "person")
        ]
    );
}

#[test]
fn a_user_noun_cue_attributes_and_a_formless_one_is_refused() {
    let rules = load_extra(
        "noun",
        "[[noun]]\nid = \"take\"\nclass = \"neutral\"\nforms = [\"take\"]\naside = true\n",
    )
    .expect("valid rules");
    for text in [
        "The skipper's take is that the pier will close.",
        "In the skipper's take, the pier will close.",
    ] {
        let doc = check_text("t", text, &rules);
        let a = doc.sentences[0].attribution.as_ref().expect(text);
        let source = a.source.text.to_lowercase();
        assert_eq!(
            (source.as_str(), a.cue.text.as_str()),
            ("the skipper", "take")
        );
    }
    let msg = error_text(
        "formless",
        "[[noun]]\nid = \"take\"\nclass = \"neutral\"\nforms = []\n",
    );
    assert!(
        msg.contains("formless.toml:2:6: noun `take` has no forms"),
        "{msg}"
    );
}

#[test]
fn a_user_copular_cue_reads_a_state_after_be_only() {
    let rules = load_extra(
        "wary",
        "[[verb]]\nid = \"wary\"\nclass = \"marked\"\nforms = [\"wary\"]\ncopular = true\n",
    )
    .expect("valid rules");
    let doc = check_text(
        "t",
        "The skippers are wary that the levy will pass.",
        &rules,
    );
    let a = doc.sentences[0].attribution.as_ref().expect("a state");
    assert_eq!(
        (a.source.text.as_str(), a.cue.text.as_str()),
        ("The skippers", "wary")
    );
    for text in [
        "The skippers are wary of the levy.",
        "It is wary that the levy will pass.",
    ] {
        let doc = check_text("t", text, &rules);
        assert!(doc.sentences[0].attribution.is_none(), "{text}");
    }
}
