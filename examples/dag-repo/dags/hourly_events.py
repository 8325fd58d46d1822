"""Hourly clickstream aggregation, written with the TaskFlow @dag decorator."""
from datetime import datetime

from airflow.decorators import dag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

EXECUTOR_MEMORY = "4g"


@dag(schedule="@hourly", start_date=datetime(2026, 1, 1), catchup=False, tags=["events"])
def hourly_events():
    SparkSubmitOperator(
        task_id="aggregate",
        application="s3://acme-jobs/events/aggregate.py",
        executor_cores=2,
        num_executors=4,
        conf={
            'spark.executor.memory': EXECUTOR_MEMORY,
            'spark.airflow.dag_id': '{{ dag.dag_id }}',
            'spark.airflow.task_id': '{{ task.task_id }}',
            'spark.airflow.run_id': '{{ run_id }}',
        },
    )


hourly_events()
