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
fn empty_stdin_and_empty_file_are_noted_not_failed() {
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
    let (code, stdout, _) = run(
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
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "a");
    assert_eq!(lines[0]["findings"][0]["rule"], "unattributed-statistic");
    assert_eq!(lines[1]["path"], "7");
    assert_eq!(
        lines[1]["sentences"][0]["attribution"]["source"]["id"],
        "ap"
    );
    assert!(stderr.starts_with("error: <stdin>:2:"), "{stderr}");
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
fn binary_files_in_a_directory_are_skipped_with_a_note() {
    let s = Scratch::new("binary");
    s.write("copy/a.txt", GOOD)
        .write("copy/b.txt", b"\x00\x01\x02binary");
    let (code, stdout, stderr) = run(&s.0, &["check", "copy"], None);
    assert_eq!(code, 0);
    assert!(stdout.contains("copy/a.txt"));
    assert!(
        stderr.contains("copy/b.txt: binary file; skipped"),
        "{stderr}"
    );
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
