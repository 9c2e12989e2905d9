#!/usr/bin/env python3
"""Annotate a JSONL stream with glose under Apache Spark, through `RDD.pipe`.

Each partition of the input is piped through one `glose annotate --stdin` process on
an executor; the binary (and the knowledge-base and configuration files named here)
are shipped to the executors with `SparkContext.addFile`, the same thing as
`spark-submit --files`, and found there with `SparkFiles`.

    python3 spark_pipe.py --glose target/release/glose --input docs.jsonl \\
        --output annotated.jsonl --partitions 8 [--kb kb.toml] [--config glose.toml] \\
        [--master local[2]] [--shuffle-output shuffled.jsonl] [--bad-record] \\
        [-- extra glose arguments, e.g. -j1]

or, on a cluster, `spark-submit --master yarn tests/spark/spark_pipe.py ...` (the
input and output files are the driver's: this script is a test and a recipe, not a
tool for corpora larger than the driver's memory; see docs/scale.md).

Outputs:
  --output          the input split into contiguous slices (`parallelize` keeps the
                    order of the lines, and `collect` the order of the partitions):
                    the lines come back in the input's order.
  --shuffle-output  the same records `repartition`ed (a shuffle: records are dealt
                    round-robin over the partitions): the order is Spark's; key the
                    records by id to compare.
  --bad-record      also pipes a partition holding a record without "text": glose
                    ends with status 1, so the task fails and so does the job
                    (`checkCode=True`). Prints `bad-record: job failed` if it did.
  --learned-output  the corpus pass in two jobs: each partition learns
                    (`glose learn --stdin` in `mapPartitions`), the knowledge files
                    are merged (`reduce` over `glose learn --merge`), the result is
                    shipped to the executors (`addFile`) and every partition is
                    annotated with it (`--knowledge`); the lines in the input's order.
                    `--knowledge-file` keeps the merged knowledge.

On standard output, one line `key: value` per figure (partitions, seconds).
"""

