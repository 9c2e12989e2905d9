#!/usr/bin/env python3
"""Read the tables of `glose annotate --format csv|parquet` with the usual tools, and
write what each tool read as JSONL, one object per row, for the test to compare with
the rows it derives from glose's JSONL output (crates/glose-cli/tests/columnar.rs).

    python3 read_back.py --readers pandas,pyarrow,duckdb --out DIR FILE...
    python3 read_back.py --readers spark --out DIR FILE...

FILE ends with `.csv` or `.parquet`. For each reader and the i-th FILE (counting from
0), `DIR/<i>.<reader>.jsonl` gets the rows in the order the tool gave them, with the
columns of docs/formats.md: null as `null`, integers as integers, floats as floats,
booleans as booleans. CSV files are read with the schema of docs/formats.md given to
the tool (a null is an empty field, an empty string a quoted one, fields may hold line
breaks); Parquet files with the schema the file carries.

Readers: `pandas` (with pyarrow for Parquet), `pyarrow`, `duckdb`, `spark` (PySpark in
local mode: `spark.read.parquet` and `spark.read.csv`).
"""

import argparse
import json
import math
import os
import sys

# The schema of docs/formats.md: (column, type), type one of text, int, float, bool.
SCHEMA = [
    ("path", "text"),
    ("date", "text"),
    ("start", "int"),
    ("end", "int"),
    ("start_char", "int"),
    ("end_char", "int"),
    ("label", "text"),
    ("text", "text"),
    ("tagger", "text"),
    ("entity", "text"),
    ("confidence", "float"),
    ("quantity_value", "float"),
    ("quantity_low", "float"),
    ("quantity_high", "float"),
    ("quantity_unit", "text"),
    ("quantity_noun", "text"),
    ("quantity_approximate", "bool"),
    ("date_value", "text"),
    ("date_precision", "text"),
    ("quote_speaker", "text"),
    ("quote_speaker_entity", "text"),
    ("quote_verb", "text"),
    ("quote_anonymous", "bool"),
    ("attrs", "text"),
]
NAMES = [name for name, _ in SCHEMA]


def plain(value):
    """A value as JSON has it: numpy and pandas scalars unwrapped, NaN and NA as None."""
    if value is None:
        return None
    item = getattr(value, "item", None)
    if item is not None and not isinstance(value, (str, bytes)):
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def rows_of(records):
    """Rows as dicts of the schema's columns, checking that there are no others."""
    out = []
    for record in records:
        if sorted(record) != sorted(NAMES):
            raise SystemExit(f"columns {sorted(record)} are not {sorted(NAMES)}")
        out.append({name: plain(record[name]) for name in NAMES})
    return out


def from_text(kind, field):
    """A CSV field read as text, typed by the schema (pandas reads every field as text)."""
    if field == "":
        return None
    if kind == "int":
        return int(field)
    if kind == "float":
        return float(field)
    if kind == "bool":
        if field not in ("true", "false"):
            raise SystemExit(f"not a boolean: {field!r}")
        return field == "true"
    return field


def read_pandas(path):
    import pandas as pd

    if path.endswith(".parquet"):
        frame = pd.read_parquet(path)
        if list(frame.columns) != NAMES:
            raise SystemExit(f"{path}: columns {list(frame.columns)}")
        return rows_of(frame.astype(object).to_dict("records"))
    # Every field as text, nothing read as NA: the schema types them.
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    if list(frame.columns) != NAMES:
        raise SystemExit(f"{path}: header {list(frame.columns)}")
    kinds = dict(SCHEMA)
    return rows_of(
        {name: from_text(kinds[name], value) for name, value in record.items()}
        for record in frame.to_dict("records")
    )


def arrow_schema():
    import pyarrow as pa

    types = {"text": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return {name: types[kind] for name, kind in SCHEMA}


def read_pyarrow(path):
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.read_table(path)
    else:
        from pyarrow import csv

        table = csv.read_csv(
            path,
            parse_options=csv.ParseOptions(newlines_in_values=True),
            convert_options=csv.ConvertOptions(
                column_types=arrow_schema(),
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
                true_values=["true"],
                false_values=["false"],
            ),
        )
    if table.column_names != NAMES:
        raise SystemExit(f"{path}: columns {table.column_names}")
    return rows_of(table.to_pylist())


def read_duckdb(path):
    import duckdb

    db = duckdb.connect()
    if path.endswith(".parquet"):
        cursor = db.execute("SELECT * FROM read_parquet(?)", [path])
    else:
        types = {"text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}
        columns = ", ".join(f"'{name}': '{types[kind]}'" for name, kind in SCHEMA)
        cursor = db.execute(
            "SELECT * FROM read_csv(?, header = true, delim = ',', quote = '\"', "
            f"escape = '\"', allow_quoted_nulls = false, columns = {{{columns}}})",
            [path],
        )
    names = [d[0] for d in cursor.description]
    if names != NAMES:
        raise SystemExit(f"{path}: columns {names}")
    return rows_of(dict(zip(names, row)) for row in cursor.fetchall())


def read_spark(paths):
    """Every file in one Spark session: Parquet files in one read, CSV files in another,
    each row keyed by the file it came from."""
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("glose-columnar-read-back")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark_types = {
        "text": T.StringType(),
        "int": T.LongType(),
        "float": T.DoubleType(),
        "bool": T.BooleanType(),
    }
    schema = T.StructType(
        [T.StructField(name, spark_types[kind], True) for name, kind in SCHEMA]
    )
    by_name = {}
    for i, path in enumerate(paths):
        by_name[os.path.basename(path)] = i
    if len(by_name) != len(paths):
        raise SystemExit("spark: the files need different names")
    got = {i: [] for i in range(len(paths))}
    parquet = [p for p in paths if p.endswith(".parquet")]
    csv = [p for p in paths if not p.endswith(".parquet")]
    frames = []
    if parquet:
        frames.append(spark.read.parquet(*parquet))
    if csv:
        frames.append(
            spark.read.schema(schema)
            .option("header", True)
            .option("multiLine", True)
            .option("escape", '"')
            .option("mode", "FAILFAST")
            .csv(csv)
        )
    for frame in frames:
        if frame.columns != NAMES:
            raise SystemExit(f"spark: columns {frame.columns}")
        frame = frame.withColumn("_file", F.input_file_name())
        for row in frame.collect():
            record = row.asDict()
            name = os.path.basename(record.pop("_file"))
            got[by_name[name]].append(record)
    spark.stop()
    return {i: rows_of(records) for i, records in got.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", required=True, help="comma-separated readers")
    parser.add_argument("--out", required=True, help="folder of the JSONL outputs")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    readers = {"pandas": read_pandas, "pyarrow": read_pyarrow, "duckdb": read_duckdb}
    for reader in args.readers.split(","):
        if reader == "spark":
            results = read_spark(args.files)
        elif reader in readers:
            results = {i: readers[reader](path) for i, path in enumerate(args.files)}
        else:
            raise SystemExit(f"unknown reader {reader}")
        for i, rows in results.items():
            target = os.path.join(args.out, f"{i}.{reader}.jsonl")
            with open(target, "w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{reader}: {sum(len(r) for r in results.values())} rows", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
