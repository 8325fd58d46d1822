"""Planted problem: 300 shuffle partitions (AQE off) for a shuffle of a few hundred KB: hundreds of tasks of a few ms."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("tiny_tasks").getOrCreate()
df = spark.range(0, 200_000, numPartitions=2).selectExpr("id % 1000 AS k", "id AS v")
rows = df.groupBy("k").sum("v").collect()
assert len(rows) == 1000
spark.stop()
