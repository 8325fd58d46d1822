#!/usr/bin/env bash
# Idempotent: a cached Python venv with a pinned pyspark from PyPI, under .cache/spark-venv (git-ignored).
# Prints the venv's python path on its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYSPARK_VERSION="4.3.0"
VENV=".cache/spark-venv"
STAMP="$VENV/.pyspark-$PYSPARK_VERSION"
if [ ! -f "$STAMP" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
  touch "$STAMP"
fi
echo "$(pwd)/$VENV/bin/python"
