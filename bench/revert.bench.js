// `npm run bench revert`: what auto-revert costs per DAG file. For every fixture of test/dags/fixtures/ that the
// rewrite engine edits, the tuning is applied, then `planRevert` reads the value Spark obeys (extract) and restores
// the previous value texts (the same rewrite engine), in one process after the tree-sitter initialisation. Prints
// the median and max time per revert and checks that every revert gives the original bytes back.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../test/dags/fixtures/', import.meta.url));
const ROUNDS = 5;

const { rewriteDag } = await import('../lib/dags/rewrite.js');
const { planRevert } = await import('../lib/verify/plan-revert.js');
const { pythonParser } = await import('../lib/dags/python/parser.js');

await pythonParser();
const cases = [];
for (const name of readdirSync(FIXTURES).sort()) {
  const change = path.join(FIXTURES, name, 'change.json');
  if (!existsSync(change)) continue;
  const file = ['input.py', 'input.yml', 'input.yaml'].find((each) => existsSync(path.join(FIXTURES, name, each)));
  if (!file) continue;
  const original = readFileSync(path.join(FIXTURES, name, file), 'utf8');
  const { dag_id: dagId, changes } = JSON.parse(readFileSync(change, 'utf8'));
  const filePath = `dags/${name}/${file}`;
  const tuned = await rewriteDag(original, dagId, changes, { path: filePath });
  if (tuned.kind !== 'edited') continue;
  const record = tuned.edits.map(({ task_id, key, old_value, new_value }) => ({ task_id, key, old_value, new_value }));
  cases.push({ name, original, tuned: tuned.content, dagId, filePath, record });
}

const times = [];
let restored = 0;
let refused = 0;
for (const item of cases) {
  const samples = [];
  let plan = null;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    plan = await planRevert(item.tuned, item.filePath, item.dagId, item.record);
    samples.push(performance.now() - start);
  }
  times.push(samples.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]);
  if (plan?.kind === 'revert') {
    if (plan.content !== item.original) throw new Error(`${item.name}: the revert does not give the original bytes back`);
    restored += 1;
  } else refused += 1;
}
times.sort((a, b) => a - b);
const fmt = (ms) => `${ms.toFixed(2)} ms`;
console.log(`fixtures edited by the tuning: ${cases.length}; reverted to the original bytes: ${restored}; refused (a key the tuning added): ${refused}`);
console.log(`planRevert per file (median of ${ROUNDS} runs each): median ${fmt(times[Math.floor(times.length / 2)] ?? 0)}, p95 ${fmt(times[Math.floor(times.length * 0.95)] ?? 0)}, max ${fmt(times.at(-1) ?? 0)}`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
