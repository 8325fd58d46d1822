import { z } from 'zod';
import { DIAGNOSIS_SCHEMA_VERSION, DiagnosisJsonSchema } from './diagnosis-schema.js';

/** Where the published JSON Schema of the diagnosis JSON lives, from the project root. */
export const DIAGNOSIS_SCHEMA_FILE = `schemas/diagnosis.v${DIAGNOSIS_SCHEMA_VERSION}.schema.json`;

/** The JSON Schema (draft 2020-12) of the diagnosis JSON, as committed in DIAGNOSIS_SCHEMA_FILE. */
export function diagnosisJsonSchemaText(): string {
  const schema = z.toJSONSchema(DiagnosisJsonSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
