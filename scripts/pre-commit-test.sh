#!/usr/bin/env bash
# The pre-commit hook as a newsroom installs it, tried with pre-commit from
# PyPI in a scratch repository of mixed files: it must check the Markdown,
# HTML and text files and pass over the code and configuration beside them.
#   scripts/pre-commit-test.sh [PRE_COMMIT]   (default: pre-commit on PATH)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
pre_commit=${1:-pre-commit}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# pre-commit builds the hook with `cargo install`; the repository's own
# release build is reused instead of built again.
export CARGO_TARGET_DIR="$repo/target"
export PRE_COMMIT_HOME="$scratch/cache"
cd "$scratch"
git init -q work && cd work
git config user.email ci@example.invalid && git config user.name CI
figure="Russia lost 300 tanks in March."
printf '%s\n' "$figure" > story.txt
printf '# Losses\n\n%s\n' "$figure" > story.md
printf '<article><p>%s</p></article>\n' "$figure" > story.html
printf '# %s\nprint(1)\n' "$figure" > tool.py
printf 'note: "%s"\n' "$figure" > settings.yaml
git add . && git commit -qm files
set +e
out=$("$pre_commit" try-repo "$repo" provenance --all-files --verbose 2>&1)
code=$?
set -e
printf '%s\n' "$out"
fail() { echo "pre-commit-test: $*" >&2; exit 1; }
[ "$code" -eq 1 ] || fail "expected the hook to fail on the unsourced figures (exit 1), got $code"
for f in story.txt story.md story.html; do
  grep -q "$f" <<<"$out" || fail "$f was not checked"
done
for f in tool.py settings.yaml; do
  if grep -q "$f" <<<"$out"; then fail "$f was checked"; fi
done
echo "pre-commit-test: the hook checks .txt, .md and .html and passes over the rest"
