import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_PATH, repoConfigJsonSchema } from '../../src/config/repo-config-json-schema.js';

describe('the JSON Schema of .github/spark-tuner.yml', () => {
  it('is committed as generated from the zod schemas (run `npm run schema` after changing them)', () => {
    expect(readFileSync(JSON_SCHEMA_PATH, 'utf8')).toBe(repoConfigJsonSchema());
  });

  it('describes the dashboard and verify keys with their defaults, and refuses unknown keys', () => {
    const schema = JSON.parse(repoConfigJsonSchema()) as {
      additionalProperties: boolean;
      properties: Record<string, { type?: string; properties?: Record<string, { default?: unknown }> }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.dashboard?.type).toBe('boolean');
    expect(schema.properties.verify?.properties?.max_slowdown?.default).toBe(0.2);
    expect(schema.properties.verify?.properties?.window_days?.default).toBe(30);
    expect(schema.properties.node_memory).toBeDefined();
  });
});
