# Apache Spark in local mode: pyspark 4.0.1 from PyPI (it bundles Spark's jars) and
# Java 17 from Debian when the machine has no Java 17 or later;
# crates/glose-cli/tests/spark.rs pipes glose through it and requires it here.
java_major() {
  "$1" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9]*\).*/\1/p'
}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
else
  java_bin="$(command -v java || true)"
fi
java_found="$([ -n "$java_bin" ] && java_major "$java_bin" || true)"
if [ "${java_found:-0}" -lt 17 ]; then
  apt_install openjdk-17-jre-headless
  JAVA_HOME="/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)"
  export JAVA_HOME
  java_bin="$JAVA_HOME/bin/java"
fi
venv="$GLOSE_CI_CACHE/spark-venv"
if ! "$venv/bin/python" -c 'import importlib.metadata as m; assert m.version("pyspark") == "4.0.1"' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --no-cache-dir --disable-pip-version-check pyspark==4.0.1
fi
export GLOSE_SPARK_PYTHON="$venv/bin/python"
export GLOSE_REQUIRE_SPARK=1
echo "pyspark $("$GLOSE_SPARK_PYTHON" -c 'import pyspark; print(pyspark.__version__)') (PyPI), $("$java_bin" -version 2>&1 | sed -n 1p)"
unset java_bin java_found
