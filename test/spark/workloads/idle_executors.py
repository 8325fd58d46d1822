"""Planted problem: 2 static executors of 2 cores for a job whose stages run one task each."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("idle_executors").getOrCreate()
df = spark.range(0, 10_000_000, numPartitions=1).selectExpr("id % 1000 AS k", "id AS v")
rows = df.groupBy("k").sum("v").coalesce(1).collect()
assert len(rows) == 1000
spark.stop()
