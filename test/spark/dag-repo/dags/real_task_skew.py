"""Data skew: a sort-merge join on a key that holds 80% of one side, AQE on but its skew-join handling off."""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="real_task_skew",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
) as dag:
    run = SparkSubmitOperator(
        task_id="run",
        application="test/spark/workloads/task_skew.py",
        conn_id="spark_default",
        conf={
            "spark.executor.memory": "1g",
            "spark.executor.cores": "2",
            "spark.sql.autoBroadcastJoinThreshold": "-1",
            "spark.sql.shuffle.partitions": "16",
            "spark.sql.adaptive.coalescePartitions.enabled": "false",
            "spark.sql.adaptive.skewJoin.enabled": "false",
            "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes": "1m",
            "spark.sql.adaptive.advisoryPartitionSizeInBytes": "256k",
            "spark.airflow.dag_id": "{{ dag.dag_id }}",
            "spark.airflow.task_id": "{{ task.task_id }}",
            "spark.airflow.run_id": "{{ run_id }}",
            "spark.airflow.try_number": "{{ ti.try_number }}",
        },
    )
