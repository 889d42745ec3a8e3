#!/usr/bin/env bash
# The Spark job's test on a fresh machine: Java from Debian's packages when
# the machine has none, pyspark from PyPI in a throwaway virtual
# environment, the release binary, then test_job.py on Spark local[2].
# Arguments go to test_job.py (--bench times the job against the command line).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install -q "pyspark==4.0.1"
cargo build --release --locked -q

started=$(date +%s)
"$venv/bin/python" examples/spark/test_job.py --spark-submit "$venv/bin/spark-submit" "$@"
echo "spark test: $(( $(date +%s) - started )) s on Spark local[2]"
