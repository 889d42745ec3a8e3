//! The HTML report in a real browser: headless Chromium (Debian's package)
//! loads pages the binary wrote, and the test reads back the DOM, Chromium's
//! network log and its console, and saves screenshots under
//! `target/browser-test/`. Skips, saying so, when Chromium is absent; in CI
//! (`CI` set) its absence is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PROVENANCE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-test");
    std::fs::create_dir_all(&dir).expect("create target/browser-test");
    dir
}

/// Runs headless Chromium on a file with the flags that keep it off the
/// network; returns stdout and stderr.
fn run_chromium(browser: &Path, page: &Path, extra: &[&str], profile: &Path) -> (String, String) {
    let url = format!("file://{}", page.display());
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes a report with the real binary and returns its path and the JSON of the same run.
fn write_report(name: &str, paths: &[&str]) -> (PathBuf, serde_json::Value) {
    let page = out_dir().join(format!("{name}.html"));
    let bin = env!("CARGO_BIN_EXE_provenance");
    let repo = env!("CARGO_MANIFEST_DIR");
    let status = Command::new(bin)
        .current_dir(repo)
        .args(["check", "--format", "html", "-o"])
        .arg(&page)
        .args(paths)
        .status()
        .expect("binary runs");
    assert!(matches!(status.code(), Some(0 | 1)), "report run failed");
    let json = Command::new(bin)
        .current_dir(repo)
        .args(["check", "--format", "json"])
        .args(paths)
        .output()
        .expect("json");
    (
        page,
        serde_json::from_slice(&json.stdout).expect("JSON report"),
    )
}

/// Every `name="value"` attribute value in document order.
fn attribute_values<'a>(dom: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    dom.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &dom[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

fn expected_sources(json: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for doc in json["documents"].as_array().expect("documents") {
        for s in doc["sentences"].as_array().expect("sentences") {
            let a = &s["attribution"];
            out.push(if a.is_null() {
                "none".to_string()
            } else if let Some(id) = a["source"]["id"].as_str() {
                id.to_string()
            } else {
                // Unregistered sources by name: one colour per person (by
                // surname) or organisation, not per kind.
                let text = a["source"]["text"].as_str().expect("text");
                let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
                let person = a["source"]["kind"] == "person";
                match text.split_whitespace().last() {
                    Some(last) if person && last.starts_with(char::is_uppercase) => {
                        format!("person:{}", last.to_lowercase())
                    }
                    _ => words.join(" "),
                }
            });
        }
    }
    out
}

/// URLs the page itself asked for (Chromium's own background requests are
/// told apart by their network isolation key, which is `file://` for the page).
fn page_requests(netlog: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(netlog).expect("net log written");
    let log: serde_json::Value = serde_json::from_str(&text).expect("net log is JSON");
    let mut urls = Vec::new();
    for event in log["events"].as_array().expect("events") {
        let p = &event["params"];
        let from_page = p["network_isolation_key"]
            .as_str()
            .is_some_and(|k| k.starts_with("file://"));
        if let Some(url) = p["url"].as_str() {
            if from_page && !url.starts_with("file:") && !url.starts_with("data:") {
                urls.push(url.to_string());
            }
        }
    }
    urls
}

fn check_page(browser: &Path, name: &str, paths: &[&str]) {
    let (page, json) = write_report(name, paths);
    let profile = out_dir().join(format!("{name}-profile"));
    let _ = std::fs::remove_dir_all(&profile);
    let netlog = out_dir().join(format!("{name}-netlog.json"));
    let log_flag = format!("--log-net-log={}", netlog.display());
    let (dom, stderr) = run_chromium(
        browser,
        &page,
        &["--dump-dom", &log_flag, "--net-log-capture-mode=Everything"],
        &profile,
    );

    let sentences = attribute_values(&dom, "data-sentence");
    let sources: Vec<&str> = attribute_values(&dom, "data-source");
    let expected = expected_sources(&json);
    assert_eq!(
        sentences.len(),
        expected.len(),
        "sentence elements in the rendered DOM"
    );
    assert_eq!(sources, expected, "data-source of each sentence");

    // Legend counts: sentences per source, per document, as the DOM shows them.
    let docs = json["documents"].as_array().expect("documents");
    let legend_keys = attribute_values(&dom, "data-legend");
    let legend_counts = attribute_values(&dom, "data-count");
    let mut expected_legend = Vec::new();
    let mut offset = 0;
    for doc in docs {
        let n = doc["sentences"].as_array().expect("sentences").len();
        let mut keys: Vec<(String, usize)> = Vec::new();
        for key in &expected[offset..offset + n] {
            if key == "none" {
                continue;
            }
            match keys.iter_mut().find(|(k, _)| k == key) {
                Some(e) => e.1 += 1,
                None => keys.push((key.clone(), 1)),
            }
        }
        keys.push((
            "none".into(),
            doc["summary"]["unattributed"].as_u64().expect("count") as usize,
        ));
        expected_legend.extend(keys);
        offset += n;
    }
    let got_legend: Vec<(String, usize)> = legend_keys
        .iter()
        .zip(&legend_counts)
        .map(|(k, c)| (k.to_string(), c.parse().expect("number")))
        .collect();
    assert_eq!(got_legend, expected_legend, "legend entries and counts");

    // The header totals the findings by severity; each document has a
    // skip link to its findings, whose target exists.
    let severities: [usize; 3] = ["errors", "warnings", "infos"].map(|k| {
        docs.iter()
            .map(|d| d["summary"][k].as_u64().expect("count") as usize)
            .sum()
    });
    let totals = format!("{} error", severities[0]);
    assert!(dom.contains(&totals), "header totals: {totals}");
    for d in 0..docs.len() {
        assert!(
            dom.contains(&format!("href=\"#doc-{d}-findings\"")),
            "skip link of document {d}"
        );
        assert!(dom.contains(&format!("id=\"doc-{d}-findings\"")));
    }

    let findings: usize = docs
        .iter()
        .map(|d| d["findings"].as_array().expect("findings").len())
        .sum();
    assert_eq!(
        attribute_values(&dom, "data-rule").len(),
        findings,
        "every finding is listed"
    );
    if docs.len() > 1 {
        assert!(
            dom.contains(r#"<nav class="toc""#),
            "a table of contents for several documents"
        );
    }

    assert!(
        page_requests(&netlog).is_empty(),
        "the page made network requests: {:?}",
        page_requests(&netlog)
    );
    let console: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(console.is_empty(), "console messages: {console:?}");

    let shot = out_dir().join(format!("{name}.png"));
    let shot_flag = format!("--screenshot={}", shot.display());
    let _ = std::fs::remove_dir_all(&profile);
    run_chromium(
        browser,
        &page,
        &[&shot_flag, "--window-size=1280,1400"],
        &profile,
    );
    assert!(
        std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000),
        "screenshot written"
    );
    let phone = out_dir().join(format!("{name}-phone.png"));
    let phone_flag = format!("--screenshot={}", phone.display());
    let _ = std::fs::remove_dir_all(&profile);
    run_chromium(
        browser,
        &page,
        &[&phone_flag, "--window-size=390,1400"],
        &profile,
    );
    let _ = std::fs::remove_dir_all(&profile);
}

#[test]
fn html_report_renders_in_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Chromium (apt-get install chromium)"
        );
        eprintln!("skipping the browser test: Chromium not found (apt-get install chromium)");
        return;
    };
    check_page(
        &browser,
        "pentagon-readout",
        &["corpus/pentagon-readout.txt"],
    );
    check_page(&browser, "corpus", &["corpus"]);
}

#[test]
fn the_network_check_catches_an_external_request() {
    let Some(browser) = chromium() else {
        return;
    };
    let page = out_dir().join("external.html");
    std::fs::write(&page, "<p>x</p><img src=\"http://127.0.0.1:9/pixel.png\">")
        .expect("write page");
    let profile = out_dir().join("external-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let netlog = out_dir().join("external-netlog.json");
    let log_flag = format!("--log-net-log={}", netlog.display());
    run_chromium(
        &browser,
        &page,
        &["--dump-dom", &log_flag, "--net-log-capture-mode=Everything"],
        &profile,
    );
    let _ = std::fs::remove_dir_all(&profile);
    assert_eq!(page_requests(&netlog), ["http://127.0.0.1:9/pixel.png"]);
}
