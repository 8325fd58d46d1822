import { z } from 'zod';
import { REPO_CONFIG_KEYS } from './repo-config-schema.js';
import { REPO_CONFIG_PATH } from './repo-config-types.js';

/** Where the JSON Schema is committed, for editors' YAML language servers. */
export const JSON_SCHEMA_PATH = 'schemas/spark-tuner.schema.json';

/**
 * The JSON Schema of `.github/spark-tuner.yml`, generated from the same zod schemas that validate it (the shape a
 * person writes: every key optional, no unknown keys). `npm run schema` writes it; a test fails when it is stale.
 */
export function repoConfigJsonSchema(): string {
  const file = z.strictObject(REPO_CONFIG_KEYS).partial().meta({
    title: 'spark-tuner repository settings',
    description: `${REPO_CONFIG_PATH}: its presence opts the repository in to spark-tuner.`,
  });
  const schema = z.toJSONSchema(file, { io: 'input', unrepresentable: 'any', target: 'draft-07' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
