# pandas, pyarrow and DuckDB from PyPI, pinned, in a venv of their own;
# crates/glose-cli/tests/columnar.rs reads the CSV and Parquet tables of
# `glose annotate` back with them (tests/columnar/read_back.py) and requires them here.
# (Spark reads them too, with the venv of spark.sh.)
venv="$GLOSE_CI_CACHE/columnar-venv"
columnar_pins="pyarrow==26.0.1 pandas==3.1.1 duckdb==2.0.1 numpy==2.4.6"
if ! "$venv/bin/python" -c '
import importlib.metadata as m, sys
pins = dict(p.split("==") for p in sys.argv[1:])
assert all(m.version(name) == version for name, version in pins.items())
' $columnar_pins 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/python" -m pip install -q --no-cache-dir --disable-pip-version-check $columnar_pins
fi
export GLOSE_COLUMNAR_PYTHON="$venv/bin/python"
export GLOSE_REQUIRE_COLUMNAR=1
echo "$("$GLOSE_COLUMNAR_PYTHON" -c 'import pandas, pyarrow, duckdb; print(f"pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, duckdb {duckdb.__version__}")') (PyPI)"
unset columnar_pins
