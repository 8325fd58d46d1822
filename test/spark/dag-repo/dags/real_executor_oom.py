"""Executor OutOfMemoryError: a ~510 MB working set on a 512m heap. The team fails fast instead of retrying an
OutOfMemoryError four times."""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="real_executor_oom",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
) as dag:
    run = SparkSubmitOperator(
        task_id="run",
        application="test/spark/workloads/executor_oom.py",
        conn_id="spark_default",
        conf={
            "spark.executor.memory": "512m",
            "spark.executor.cores": "1",
            "spark.task.maxFailures": "1",
            "spark.airflow.dag_id": "{{ dag.dag_id }}",
            "spark.airflow.task_id": "{{ task.task_id }}",
            "spark.airflow.run_id": "{{ run_id }}",
            "spark.airflow.try_number": "{{ ti.try_number }}",
        },
    )
