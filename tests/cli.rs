//! CLI tests on the real binary: each case snapshots exit code, stdout and
//! stderr, so a change in what a user sees shows up as a diff.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use provenance::document::InputFormat;

/// A scratch folder for one test, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("provenance-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(path, bytes).expect("write scratch file");
        self
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in `dir` with `args` and optional standard input. A run
/// that hangs (reading a FIFO, say) is killed after two minutes and fails
/// its test instead of hanging the suite.
pub fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("provenance").expect("binary is built");
    cmd.current_dir(dir).args(args).env("NO_COLOR", "1");
    cmd.write_stdin(stdin.unwrap_or(""));
    cmd.timeout(std::time::Duration::from_secs(120));
    let out = cmd.output().expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn transcript(dir: &Path, args: &[&str], stdin: Option<&str>) -> String {
    let (code, stdout, stderr) = run(dir, args, stdin);
    format!(
        "$ provenance {}\nexit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        args.join(" ")
    )
}

const GOOD: &str = "Two bridges were damaged overnight, the regional governor said.\n";
const UNSOURCED_FIGURE: &str = "Russia lost 300 tanks in March.\n";

#[test]
fn text_report_on_a_corpus_article() {
    insta::assert_snapshot!(transcript(
        repo(),
        &["check", "corpus/ministry-losses.txt"],
        None
    ));
}

#[test]
fn json_report_follows_the_contract() {
    let (code, stdout, _) = run(
        repo(),
        &["check", "--format", "json", "corpus/grain-corridor.txt"],
        None,
    );
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(json["tool"]["name"], "provenance");
    let doc = &json["documents"][0];
    assert_eq!(doc["path"], "corpus/grain-corridor.txt");
    let first = &doc["sentences"][0];
    assert_eq!(first["index"], 0);
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 1);
    assert_eq!(first["attribution"]["source"]["id"], "ap");
    assert_eq!(first["attribution"]["source"]["kind"], "wire-service");
    assert_eq!(first["attribution"]["cue"]["text"], "reported");
    let chained = &doc["sentences"][2]["attribution"];
    assert_eq!(chained["via"][0]["id"], "ap");
    assert_eq!(doc["sentences"][3]["attribution"]["inherited_from"], 2);
    assert_eq!(doc["summary"]["sentences"], 7);
    assert_eq!(doc["summary"]["by_source"]["ap"], 2);
    let finding = &doc["findings"][0];
    for field in [
        "rule", "severity", "sentence", "span", "line", "column", "message",
    ] {
        assert!(
            !finding[field].is_null(),
            "finding lacks {field}: {finding}"
        );
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&json).expect("pretty"));
}

#[test]
fn jsonl_writes_one_line_per_document() {
    let (code, stdout, _) = run(repo(), &["check", "--format", "jsonl", "corpus"], None);
    assert_eq!(code, 1, "the corpus holds error-level findings");
    let lines: Vec<&str> = stdout.lines().collect();
    let articles = std::fs::read_dir(repo().join("corpus"))
        .expect("corpus")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| InputFormat::from_path(&e.path()).is_some())
        })
        .count();
    assert_eq!(lines.len(), articles);
    for line in lines {
        let doc: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(doc["sentences"].is_array());
    }
}

#[test]
fn exit_codes_follow_fail_on() {
    let s = Scratch::new("exit");
    s.write("good.txt", GOOD)
        .write("figure.txt", UNSOURCED_FIGURE);
    assert_eq!(run(&s.0, &["check", "good.txt"], None).0, 0);
    assert_eq!(run(&s.0, &["check", "figure.txt"], None).0, 1);
    assert_eq!(
        run(&s.0, &["check", "--fail-on", "never", "figure.txt"], None).0,
        0
    );
    assert_eq!(
        run(&s.0, &["check", "--fail-on", "info", "good.txt"], None).0,
        0
    );
    s.write("claim.txt", "The bridge was closed.\n");
    assert_eq!(run(&s.0, &["check", "claim.txt"], None).0, 0);
    assert_eq!(
        run(&s.0, &["check", "--fail-on", "warning", "claim.txt"], None).0,
        1
    );
}

#[test]
fn stdin_is_read_with_dash_or_without_paths() {
    let s = Scratch::new("stdin");
    insta::assert_snapshot!(transcript(&s.0, &["check", "-"], Some(UNSOURCED_FIGURE)));
    assert_eq!(run(&s.0, &["check"], Some(GOOD)).0, 0);
}

