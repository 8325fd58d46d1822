"""No planted problem: a small aggregation on a right-sized executor."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("healthy").getOrCreate()
df = spark.range(0, 1_000_000, numPartitions=2).selectExpr("id % 10 AS k", "id AS v")
rows = df.groupBy("k").count().collect()
assert sum(r["count"] for r in rows) == 1_000_000
spark.stop()
