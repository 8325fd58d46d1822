"""Far too many tiny tasks: 300 shuffle partitions (AQE off) for a few hundred KB of shuffle."""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="real_tiny_tasks",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
) as dag:
    run = SparkSubmitOperator(
        task_id="run",
        application="test/spark/workloads/tiny_tasks.py",
        conn_id="spark_default",
        conf={
            "spark.executor.memory": "512m",
            "spark.executor.cores": "2",
            "spark.sql.adaptive.enabled": "false",
            "spark.sql.shuffle.partitions": "300",
            "spark.airflow.dag_id": "{{ dag.dag_id }}",
            "spark.airflow.task_id": "{{ task.task_id }}",
            "spark.airflow.run_id": "{{ run_id }}",
            "spark.airflow.try_number": "{{ ti.try_number }}",
        },
    )