#[test]
fn empty_stdin_and_empty_file_fail_unless_allowed() {
    let s = Scratch::new("empty");
    s.write("empty.txt", "");
    insta::assert_snapshot!(transcript(&s.0, &["check", "-"], Some("")));
    insta::assert_snapshot!(transcript(&s.0, &["check", "empty.txt"], None));
}

#[test]
fn a_missing_file_does_not_stop_the_others() {
    let s = Scratch::new("missing");
    s.write("good.txt", GOOD);
    insta::assert_snapshot!(transcript(&s.0, &["check", "nope.txt", "good.txt"], None));
}

#[test]
fn invalid_utf8_names_the_position_and_the_rest_is_checked() {
    let s = Scratch::new("utf8");
    s.write("bad.txt", b"First line.\nSecond \xff line.\n")
        .write("good.txt", GOOD);
    insta::assert_snapshot!(transcript(&s.0, &["check", "bad.txt", "good.txt"], None));
}

#[test]
fn a_directory_without_text_files_is_an_error() {
    let s = Scratch::new("nodir");
    s.write("notes/readme.rst", "notes\n")
        .write("notes/logo.png", b"\x89PNG\x00");
    insta::assert_snapshot!(transcript(&s.0, &["check", "notes"], None));
}

#[test]
fn directories_are_walked_in_order_skipping_hidden_files() {
    let s = Scratch::new("walk");
    s.write("copy/b.txt", GOOD)
        .write("copy/a.txt", UNSOURCED_FIGURE)
        .write("copy/.hidden.txt", UNSOURCED_FIGURE)
        .write("copy/sub/c.txt", GOOD)
        .write("copy/notes.rst", "ignored")
        .write(".gitignore", "copy/drafts/\n")
        .write("copy/drafts/d.txt", UNSOURCED_FIGURE);
    insta::assert_snapshot!(transcript(&s.0, &["check", "copy"], None));
}

#[test]
fn walked_paths_sort_component_by_component() {
    // As a walk goes: "a/" and everything in it before "a-b", though "-"
    // sorts before "/" byte by byte.
    let s = Scratch::new("walk-order");
    for name in [
        "top/b.txt",
        "top/a-b/x.txt",
        "top/a/z.txt",
        "top/a/b/y.txt",
        "top/a.txt",
    ] {
        s.write(name, GOOD);
    }
    let (_, stdout, _) = run(&s.0, &["check", "--format", "jsonl", "top"], None);
    let paths: Vec<String> = stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["path"].as_str().unwrap().replace('\\', "/")
        })
        .collect();
    assert_eq!(
        paths,
        [
            "top/a/b/y.txt",
            "top/a/z.txt",
            "top/a-b/x.txt",
            "top/a.txt",
            "top/b.txt"
        ]
    );
}

#[test]
fn a_broken_rule_file_names_file_line_and_column() {
    let s = Scratch::new("badrules");
    s.write("good.txt", GOOD)
        .write("syntax.toml", "[[source]]\nid = \"x\"\nkind = = \"y\"\n")
        .write("unknown.toml", "[[check]]\nid = \"x\"\nkind = \"unattributed\"\nseverity = \"loud\"\nmessage = \"m\"\nsummary = \"s\"\nwhy = \"w\"\n");
    insta::assert_snapshot!(transcript(
        &s.0,
        &["check", "--rules", "syntax.toml", "good.txt"],
        None
    ));
    insta::assert_snapshot!(transcript(
        &s.0,
        &["check", "--rules", "unknown.toml", "good.txt"],
        None
    ));
}

#[test]
fn a_user_rule_file_adds_a_source() {
    let s = Scratch::new("userrules");
    s.write("outlet.toml", "[[source]]\nid = \"ukrinform\"\nkind = \"news-outlet\"\nname = \"Ukrinform\"\naliases = [\"Ukrinform\"]\n")
        .write("story.txt", "Ten drones were shot down over Kyiv, Ukrinform reported.\n");
    let (code, stdout, _) = run(
        &s.0,
        &[
            "check",
            "--format",
            "json",
            "--rules",
            "outlet.toml",
            "story.txt",
        ],
        None,
    );
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        json["documents"][0]["sentences"][0]["attribution"]["source"]["id"],
        "ukrinform"
    );
}

