#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60): scripts/fuzz.sh [SECONDS] [TARGET...]
# Targets: segment attribute markdown html rules decode. Needs cargo-fuzz (installed
# from crates.io if missing) and libFuzzer's nightly flags, which the stable
# toolchain accepts with RUSTC_BOOTSTRAP=1. Seeds come from corpus/ and rules/.
# A crash leaves its input in fuzz/artifacts/TARGET/: copy it to
# tests/regressions/ so the test suite keeps it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(segment attribute markdown html rules decode)
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  case $t in
    rules) cp rules/*.toml "fuzz/corpus/$t/" ;;
    markdown) cp corpus/*.md corpus/*.txt "fuzz/corpus/$t/" ;;
    html) cp corpus/*.html "fuzz/corpus/$t/" ;;
    decode)
      cp corpus/*.txt "fuzz/corpus/$t/"
      # The same articles in UTF-16 and UTF-32, with and without a mark.
      for f in corpus/*.txt; do
        b=$(basename "$f" .txt)
        iconv -f UTF-8 -t UTF-16 "$f" > "fuzz/corpus/$t/$b.utf16" 2>/dev/null || true
        iconv -f UTF-8 -t UTF-16BE "$f" > "fuzz/corpus/$t/$b.utf16be" 2>/dev/null || true
        iconv -f UTF-8 -t UTF-32LE "$f" > "fuzz/corpus/$t/$b.utf32le" 2>/dev/null || true
      done ;;
    *) cp corpus/*.txt "fuzz/corpus/$t/" ;;
  esac
  echo "== $t for ${seconds}s"
  cargo fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -max_len=8192 2>&1 \
    | grep -E '^(#[0-9]+.*DONE|Done|==[0-9]+==|SUMMARY|thread .* panicked|artifact_prefix|Test unit written)' || true
done
