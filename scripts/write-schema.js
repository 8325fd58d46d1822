#!/usr/bin/env node
// `npm run schema`: writes schema/spark-tuner.schema.json from the zod schemas of the repository config (built lib/).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_PATH, repoConfigJsonSchema } from '../lib/config/repo-config-json-schema.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const target = path.join(root, JSON_SCHEMA_PATH);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, repoConfigJsonSchema());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
