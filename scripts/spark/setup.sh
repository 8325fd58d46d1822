#!/usr/bin/env bash
# Idempotent: a cached Python venv with a pinned pyspark from PyPI (git-ignored under .cache/).
#   setup.sh      → pyspark 4.3.0 in .cache/spark-venv
#   setup.sh 3.5  → pyspark 3.5.9 in .cache/spark35-venv (the newest 3.5.x; runs on Java 17)
# Prints the venv's python path on its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${1:-4}" in
  4) PYSPARK_VERSION="4.3.0"; VENV=".cache/spark-venv" ;;
  3.5) PYSPARK_VERSION="3.5.9"; VENV=".cache/spark35-venv" ;;
  *) echo "usage: $0 [4|3.5]" >&2; exit 2 ;;
esac
STAMP="$VENV/.pyspark-$PYSPARK_VERSION"
if [ ! -f "$STAMP" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
  touch "$STAMP"
fi
echo "$(pwd)/$VENV/bin/python"
