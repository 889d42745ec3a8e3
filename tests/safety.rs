//! What the tool must never do to a user or a CI machine, each case tried as
//! an attacker or a careless user would, on the real binary: overwrite an
//! article or a baseline with a report, replace a device or a symlink with a
//! regular file, write through a predictable temporary name, pass a run
//! whose report could not be written, or read and print a secret named by a
//! checked-in config.

use std::path::Path;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;

use crate::cli::{run, Scratch};

const FIGURE: &str = "Russia lost 300 tanks in March.\n";

fn binary() -> Command {
    let mut cmd = Command::cargo_bin("provenance").expect("binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn output_naming_an_input_is_refused_before_anything_is_read() {
    let s = Scratch::new("o-input");
    s.write("a.txt", FIGURE).write("dir/b.txt", FIGURE);
    for args in [
        &["check", "a.txt", "-o", "a.txt"][..],
        &["check", "a.txt", "-o", "./a.txt"],
        &["check", "dir", "-o", "dir/b.txt"],
        &["check", "a.txt", "--write-baseline", "a.txt"],
    ] {
        let (code, stdout, stderr) = run(&s.0, args, None);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(stderr.contains("would replace the input"), "{stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(s.0.join("a.txt")).expect("a"),
        FIGURE
    );
    assert_eq!(
        std::fs::read_to_string(s.0.join("dir/b.txt")).expect("b"),
        FIGURE
    );
}

#[test]
fn output_naming_a_rule_file_config_or_baseline_is_refused() {
    let s = Scratch::new("o-settings");
    s.write("a.txt", FIGURE)
        .write("house.toml", "")
        .write("provenance.toml", "rules = [\"house.toml\"]\n");
    let (code, _, stderr) = run(&s.0, &["check", "a.txt", "-o", "house.toml"], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("would replace the rule file"), "{stderr}");
    let (code, _, stderr) = run(&s.0, &["check", "a.txt", "-o", "provenance.toml"], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("would replace the config"), "{stderr}");
    let (code, _, _) = run(
        &s.0,
        &["check", "a.txt", "--write-baseline", "base.json"],
        None,
    );
    assert_eq!(code, 0);
    let (code, _, stderr) = run(
        &s.0,
        &[
            "check",
            "a.txt",
            "--baseline",
            "base.json",
            "-o",
            "base.json",
        ],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("would replace the baseline"), "{stderr}");
    let (code, _, stderr) = run(
        &s.0,
        &[
            "check",
            "a.txt",
            "-o",
            "r.json",
            "--write-baseline",
            "./r.json",
        ],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("both name"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(s.0.join("provenance.toml")).expect("config"),
        "rules = [\"house.toml\"]\n"
    );
    assert!(!s.0.join("r.json").exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_symlink_given_to_o_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let s = Scratch::new("o-special");
    s.write("a.txt", FIGURE).write("real.txt", "old report\n");
    let fifo = s.0.join("pipe");
    let made = Process::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (sent, received) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || sent.send(std::fs::read_to_string(fifo).expect("read fifo")));
    }
    let (code, _, stderr) = run(&s.0, &["check", "a.txt", "-o", "pipe"], None);
    assert_eq!(code, 1, "{stderr}");
    // A reader left waiting means the report never went through the FIFO.
    let through = received
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the report reached the FIFO's reader");
    assert!(through.contains("unattributed-statistic"), "{through}");
    let meta = std::fs::symlink_metadata(&fifo).expect("still there");
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");

    std::os::unix::fs::symlink("real.txt", s.0.join("link.txt")).expect("symlink");
    let (code, _, stderr) = run(&s.0, &["check", "a.txt", "-o", "link.txt"], None);
    assert_eq!(code, 1, "{stderr}");
    let meta = std::fs::symlink_metadata(s.0.join("link.txt")).expect("link");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let report = std::fs::read_to_string(s.0.join("real.txt")).expect("target");
    assert!(report.contains("unattributed-statistic"), "{report}");

    std::os::unix::fs::symlink("nowhere/x.txt", s.0.join("dangling.txt")).expect("symlink");
    let (code, _, stderr) = run(&s.0, &["check", "a.txt", "-o", "dangling.txt"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot write dangling.txt"), "{stderr}");
    assert!(!s.0.join("nowhere").exists());
}

#[cfg(unix)]
#[test]
fn a_planted_link_at_the_old_temporary_name_is_never_written_through() {
    let s = Scratch::new("o-planted");
    s.write("a.txt", FIGURE).write("secret", "do not touch\n");
    // Before, the temporary file was always `.NAME.provenance-tmp`.
    std::os::unix::fs::symlink("secret", s.0.join(".r.json.provenance-tmp")).expect("plant");
    let (code, _, stderr) = run(&s.0, &["check", "a.txt", "-o", "r.json"], None);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(s.0.join("secret")).expect("secret"),
        "do not touch\n"
    );
    assert!(std::fs::read_to_string(s.0.join("r.json"))
        .expect("report")
        .contains("unattributed-statistic"));
}

#[test]
fn concurrent_runs_on_one_output_each_leave_a_whole_report() {
    let s = Scratch::new("o-race");
    let article: String = (0..400)
        .map(|i| format!("Russia lost {i} tanks in March. "))
        .collect();
    s.write("a.txt", &article);
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut cmd = Process::new(env!("CARGO_BIN_EXE_provenance"));
            cmd.current_dir(&s.0)
                .args(["check", "--format", "json", "-o", "r.json", "a.txt"])
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            cmd.spawn().expect("spawn")
        })
        .collect();
    for mut child in children {
        assert_eq!(child.wait().expect("wait").code(), Some(1));
    }
    let report = std::fs::read_to_string(s.0.join("r.json")).expect("report");
    let json: serde_json::Value = serde_json::from_str(&report).expect("whole JSON");
    assert_eq!(json["documents"][0]["summary"]["sentences"], 400);
    assert_eq!(files_in(&s.0), ["a.txt", "r.json"], "temporary files left");
}

#[test]
fn a_directory_as_output_is_named_and_leaves_nothing() {
    let s = Scratch::new("o-dir");
    s.write("a.txt", FIGURE).write("out/keep", "");
    for flag in ["-o", "--write-baseline"] {
        let (code, _, stderr) = run(&s.0, &["check", "a.txt", flag, "out"], None);
        assert_eq!(code, 2, "{flag}");
        assert!(
            stderr.contains("cannot write out: it is a directory"),
            "{stderr}"
        );
        assert_eq!(files_in(&s.0.join("out")), ["keep"]);
        assert_eq!(files_in(&s.0), ["a.txt", "out"]);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_fails_with_2_not_1() {
    let s = Scratch::new("o-full");
    s.write("a.txt", FIGURE);
    // Through a link in the scratch folder: were the device replaced (the
    // bug this guards against), only the link would be, not /dev/full.
    std::os::unix::fs::symlink("/dev/full", s.0.join("full")).expect("symlink");
    let out = binary()
        .current_dir(&s.0)
        .args(["check", "a.txt", "-o", "full"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write full: No space left"),
        "{stderr}"
    );
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = Process::new(env!("CARGO_BIN_EXE_provenance"))
        .current_dir(&s.0)
        .args(["check", "a.txt"])
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write standard output"), "{stderr}");
    // `> /dev/null` is the user's choice: the exit code still speaks.
    let null = Process::new("sh")
        .current_dir(&s.0)
        .arg("-c")
        .arg(format!(
            "'{}' check a.txt > /dev/null",
            env!("CARGO_BIN_EXE_provenance")
        ))
        .output()
        .expect("sh runs");
    assert_eq!(null.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn init_refuses_a_dangling_symlink() {
    let s = Scratch::new("init-link");
    std::os::unix::fs::symlink("target.toml", s.0.join("provenance.toml")).expect("symlink");
    for args in [&["init"][..], &["init", "--force"]] {
        let (code, _, stderr) = run(&s.0, args, None);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            !s.0.join("target.toml").exists(),
            "{args:?} wrote through the link"
        );
    }
}

#[test]
fn a_checked_in_config_cannot_name_files_outside_its_folder() {
    let s = Scratch::new("cfg-outside");
    s.write("outside/secret.toml", "token = \"ghp_SECRETSECRET\n")
        .write("outside/base.json", "ghp_SECRETSECRET")
        .write("repo/a.txt", FIGURE);
    for config in [
        "rules = [\"../outside/secret.toml\"]\n",
        "rules = [\"../outside\"]\n",
        "baseline = \"../outside/base.json\"\n",
        "rules = [\"/proc/self/environ\"]\n",
    ] {
        s.write("repo/provenance.toml", config);
        let (code, stdout, stderr) = run(&s.0.join("repo"), &["check", "a.txt"], None);
        assert_eq!(code, 2, "{config}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("outside this config's folder"), "{stderr}");
        assert!(!stderr.contains("ghp_SECRET"), "{stderr}");
    }
    #[cfg(unix)]
    {
        // A link inside the folder to a file outside it is outside too.
        std::os::unix::fs::symlink("../outside/secret.toml", s.0.join("repo/house.toml"))
            .expect("symlink");
        s.write("repo/provenance.toml", "rules = [\"house.toml\"]\n");
        let (code, _, stderr) = run(&s.0.join("repo"), &["check", "a.txt"], None);
        assert_eq!(code, 2);
        assert!(stderr.contains("outside this config's folder"), "{stderr}");
        assert!(!stderr.contains("ghp_SECRET"), "{stderr}");
        std::fs::create_dir_all(s.0.join("repo/rules")).expect("dir");
        std::os::unix::fs::symlink("../../outside/secret.toml", s.0.join("repo/rules/x.toml"))
            .expect("symlink");
        s.write("repo/provenance.toml", "rules = [\"rules\"]\n");
        let (code, _, stderr) = run(&s.0.join("repo"), &["check", "a.txt"], None);
        assert_eq!(code, 2);
        assert!(
            stderr.contains("outside the folder of the config"),
            "{stderr}"
        );
        assert!(!stderr.contains("ghp_SECRET"), "{stderr}");
    }
    // Inside the folder, and on the command line, files are read as before.
    s.write("repo/ok.toml", "")
        .write("repo/provenance.toml", "rules = [\"ok.toml\"]\n");
    let (code, _, stderr) = run(&s.0.join("repo"), &["check", "a.txt"], None);
    assert_eq!(code, 1, "{stderr}");
    let (code, _, stderr) = run(
        &s.0.join("repo"),
        &[
            "check",
            "--no-config",
            "--rules",
            "../outside/secret.toml",
            "a.txt",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("secret.toml:1:"), "{stderr}");
}

#[test]
fn a_file_that_is_not_toml_is_not_quoted_past_the_error() {
    let s = Scratch::new("quote-secret");
    s.write("a.txt", FIGURE)
        .write("token.toml", "ghp_abcdefSECRET tail-of-the-secret\n");
    let (code, _, stderr) = run(&s.0, &["check", "--rules", "token.toml", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("token.toml:1:"), "{stderr}");
    assert!(!stderr.contains("tail-of-the-secret"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_as_settings_files_are_refused_not_read() {
    let s = Scratch::new("settings-devices");
    s.write("a.txt", FIGURE).write("rules/ok.toml", "");
    let made = Process::new("mkfifo")
        .arg(s.0.join("rules/fifo.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    for args in [
        &["check", "--rules", "/dev/zero", "a.txt"][..],
        &["check", "--rules", "rules", "a.txt"],
        &["check", "--baseline", "/dev/zero", "a.txt"],
        &["check", "--config", "/dev/zero", "a.txt"],
    ] {
        let (code, _, stderr) = run(&s.0, args, None);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
    }
}

#[test]
fn error_lines_are_cut_and_control_characters_escaped() {
    let s = Scratch::new("quote-long");
    let huge = "x".repeat(200_000);
    s.write("a.txt", FIGURE)
        .write(
            "long.toml",
            format!("[[source]]\nid = \"a\"\nkind = \"\u{1b}]0;pwned\u{7}{huge}\"\nbogus = 1\n"),
        )
        .write(
            "base.json",
            format!("{{\"tool\": \"provenance\", \"version\": 1, \"findings\": [{{\"path\": \"\u{1b}[2J{huge}\"}}]}}"),
        );
    let (code, _, stderr) = run(&s.0, &["check", "--rules", "long.toml", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("long.toml:"),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.len() < 4_000, "{} bytes of error", stderr.len());
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'));
    let (code, _, stderr) = run(&s.0, &["check", "--baseline", "base.json", "a.txt"], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("base.json:1:"),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.len() < 4_000, "{} bytes of error", stderr.len());
    assert!(!stderr.contains('\u{1b}'));
}

#[test]
fn baseline_counts_cannot_wrap_round() {
    let s = Scratch::new("baseline-wrap");
    s.write("a.txt", FIGURE);
    let (code, _, _) = run(
        &s.0,
        &["check", "a.txt", "--write-baseline", "b.json"],
        None,
    );
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(s.0.join("b.json")).expect("baseline");
    let mut json: serde_json::Value = serde_json::from_str(&written).expect("json");
    let entry = json["findings"][0].clone();
    // Two entries whose counts add up to 2^64: wrapping gives 0, and the
    // finding would come back.
    json["findings"][0]["count"] = serde_json::json!(u64::MAX);
    let mut second = entry;
    second["count"] = serde_json::json!(1);
    json["findings"]
        .as_array_mut()
        .expect("findings")
        .push(second);
    s.write("b.json", json.to_string());
    let (code, _, stderr) = run(&s.0, &["check", "a.txt", "--baseline", "b.json"], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a count this tool writes"), "{stderr}");
}

#[test]
fn an_article_that_is_a_fifo_without_writer_or_an_endless_device_never_hangs_or_fills_memory() {
    let s = Scratch::new("article-devices");
    s.write("a.txt", FIGURE);
    let made = Process::new("mkfifo")
        .arg(s.0.join("pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // `run` kills a hung binary after its timeout and fails the test.
    let (code, stdout, stderr) = run(&s.0, &["check", "pipe.txt", "a.txt"], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("pipe.txt: empty"), "{stderr}");
    assert!(stdout.contains("a.txt"), "the other file is still checked");
    // Endless NULs: binary at the first chunk, not read to the limit.
    let (code, _, stderr) = run(&s.0, &["check", "/dev/zero"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("/dev/zero: binary file"), "{stderr}");
    // Endless text: cut off at the size limit.
    let (code, _, stderr) = run(
        &s.0,
        &["check", "--max-file-size", "1M", "/dev/urandom"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("/dev/urandom: binary file") || stderr.contains("larger than"),
        "{stderr}"
    );
}

#[test]
fn nuls_on_standard_input_are_refused_at_the_first_chunk() {
    let s = Scratch::new("stdin-nuls");
    let mut child = Process::new(env!("CARGO_BIN_EXE_provenance"))
        .current_dir(&s.0)
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    // Far more than a chunk; the binary stops reading and the writes fail
    // (a closed pipe) instead of all of it being buffered.
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let zeros = vec![0u8; 1 << 20];
        let mut sent = 0usize;
        while sent < 256 << 20 && stdin.write_all(&zeros).is_ok() {
            sent += zeros.len();
        }
        sent
    });
    let out = child.wait_with_output().expect("runs");
    let sent = writer.join().expect("writer");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary file"));
    assert!(sent < 256 << 20, "the binary read all {sent} bytes");
}

#[test]
fn absurd_thread_counts_and_deep_selectors_are_refused_not_crashed_on() {
    let s = Scratch::new("absurd-options");
    s.write(
        "a.html",
        "<body><div><p>Russia lost 300 tanks.</p></div></body>",
    );
    for n in ["100000", "1000000", "1025"] {
        let (code, _, stderr) = run(&s.0, &["check", "--threads", n, "a.html"], None);
        assert_eq!(code, 2, "--threads {n}: {stderr}");
        assert!(stderr.contains("--threads"), "{stderr}");
    }
    let (code, _, stderr) = run(&s.0, &["check", "--threads", "1024", "a.html"], None);
    assert_eq!(code, 1, "1024 is allowed and clamped: {stderr}");
    let deep = [
        "div ".repeat(4000) + "p",
        ":not(".repeat(1000) + "p" + &")".repeat(1000),
        ":not(".repeat(20) + "p" + &")".repeat(20),
    ];
    for selector in &deep {
        let (code, _, stderr) = run(
            &s.0,
            &["check", "--html-selector", selector, "a.html"],
            None,
        );
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("HTML selector"), "{stderr}");
    }
}

#[test]
fn control_characters_from_articles_and_file_names_never_reach_the_terminal_raw() {
    let s = Scratch::new("controls");
    let article =
        "Prices \u{1b}]0;pwned\u{7}rose 12% in \u{1b}[2Jmarch. Rents\u{7f} rose \u{9b}5%.\n";
    s.write("ctl.txt", article);
    s.write("ctl\u{1b}[31m.txt", article);
    let (code, stdout, stderr) = run(&s.0, &["check", "."], None);
    assert_eq!(code, 1, "{stderr}");
    for c in ['\u{1b}', '\u{7}', '\u{7f}', '\u{9b}'] {
        assert!(!stdout.contains(c), "{c:?} in stdout: {stdout}");
        assert!(!stderr.contains(c), "{c:?} in stderr: {stderr}");
    }
    assert!(stdout.contains("ctl\\u{1b}[31m.txt"), "{stdout}");
    let (code, _, stderr) = run(&s.0, &["check", "gone\u{1b}[2J.txt"], None);
    assert_eq!(code, 2);
    assert!(
        !stderr.contains('\u{1b}') && stderr.contains("gone\\u{1b}[2J.txt"),
        "{stderr}"
    );
}

#[test]
fn the_job_summary_escapes_html_and_markdown_from_file_names() {
    let s = Scratch::new("summary-html");
    s.write("<img src=x onerror=alert(1)>.txt", FIGURE);
    let summary = s.0.join("summary.md");
    let out = binary()
        .current_dir(&s.0)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github", "."])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let table = std::fs::read_to_string(&summary).expect("summary");
    assert!(!table.contains("<img"), "{table}");
    assert!(
        table.contains("&lt;img src=x onerror=alert(1)&gt;.txt"),
        "{table}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_named_not_mangled() {
    use std::os::unix::ffi::OsStrExt;
    let s = Scratch::new("name-not-utf8");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(s.0.join(name), FIGURE).expect("write");
    let (code, stdout, stderr) = run(&s.0, &["check", "--format", "sarif", "."], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("file name is not UTF-8"), "{stderr}");
    assert!(!stdout.contains('\u{fffd}'), "no mangled URI in SARIF");
    let log: serde_json::Value = serde_json::from_str(&stdout).expect("SARIF");
    let note = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    let uri = &note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "caf%E9.txt", "the name's bytes, encoded: {stdout}");
}

#[test]
fn a_comment_inside_an_attribute_suppresses_nothing() {
    let s = Scratch::new("attribute-comment");
    s.write(
        "a.md",
        "<span title=\"<!-- provenance-disable -->\">Note</span>\n\nRussia lost 300 tanks in March.\n",
    );
    s.write(
        "b.md",
        "<!-- provenance-disable -->\n\nRussia lost 300 tanks in March.\n",
    );
    let (code, stdout, _) = run(&s.0, &["check", "a.md"], None);
    assert_eq!(code, 1, "only real comments suppress: {stdout}");
    let (code, _, _) = run(&s.0, &["check", "b.md"], None);
    assert_eq!(code, 0, "a real comment still does");
}
