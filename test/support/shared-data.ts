import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The real Spark event logs and their oracles: `../shared/spark-events` beside the checkout. */
export const SHARED_EVENTS_DIR = process.env.SPARK_EVENTS_DIR
  ?? path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/spark-events');

export const hasSharedEvents = existsSync(SHARED_EVENTS_DIR);

if (!hasSharedEvents) {
  if (process.env.SPARK_TUNER_REQUIRE_SHARED) {
    throw new Error(`The real event logs are missing at ${SHARED_EVENTS_DIR}; CI needs ../shared beside the checkout.`);
  }
  console.warn(`Skipping tests on real event logs: ${SHARED_EVENTS_DIR} does not exist (set SPARK_EVENTS_DIR).`);
}

/** Absolute path of a log, given its path under `logs/` (e.g. `apache-spark/core/src/test/resources/spark-events/app-…`). */
export function sharedLog(relative: string): string {
  return path.join(SHARED_EVENTS_DIR, 'logs', relative);
}

/** Absolute path of an oracle file under `expectations/`. */
export function sharedExpectation(relative: string): string {
  return path.join(SHARED_EVENTS_DIR, 'expectations', relative);
}