import argparse
import os
import re
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--glose", required=True, help="the glose binary to ship")
    parser.add_argument("--input", required=True, help="JSONL, one record per line")
    parser.add_argument("--output", required=True, help="JSONL, in the input's order")
    parser.add_argument("--shuffle-output", help="JSONL after a repartition")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument(
        "--master", help="default: spark-submit's --master, else local[2]"
    )
    parser.add_argument("--kb", action="append", default=[], help="KB file to ship")
    parser.add_argument("--config", help="glose.toml to ship")
    parser.add_argument("--bad-record", action="store_true")
    parser.add_argument("--learned-output", help="JSONL, annotated with the corpus pass")
    parser.add_argument("--knowledge-file", default="knowledge.json")
    parser.add_argument("extra", nargs="*", help="more glose arguments (after --)")
    args = parser.parse_args()

    if not os.access(args.glose, os.X_OK):
        print(f"error: {args.glose} is not an executable", file=sys.stderr)
        return 2
    if args.partitions < 1:
        print("error: --partitions must be at least 1", file=sys.stderr)
        return 2

    from pyspark import SparkConf, SparkContext, SparkFiles

    started = time.monotonic()
    conf = (
        SparkConf()
        .setAppName("glose-pipe")
        .set("spark.ui.showConsoleProgress", "false")
    )
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[2]")
    if conf.get("spark.master", "").startswith("local"):
        conf.set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    up = time.monotonic()
    try:
        shipped = [args.glose] + args.kb + ([args.config] if args.config else [])
        for path in shipped:
            sc.addFile(os.path.abspath(path))
        names = [os.path.basename(p) for p in shipped]
        if len(set(names)) != len(names):
            print("error: the shipped files need distinct names", file=sys.stderr)
            return 2
        # Where the executors see the shipped files: a relative path in the working
        # folder of an executor on a cluster, the driver's file folder in local mode.
        seen = (
            sc.parallelize([0], 1)
            .map(lambda _: [SparkFiles.get(n) for n in names])
            .first()
        )
        exe, rest = seen[0], seen[1:]
        command = [exe, "annotate", "--stdin"]
        for kb in rest[: len(args.kb)]:
            command += ["--kb", kb]
        if args.config:
            command += ["--config", rest[-1]]
        command += args.extra
        # RDD.pipe splits the command with shlex and starts it without a shell, with
        # only the environment given here.
        line = " ".join(quote(c) for c in command)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}

        with open(args.input, encoding="utf-8") as f:
            records = [l.rstrip("\n") for l in f if l.strip()]
        print(f"records: {len(records)}")
        print(f"command: {line}")

        t = time.monotonic()
        rdd = sc.parallelize(records, args.partitions)
        print(f"partitions: {rdd.getNumPartitions()}")
        out = rdd.pipe(line, env=env, checkCode=True).collect()
        write(args.output, out)
        print(f"slices_seconds: {time.monotonic() - t:.2f}")

        if args.shuffle_output:
            t = time.monotonic()
            shuffled = sc.parallelize(records, 1).repartition(args.partitions)
            out = shuffled.pipe(line, env=env, checkCode=True).collect()
            write(args.shuffle_output, out)
            print(f"shuffle_seconds: {time.monotonic() - t:.2f}")

        if args.learned_output:
            t = time.monotonic()
            knowledge = learn(
                sc, records, args.partitions, command[3:], dict(zip(seen, names)), env
            )
            with open(args.knowledge_file, "wb") as f:
                f.write(knowledge)
            print(f"knowledge_bytes: {len(knowledge)}")
            sc.addFile(os.path.abspath(args.knowledge_file))
            name = os.path.basename(args.knowledge_file)
            shipped_knowledge = (
                sc.parallelize([0], 1).map(lambda _: SparkFiles.get(name)).first()
            )
            with_knowledge = line + " --knowledge " + quote(shipped_knowledge)
            out = (
                sc.parallelize(records, args.partitions)
                .pipe(with_knowledge, env=env, checkCode=True)
                .collect()
            )
            write(args.learned_output, out)
            print(f"learned_seconds: {time.monotonic() - t:.2f}")

        if args.bad_record:
            bad = records[:3] + ['{"id": "no-text"}'] + records[3:6]
            try:
                sc.parallelize(bad, 1).pipe(line, env=env, checkCode=True).collect()
                print("bad-record: job succeeded")
            except Exception as e:  # Py4JJavaError, carrying the executor's error
                text = str(e)
                m = re.search(r"\[PIPE_FUNCTION_EXITED\].*?exited with error code (\d+)", text)
                why = f"glose exited with status {m.group(1)}" if m else type(e).__name__
                print(f"bad-record: job failed ({why})")
    finally:
        sc.stop()
    print(f"spark_start_seconds: {up - started:.2f}")
    print(f"total_seconds: {time.monotonic() - started:.2f}")
    return 0


def learn(sc, records, partitions, options, shipped, env):
    """The merged knowledge of every partition (bytes): `glose learn --stdin` on each
    partition, then `glose learn --merge` two by two (merging is associative and
    commutative, so however Spark groups them the bytes are the same). `shipped` maps
    the paths of the shipped files on an executor to their names: the functions find
    them with `SparkFiles.get` wherever they run (the last merges run on the driver)."""
    import subprocess
    import tempfile

    from pyspark import SparkFiles

    glose_name = next(iter(shipped.values()))

    def here(argv):
        return [SparkFiles.get(shipped[a]) if a in shipped else a for a in argv]

    def run(args, data):
        args = [SparkFiles.get(glose_name)] + here(args)
        done = subprocess.run(args, input=data, capture_output=True, env=env)
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} exited with status {done.returncode}: "
                + done.stderr.decode("utf-8", "replace")
            )
        return done.stdout

    def learn_partition(lines):
        data = "".join(l + "\n" for l in lines).encode("utf-8")
        yield run(["learn", "--stdin"] + options, data)

    def merge(a, b):
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for i, k in enumerate((a, b)):
                paths.append(os.path.join(d, f"{i}.json"))
                with open(paths[-1], "wb") as f:
                    f.write(k)
            return run(["learn", "--merge"] + paths, b"")

    return sc.parallelize(records, partitions).mapPartitions(learn_partition).reduce(merge)


def quote(s: str) -> str:
    import shlex

    return shlex.quote(s)


def write(path: str, lines: list) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for l in lines:
            f.write(l)
            f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
