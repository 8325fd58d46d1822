import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_SCHEMA_FILE, diagnosisJsonSchemaText } from '../../../src/diagnose/json/json-schema.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('the published JSON Schema of the diagnosis JSON', () => {
  it('is the one generated from the zod definition (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(path.join(ROOT, DIAGNOSIS_SCHEMA_FILE), 'utf8');
    expect(committed).toBe(diagnosisJsonSchemaText());
  });

  it('names its version, and requires findings, recommendations and held-back proposals apart', () => {
    const schema = JSON.parse(diagnosisJsonSchemaText()) as { properties: Record<string, unknown>; required: string[] };
    expect(schema.properties.schema_version).toEqual({ type: 'number', const: 1 });
    const task = (schema.properties.tasks as { items: { required: string[] } }).items;
    expect(task.required).toEqual(expect.arrayContaining(['findings', 'recommendations', 'held_back', 'notes']));
  });
});
