#!/usr/bin/env bash
# Idempotent: a cached Python venv with a pinned apache-airflow 3.x and the providers the DAG fixtures of test/dags
# import (Apache Spark, Amazon, Databricks, Google, Yandex, Apache Livy), under .cache/airflow-venv (git-ignored).
# Prints the venv's python path on its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."
PACKAGES=(
  "apache-airflow==3.3.2"
  "apache-airflow-providers-apache-spark==6.3.4"
  "apache-airflow-providers-amazon==9.39.0"
  "apache-airflow-providers-databricks==7.23.0"
  "apache-airflow-providers-google==22.8.0"
  "apache-airflow-providers-yandex==4.6.1"
  "apache-airflow-providers-apache-livy==4.6.4"
)
VENV=".cache/airflow-venv"
STAMP="$VENV/.installed-$(printf '%s\n' "${PACKAGES[@]}" | sha1sum | cut -c1-12)"
if [ ! -f "$STAMP" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PACKAGES[@]}" >&2
  touch "$STAMP"
fi
echo "$(pwd)/$VENV/bin/python"
