"""Planted problem: a sort of ~300 MB through 2 shuffle partitions on a 512m executor spills to disk."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("spill").getOrCreate()
df = spark.range(0, 3_000_000, numPartitions=4).selectExpr("id", "sha2(cast(id AS string), 256) AS h")
df.orderBy("h").write.format("noop").mode("overwrite").save()
spark.stop()
