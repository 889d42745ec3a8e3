#!/usr/bin/env bash
# Throughput in MB/s: the criterion stage benches (segment, attribute, whole
# check) and the whole binary against `wc -w` on the same bytes, on 1 and 2
# threads. Uses the PolNeAR text when ../shared is present, else the repo's
# corpus.
#   scripts/bench.sh           stage benches and binary throughput
#   scripts/bench.sh binary    binary throughput only (fast)
#   scripts/bench.sh memory    also peak RSS on the text replicated 10x and 100x
#   scripts/bench.sh scaling   also the hostile inputs at growing sizes
#   scripts/bench.sh formats   every report format on one line of 20,000 to
#                              160,000 sentences, against JSON (each should
#                              grow linearly and stay within a small factor)
#   scripts/bench.sh patterns  the default run against one with a house rule
#                              file of 500 patterns (should stay within 1.5x)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/eval/polnear/train
if [ -d "$shared" ]; then
  export PROVENANCE_BENCH_DIR="$shared"
else
  export PROVENANCE_BENCH_DIR=corpus
fi
mode="${1:-}"
cargo build --release --quiet
if [ "$mode" = formats ]; then
  python3 - <<'PY'
import os, subprocess, tempfile, time
binary = os.path.abspath("target/release/provenance")
formats = ["json", "jsonl", "text", "github", "sarif", "rdjsonl", "html"]
with tempfile.TemporaryDirectory() as tmp:
    print("sentences  " + "  ".join(f"{f:>8}" for f in formats) + "   (seconds; x JSON)")
    for n in (20_000, 40_000, 80_000, 160_000):
        path = os.path.join(tmp, f"one-line-{n}.txt")
        with open(path, "w") as f:
            f.write(" ".join(f"Prices rose {i}% in March." for i in range(n)))
        times = {}
        for fmt in formats:
            best = None
            for _ in range(3):
                start = time.perf_counter()
                subprocess.run([binary, "check", "--format", fmt, path],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                t = time.perf_counter() - start
                best = t if best is None else min(best, t)
            times[fmt] = best
        cells = "  ".join(f"{times[f]:8.2f}" for f in formats)
        ratios = " ".join(f"{f}={times[f] / times['json']:.1f}x" for f in formats[1:])
        print(f"{n:>9}  {cells}   {ratios}")
PY
  exit 0
fi
if [ "$mode" != binary ] && [ "$mode" != memory ] && [ "$mode" != patterns ]; then
  groups="pipeline/"
  [ "$mode" = scaling ] && groups=""
  cargo bench --bench pipeline -- "$groups" 2>/dev/null | grep -E '^(pipeline|scaling)|thrpt'
fi
python3 - "$PROVENANCE_BENCH_DIR" "$mode" <<'PY'
import glob, os, subprocess, sys, tempfile, time
src, mode = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(src, "*.txt")))
data = b"".join(open(f, "rb").read() for f in files)
env = dict(os.environ, LC_ALL="C.UTF-8")

def run(cmd):
    """Wall time and peak RSS (MiB) of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024

def best(cmd, runs=7):
    return min(run(cmd)[0] for _ in range(runs))

with tempfile.TemporaryDirectory() as d:
    # The same bytes as one directory of files and as one file for wc.
    base = os.path.join(d, "x1")
    os.mkdir(base)
    for i, f in enumerate(files):
        open(os.path.join(base, "%05d.txt" % i), "wb").write(open(f, "rb").read())
    one = os.path.join(d, "all.dat")
    open(one, "wb").write(data)
    mb = len(data) / 1e6
    check = ["target/release/provenance", "check", "--format", "jsonl"]
    # wc -w over the same files the check reads, and over the bytes as one
    # file (no per-file cost: the stricter reference).
    names = sorted(os.path.join(base, n) for n in os.listdir(base))
    wc_files = best(["wc", "-w"] + names)
    wc = best(["wc", "-w", one])
    print("wc -w: %.1f MB/s over the %d files, %.1f MB/s as one file  (%.2f MB of text)"
          % (mb / wc_files, len(files), mb / wc, mb))
    if mode == "patterns":
        # A style book's worth of house rules: 400 swaps and 100 phrases in
        # four checks, words that occur in news copy and words that do not.
        rules = os.path.join(d, "house.toml")
        common = ["said", "officials", "percent", "campaign", "president", "reported",
                  "according", "Monday", "Tuesday", "million", "government", "police"]
        with open(rules, "w") as r:
            swaps = ", ".join('"qz%d" = "x%d"' % (i, i) for i in range(388))
            swaps += ", " + ", ".join('"%s" = "%s"' % (w, w.upper()) for w in common)
            r.write('[[check]]\nid = "bench-swap"\nkind = "substitution"\nseverity = "warning"\n'
                    'swap = { %s }\nmessage = "m"\nsummary = "s"\nwhy = "w"\n\n' % swaps)
            for c in range(3):
                pats = ", ".join('"phrase%d word%d( again)?"' % (c * 34 + i, i) for i in range(33))
                pats += ', "(sources|officials) (say|said)"'
                r.write('[[check]]\nid = "bench-%d"\nkind = "existence"\nseverity = "info"\n'
                        'ignore_case = true\npatterns = [%s]\nmessage = "m"\nsummary = "s"\nwhy = "w"\n\n'
                        % (c, pats))
        for threads in ("1", "2"):
            plain = best(check + ["--threads", threads, base])
            house = best(check + ["--threads", threads, "--rules", rules, base])
            print("--threads %s: defaults %.1f MB/s, with 500 more patterns %.1f MB/s (%.2fx the time)"
                  % (threads, mb / plain, mb / house, house / plain))
        sys.exit(0)
    for threads in ("1", "2"):
        t = best(check + ["--threads", threads, base])
        print("provenance check --format jsonl --threads %s: %.1f MB/s "
              "(%.2fx the time of wc -w over the files, %.2fx as one file)"
              % (threads, mb / t, t / wc_files, t / wc))
    # The other shape: the same articles as one document (joined with a
    # blank line), and ten times that (a day's wire in one file, checked
    # as it is written: 4 MiB and up), with peak memory per input byte.
    joined = b"\n\n".join(open(f, "rb").read() for f in files)
    for copies in (1, 10):
        one_file = os.path.join(d, "joined-%d.txt" % copies)
        open(one_file, "wb").write(b"\n\n".join([joined] * copies))
        size = os.path.getsize(one_file)
        wc_one = best(["wc", "-w", one_file])
        for threads in ("1", "2"):
            runs = [run(check + ["--threads", threads, one_file]) for _ in range(5)]
            t = min(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            print("one file of %.1f MB, --threads %s: %.1f MB/s (%.2fx wc -w on it), "
                  "peak RSS %.1f MiB (%.2f bytes per input byte)"
                  % (size / 1e6, threads, size / 1e6 / t, t / wc_one, rss,
                     rss * 1024 * 1024 / size))
        os.remove(one_file)
    if mode == "memory":
        # Replicas by hard link: the same bytes, 10x and 100x the files.
        for n in (1, 10, 100):
            dest = os.path.join(d, "x%d" % n)
            if n > 1:
                os.mkdir(dest)
                for r in range(n):
                    for name in os.listdir(base):
                        os.link(os.path.join(base, name), os.path.join(dest, "%03d-%s" % (r, name)))
            t, rss = run(check + ["--threads", "2", dest])
            print("%4dx (%6.1f MB): %.1f MB/s on 2 threads, peak RSS %.1f MiB" % (n, mb * n, mb * n / t, rss))
    os.remove(one)
PY
