#!/usr/bin/env node
// `npm run schema`: writes the JSON Schema of the diagnosis JSON (generated from its zod definition) to schemas/.
import { writeFileSync } from 'node:fs';
import { DIAGNOSIS_SCHEMA_FILE, diagnosisJsonSchemaText } from '../lib/diagnose/json/json-schema.js';

writeFileSync(new URL(`../${DIAGNOSIS_SCHEMA_FILE}`, import.meta.url), diagnosisJsonSchemaText());
console.error(`wrote ${DIAGNOSIS_SCHEMA_FILE}`);
