#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.js in turn, each in its own process (so peak RSS is its own),
// against the built lib/. Speed and memory are measured here, never asserted in tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.js'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
if (benches.length === 0) console.log('no benchmarks matched');
process.exitCode = failed === 0 ? 0 : 1;
