import type { DagFamily } from './family.js';
import { lastNamePart } from './python/nodes.js';
import * as sparkSubmitOperator from './spark-submit-operator/index.js';

/** Every pattern family; add a new one here. */
export const FAMILIES: readonly DagFamily[] = [sparkSubmitOperator];

/** The family that knows an operator (`spark_submit.SparkSubmitOperator` counts as `SparkSubmitOperator`). */
export function familyForOperator(operator: string): DagFamily | null {
  const className = lastNamePart(operator);
  return FAMILIES.find((family) => family.operators.includes(className)) ?? null;
}
