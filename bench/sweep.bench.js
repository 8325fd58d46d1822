// `npm run bench sweep`: one sweep over 50 installations × 20 repositories against the local GitHub stand-in
// (loopback HTTP, test/support/github-stand-in.js), cold (a fresh process reads every tree, config and DAG file)
// and then warm (the same process, nothing changed: the in-process cache answers). Prints GitHub calls per
// repository, wall time and peak RSS. Every repository opted in with 3 DAG files; one in ten gets a proposal.
// GitHub's pacing of writes (the throttling plugin's one write a second) is off here: with it, each of the
// 100 pull requests would add ~5 s of deliberate waiting, which measures GitHub's etiquette, not the sweep.
import { generateKeyPairSync } from 'node:crypto';
import { Probot } from 'probot';
import { createBotLogin } from '../lib/publish/github/bot-login.js';
import { createSweepCache } from '../lib/sweep/sweep-cache.js';
import { sweepAll } from '../lib/sweep/sweep-all.js';
import { sweepOctokit } from '../lib/sweep/sweep-octokit.js';
import { totalsLine } from '../lib/sweep/summary-text.js';
import { startGitHubStandIn } from '../test/support/github-stand-in.js';

const INSTALLATIONS = 50;
const REPOS = 20;
const DAGS = 3;

function dagFile(dagId) {
  return `from airflow import DAG\nfrom airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator\n\nwith DAG("${dagId}") as dag:\n    SparkSubmitOperator(task_id="load", application="load.py", executor_memory="16g")\n`;
}

const installations = Array.from({ length: INSTALLATIONS }, (_, i) => ({
  id: i + 1,
  account: `org${i}`,
  repos: Array.from({ length: REPOS }, (_, r) => {
    const files = { '.github/spark-tuner.yml': 'dag_paths: [dags/]\n', 'README.md': '# repo\n' };
    for (let d = 0; d < DAGS; d += 1) files[`dags/dag_${i}_${r}_${d}.py`] = dagFile(`dag_${i}_${r}_${d}`);
    return { name: `repo${r}`, files };
  }),
}));

const github = await startGitHubStandIn({ installations });
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const probot = new Probot({
  appId: 1,
  privateKey,
  baseUrl: github.baseUrl,
  logLevel: 'fatal',
  Octokit: sweepOctokit().defaults((o) => ({ ...o, throttle: { ...o.throttle, enabled: false } })),
});
const source = {
  name: 'eventlogs',
  load: async (query) => ({ summaries: (query.dag_ids ?? []).map((dag_id) => ({ dag_id })), problems: [] }),
};
/** A proposal for the first DAG of every tenth repository; no change for the others. */
async function planner(request) {
  if (!/^dag_\d+_\d*0_0$/.test(request.dag_id)) return { kind: 'no-change', message: 'fits', diagnoses: [] };
  const path = `dags/${request.dag_id}.py`;
  const old = await request.repo.read(path);
  const fingerprint = `fp-${request.dag_id}`;
  return {
    kind: 'proposal',
    diagnoses: [],
    proposal: {
      dag_id: request.dag_id, file_path: path, old_content: old, new_content: old.replace('16g', '8g'), diff: '',
      title: `Tune ${request.dag_id}.load: spark.executor.memory 16g → 8g`, body: `Evidence\n\n<!-- spark-tuner:fingerprint=${fingerprint} -->\n`,
      commit_message: `Tune ${request.dag_id}`, fingerprint, labels: ['spark-tuning', 'cost'], edits: [],
    },
  };
}
const cache = createSweepCache();
const deps = {
  app: probot,
  metricsSource: () => ({ ok: true, source }),
  planner,
  clock: Date.now,
  botLogin: createBotLogin(() => probot.auth()),
  log: { info() {}, warn() {}, error() {} },
  cache,
};

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const repositories = INSTALLATIONS * REPOS;
for (const pass of ['cold', 'warm']) {
  const before = github.calls.length;
  const started = performance.now();
  const summary = await sweepAll(deps);
  const ms = performance.now() - started;
  const calls = github.calls.slice(before);
  const perRepo = calls.filter((call) => call.path.startsWith('/repos/')).length / repositories;
  const writes = calls.filter((call) => call.method !== 'GET').length;
  const other = calls.filter((call) => !call.path.startsWith('/repos/')).length;
  console.log(
    `${pass}: ${repositories} repositories in ${(ms / 1000).toFixed(1)} s (${(ms / repositories).toFixed(1)} ms each); ` +
      `GitHub calls: ${calls.length} (${perRepo.toFixed(2)} per repository + ${other} for the app and installations), ${writes} writes`,
  );
  console.log(`  ${totalsLine(summary)}`);
}
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
console.log(`peak RSS: ${(peakRss / 1e6).toFixed(0)} MB`);
await github.close();
