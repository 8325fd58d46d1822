import { confOperatorFamily } from '../settings/operator-arguments.js';

/**
 * Yandex Cloud Data Proc jobs (`airflow.providers.yandex.operators.dataproc`): `DataprocCreateSparkJobOperator`
 * and `DataprocCreatePysparkJobOperator` take the job's Spark properties as `properties={…}`
 * (`{"spark.executor.memory": "4g"}`), passed as they are to the job; they have no dedicated arguments.
 */
export const yandexDataproc = confOperatorFamily(
  { family: 'yandex-dataproc', dedicated: {}, confArgument: 'properties' },
  ['DataprocCreateSparkJobOperator', 'DataprocCreatePysparkJobOperator'],
);