#[test]
fn output_file_gets_the_whole_report() {
    let s = Scratch::new("output");
    s.write("figure.txt", UNSOURCED_FIGURE);
    let (code, stdout, stderr) = run(
        &s.0,
        &[
            "check",
            "--format",
            "json",
            "-o",
            "report.json",
            "figure.txt",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("wrote the json report to report.json"),
        "the path written is confirmed: {stderr}"
    );
    let report = std::fs::read_to_string(s.0.join("report.json")).expect("report written");
    let json: serde_json::Value = serde_json::from_str(&report).expect("complete JSON");
    assert_eq!(
        json["documents"][0]["findings"][0]["rule"],
        "unattributed-statistic"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let (code, _, stderr) = run(repo(), &["check", "--format", "yaml", "corpus"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("yaml"), "{stderr}");
}

#[test]
fn explain_and_rules_print_the_rule_docs() {
    insta::assert_snapshot!(transcript(
        repo(),
        &["explain", "unattributed-statistic"],
        None
    ));
    let (code, stdout, _) = run(repo(), &["rules"], None);
    assert_eq!(code, 0);
    assert!(stdout.contains("kyiv-independent") && stdout.contains("loaded-attribution-verb"));
    assert!(stdout.contains("ukraine-general-staff") && stdout.contains("Ukraine’s General Staff"));
    // A source registered by patterns alone still shows how it is found.
    let s = Scratch::new("rules-patterns");
    s.write(
        "desk.toml",
        "[[source]]\nid = \"md-interior\"\nkind = \"government\"\nname = \"Interior\"\npatterns = [\"(Moldovan|Moldova's) Interior Ministry\"]\n",
    );
    let (code, stdout, _) = run(&s.0, &["rules", "--rules", "desk.toml"], None);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("/(Moldovan|Moldova's) Interior Ministry/"),
        "{stdout}"
    );
    let (code, stdout, _) = run(repo(), &["explain", "pentagon-readout"], None);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("A statement of `pentagon` made in a readout is this source's.")
            && stdout.contains("Example: The Pentagon readout said"),
        "{stdout}"
    );
    assert_eq!(run(repo(), &["explain", "no-such-rule"], None).0, 2);
}

#[test]
fn segment_prints_sentences_with_spans() {
    insta::assert_snapshot!(transcript(
        repo(),
        &["segment", "corpus/hard-wrapped.txt"],
        None
    ));
}

#[test]
fn stdin_filename_and_input_format_pick_the_reader() {
    let s = Scratch::new("formats");
    let md = "# Head\n\nThe governor **said** that 40 homes burned.\n";
    insta::assert_snapshot!(transcript(
        &s.0,
        &["check", "--stdin-filename", "story.md", "-"],
        Some(md)
    ));
    s.write("story.txt", md);
    let (_, stdout, _) = run(
        &s.0,
        &[
            "check",
            "--format",
            "json",
            "--input-format",
            "md",
            "story.txt",
        ],
        None,
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        json["documents"][0]["sentences"][1]["text"],
        "The governor said that 40 homes burned."
    );
}

#[test]
fn stdin_jsonl_answers_each_record_in_order() {
    let s = Scratch::new("records");
    let records = concat!(
        "{\"id\": \"a\", \"text\": \"Russia lost 300 tanks.\"}\n",
        "not a record\n",
        "{\"id\": 7, \"text\": \"<p>The AP reported it.</p>\", \"format\": \"html\"}\n",
    );
    let (code, stdout, stderr) = run(&s.0, &["check", "--stdin-jsonl"], Some(records));
    assert_eq!(code, 2, "a bad record makes the run exit 2");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3, "one output line per input line");
    assert_eq!(lines[0]["path"], "a");
    assert_eq!(lines[0]["findings"][0]["rule"], "unattributed-statistic");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("not a record")));
    assert_eq!(lines[2]["path"], "7");
    assert_eq!(
        lines[2]["sentences"][0]["attribution"]["source"]["id"],
        "ap"
    );
    assert!(stderr.starts_with("error: <stdin>:2:"), "{stderr}");
}

