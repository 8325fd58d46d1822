"""GC pressure: lists of 2.8M strings built in one task on a 512m heap; the collector copies the growing live set."""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="real_gc_pressure",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
) as dag:
    run = SparkSubmitOperator(
        task_id="run",
        application="test/spark/workloads/gc_pressure.py",
        conn_id="spark_default",
        conf={
            "spark.executor.memory": "512m",
            "spark.executor.cores": "1",
            "spark.airflow.dag_id": "{{ dag.dag_id }}",
            "spark.airflow.task_id": "{{ task.task_id }}",
            "spark.airflow.run_id": "{{ run_id }}",
            "spark.airflow.try_number": "{{ ti.try_number }}",
        },
    )
