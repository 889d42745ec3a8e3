//! The in-browser checker in a real browser: `scripts/web.sh` builds the
//! page, headless Chromium (Debian's package) opens it from disk, a probe
//! script types an article into it and checks every article of `corpus/`
//! through it, and the test compares what the page shows and returns with
//! what the command line says of the same text. Chromium's network log
//! must hold no request from the page. Skips, saying so, when Chromium or
//! the WebAssembly tools are absent; in CI (`CI` set) that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::browser::{chromium, expected_sources, out_dir, page_requests, pre_json, run_chromium};
use crate::cli::{repo, run};
use crate::corpus::articles;

/// An article typed into the page: a registered outlet, a named body, a
/// figure with no source, a quotation credited after it.
const TYPED: &str = "Three bridges over the Dnipro closed on Monday, the Kyiv Independent reported. \
The ministry said repairs would take a week. Officials privately expect the bill to pass $40 million. \
\"We will reopen them,\" the mayor said.";

/// A rule file and a Markdown article dropped on the page together.
const DROPPED_RULES: &str = "[[source]]\nid = \"harbour-gazette\"\nkind = \"news-outlet\"\n\
name = \"The Harbour Gazette\"\naliases = [\"the Harbour Gazette\"]\n";
const DROPPED_ARTICLE: &str =
    "# Ferries return\n\nThe ferries ran again on Tuesday, the Harbour Gazette reported.\n";

