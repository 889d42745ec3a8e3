"""Check an archive of articles with provenance on Spark.

Reads records `{"id", "text", "format"?}` from JSON Lines or Parquet, runs
`provenance check --stdin-jsonl` once per partition (the binary shipped to
the executors with `--files`), and writes two Parquet tables:

  OUTPUT/articles/   one row per input record: its position in the input,
                     id, whether it was checked, the error if not, sentence
                     counts, findings by severity and by rule, sources by kind
  OUTPUT/findings/   one row per finding

Every input record gives exactly one article row, a record the tool cannot
read (not JSON, no text, an unknown format) included: the tool answers each
input line with one output line, in order, and the job pairs them.

    spark-submit --master 'local[*]' --files target/release/provenance \\
        examples/spark/provenance_job.py --input archive.jsonl --output out/

See examples/spark/README.md.
"""

import argparse
import json
import os
import queue
import subprocess
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import types as T

BINARY = "provenance"

ARTICLE = T.StructType(
    [
        T.StructField("record", T.LongType(), False),
        T.StructField("id", T.StringType(), True),
        T.StructField("checked", T.BooleanType(), False),
        T.StructField("error", T.StringType(), True),
        T.StructField("sentences", T.IntegerType(), True),
        T.StructField("attributed", T.IntegerType(), True),
        T.StructField("unattributed", T.IntegerType(), True),
        T.StructField("errors", T.IntegerType(), True),
        T.StructField("warnings", T.IntegerType(), True),
        T.StructField("infos", T.IntegerType(), True),
        T.StructField("findings_by_rule", T.MapType(T.StringType(), T.IntegerType()), True),
        T.StructField("sources_by_kind", T.MapType(T.StringType(), T.IntegerType()), True),
    ]
)

FINDING = T.StructType(
    [
        T.StructField("record", T.LongType(), False),
        T.StructField("id", T.StringType(), True),
        T.StructField("rule", T.StringType(), False),
        T.StructField("severity", T.StringType(), False),
        T.StructField("sentence", T.IntegerType(), False),
        T.StructField("line", T.IntegerType(), False),
        T.StructField("column", T.IntegerType(), False),
        T.StructField("message", T.StringType(), False),
    ]
)


def id_text(value):
    """An id as a string column: a string as is, anything else as its JSON."""
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value)


def record_id(line):
    """The id of an input line the tool could not read, when it has one."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return id_text(value.get("id")) if isinstance(value, dict) else None


def summarise(record, line, output):
    """One article row and its finding rows from the tool's output line."""
    doc = json.loads(output)
    if "error" in doc:
        # The tool gives the id when it could read one; else try the line.
        ident = id_text(doc["id"]) if "id" in doc else record_id(line)
        article = dict(record=record, id=ident, checked=False, error=doc["error"])
        return article, []
    ident = id_text(doc.get("id"))
    summary = doc["summary"]
    by_rule = {}
    for finding in doc["findings"]:
        by_rule[finding["rule"]] = by_rule.get(finding["rule"], 0) + 1
    by_kind = {}
    for sentence in doc["sentences"]:
        attribution = sentence.get("attribution")
        if attribution:
            kind = attribution["source"]["kind"]
            by_kind[kind] = by_kind.get(kind, 0) + 1
    article = dict(
        record=record,
        id=ident,
        checked=True,
        error=None,
        sentences=summary["sentences"],
        attributed=summary["attributed"],
        unattributed=summary["unattributed"],
        errors=summary["errors"],
        warnings=summary["warnings"],
        infos=summary["infos"],
        findings_by_rule=by_rule,
        sources_by_kind=by_kind,
    )
    findings = [
        dict(
            record=record,
            id=ident,
            rule=f["rule"],
            severity=f["severity"],
            sentence=f["sentence"],
            line=f["line"],
            column=f["column"],
            message=f["message"],
        )
        for f in doc["findings"]
    ]
    return article, findings


def check_partition(lines, binary, threads):
    """Runs the tool over one partition's (record, line) pairs, streaming:
    a thread feeds its standard input while this one reads its output, so
    neither pipe fills up, and each output line is paired with the input
    line it answers (the tool keeps their order)."""
    process = subprocess.Popen(
        [binary, "check", "--stdin-jsonl", "--threads", str(threads)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    sent = queue.Queue()
    failure = []

    def feed():
        try:
            for record, line in lines:
                # One record per line: a line break inside would split it.
                line = line.replace("\n", " ").replace("\r", " ")
                sent.put((record, line))
                # A lone surrogate goes through as the invalid bytes it
                # is: the tool answers with an error line, not a crash here.
                process.stdin.write(line.encode("utf-8", "surrogatepass") + b"\n")
            process.stdin.close()
        except Exception as error:  # noqa: BLE001 - re-raised below
            failure.append(error)
            process.kill()
        finally:
            sent.put(None)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for output in process.stdout:
        item = sent.get()
        if item is None:
            raise RuntimeError("provenance wrote more lines than it was given")
        yield summarise(item[0], item[1], output)
    leftover = sent.get()
    writer.join()
    status = process.wait()
    if failure:
        raise failure[0]
    if leftover is not None:
        raise RuntimeError(f"provenance stopped early (exit {status})")
    # 0: checked; 1: findings at or above --fail-on; 2: some record could
    # not be checked (its error row is written). Anything else is a crash.
    if status not in (0, 1, 2):
        raise RuntimeError(f"provenance failed with exit status {status}")


def read_lines(spark, path, input_format):
    """The input as (record, JSON line) pairs, numbered in input order."""
    if input_format == "jsonl":
        rdd = spark.sparkContext.textFile(path)
    else:
        frame = spark.read.parquet(path)
        columns = set(frame.columns)

        def to_line(row):
            record = {"id": row["id"] if "id" in columns else None}
            if "text" in columns and row["text"] is not None:
                record["text"] = row["text"]
            if "format" in columns and row["format"] is not None:
                record["format"] = row["format"]
            return json.dumps(record, ensure_ascii=False)

        rdd = frame.rdd.map(to_line)
    return rdd.zipWithIndex().map(lambda pair: (pair[1], pair[0]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="JSON Lines file(s) or Parquet folder")
    parser.add_argument("--input-format", choices=["jsonl", "parquet"], default=None,
                        help="default: parquet for a folder or *.parquet, else jsonl")
    parser.add_argument("--output", required=True, help="folder for articles/ and findings/")
    parser.add_argument("--partitions", type=int, default=0,
                        help="repartition the input into this many parts (0: as read)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per provenance process (match spark.task.cpus)")
    args = parser.parse_args()

    input_format = args.input_format or (
        "parquet" if args.input.endswith(".parquet") or os.path.isdir(args.input) else "jsonl"
    )
    spark = SparkSession.builder.appName("provenance").getOrCreate()
    pairs = read_lines(spark, args.input, input_format)
    if args.partitions:
        # Keeps records in input order within each part; their numbers
        # already say where each came from.
        pairs = pairs.repartition(args.partitions)
    threads = args.threads

    def run(partition):
        binary = SparkFiles.get(BINARY)
        return check_partition(partition, binary, threads)

    results = pairs.mapPartitions(run).cache()
    articles = spark.createDataFrame(results.map(lambda r: r[0]), ARTICLE)
    findings = spark.createDataFrame(results.flatMap(lambda r: r[1]), FINDING)
    articles.write.mode("overwrite").parquet(os.path.join(args.output, "articles"))
    findings.write.mode("overwrite").parquet(os.path.join(args.output, "findings"))
    results.unpersist()
    spark.stop()


if __name__ == "__main__":
    main()
