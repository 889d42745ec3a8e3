//! The HTML report in a real browser: headless Chromium (Debian's package)
//! loads pages the binary wrote, and the test reads back the DOM, Chromium's
//! network log and its console, and saves screenshots under
//! `target/browser-test/`. Skips, saying so, when Chromium is absent; in CI
//! (`CI` set) its absence is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PROVENANCE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

pub(crate) fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-test");
    std::fs::create_dir_all(&dir).expect("create target/browser-test");
    dir
}

/// Runs headless Chromium on a file with the flags that keep it off the
/// network; returns stdout and stderr.
pub(crate) fn run_chromium(
    browser: &Path,
    page: &Path,
    extra: &[&str],
    profile: &Path,
) -> (String, String) {
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
/// The values of an attribute in a serialised DOM, with the character
/// references the serialiser writes ("P&amp;G") read back.
fn attribute_values(dom: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    dom.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &dom[i + needle.len()..];
            rest.find('"').map(|end| {
                rest[..end]
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&nbsp;", "\u{a0}")
                    .replace("&amp;", "&")
            })
        })
        .collect()
}

pub(crate) fn expected_sources(json: &serde_json::Value) -> Vec<String> {
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
pub(crate) fn page_requests(netlog: &Path) -> Vec<String> {
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
    let sources = attribute_values(&dom, "data-source");
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

/// Clicks through a report's controls in Chromium and records, after each
/// click, what a reader sees: which copy of the documents table shows and
/// its rows, which documents show, and per shown document the sentences
/// not dimmed, the findings listed and the bar's segments.
const PROBE: &str = r#"
(function () {
  const shown = el => el.getClientRects().length > 0;
  const bright = el => parseFloat(getComputedStyle(el).opacity) === 1;
  const tables = () => [...document.querySelectorAll('table.sorted')].filter(shown);
  const state = () => {
    const t = tables();
    const docs = [...document.querySelectorAll('section.document')].filter(shown);
    return {
      tables: t.map(x => x.dataset.order),
      rows: t.length === 1
        ? [...t[0].querySelectorAll('tbody tr')].filter(shown).map(r => r.querySelector('a').textContent)
        : [],
      documents: docs.map(s => s.querySelector('h2').textContent),
      bright: docs.map(s => [...s.querySelectorAll('.sentence')].filter(bright).map(x => Number(x.dataset.sentence))),
      findings: docs.map(s => [...s.querySelectorAll('.findings li')].filter(shown).map(li => li.dataset.severity)),
      suppressed: docs.map(s => [...s.querySelectorAll('.sentence')].filter(x => x.hasAttribute('data-suppressed') && x.querySelector('.supp')).map(x => Number(x.dataset.sentence))),
      bars: docs.map(s => {
        const bar = s.querySelector('.bar');
        return [...bar.children].map(seg => [seg.className.replace('seg ', ''), seg.getBoundingClientRect().width / bar.clientWidth]);
      }),
      counts: docs.map(s => [...s.querySelectorAll('.bar-key li')].map(li => [li.dataset.bar, Number(li.dataset.barCount)])),
    };
  };
  const click = step => {
    if (step.heading) {
      [...tables()[0].querySelectorAll('th label')].find(l => l.textContent === step.heading).click();
    } else {
      document.querySelector(step.input).closest('label').click();
    }
  };
  const out = [state()];
  for (const step of STEPS) { click(step); out.push(state()); }
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
})();
"#;

/// Runs [`PROBE`] with `steps` (a JSON array) on a copy of `page`; returns
/// the state before the first step and after each.
fn probe(browser: &Path, page: &Path, steps: &str) -> Vec<serde_json::Value> {
    let html = std::fs::read_to_string(page).expect("report");
    let script = format!("<script>const STEPS = {steps};{PROBE}</script></body>");
    let probed = page.with_extension("probe.html");
    std::fs::write(&probed, html.replacen("</body>", &script, 1)).expect("write probe page");
    let profile = page.with_extension("probe-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let (dom, _) = run_chromium(browser, &probed, &["--dump-dom"], &profile);
    let _ = std::fs::remove_dir_all(&profile);
    serde_json::from_value(pre_json(&dom, "probe")).expect("probe states")
}

/// The JSON a probe script left in `<pre id="{id}">`, read back from a DOM
/// dump (which escapes `<`, `>` and `&` in text).
pub(crate) fn pre_json(dom: &str, id: &str) -> serde_json::Value {
    let open = format!("<pre id=\"{id}\">");
    let start = dom
        .find(&open)
        .unwrap_or_else(|| panic!("no <pre id={id}>: the probe did not run"))
        + open.len();
    let end = start + dom[start..].find("</pre>").expect("end of pre");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("probe JSON")
}

/// What the JSON report says of one document, as the page should show it.
struct Expected {
    path: String,
    sentences: usize,
    /// Sentences with no source and a warning or error on them.
    needing_source: Vec<usize>,
    with_findings: Vec<usize>,
    with_errors: Vec<usize>,
    errors: usize,
    severities: Vec<String>,
}

fn expected_documents(json: &serde_json::Value) -> Vec<Expected> {
    let docs = json["documents"].as_array().expect("documents");
    docs.iter()
        .map(|d| {
            let sentences = d["sentences"].as_array().expect("sentences");
            let findings = d["findings"].as_array().expect("findings");
            let on = |i: usize, severities: &[&str]| {
                findings.iter().any(|f| {
                    f["sentence"].as_u64() == Some(i as u64)
                        && severities.contains(&f["severity"].as_str().expect("severity"))
                })
            };
            let all = ["error", "warning", "info"];
            let indices =
                |keep: &dyn Fn(usize) -> bool| (0..sentences.len()).filter(|&i| keep(i)).collect();
            Expected {
                path: d["path"].as_str().expect("path").to_string(),
                sentences: sentences.len(),
                needing_source: indices(&|i| {
                    sentences[i]["attribution"].is_null() && on(i, &["error", "warning"])
                }),
                with_findings: indices(&|i| on(i, &all)),
                with_errors: indices(&|i| on(i, &["error"])),
                errors: d["summary"]["errors"].as_u64().expect("errors") as usize,
                severities: findings
                    .iter()
                    .map(|f| f["severity"].as_str().expect("severity").to_string())
                    .collect(),
            }
        })
        .collect()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_str().expect("string").to_string())
        .collect()
}

fn numbers(value: &serde_json::Value) -> Vec<usize> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_u64().expect("number") as usize)
        .collect()
}

