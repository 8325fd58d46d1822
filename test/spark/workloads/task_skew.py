"""Planted problem: data skew. A sort-merge join where one key holds 95% of the left side's rows, so one reduce task
of the join stage hashes almost all the joined rows (a sha2 per row) while the other tasks finish in a moment."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("task_skew").getOrCreate()
# Warm the executor's JIT on the per-row work first, so the join stage's tasks differ by their data, not by which ran cold.
spark.range(0, 20_000, numPartitions=2).selectExpr("sha2(repeat(cast(id AS string), 200), 256) AS h").agg({"h": "max"}).collect()
# The hot key 28 hashes to shuffle partition 0 of 16, so its task starts first and the stage is mostly that task.
# 16 map partitions: AQE splits a skewed partition only along map-output boundaries.
left = spark.range(0, 1_200_000, numPartitions=16).selectExpr("IF(id % 20 = 0, id % 10000 + 100, 28) AS k", "id AS v")
right = spark.range(0, 10_100, numPartitions=2).selectExpr("id AS k", "id % 97 AS w")
joined = left.join(right, "k").selectExpr("sha2(repeat(cast(v + w AS string), 700), 256) AS h")
assert joined.agg({"h": "max"}).collect()[0][0] is not None
spark.stop()
