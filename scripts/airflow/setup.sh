#!/usr/bin/env bash
# Idempotent: a cached Python venv with a pinned apache-airflow 3.x and the providers the DAG fixtures of test/dags
# import (Apache Spark, Amazon, Databricks, Google, Yandex, Apache Livy, CNCF Kubernetes, Microsoft Azure), under .cache/airflow-venv (git-ignored).
# Every package is pinned by requirements.lock (compiled from requirements.in, as Airflow's constraints files do):
#   (cd scripts/airflow && ../../.cache/airflow-venv/bin/uv pip compile --python-version 3.11 requirements.in -o requirements.lock)
# uv (from PyPI) installs the lock in seconds; pip's resolver took about 20 minutes on the same set.
# Prints the venv's python path on its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."
UV_VERSION="0.13.9"
LOCK="scripts/airflow/requirements.lock"
VENV=".cache/airflow-venv"
STAMP="$VENV/.installed-$( (echo "uv==$UV_VERSION"; cat "$LOCK") | sha1sum | cut -c1-12)"
if [ ! -f "$STAMP" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "uv==$UV_VERSION"
  "$VENV/bin/uv" pip sync --quiet --python "$VENV/bin/python" "$LOCK" >&2
  touch "$STAMP"
fi
echo "$(pwd)/$VENV/bin/python"
