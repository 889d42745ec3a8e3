// The in-browser checker. The engine is the provenance library compiled to
// WebAssembly (provenance_web.js and its bytes in provenance-wasm.js, both
// classic scripts so that the page also works from file://, where
// modules and fetch are refused). The report shown is the one
// `provenance check --format html` writes: its styles and markup come from
// the engine, this script only places them and wires the editor to them.
"use strict";

(function () {
  const article = document.getElementById("article");
  const format = document.getElementById("format");
  const report = document.getElementById("report");
  const reportStyle = document.getElementById("report-style");
  const status = document.getElementById("status");
  const problem = document.getElementById("problem");
  const articleFile = document.getElementById("article-file");
  const ruleFiles = document.getElementById("rule-files");
  const rulesStatus = document.getElementById("rules-status");
  const defaultRules = document.getElementById("default-rules");

  let checker = null;
  // The name reports show: the opened file's, else a neutral one.
  let name = "article";
  let lastMillis = 0;
  let timer = 0;

  /// base64 (as provenance-wasm.js holds the engine) to bytes.
  function decode(base64) {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /// The format to check in: the one chosen, or for "Automatic" the file
  /// name's extension, and for pasted text a look at its first lines.
  function chosenFormat(text) {
    if (format.value !== "auto") return format.value;
    if (/\.(html?|md|markdown|txt|text)$/i.test(name)) return "auto";
    if (/^\s*<(!doctype|html|head|body|article|div|p|h[1-6])\b/i.test(text)) return "html";
    if (/^(#{1,6}\s|[-*+]\s|>\s)|\[[^\]\n]+\]\([^)\n]+\)/m.test(text)) return "md";
    return "txt";
  }

  function showProblem(message) {
    problem.textContent = message;
    problem.hidden = !message;
  }

  /// Checks `text` and returns the engine's reports with the time taken.
  function check(text, fileName, fmt) {
    const started = performance.now();
    const checked = checker.check(fileName, fmt, text);
    try {
      const result = { html: checked.html, json: checked.json };
      result.millis = performance.now() - started;
      return result;
    } finally {
      checked.free();
    }
  }

  /// Puts the engine's report page in the output pane: its style in the
  /// head, its body here. The chosen filter survives the redraw.
  function show(html) {
    const chosen = report.querySelector(".document .filters input:checked");
    const keep = chosen ? chosen.value : null;
    const page = new DOMParser().parseFromString(html, "text/html");
    const style = page.querySelector("style");
    reportStyle.textContent = style ? style.textContent : "";
    report.replaceChildren(...page.body.childNodes);
    if (keep) {
      const again = report.querySelector(`.document .filters input[value="${CSS.escape(keep)}"]`);
      if (again) again.checked = true;
    }
  }

  function describe(json, millis) {
    const doc = JSON.parse(json);
    const s = doc.summary;
    const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
    return `Checked in ${millis.toFixed(1)} ms: ${plural(s.sentences, "sentence", "sentences")}, ` +
      `${s.unattributed} without a source, ${plural(s.errors, "error", "errors")}, ` +
      `${plural(s.warnings, "warning", "warnings")}, ${plural(s.infos, "note", "notes")}.`;
  }

  function run() {
    timer = 0;
    if (!checker) return;
    const text = article.value;
    if (!text.trim()) {
      report.replaceChildren();
      status.textContent = "Paste an article to check it.";
      showProblem("");
      return;
    }
    try {
      const started = performance.now();
      const result = check(text, name, chosenFormat(text));
      show(result.html);
      // What a keystroke waits for: the check and the redraw.
      lastMillis = performance.now() - started;
      status.textContent = describe(result.json, result.millis);
      showProblem("");
      page.last = result;
    } catch (error) {
      showProblem(String(error.message || error));
    }
  }

  /// On every edit: at once while checks are quick, after a pause in typing
  /// once an article takes long enough that each keystroke would wait on it.
  function schedule() {
    if (timer) clearTimeout(timer);
    const delay = lastMillis < 30 ? 0 : Math.min(400, 2 * lastMillis);
    timer = setTimeout(run, delay);
  }

  /// A dropped or opened file as text: UTF-8, or UTF-16 by its byte order mark.
  async function readText(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let encoding = "utf-8";
    if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
    return new TextDecoder(encoding).decode(bytes);
  }

  async function openArticle(file) {
    try {
      article.value = await readText(file);
      name = file.name;
      format.value = "auto";
      run();
    } catch (error) {
      showProblem(`Cannot read ${file.name}: ${error.message || error}`);
    }
  }

  async function openRules(files) {
    try {
      const names = [];
      const texts = [];
      for (const file of files) {
        names.push(file.name);
        texts.push(await readText(file));
      }
      const next = wasm_bindgen.Checker.withFiles(names, texts);
      if (checker) checker.free();
      checker = next;
      const notes = checker.notes();
      rulesStatus.textContent = `Rules: the defaults with ${names.join(", ")}.` +
        (notes.length ? " " + notes.join(" ") : "");
      defaultRules.hidden = false;
      showProblem("");
      run();
    } catch (error) {
      showProblem(String(error.message || error));
    }
  }

  article.addEventListener("input", schedule);
  format.addEventListener("change", run);
  articleFile.addEventListener("change", () => {
    if (articleFile.files.length) openArticle(articleFile.files[0]);
    articleFile.value = "";
  });
  ruleFiles.addEventListener("change", () => {
    if (ruleFiles.files.length) openRules([...ruleFiles.files]);
    ruleFiles.value = "";
  });
  defaultRules.addEventListener("click", () => {
    if (checker) checker.free();
    checker = new wasm_bindgen.Checker();
    rulesStatus.textContent = "Rules: the defaults.";
    defaultRules.hidden = true;
    run();
  });

  // Dropping a file anywhere on the page opens it: .toml files as rules.
  document.addEventListener("dragover", (event) => {
    event.preventDefault();
    article.classList.add("dropping");
  });
  document.addEventListener("dragleave", () => article.classList.remove("dropping"));
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    article.classList.remove("dropping");
    const files = [...event.dataTransfer.files];
    const rules = files.filter((f) => /\.toml$/i.test(f.name));
    if (rules.length) openRules(rules);
    const text = files.find((f) => !/\.toml$/i.test(f.name));
    if (text) openArticle(text);
  });

  // Picking a finding scrolls its sentence into view and focuses it, which
  // shows the sentence's source and findings.
  report.addEventListener("click", (event) => {
    const link = event.target.closest(".findings a[href^='#'], .skip a[href^='#']");
    if (!link) return;
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    report.querySelectorAll(".picked").forEach((el) => el.classList.remove("picked"));
    if (target.classList.contains("sentence")) target.classList.add("picked");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  });

  /// The browser compiles the engine's functions on their first call:
  /// one check of a short article as the page loads takes that wait away
  /// from the reader's first keystroke.
  function warmUp(engine) {
    const sample = "Three ferries were cancelled on Monday, the port authority said. " +
      "\"We expect delays,\" a spokesperson told Reuters. Officials privately put the losses at $2 million.";
    for (const fmt of ["txt", "md"]) {
      const checked = engine.check("warm-up", fmt, sample);
      checked.html;
      checked.json;
      checked.free();
    }
  }

  // What the page's test and anyone scripting the page can use.
  const page = {
    last: null,
    check: (text, fileName, fmt) => check(text, fileName, fmt),
    warmUp,
    ready: wasm_bindgen({ module_or_path: decode(PROVENANCE_WASM) }).then(() => {
      checker = new wasm_bindgen.Checker();
      warmUp(checker);
      status.textContent = "Ready: paste an article.";
      if (article.value.trim()) run();
    }).catch((error) => {
      status.textContent = "The checker could not start.";
      showProblem(String(error.message || error));
      throw error;
    }),
  };
  window.provenancePage = page;
})();
