"""The Spark job, tested on Spark local[2] against the command line.

Builds an archive of a few thousand records from corpus/ (every article many
times, under its own ids, with malformed records mixed in), runs
provenance_job.py with spark-submit on it, as JSON Lines and as Parquet, and
checks that

  - every input record comes out exactly once, malformed ones included, with
    its id when it had one;
  - each article's counts (sentences, attributed, findings by severity and by
    rule, sources by kind) equal what `provenance check --format json` says
    of the same file;
  - the findings table holds each article's findings.

Run by examples/spark/run-test.sh (which sets up pyspark and Java). With
--bench it also times the job against the plain command line on the same
archive and prints articles per second per core.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FORMATS = {".txt": "txt", ".md": "md", ".html": "html"}

# Lines the tool cannot read as a record, and records it reads but cannot
# check: each must still come out as one row, with its id when it has one.
MALFORMED = [
    ("not json at all", None),
    ('{"id": "bad-text-type", "text": 42}', "bad-text-type"),
    ('{"id": "bad-format", "text": "The port closed.", "format": "pdf"}', "bad-format"),
    ('{"id": "no-text"}', "no-text"),
    ('{"text": "A record without an id said nothing."}', None),
    ('[1, 2, 3]', None),
    # Cut off mid-record: no id can be read, but the row is still there.
    ('{"id": "cut-off", "text": "The record ends', None),
    ('{"id": "lone-surrogate", "text": "bad \\ud800 escape"}', "lone-surrogate"),
    ("", None),
    ('{"id": 9001, "text": ""}', "9001"),
]


def corpus():
    """(file name, format, text) for every article in corpus/."""
    folder = os.path.join(REPO, "corpus")
    out = []
    for name in sorted(os.listdir(folder)):
        ext = os.path.splitext(name)[1]
        if ext in FORMATS and not name.endswith(".gold.toml"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                out.append((name, FORMATS[ext], f.read()))
    return out


def build_archive(path, articles, repeat, malformed):
    """Writes the JSON Lines archive; returns {record number: source file or None}
    and the ids expected, in input order."""
    origin = {}
    ids = []
    record = 0
    with open(path, "w", encoding="utf-8") as out:
        for r in range(repeat):
            for i, (name, fmt, text) in enumerate(articles):
                # Numbers and strings, as real archives mix them.
                ident = r * 1000 + i if i % 5 == 0 else f"{name}#{r}"
                line = {"id": ident, "text": text}
                if fmt != "txt" or r % 2:
                    line["format"] = fmt
                out.write(json.dumps(line, ensure_ascii=bool(r % 3)) + "\n")
                origin[record] = name
                ids.append(ident if isinstance(ident, str) else json.dumps(ident))
                record += 1
            # Each malformed record once, spread through the archive.
            step = max(1, repeat // len(MALFORMED))
            if malformed and r % step == 0 and r // step < len(MALFORMED):
                bad, ident = MALFORMED[r // step]
                out.write(bad + "\n")
                origin[record] = None
                ids.append(ident)
                record += 1
    return origin, ids


def cli_expectations(binary, articles):
    """What the command line says of each corpus file, in the job's terms."""
    names = [os.path.join("corpus", name) for name, _, _ in articles]
    result = subprocess.run(
        [binary, "check", "--format", "json", *names],
        cwd=REPO, capture_output=True, check=False,
    )
    assert result.returncode in (0, 1), result.stderr.decode()
    expected = {}
    for doc in json.loads(result.stdout)["documents"]:
        by_rule = Counter(f["rule"] for f in doc["findings"])
        by_kind = Counter(
            s["attribution"]["source"]["kind"] for s in doc["sentences"] if s["attribution"]
        )
        s = doc["summary"]
        expected[os.path.basename(doc["path"])] = dict(
            sentences=s["sentences"], attributed=s["attributed"],
            unattributed=s["unattributed"], errors=s["errors"],
            warnings=s["warnings"], infos=s["infos"],
            findings_by_rule=dict(by_rule), sources_by_kind=dict(by_kind),
        )
    return expected


def submit(spark_submit, binary, archive, output, extra=()):
    """Runs the job on local[2]; returns its wall-clock seconds."""
    # spark-submit finds Spark and runs the job with the Python it finds
    # first on PATH: this one, which has pyspark.
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable,
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    started = time.monotonic()
    subprocess.run(
        [spark_submit, "--master", "local[2]", "--files", binary,
         "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false",
         "--conf", "spark.log.level=WARN",
         os.path.join(HERE, "provenance_job.py"),
         "--input", archive, "--output", output, *extra],
        check=True, env=env,
    )
    return time.monotonic() - started


def local_spark(name):
    """A quiet Spark session on local[2], for the test's own reading and writing."""
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master("local[2]").appName(name)
            .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
            .config("spark.log.level", "WARN").getOrCreate())


def read_output(output):
    spark = local_spark("provenance-test")
    articles = [r.asDict(recursive=True) for r in spark.read.parquet(os.path.join(output, "articles")).collect()]
    findings = Counter(
        r["record"] for r in spark.read.parquet(os.path.join(output, "findings")).select("record").collect()
    )
    return articles, findings


