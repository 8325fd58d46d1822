"""Dynamic allocation bounds out of order: initialExecutors 2 > maxExecutors 1."""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="real_dynamic_allocation_bounds",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
) as dag:
    run = SparkSubmitOperator(
        task_id="run",
        application="test/spark/workloads/dynamic_allocation_bounds.py",
        conn_id="spark_default",
        conf={
            "spark.executor.memory": "512m",
            "spark.executor.cores": "1",
            "spark.dynamicAllocation.enabled": "true",
            "spark.dynamicAllocation.shuffleTracking.enabled": "true",
            "spark.dynamicAllocation.minExecutors": "1",
            "spark.dynamicAllocation.initialExecutors": "2",
            "spark.dynamicAllocation.maxExecutors": "1",
            "spark.airflow.dag_id": "{{ dag.dag_id }}",
            "spark.airflow.task_id": "{{ task.task_id }}",
            "spark.airflow.run_id": "{{ run_id }}",
            "spark.airflow.try_number": "{{ ti.try_number }}",
        },
    )
