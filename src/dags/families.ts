import * as azureSynapse from './azure-synapse/index.js';
import * as databricks from './databricks/index.js';
import * as dataproc from './dataproc/index.js';
import * as emrJobFlow from './emr-job-flow/index.js';
import * as emrOnEks from './emr-on-eks/index.js';
import * as emrServerless from './emr-serverless/index.js';
import * as emrSteps from './emr-steps/index.js';
import type { DagFamily } from './family.js';
import { livy } from './livy/index.js';
import { lastNamePart } from './python/nodes.js';
import * as sparkKubernetes from './spark-kubernetes/index.js';
import { sparkSubmitOperator } from './spark-submit-operator/index.js';
import { yandexDataproc } from './yandex-dataproc/index.js';

/** Every pattern family (DESIGN §5), like Renovate's managers; add a new one here. */
export const FAMILIES: readonly DagFamily[] = [
  emrSteps, emrJobFlow, sparkSubmitOperator, emrServerless, emrOnEks, databricks, dataproc, livy, yandexDataproc,
  azureSynapse, sparkKubernetes,
];

/** The family that knows an operator (`spark_submit.SparkSubmitOperator` counts as `SparkSubmitOperator`). */
export function familyForOperator(operator: string): DagFamily | null {
  const className = lastNamePart(operator);
  return FAMILIES.find((family) => family.operators.includes(className)) ?? null;
}
