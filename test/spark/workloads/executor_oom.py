"""Planted problem: one task builds a 170 MB string and doubles it (~510 MB live) on a 512m executor heap: an
OutOfMemoryError on every attempt, never by chance. With a 1g heap it fits."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("executor_oom").getOrCreate()
base = spark.range(0, 1, numPartitions=1).selectExpr("repeat(cast(id AS string), 170000000) AS s")
rows = base.selectExpr("length(concat(s, s)) AS n").collect()
assert rows[0]["n"] == 340_000_000
spark.stop()
