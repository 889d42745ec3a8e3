#!/usr/bin/env bash
# Throughput in MB/s: the criterion stage benches (segment, attribute, whole
# check) and the whole binary on one thread against `wc -w` on the same bytes.
# Uses the PolNeAR text when ../shared is present, else the repo's corpus.
# `scripts/bench.sh scaling` also runs the hostile inputs at growing sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/eval/polnear/train
if [ -d "$shared" ]; then
  export PROVENANCE_BENCH_DIR="$shared"
else
  export PROVENANCE_BENCH_DIR=corpus
fi
cargo build --release --quiet
groups="pipeline/"
[ "${1:-}" = scaling ] && groups=""
cargo bench --bench pipeline -- "$groups" 2>/dev/null | grep -E '^(pipeline|scaling)|thrpt'
python3 - "$PROVENANCE_BENCH_DIR" <<'PY'
import glob, os, subprocess, sys, tempfile, time
src = sys.argv[1]
files = sorted(glob.glob(os.path.join(src, "*.txt")))
data = b"".join(open(f, "rb").read() for f in files)
with tempfile.TemporaryDirectory() as d:
    # The same bytes as one directory of files and as one file for wc.
    for i, f in enumerate(files):
        open(os.path.join(d, "%05d.txt" % i), "wb").write(open(f, "rb").read())
    one = os.path.join(d + "-all.dat")
    open(one, "wb").write(data)
    def best(cmd, runs=5):
        t = []
        for _ in range(runs):
            s = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=dict(os.environ, LC_ALL="C.UTF-8"))
            t.append(time.perf_counter() - s)
        return min(t)
    mb = len(data) / 1e6
    wc = best(["wc", "-w", one])
    for threads in ("1", "2"):
        full = best(["target/release/provenance", "check", "--format", "jsonl", "--threads", threads, d])
        print("provenance check --format jsonl --threads %s: %.1f MB/s" % (threads, mb / full))
    print("wc -w: %.1f MB/s  (%.2f MB of text)" % (mb / wc, mb))
    os.remove(one)
PY
