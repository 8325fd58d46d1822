"""Daily sales pipeline: loads yesterday's orders, then rebuilds the sales mart."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

default_args = {
    "owner": "data-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
}

with DAG(
    dag_id="daily_sales",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    default_args=default_args,
    tags=["sales", "spark"],
) as dag:
    load_orders = SparkSubmitOperator(
        task_id="load_orders",
        application="s3://acme-jobs/sales/load_orders.py",
        conn_id="spark_default",
        conf={
            "spark.executor.memory": "16g",  # sized for Black Friday 2025
            "spark.executor.cores": "4",
            "spark.executor.instances": "8",
            "spark.driver.memory": "4g",
            "spark.sql.shuffle.partitions": "200",
            # Link each Spark application to its Airflow task (read by spark-tuner).
            "spark.airflow.dag_id": "{{ dag.dag_id }}",
            "spark.airflow.task_id": "{{ task.task_id }}",
            "spark.airflow.run_id": "{{ run_id }}",
            "spark.airflow.try_number": "{{ ti.try_number }}",
        },
    )

    build_sales_mart = SparkSubmitOperator(
        task_id="build_sales_mart",
        application="s3://acme-jobs/sales/build_mart.py",
        conn_id="spark_default",
        conf={
            "spark.executor.memory": "8g",
            "spark.executor.cores": "4",
            "spark.airflow.dag_id": "{{ dag.dag_id }}",
            "spark.airflow.task_id": "{{ task.task_id }}",
            "spark.airflow.run_id": "{{ run_id }}",
        },
    )

    load_orders >> build_sales_mart
