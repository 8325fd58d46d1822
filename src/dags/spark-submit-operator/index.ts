import { confOperatorFamily } from '../settings/operator-arguments.js';

/** Airflow's `SparkSubmitOperator`: `conf={...}` entries and the `executor_memory=`-style arguments that win over them. */
export const sparkSubmitOperator = confOperatorFamily(
  {
    family: 'spark-submit-operator',
    dedicated: {
      executor_memory: 'spark.executor.memory',
      executor_cores: 'spark.executor.cores',
      num_executors: 'spark.executor.instances',
      driver_memory: 'spark.driver.memory',
      total_executor_cores: 'spark.cores.max',
    },
  },
  ['SparkSubmitOperator'],
);