#[test]
fn stdin_jsonl_gives_every_line_an_answer_naming_the_record() {
    let s = Scratch::new("records-bad");
    let records = concat!(
        "{\"id\": \"a\", \"text\": \"Russia lost 300 tanks.\"}\n",
        "\n",
        "{\"id\": \"b\", \"text\": 5}\n",
        "{\"id\": \"c\", \"txt\": \"typo\"}\r\n",
        "\u{ff}\n",
        "{\"id\": \"d\", \"text\": \"The mayor said the bridge is closed.\"}",
    );
    let (code, stdout, _) = run(&s.0, &["check", "--stdin-jsonl"], Some(records));
    assert_eq!(code, 2);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let shape: Vec<(Option<&str>, Option<u64>, Option<&str>)> = lines
        .iter()
        .map(|l| (l["path"].as_str(), l["line"].as_u64(), l["id"].as_str()))
        .collect();
    assert_eq!(
        shape,
        [
            (Some("a"), None, Some("a")),
            (None, Some(2), None),
            (None, Some(3), Some("b")),
            (None, Some(4), Some("c")),
            (None, Some(5), None),
            (Some("d"), None, Some("d")),
        ]
    );
}

#[test]
fn include_and_exclude_globs_filter_the_walk() {
    let s = Scratch::new("globs");
    s.write("site/a.md", GOOD)
        .write("site/b.html", "<p>Russia lost 300 tanks.</p>")
        .write("site/drafts/c.txt", GOOD);
    let (_, stdout, _) = run(&s.0, &["check", "--include", "*.md", "site"], None);
    assert!(
        stdout.contains("site/a.md") && !stdout.contains("b.html"),
        "{stdout}"
    );
    let (_, stdout, _) = run(&s.0, &["check", "--exclude", "drafts/", "site"], None);
    assert!(
        stdout.contains("b.html") && !stdout.contains("c.txt"),
        "{stdout}"
    );
    let (code, _, stderr) = run(&s.0, &["check", "--include", "[", "site"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid glob"), "{stderr}");
}

#[test]
fn binary_files_fail_the_run_unless_skipped_on_purpose() {
    let s = Scratch::new("binary");
    s.write("copy/a.txt", GOOD)
        .write("copy/b.txt", b"\x00\x01\x02binary");
    let (code, stdout, stderr) = run(&s.0, &["check", "copy"], None);
    assert_eq!(code, 2, "a file never read must not pass");
    assert!(
        stdout.contains("copy/a.txt"),
        "the others are still checked"
    );
    assert!(
        stderr.contains("error: copy/b.txt: binary file"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&s.0, &["check", "--skip-binary", "copy"], None);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: copy/b.txt: binary file"),
        "{stderr}"
    );
}

/// `text` in UTF-16 (little- or big-endian, with or without a byte order
/// mark) or UTF-32.
fn encoded(text: &str, encoding: &str) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "utf-16le" => out.extend(text.encode_utf16().flat_map(u16::to_le_bytes)),
        "utf-16be" => out.extend(text.encode_utf16().flat_map(u16::to_be_bytes)),
        "utf-32le" => out.extend(text.chars().flat_map(|c| u32::from(c).to_le_bytes())),
        _ => out.extend(text.chars().flat_map(|c| u32::from(c).to_be_bytes())),
    }
    out
}

