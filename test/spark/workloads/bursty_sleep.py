"""What-if check: driver-only pauses around a main stage of 64 sleeping tasks that fills every executor slot.

The tasks sleep (0.4-1.2 s, seeded per task) rather than compute, so the executor count sets how long the stage takes
even on a machine with fewer cores than executors: the run measures scheduling, the thing the what-if replays.
"""
import random
import time

from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("bursty_sleep").getOrCreate()
sc = spark.sparkContext


def work(i):
    time.sleep(random.Random(i).uniform(0.4, 1.2))
    return i


time.sleep(4)  # the driver alone: planning, a driver-side read
assert sc.parallelize(range(64), 64).map(work).count() == 64
time.sleep(4)
assert sc.parallelize(range(4), 4).map(work).count() == 4
spark.stop()