/// Drives the page as a reader does and records what it shows, then runs
/// each corpus article through the page's checker. The result goes into
/// `<pre id="probe">` as ASCII JSON (so the DOM dump can be read back).
const PROBE: &str = r#"
(function () {
  const report = document.getElementById("report");
  const area = document.getElementById("article");
  const pause = (ms) => new Promise((done) => setTimeout(done, ms));
  const sentences = () => [...report.querySelectorAll(".sentence")];
  const finish = (value) => {
    const pre = document.createElement("pre");
    pre.id = "probe";
    pre.textContent = JSON.stringify(value).replace(/[\u007f-\uffff]/g,
      (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
    document.body.append(pre);
  };
  provenancePage.ready.then(async () => {
    const out = {};
    // Typed a few characters at a time, one input event each.
    for (let i = 0; i < PROBE_DATA.typed.length; i += 9) {
      area.value = PROBE_DATA.typed.slice(0, i + 9);
      area.dispatchEvent(new Event("input", { bubbles: true }));
      await pause(3);
    }
    await pause(800);
    out.sources = sentences().map((s) => s.dataset.source);
    out.worst = sentences().map((s) => s.dataset.worst || "");
    out.rules = [...report.querySelectorAll(".findings li")].map((li) => li.dataset.rule);
    out.status = document.getElementById("status").textContent;
    out.styled = getComputedStyle(sentences()[0]).backgroundColor;
    // Picking the last finding focuses and marks its sentence.
    const link = [...report.querySelectorAll(".findings a")].pop();
    link.click();
    out.picked = link.getAttribute("href").slice(1);
    out.focused = document.activeElement.id;
    out.marked = [...report.querySelectorAll(".sentence.picked")].map((s) => s.id);
    // A filter the reader chose survives the next keystroke.
    report.querySelector('.filters input[value="none"]').checked = true;
    area.value += " ";
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await pause(800);
    out.filter = report.querySelector(".filters input:checked").value;
    out.dimmed = sentences().filter((s) => getComputedStyle(s).opacity !== "1").length;
    // Every corpus article through the page's checker.
    out.corpus = PROBE_DATA.articles.map((a) => provenancePage.check(a.text, a.name, "auto").json);
    // A rule file and an article dropped on the page, as from a file manager.
    const drop = new DataTransfer();
    drop.items.add(new File([PROBE_DATA.rules], "house.toml"));
    drop.items.add(new File([PROBE_DATA.dropped], "harbour.md"));
    document.dispatchEvent(new DragEvent("drop", { dataTransfer: drop, bubbles: true }));
    // The files are read asynchronously, outside the virtual clock: wait
    // for the dropped article's title, a turn of the event loop at a time.
    const title = () => report.querySelector("section.document h2").textContent;
    for (let turn = 0; turn < 1600 && title() !== "harbour.md"; turn++) {
      await pause(25);
    }
    await pause(100);
    out.dropped = {
      title: report.querySelector("section.document h2").textContent,
      sources: sentences().map((s) => s.dataset.source),
      headings: report.querySelectorAll("p.heading").length,
      rules: document.getElementById("rules-status").textContent,
    };
    finish(out);
  }, (error) => finish({ error: String(error) }));
})();
"#;

/// Times the seed article in the page in real time (Chromium's virtual
/// time, which the probe above runs under, stops the clock): the engine is
/// started synchronously and warmed up as the page does, then the article
/// is checked a number of times.
const TIMING: &str = r#"
(function () {
  const bin = atob(PROVENANCE_WASM);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  wasm_bindgen.initSync({ module: bytes });
  let started = performance.now();
  const checker = new wasm_bindgen.Checker();
  const rules = performance.now() - started;
  started = performance.now();
  provenancePage.warmUp(checker);
  const warm = performance.now() - started;
  const times = [];
  for (let i = 0; i < 21; i++) {
    started = performance.now();
    const checked = checker.check(TIMED.name, "auto", TIMED.text);
    checked.html;
    checked.free();
    times.push(performance.now() - started);
  }
  const long = [];
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    const checked = checker.check("long.txt", "txt", TIMED.long);
    checked.html;
    checked.free();
    long.push(performance.now() - started);
  }
  const pre = document.createElement("pre");
  pre.id = "timing";
  pre.textContent = JSON.stringify({ rules, warm, times, long });
  document.body.append(pre);
})();
"#;

/// Whether the tools `scripts/web.sh` needs are here.
fn web_tools() -> bool {
    let bindgen = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let target = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"));
    bindgen && target
}

/// Builds the page with `scripts/web.sh` into a fresh folder; returns it
/// and whether wasm-opt shrank the module.
fn build_page() -> (PathBuf, bool) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = out_dir().join("web");
    // A target folder of its own: the `cargo test` that runs this holds
    // the lock on the main one.
    let output = Command::new("bash")
        .arg(repo.join("scripts/web.sh"))
        .arg(&page)
        .current_dir(repo)
        .env("CARGO_TARGET_DIR", repo.join("target/web-build"))
        .output()
        .expect("web.sh runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "web.sh failed:\n{stderr}");
    let said = String::from_utf8_lossy(&output.stdout);
    eprintln!("{}", said.trim());
    let optimised = !stderr.contains("left unoptimised");
    if !optimised {
        eprintln!("{}", stderr.trim());
    }
    (page, optimised)
}

/// `index.html` with extra scripts after the page's own, saved as `name`.
fn probed_copy(page: &Path, name: &str, scripts: &[&str]) -> PathBuf {
    let index = std::fs::read_to_string(page.join("index.html")).expect("index.html");
    let tags: String = scripts
        .iter()
        .map(|s| format!("<script src=\"{s}\"></script>\n"))
        .collect();
    let html = index.replacen("</body>", &format!("{tags}</body>"), 1);
    let path = page.join(name);
    std::fs::write(&path, html).expect("write probed page");
    path
}

/// Every corpus article as (the path the command line is given, its text).
fn corpus_articles() -> Vec<(String, String)> {
    articles()
        .into_iter()
        .map(|path| {
            let name = path.file_name().expect("file name").to_string_lossy();
            let text = std::fs::read_to_string(&path).expect("article");
            (format!("corpus/{name}"), text)
        })
        .collect()
}

/// The JSON report of `check` on `args`, run from the repository.
fn cli_json(args: &[&str]) -> serde_json::Value {
    let args: Vec<&str> = ["check", "--format", "json"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    let (code, stdout, stderr) = run(repo(), &args, None);
    assert!(matches!(code, 0 | 1), "check failed: {stderr}");
    serde_json::from_str(&stdout).expect("JSON report")
}

/// Milliseconds a probe measured, sorted.
fn sorted_ms(value: &serde_json::Value) -> Vec<f64> {
    let mut ms: Vec<f64> = value
        .as_array()
        .expect("times")
        .iter()
        .map(|t| t.as_f64().expect("ms"))
        .collect();
    ms.sort_by(f64::total_cmp);
    ms
}

/// Runs [`PROBE`] on the built page under virtual time, with Chromium's
/// network log; returns what it recorded and the requests the page made.
fn run_probe(
    browser: &Path,
    page: &Path,
    articles: &[(String, String)],
) -> (serde_json::Value, Vec<String>) {
    let articles: Vec<serde_json::Value> = articles
        .iter()
        .map(|(name, text)| serde_json::json!({"name": name, "text": text}))
        .collect();
    let data = serde_json::json!({
        "typed": TYPED,
        "rules": DROPPED_RULES,
        "dropped": DROPPED_ARTICLE,
        "articles": articles,
    });
    std::fs::write(
        page.join("probe-data.js"),
        format!("var PROBE_DATA = {data};"),
    )
    .expect("probe data");
    std::fs::write(page.join("probe.js"), PROBE).expect("probe");
    let probed = probed_copy(page, "probe.html", &["probe-data.js", "probe.js"]);
    let profile = out_dir().join("web-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let netlog = out_dir().join("web-netlog.json");
    let log_flag = format!("--log-net-log={}", netlog.display());
    let (dom, _) = run_chromium(
        browser,
        &probed,
        &[
            "--dump-dom",
            "--virtual-time-budget=90000",
            &log_flag,
            "--net-log-capture-mode=Everything",
        ],
        &profile,
    );
    let _ = std::fs::remove_dir_all(&profile);
    let out = pre_json(&dom, "probe");
    assert!(out.get("error").is_none(), "the page failed: {out}");
    (out, page_requests(&netlog))
}

/// The typed article: what the page shows is what the command line says,
/// and picking a finding and choosing a filter work.
fn assert_typed_article(out: &serde_json::Value) {
    let typed_file = out_dir().join("typed-article.txt");
    std::fs::write(&typed_file, TYPED).expect("typed article");
    let cli = cli_json(&[typed_file.to_string_lossy().as_ref()]);
    let sources: Vec<String> = serde_json::from_value(out["sources"].clone()).expect("sources");
    assert_eq!(sources, expected_sources(&cli), "sources shown: {out}");
    assert_eq!(sources[0], "kyiv-independent");
    assert_eq!(sources[2], "none");
    let rules: Vec<&serde_json::Value> = cli["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| &f["rule"])
        .collect();
    assert_eq!(out["rules"], serde_json::json!(rules));
    assert_eq!(out["rules"], serde_json::json!(["unattributed-statistic"]));
    assert_eq!(out["worst"], serde_json::json!(["", "", "error", ""]));
    let status = out["status"].as_str().expect("status");
    assert!(
        status.contains("4 sentences, 1 without a source, 1 error"),
        "{out}"
    );
    // Coloured by the report's own styles, which the page took from the engine.
    assert_ne!(out["styled"], "rgba(0, 0, 0, 0)", "{out}");
    assert_eq!(out["picked"], "d0-s2");
    assert_eq!(out["focused"], "d0-s2");
    assert_eq!(out["marked"], serde_json::json!(["d0-s2"]));
    assert_eq!(out["filter"], "none", "the chosen filter after a redraw");
    assert_eq!(out["dimmed"], 3, "the attributed sentences are dimmed");
}

/// Every corpus article: the page's JSON is the command line's.
fn assert_corpus_matches(out: &serde_json::Value, articles: &[(String, String)]) {
    let names: Vec<&str> = articles.iter().map(|(n, _)| n.as_str()).collect();
    let cli = cli_json(&names);
    let documents = cli["documents"].as_array().expect("documents");
    let page_documents = out["corpus"].as_array().expect("corpus results");
    assert_eq!(page_documents.len(), documents.len());
    let mut differ = Vec::new();
    for (from_page, from_cli) in page_documents.iter().zip(documents) {
        let from_page: serde_json::Value =
            serde_json::from_str(from_page.as_str().expect("JSON text")).expect("page JSON");
        if &from_page != from_cli {
            // Both kept for a look: target/browser-test/web-differs-*.json.
            let name = from_cli["path"].as_str().expect("path").replace('/', "_");
            for (side, value) in [("page", &from_page), ("cli", from_cli)] {
                let file = out_dir().join(format!("web-differs-{name}.{side}.json"));
                std::fs::write(file, format!("{value:#}")).expect("write");
            }
            differ.push(from_cli["path"].to_string());
        }
    }
    assert!(
        differ.is_empty(),
        "the page and the command line disagree on {differ:?} (target/browser-test/web-differs-*)"
    );
}

/// The dropped rule file names a source the defaults do not know.
fn assert_dropped_files(out: &serde_json::Value) {
    let dropped = &out["dropped"];
    assert_eq!(dropped["title"], "harbour.md", "{out}");
    assert_eq!(
        dropped["sources"],
        serde_json::json!(["none", "harbour-gazette"]),
        "{out}"
    );
    assert_eq!(dropped["headings"], 1, "read as Markdown: {out}");
    let status = dropped["rules"].as_str().expect("status");
    assert!(status.contains("house.toml"), "{out}");
}

/// Logs the time to check the seed article (or the corpus's longest
/// without it) and a 5,000-word article in the page, in real time: not
/// asserted.
fn log_timing(browser: &Path, page: &Path, articles: &[(String, String)]) {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/austin-shoygu-call.txt");
    let (name, text) = match std::fs::read_to_string(&seed) {
        Ok(text) => ("austin-shoygu-call.txt".to_string(), text),
        Err(_) => articles
            .iter()
            .max_by_key(|(_, t)| t.len())
            .cloned()
            .expect("an article"),
    };
    // The plain-text corpus articles end to end, to 5,000 words.
    let mut long = String::new();
    for (_, article) in articles.iter().cycle().filter(|(n, _)| n.ends_with(".txt")) {
        if long.split_whitespace().count() >= 5000 {
            break;
        }
        long.push_str(article);
        long.push_str("\n\n");
    }
    let timed = serde_json::json!({"name": name, "text": text, "long": long});
    std::fs::write(page.join("timed.js"), format!("var TIMED = {timed};")).expect("timed");
    std::fs::write(page.join("timing.js"), TIMING).expect("timing");
    let timing_page = probed_copy(page, "timing.html", &["timed.js", "timing.js"]);
    let profile = out_dir().join("web-timing-profile");
    let (dom, _) = run_chromium(browser, &timing_page, &["--dump-dom"], &profile);
    let _ = std::fs::remove_dir_all(&profile);
    let timing = pre_json(&dom, "timing");
    let first = timing["times"][0].as_f64().expect("ms");
    let times = sorted_ms(&timing["times"]);
    let long_times = sorted_ms(&timing["long"]);
    eprintln!(
        "in-browser checker: {name} ({} bytes) checked in {first:.1} ms the first time, \
         median {:.1} ms over {} runs; on loading, rules built in {:.1} ms, warm-up {:.1} ms",
        text.len(),
        times[times.len() / 2],
        times.len(),
        timing["rules"].as_f64().unwrap_or(f64::NAN),
        timing["warm"].as_f64().unwrap_or(f64::NAN)
    );
    eprintln!(
        "in-browser checker: a {}-word article ({} bytes) checked and rendered in {:.1} ms \
         (median of {})",
        long.split_whitespace().count(),
        long.len(),
        long_times[long_times.len() / 2],
        long_times.len()
    );
}

#[test]
fn the_in_browser_checker_matches_the_command_line() {
    let Some(browser) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "CI must install Chromium");
        eprintln!("skipping the in-browser checker test: Chromium not found");
        return;
    };
    if !web_tools() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install wasm-bindgen-cli and the wasm32-unknown-unknown target"
        );
        eprintln!(
            "skipping the in-browser checker test: wasm-bindgen or the wasm32 target is missing \
             (see scripts/web.sh)"
        );
        return;
    }
    let (page, optimised) = build_page();
    let wasm = std::fs::metadata(page.join("provenance_web_bg.wasm")).expect("wasm");
    eprintln!(
        "in-browser checker: provenance_web_bg.wasm is {} bytes",
        wasm.len()
    );
    // The page as shipped is built with wasm-opt (CI installs it) and must
    // stay under 3 MB; without it the module is about a tenth larger, so a
    // local build without wasm-opt gets that tenth on top.
    assert!(
        optimised || std::env::var_os("CI").is_none(),
        "CI must build the page with wasm-opt (WASM_OPT)"
    );
    let limit = if optimised { 3_000_000 } else { 3_300_000 };
    assert!(wasm.len() < limit, "the .wasm is {} bytes", wasm.len());

    let articles = corpus_articles();
    let (out, requests) = run_probe(&browser, &page, &articles);
    assert_typed_article(&out);
    assert_corpus_matches(&out, &articles);
    assert_dropped_files(&out);
    assert!(requests.is_empty(), "the page made requests: {requests:?}");
    log_timing(&browser, &page, &articles);
}
