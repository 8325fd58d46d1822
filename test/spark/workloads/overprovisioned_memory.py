"""Planted problem: executors get 4g of heap for a job whose working set is a few hundred MB."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("overprovisioned_memory").getOrCreate()
df = spark.range(0, 2_000_000, numPartitions=4).selectExpr("id % 100 AS k", "id AS v")
rows = df.groupBy("k").sum("v").collect()
assert len(rows) == 100
spark.stop()
