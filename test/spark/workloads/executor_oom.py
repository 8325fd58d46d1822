"""Planted problem: one task builds a 150 MB string and doubles it (~450 MB live) on a 512m executor heap."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("executor_oom").getOrCreate()
base = spark.range(0, 1, numPartitions=1).selectExpr("repeat(cast(id AS string), 150000000) AS s")
rows = base.selectExpr("length(concat(s, s)) AS n").collect()
assert rows[0]["n"] == 300_000_000
spark.stop()
