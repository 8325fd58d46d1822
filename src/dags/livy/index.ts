import { confOperatorFamily } from '../settings/operator-arguments.js';

/** Apache Livy's `LivyOperator`: `conf={...}` and the batch fields (`executor_memory=` …) that win over it. */
export const livy = confOperatorFamily(
  {
    family: 'livy',
    dedicated: {
      executor_memory: 'spark.executor.memory',
      executor_cores: 'spark.executor.cores',
      num_executors: 'spark.executor.instances',
      driver_memory: 'spark.driver.memory',
      driver_cores: 'spark.driver.cores',
    },
  },
  ['LivyOperator'],
);
