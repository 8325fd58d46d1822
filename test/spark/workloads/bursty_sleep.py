"""What-if check: driver-only pauses around a main stage of 48 sleeping tasks that fills every executor slot.

Start-up is kept out of what is measured: the script waits until every executor of `local-cluster[N,…]` has
registered, then runs a warm-up stage of one task per executor so each has its Python worker (reused afterwards).
The measured part follows: a driver-only pause, the main stage, another pause and a small stage.

The tasks sleep (0.5-1.5 s, seeded per task) rather than compute, so the executor count sets how long a stage takes
even on a machine with fewer cores than executors: the run measures scheduling, the thing the what-if replays.
"""
import random
import re
import time

from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("bursty_sleep").getOrCreate()
sc = spark.sparkContext
executors = int(re.match(r"local-cluster\[(\d+)", sc.master).group(1))


def registered():
    return sc._jsc.sc().getExecutorMemoryStatus().size() - 1  # the driver's block manager is in the map too


deadline = time.time() + 180
while registered() < executors:
    if time.time() > deadline:
        raise SystemExit(f"only {registered()} of {executors} executors registered in 180 s")
    time.sleep(0.2)


def warm(i):
    time.sleep(2)  # long enough for every task to start before one finishes: one per executor
    return i


def work(i):
    time.sleep(random.Random(i).uniform(0.5, 1.5))
    return i


assert sc.parallelize(range(executors), executors).map(warm).count() == executors
# the measured part
time.sleep(4)  # the driver alone: planning, a driver-side read
assert sc.parallelize(range(48), 48).map(work).count() == 48
time.sleep(4)
assert sc.parallelize(range(100, 104), 4).map(work).count() == 4
spark.stop()