def verify(articles, findings, origin, ids, expected, label):
    problems = []
    records = sorted(a["record"] for a in articles)
    if records != sorted(origin):
        problems.append(f"{label}: {len(articles)} rows for {len(origin)} records, "
                        f"or not each record once")
    by_record = {a["record"]: a for a in articles}
    got_ids = [by_record[r]["id"] if r in by_record else "<missing>" for r in sorted(origin)]
    if got_ids != ids:
        wrong = [(r, g, w) for r, g, w in zip(sorted(origin), got_ids, ids) if g != w][:5]
        problems.append(f"{label}: ids differ (record, got, want): {wrong}")
    fields = ["sentences", "attributed", "unattributed", "errors", "warnings", "infos",
              "findings_by_rule", "sources_by_kind"]
    checked = failed = 0
    for record, name in origin.items():
        row = by_record.get(record)
        if row is None:
            continue
        if name is None:
            failed += not row["checked"]
            continue
        checked += 1
        want = expected[name]
        got = {f: row[f] or ({} if f.endswith("_kind") or f.endswith("_rule") else row[f]) for f in fields}
        if not row["checked"] or got != want:
            problems.append(f"{label}: record {record} ({name}): got {got}, want {want}")
            continue
        if findings.get(record, 0) != sum(want["findings_by_rule"].values()):
            problems.append(f"{label}: record {record} ({name}): {findings.get(record, 0)} finding rows")
    return problems, checked, failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(REPO, "target", "release", "provenance"))
    parser.add_argument("--spark-submit", default="spark-submit")
    parser.add_argument("--repeat", type=int, default=110, help="copies of the corpus")
    parser.add_argument("--bench", action="store_true", help="time the job against the command line")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)

    articles = corpus()
    expected = cli_expectations(binary, articles)
    work = tempfile.mkdtemp(prefix="provenance-spark-")
    failures = []
    try:
        # JSON Lines, malformed records mixed in.
        archive = os.path.join(work, "archive.jsonl")
        origin, ids = build_archive(archive, articles, args.repeat, malformed=not args.bench)
        output = os.path.join(work, "out-jsonl")
        seconds = submit(args.spark_submit, binary, archive, output)
        rows, findings = read_output(output)
        problems, checked, failed = verify(rows, findings, origin, ids, expected, "jsonl")
        failures += problems
        print(f"jsonl: {len(origin)} records in, {len(rows)} rows out ({checked} articles "
              f"equal to the command line's, {failed} unreadable records as error rows); "
              f"spark-submit took {seconds:.1f} s")

        if args.bench:
            bench(args, binary, archive, len(origin), seconds, work)
        else:
            # Parquet: the same articles as columns id, text, format.
            failures += parquet_round(args, binary, articles, expected, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for problem in failures[:20]:
        print("FAIL", problem)
    passed = 0 if failures else 1
    print(f"spark: {passed} passed, {1 - passed} failed")
    sys.exit(1 if failures else 0)


def parquet_round(args, binary, articles, expected, work):
    spark = local_spark("provenance-archive")
    rows, origin, ids = [], {}, []
    for r in range(3):
        for name, fmt, text in articles:
            ident = f"{name}@{r}"
            rows.append((ident, text, fmt))
            origin[len(origin)] = name
            ids.append(ident)
    for ident, text, fmt in [("null-text", None, "txt"), ("pdf", "The port closed.", "pdf")]:
        rows.append((ident, text, fmt))
        origin[len(origin)] = None
        ids.append(ident)
    archive = os.path.join(work, "archive.parquet")
    spark.createDataFrame(rows, "id string, text string, format string") \
        .coalesce(1).write.mode("overwrite").parquet(archive)
    spark.stop()
    output = os.path.join(work, "out-parquet")
    seconds = submit(args.spark_submit, binary, archive, output, ["--partitions", "4"])
    got, findings = read_output(output)
    problems, checked, failed = verify(got, findings, origin, ids, expected, "parquet")
    print(f"parquet: {len(origin)} records in, {len(got)} rows out ({checked} equal to the "
          f"command line's, {failed} error rows); spark-submit took {seconds:.1f} s")
    return problems


def bench(args, binary, archive, records, spark_seconds, work):
    """Articles per second per core: Spark local[2] against the command line
    with two threads over the same archive, whole-process wall clock."""
    started = time.monotonic()
    with open(archive, "rb") as stdin, open(os.devnull, "wb") as devnull:
        status = subprocess.run([binary, "check", "--stdin-jsonl", "--threads", "2"],
                                stdin=stdin, stdout=devnull, stderr=devnull).returncode
    cli = time.monotonic() - started
    assert status in (0, 1, 2)
    size = os.path.getsize(archive) / 1e6
    print(f"bench: {records} articles, {size:.1f} MB")
    print(f"bench: command line, 2 threads: {cli:.2f} s, {records / cli / 2:.0f} articles/s per core")
    print(f"bench: Spark local[2], whole spark-submit: {spark_seconds:.2f} s, "
          f"{records / spark_seconds / 2:.0f} articles/s per core")


if __name__ == "__main__":
    main()
