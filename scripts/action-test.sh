#!/usr/bin/env bash
# The GitHub Action's shell steps, run as a runner would run them, in a
# scratch repository with a base branch and a pull request's change: the
# build is keyed and installed (then found again as a cache hit), the
# changed-only check annotates only the changed sentence and fails the step,
# and the SARIF step writes a valid log.
#   scripts/action-test.sh [PYTHON]   (a Python with PyYAML; default python3)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-python3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "action-test: $*" >&2; exit 1; }

# Each step's `run:` script, by step name, as the runner gets it.
step() {
  "$python" - "$repo/action.yml" "$1" <<'PY'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
for s in action["runs"]["steps"]:
    if s.get("name") == sys.argv[2]:
        sys.stdout.write(s["run"])
        break
else:
    sys.exit(f"no step {sys.argv[2]!r}")
PY
}

export GITHUB_ACTION_PATH="$repo" RUNNER_OS=Linux RUNNER_ARCH=X64
# A runner's own home, with the toolchain of this one.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export HOME="$scratch/home" GITHUB_OUTPUT="$scratch/output" GITHUB_PATH="$scratch/path"
export CARGO_TARGET_DIR="$repo/target"
mkdir -p "$HOME"

# Key the build: the same sources give the same key.
bash -c "$(step 'Key the build')"
key=$(sed -n 's/^key=//p' "$GITHUB_OUTPUT")
[[ "$key" == provenance-Linux-X64-* ]] || fail "bad key: $key"
: > "$GITHUB_OUTPUT"
bash -c "$(step 'Key the build')"
[ "$(sed -n 's/^key=//p' "$GITHUB_OUTPUT")" = "$key" ] || fail "the key is not stable"

# Install: built on a miss, left alone on a hit.
CACHE_HIT=false bash -c "$(step 'Install provenance')"
bin="$HOME/.provenance-action/bin"
[ -x "$bin/provenance" ] || fail "nothing installed"
grep -qx "$bin" "$GITHUB_PATH" || fail "the binary's folder is not added to the path"
before=$(stat -c %Y "$bin/provenance")
CACHE_HIT=true bash -c "$(step 'Install provenance')"
[ "$(stat -c %Y "$bin/provenance")" = "$before" ] || fail "a cache hit rebuilt the binary"
export PATH="$bin:$PATH"

# A repository with a base branch and a pull request's change.
git init -q --bare "$scratch/origin.git"
git init -q -b main "$scratch/work"
cd "$scratch/work"
git config user.email ci@example.invalid && git config user.name CI
mkdir articles
printf 'Prices rose 12%% in March.\n\nThe ferry is running again, the port said.\n' > articles/a.md
git add . && git commit -qm base
git remote add origin "$scratch/origin.git" && git push -q origin main
git checkout -qb change
printf 'Prices rose 12%% in March.\n\nThe ferry is running again.\n' > articles/a.md
git commit -qam change

set +e
out=$(PATHS=articles FAIL_ON=error CHANGED_ONLY=true EXTRA="" BASE_REF=main \
  bash -c "$(step 'Check and annotate')" 2>&1)
code=$?
set -e
printf '%s\n' "$out"
[ "$code" -eq 0 ] || fail "only a warning changed, yet the step failed ($code)"
grep -q '^::warning file=articles/a.md,line=3' <<<"$out" || fail "the changed sentence is not annotated"
if grep -q 'line=1' <<<"$out"; then fail "an unchanged sentence was annotated"; fi

set +e
PATHS=articles FAIL_ON=error CHANGED_ONLY=false EXTRA="" BASE_REF=main \
  bash -c "$(step 'Check and annotate')" >/dev/null 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || fail "the whole file has an error, yet the step passed ($code)"

PATHS=articles EXTRA="" bash -c "$(step 'Write SARIF')"
"$python" -c 'import json,sys; log=json.load(open("provenance.sarif")); assert log["runs"][0]["results"], "no results"' \
  || fail "provenance.sarif is not a SARIF log with results"
echo "action-test: key, install, cache hit, changed-only annotations and SARIF work as a runner runs them"
