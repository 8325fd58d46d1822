"""Planted problem: dynamic allocation starts 2 executors (initialExecutors) under a maximum of 1."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("dynamic_allocation_bounds").getOrCreate()
df = spark.range(0, 1_000_000, numPartitions=4).selectExpr("id % 100 AS k", "id AS v")
rows = df.groupBy("k").sum("v").collect()
assert len(rows) == 100
spark.stop()