#[test]
fn the_report_s_filters_table_and_bars_work_in_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Chromium (apt-get install chromium)"
        );
        return;
    };
    // An article with a flag silenced by a comment, besides the corpus.
    let fixture = out_dir().join("suppressed.md");
    std::fs::write(
        &fixture,
        "# Port fees\n\nThe port authority said fees would rise in March.\n\n\
         <!-- provenance-ignore-next -->\nThe new fees will double the cost of a crossing.\n\n\
         The ferry will stop running in April. Russia lost 300 tanks in the battle.\n",
    )
    .expect("write fixture");
    let fixture = fixture.to_str().expect("UTF-8 path").to_string();
    let (page, json) = write_report("controls", &["corpus", &fixture]);
    let docs = expected_documents(&json);
    let f = docs
        .iter()
        .position(|d| d.path == fixture)
        .expect("fixture");
    let steps = format!(
        r##"[{{"heading": "Document"}}, {{"heading": "Document"}}, {{"heading": "Errors"}},
            {{"input": "#docs-errors"}}, {{"input": "#docs-findings"}}, {{"input": "#docs-all"}},
            {{"input": "input[name=filter-{f}][value=errors]"}},
            {{"input": "input[name=filter-{f}][value=findings]"}},
            {{"input": "input[name=filter-{f}][value=suppressed]"}}]"##
    );
    let states = probe(&browser, &page, &steps);
    assert_eq!(states.len(), 10);

    let share = |d: &Expected| d.needing_source.len() as f64 / d.sentences.max(1) as f64;
    let order = |key: &dyn Fn(&Expected, &Expected) -> std::cmp::Ordering| {
        let mut sorted: Vec<&Expected> = docs.iter().collect();
        sorted.sort_by(|a, b| key(a, b).then_with(|| a.path.cmp(&b.path)));
        sorted.iter().map(|d| d.path.clone()).collect::<Vec<_>>()
    };
    let all_paths: Vec<String> = docs.iter().map(|d| d.path.clone()).collect();

    // At first: the most unsourced first, every document shown.
    let start = &states[0];
    assert_eq!(strings(&start["tables"]), ["sort-unsourced-desc"]);
    assert_eq!(
        strings(&start["rows"]),
        order(&|a, b| share(b).total_cmp(&share(a)))
    );
    assert_eq!(strings(&start["documents"]), all_paths);

    // A heading sorts by its column; clicked again, the other way.
    assert_eq!(strings(&states[1]["tables"]), ["sort-document-asc"]);
    assert_eq!(
        strings(&states[1]["rows"]),
        order(&|a, b| a.path.cmp(&b.path))
    );
    assert_eq!(
        strings(&states[2]["rows"]),
        order(&|a, b| b.path.cmp(&a.path))
    );
    assert_eq!(
        strings(&states[3]["rows"]),
        order(&|a, b| b.errors.cmp(&a.errors))
    );

    // Documents with errors, with findings, then all again; the table follows.
    let having = |keep: &dyn Fn(&Expected) -> bool| {
        docs.iter()
            .filter(|d| keep(d))
            .map(|d| d.path.clone())
            .collect::<Vec<_>>()
    };
    let with_errors = having(&|d| d.errors > 0);
    assert!(!with_errors.is_empty() && with_errors.len() < docs.len());
    assert_eq!(strings(&states[4]["documents"]), with_errors);
    let mut rows = strings(&states[4]["rows"]);
    rows.sort();
    let mut sorted_with_errors = with_errors.clone();
    sorted_with_errors.sort();
    assert_eq!(rows, sorted_with_errors, "table rows with errors");
    assert_eq!(
        strings(&states[5]["documents"]),
        having(&|d| !d.severities.is_empty())
    );
    assert_eq!(strings(&states[6]["documents"]), all_paths);

    // Per document: errors only, with findings, suppressed. Other documents
    // stay as they were.
    let fx = &docs[f];
    assert_eq!(numbers(&states[6]["bright"][f]).len(), fx.sentences);
    assert_eq!(numbers(&states[7]["bright"][f]), fx.with_errors);
    assert_eq!(strings(&states[7]["findings"][f]), ["error"]);
    assert_eq!(strings(&states[6]["findings"][f]), fx.severities);
    assert_eq!(numbers(&states[8]["bright"][f]), fx.with_findings);
    assert_eq!(strings(&states[8]["findings"][f]), fx.severities);
    assert_eq!(
        numbers(&states[9]["bright"][f]),
        [2],
        "the suppressed sentence"
    );
    assert_eq!(numbers(&states[9]["suppressed"][f]), [2]);
    let other = (f + 1) % docs.len();
    assert_eq!(
        numbers(&states[9]["bright"][other]).len(),
        docs[other].sentences
    );

    // Bars: counts add up to the sentences, the red part is the sentences
    // needing a source, and each segment's width is its share.
    for (d, doc) in docs.iter().enumerate() {
        let counts = states[0]["counts"][d].as_array().expect("counts");
        let count_of = |class: &str| {
            counts
                .iter()
                .find(|c| c[0] == class)
                .map_or(0, |c| c[1].as_u64().expect("count") as usize)
        };
        let total: usize = counts
            .iter()
            .map(|c| c[1].as_u64().expect("count") as usize)
            .sum();
        assert_eq!(total, doc.sentences, "{}", doc.path);
        assert_eq!(count_of("needs"), doc.needing_source.len(), "{}", doc.path);
        for seg in states[0]["bars"][d].as_array().expect("segments") {
            let class = seg[0].as_str().expect("class");
            let width = seg[1].as_f64().expect("width");
            let share = count_of(class) as f64 / doc.sentences as f64;
            assert!(
                (width - share).abs() < 0.02,
                "{}: {class} is {width:.3} of the bar for a share of {share:.3}",
                doc.path
            );
        }
    }
    let fixture_counts: Vec<(String, usize)> = states[0]["counts"][f]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            (
                c[0].as_str().expect("class").to_string(),
                c[1].as_u64().expect("n") as usize,
            )
        })
        .collect();
    let expected: Vec<(String, usize)> =
        [("named", 1), ("needs", 2), ("suppressed", 1), ("fine", 1)]
            .iter()
            .map(|&(c, n)| (c.to_string(), n))
            .collect();
    assert_eq!(fixture_counts, expected);
}