#[test]
fn utf16_and_utf32_files_are_read_and_spans_point_into_their_bytes() {
    let s = Scratch::new("utf16");
    let text = "\u{feff}Prices rose 12% in Kyiv’s markets.\nThe mayor said the bridge is closed.\n";
    for (name, encoding, bom) in [
        ("le.txt", "utf-16le", true),
        ("le-bare.txt", "utf-16le", false),
        ("be.md", "utf-16be", true),
        ("le32.txt", "utf-32le", true),
        ("be32.txt", "utf-32be", true),
    ] {
        let body = if bom { text } else { &text[3..] };
        let bytes = encoded(body, encoding);
        s.write(name, &bytes);
        let (code, stdout, stderr) = run(&s.0, &["check", "--format", "json", name], None);
        assert_eq!(code, 1, "{name}: {stderr}");
        let doc =
            &serde_json::from_str::<serde_json::Value>(&stdout).expect("JSON")["documents"][0];
        let finding = &doc["findings"][0];
        assert_eq!(finding["rule"], "unattributed-statistic", "{name}");
        // The span, in the file's own bytes, decodes to the sentence.
        let span = |v: &serde_json::Value| {
            (
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            )
        };
        let (start, end) = span(&finding["span"]);
        let unit = if encoding.starts_with("utf-16") { 2 } else { 4 };
        assert_eq!(start % unit, 0, "{name}");
        let piece = &bytes[start..end];
        let decoded = if unit == 2 {
            let units: Vec<u16> = piece
                .chunks(2)
                .map(|c| {
                    if encoding == "utf-16le" {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                })
                .collect();
            String::from_utf16(&units).unwrap()
        } else {
            piece
                .chunks(4)
                .map(|c| {
                    let v = if encoding == "utf-32le" {
                        u32::from_le_bytes([c[0], c[1], c[2], c[3]])
                    } else {
                        u32::from_be_bytes([c[0], c[1], c[2], c[3]])
                    };
                    char::from_u32(v).unwrap()
                })
                .collect()
        };
        assert_eq!(decoded, "Prices rose 12% in Kyiv’s markets.", "{name}");
        let attributed = &doc["sentences"][1]["attribution"];
        let (start, end) = span(&attributed["cue"]["span"]);
        assert_eq!((end - start) / unit, 4, "{name}: the cue is \"said\"");
    }
    // Invalid UTF-16 is an error with its position, not a pass.
    let mut bad = encoded("\u{feff}ok\n", "utf-16le");
    bad.extend([0x00, 0xD8, b'x', 0]);
    s.write("bad.txt", &bad);
    let (code, _, stderr) = run(&s.0, &["check", "bad.txt"], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bad.txt:2:1: invalid UTF-16LE at byte 8"),
        "{stderr}"
    );
}

#[test]
fn inputs_with_no_sentence_fail_the_run_unless_allowed() {
    let s = Scratch::new("no-sentence");
    s.write("blank.txt", " \n\n")
        .write(
            "page.html",
            "<html><body><article><p>Prices rose 12% in March.</p></article></body></html>",
        )
        .write(
            "script.html",
            "<html><body><script>var a = 1;</script></body></html>",
        );
    let cases: [(&[&str], Option<&str>, &str); 4] = [
        (&["check", "blank.txt"], None, "blank.txt: empty"),
        (&["check"], Some(""), "<stdin>: empty"),
        (&["check", "script.html"], None, "script.html: no sentence"),
        (
            &["check", "--html-selector", "main", "page.html"],
            None,
            "the selector `main`",
        ),
    ];
    for (args, stdin, says) in cases {
        let (code, _, stderr) = run(&s.0, args, stdin);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        let mut allowed = args.to_vec();
        allowed.insert(1, "--allow-empty");
        let (code, _, stderr) = run(&s.0, &allowed, stdin);
        assert_eq!(code, 0, "{allowed:?}: {stderr}");
        assert!(stderr.contains("warning:"), "{allowed:?}: {stderr}");
    }
}

#[test]
fn max_file_size_refuses_larger_inputs_before_reading_them() {
    let s = Scratch::new("max-size");
    s.write("a.txt", "Prices rose 12% in March.\n");
    let (code, _, stderr) = run(&s.0, &["check", "--max-file-size", "10", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a.txt: larger than the 10-byte limit"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&s.0, &["check", "--max-file-size", "1K", "a.txt"], None);
    assert_eq!(code, 1, "{stderr}");
    // Standard input is cut off at the limit too.
    let (code, _, stderr) = run(
        &s.0,
        &["check", "--max-file-size", "10"],
        Some("Prices rose 12% in March.\n"),
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("<stdin>: larger than"), "{stderr}");
    let (code, _, stderr) = run(&s.0, &["check", "--max-file-size", "lots", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a size"), "{stderr}");
}

#[test]
fn a_bad_html_selector_is_refused() {
    let s = Scratch::new("selector");
    s.write("a.html", "<p>Hi.</p>");
    let (code, _, stderr) = run(&s.0, &["check", "--html-selector", "p[", "a.html"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid HTML selector"), "{stderr}");
}

fn many_files(s: &Scratch, dir: &str, n: usize) {
    for i in 0..n {
        let text = if i % 3 == 0 { UNSOURCED_FIGURE } else { GOOD };
        s.write(&format!("{dir}/{i:05}.txt"), format!("Story {i}. {text}"));
    }
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let s = Scratch::new("threads");
    many_files(&s, "many", 300);
    let one = run(
        &s.0,
        &["check", "--format", "jsonl", "--threads", "1", "many"],
        None,
    );
    let two = run(
        &s.0,
        &["check", "--format", "jsonl", "--threads", "2", "many"],
        None,
    );
    assert_eq!(one, two);
    assert_eq!(one.1.lines().count(), 300);
}

/// Peak resident memory of the largest child process so far, in KiB.
#[allow(unsafe_code)]
fn children_peak_rss() -> i64 {
    // SAFETY: getrusage only writes into the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    }
}

#[test]
fn memory_stays_flat_as_the_number_of_files_grows() {
    let s = Scratch::new("memory");
    many_files(&s, "small", 200);
    many_files(&s, "large", 4000);
    let (code, _, _) = run(&s.0, &["check", "--format", "jsonl", "small"], None);
    assert_eq!(code, 1);
    let small = children_peak_rss();
    let (code, stdout, _) = run(&s.0, &["check", "--format", "jsonl", "large"], None);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 4000);
    let large = children_peak_rss();
    // 20x the files may not cost 20x the memory: allow a margin, not growth.
    assert!(
        large < small * 2 + 8 * 1024,
        "peak RSS {large} KiB for 4000 files vs {small} KiB for 200"
    );
}

#[test]
fn bad_files_never_hide_good_ones_and_inputs_stay_untouched() {
    let s = Scratch::new("nothinglost");
    s.write("in/a.txt", GOOD)
        .write("in/b.txt", b"Bad \xff byte.\n")
        .write("in/c.md", "# Head\n\nThe AP **reported** it.\n")
        .write("in/d.txt", UNSOURCED_FIGURE)
        .write("in/e.html", "<p>Kyiv&rsquo;s mayor said so.</p>");
    let before: Vec<(PathBuf, Vec<u8>)> = ["a.txt", "b.txt", "c.md", "d.txt", "e.html"]
        .iter()
        .map(|n| {
            let p = s.0.join("in").join(n);
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    let (code, stdout, stderr) = run(&s.0, &["check", "in", "missing.txt"], None);
    assert_eq!(code, 2);
    for good in ["in/a.txt", "in/c.md", "in/d.txt", "in/e.html"] {
        assert!(
            stdout.contains(&format!("{good}: ")),
            "{good} not reported:\n{stdout}"
        );
    }
    assert!(stderr.contains("in/b.txt:1:5: invalid UTF-8"), "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    for (path, bytes) in before {
        assert_eq!(
            std::fs::read(&path).expect("still there"),
            bytes,
            "{} was modified",
            path.display()
        );
    }
}

#[test]
fn an_unwritable_output_leaves_no_half_report() {
    let s = Scratch::new("unwritable");
    s.write("a.txt", GOOD);
    let (code, _, stderr) = run(
        &s.0,
        &["check", "-o", "no/such/dir/report.json", "a.txt"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot write no/such/dir/report.json"),
        "{stderr}"
    );
    assert!(!s.0.join("no").exists());
}

/// A 100 MB file: checked in bounded memory, nothing dropped. Slow in debug
/// builds, so CI runs it in release (`cargo test --release -- --ignored`).
/// A plain text of more than 4 MiB is checked as its report is written, a
/// window of sentences at a time; its report is the one the tool writes
/// when it must hold the document checked whole (while writing a
/// baseline), in JSON Lines, JSON and text, with two threads and with one.
#[test]
fn a_long_document_checked_as_it_is_written_reports_what_a_whole_one_does() {
    let s = Scratch::new("streamed");
    let article =
        std::fs::read_to_string(repo().join("corpus/kharkiv-shelling.txt")).expect("article");
    let text = format!("{article}\n").repeat((4 << 20) / article.len() + 1);
    s.write("wire.txt", &text);
    s.write("small.txt", GOOD);
    for format in ["jsonl", "json", "text"] {
        let (code, whole, _) = run(
            &s.0,
            &[
                "check",
                "--format",
                format,
                "--write-baseline",
                "b.json",
                "small.txt",
                "wire.txt",
            ],
            None,
        );
        assert_eq!(code, 0, "writing a baseline passes");
        for threads in ["1", "2"] {
            let (code, streamed, stderr) = run(
                &s.0,
                &[
                    "check",
                    "--format",
                    format,
                    "--threads",
                    threads,
                    "small.txt",
                    "wire.txt",
                ],
                None,
            );
            assert_eq!(code, 1, "{stderr}");
            assert!(
                streamed == whole,
                "{format}, {threads} threads: reports differ"
            );
        }
    }
}

#[test]
#[ignore = "100 MB of input; run with --release --ignored"]
fn a_hundred_megabyte_file() {
    let s = Scratch::new("hundred");
    let article =
        std::fs::read_to_string(repo().join("corpus/kharkiv-shelling.txt")).expect("article");
    let copies = 100_000_000 / article.len() + 1;
    let text = format!("{article}\n").repeat(copies);
    s.write("big.txt", &text);
    let (code, _, _) = run(
        &s.0,
        &["check", "--format", "jsonl", "-o", "big.jsonl", "big.txt"],
        None,
    );
    assert_eq!(code, 1);
    let out = std::fs::read_to_string(s.0.join("big.jsonl")).expect("report written");
    let at = out.rfind("\"summary\":").expect("summary at the end");
    let summary: serde_json::Value = serde_json::from_str(
        out[at + "\"summary\":".len()..]
            .trim_end()
            .strip_suffix('}')
            .expect("closing brace"),
    )
    .expect("summary JSON");
    assert_eq!(
        summary["sentences"],
        9 * copies,
        "every sentence of every copy"
    );
    let peak_kib = children_peak_rss();
    assert!(
        peak_kib < 6 * 1024 * 1024,
        "peak RSS {peak_kib} KiB for 100 MB"
    );
}

#[test]
fn stdin_jsonl_echoes_ids_exactly_and_skips_a_leading_byte_order_mark() {
    let s = Scratch::new("records-ids");
    let records = concat!(
        "\u{feff}{\"id\": 12345678901234567890123, \"text\": \"Russia lost 300 tanks.\"}\n",
        "{\"id\": [1, \"b\"], \"text\": \"Russia lost 300 tanks.\"}\n",
        "{\"id\": \"\\u00e9t\\u00e9\", \"text\": \"Russia lost 300 tanks.\"}\n",
        "{\"id\": 7.50, \"text\": 5}\n",
    );
    let (code, stdout, _) = run(&s.0, &["check", "--stdin-jsonl"], Some(records));
    assert_eq!(code, 2, "the last record is bad");
    let ids: Vec<&str> = stdout
        .lines()
        .map(|l| {
            let rest = l.split_once("\"id\":").expect("an id").1;
            let end = rest.find(",\"").expect("the id ends");
            &rest[..end]
        })
        .collect();
    assert_eq!(
        ids,
        [
            "12345678901234567890123",
            "[1, \"b\"]",
            "\"\\u00e9t\\u00e9\"",
            "7.50"
        ]
    );
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["findings"][0]["rule"], "unattributed-statistic");
}

#[test]
fn a_walk_follows_links_to_articles_and_names_dangling_ones() {
    let s = Scratch::new("walk-links");
    s.write("news/real/a.txt", UNSOURCED_FIGURE);
    std::os::unix::fs::symlink("real/a.txt", s.0.join("news/link.txt")).expect("link");
    std::os::unix::fs::symlink("gone.md", s.0.join("news/dangling.md")).expect("link");
    std::os::unix::fs::symlink("real", s.0.join("news/folder")).expect("link");
    let (code, stdout, stderr) = run(&s.0, &["check", "news"], None);
    assert_eq!(code, 2, "a dangling article link is not passed over");
    assert!(stdout.contains("news/link.txt"), "{stdout}");
    assert!(stdout.contains("news/real/a.txt"), "{stdout}");
    assert!(
        !stdout.contains("news/folder"),
        "linked folders are not walked"
    );
    assert!(stderr.contains("news/dangling.md"), "{stderr}");
}

#[test]
fn a_long_single_line_is_quoted_in_a_window_with_the_true_column() {
    let s = Scratch::new("one-line");
    let line: Vec<String> = (0..2000)
        .map(|i| format!("Prices rose {i}% in March."))
        .collect();
    let text = line.join(" ");
    s.write("one.txt", &text);
    let (code, stdout, _) = run(&s.0, &["check", "one.txt"], None);
    assert_eq!(code, 1);
    // Each finding quotes a window, not the 50 KB line: the report stays
    // linear in the findings.
    assert!(
        stdout.len() < 2000 * 1000,
        "{} bytes for 2000 findings",
        stdout.len()
    );
    let at = text.find("Prices rose 1500%").expect("sentence") + 1;
    let header = format!(" --> one.txt:1:{at}\n");
    let block = stdout
        .split("error[")
        .find(|b| b.contains(&header))
        .unwrap_or_else(|| panic!("no finding at column {at}"));
    assert!(block.contains("…"), "the cut is marked: {block}");
    let quoted = block
        .lines()
        .find(|l| l.starts_with("1 | "))
        .expect("quoted line");
    let caret = block.lines().find(|l| l.contains('^')).expect("carets");
    let under: String = quoted
        .chars()
        .zip(caret.chars())
        .filter(|(_, c)| *c == '^')
        .map(|(q, _)| q)
        .collect();
    assert_eq!(under, "Prices rose 1500% in March.");
}

#[test]
fn a_grand_total_follows_several_files_and_quiet_leaves_only_findings() {
    let s = Scratch::new("totals");
    s.write("good.txt", GOOD).write("bad.txt", UNSOURCED_FIGURE);
    let (code, stdout, _) = run(&s.0, &["check", "bad.txt", "good.txt"], None);
    assert_eq!(code, 1);
    let last = stdout.lines().last().expect("a last line");
    assert_eq!(
        last,
        "total: 2 files, 2 sentences, 1 attributed, 1 unattributed; 1 error, 0 warnings, 0 infos"
    );
    let (_, one, _) = run(&s.0, &["check", "good.txt"], None);
    assert!(!one.contains("total:"), "one file, no total: {one}");
    for flag in ["-q", "--quiet"] {
        let (code, quiet, _) = run(&s.0, &["check", flag, "bad.txt", "good.txt"], None);
        assert_eq!(code, 1);
        assert!(quiet.contains("error[unattributed-statistic]"), "{quiet}");
        assert!(
            quiet.contains("bad.txt: 1 sentence"),
            "a file with findings keeps its line"
        );
        assert!(
            !quiet.contains("good.txt"),
            "a clean file is not named: {quiet}"
        );
        assert!(!quiet.contains("total:"), "{quiet}");
    }
}

#[test]
fn colour_follows_the_flag_then_no_color_then_force_color() {
    let s = Scratch::new("colour");
    s.write("bad.txt", UNSOURCED_FIGURE);
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::cargo_bin("provenance").expect("binary is built");
        cmd.current_dir(&s.0)
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .arg("check")
            .args(args)
            .arg("bad.txt")
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).contains('\u{1b}')
    };
    assert!(!coloured(&[], &[]), "not a terminal: plain");
    assert!(coloured(&[], &[("FORCE_COLOR", "1")]));
    assert!(!coloured(&[], &[("FORCE_COLOR", "")]), "empty means unset");
    assert!(!coloured(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(
        coloured(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "")]),
        "empty NO_COLOR is unset"
    );
    assert!(coloured(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(!coloured(&["--color", "never"], &[("FORCE_COLOR", "1")]));
}

#[test]
fn a_named_file_of_another_type_is_read_as_text_with_a_note() {
    let s = Scratch::new("unknown-extension");
    s.write("notes.rst", UNSOURCED_FIGURE)
        .write("a.txt", UNSOURCED_FIGURE);
    let (code, _, stderr) = run(&s.0, &["check", "notes.rst", "a.txt"], None);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("note: notes.rst: not a .txt, .md or .html file; read as plain text"),
        "{stderr}"
    );
    assert!(!stderr.contains("a.txt"), "{stderr}");
    let (_, _, stderr) = run(&s.0, &["check", "--input-format", "txt", "notes.rst"], None);
    assert!(!stderr.contains("note:"), "the format was said: {stderr}");
}

#[test]
fn a_name_wrapped_across_lines_reads_as_one_line_in_messages() {
    let s = Scratch::new("wrapped-name");
    s.write(
        "a.txt",
        "Sources close to the\nministry claimed 40 drones were shot down.\n",
    );
    let (_, stdout, _) = run(&s.0, &["check", "--format", "json", "a.txt"], None);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let messages: Vec<&str> = doc["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(!messages.is_empty());
    assert!(messages.iter().all(|m| !m.contains('\n')), "{messages:?}");
}
