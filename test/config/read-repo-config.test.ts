import { describe, expect, it } from 'vitest';
import { parseRepoConfig, readRepoConfig } from '../../src/config/read-repo-config.js';
import { DEFAULT_REPO_CONFIG } from '../../src/config/repo-config-schema.js';
import type { RepoFiles } from '../../src/dags/types.js';

function repoWith(files: Record<string, string>): RepoFiles {
  return { list: async () => Object.keys(files), read: async (p) => files[p] ?? '' };
}

describe('parseRepoConfig', () => {
  it('reads the example of DESIGN §7', () => {
    const { config, problems } = parseRepoConfig(`
enabled: true                 # default true
dag_paths: [dags/, pipelines/**/*.py]
lookback_days: 7
min_runs: 5
rules:
  executor-memory-overprovisioned: { max_peak_ratio: 0.6 }
limits: { prs_per_sweep: 1 }
reviewers: [alice, data-eng/platform]
ignore: [{ dag: nightly_orders, task: load_orders, keys: [spark.executor.cores] }]
`);
    expect(problems).toEqual([]);
    expect(config.dag_paths).toEqual(['dags/', 'pipelines/**/*.py']);
    expect(config.lookback_days).toBe(7);
    expect(config.rules).toEqual({ 'executor-memory-overprovisioned': { max_peak_ratio: 0.6 } });
    expect(config.limits).toEqual({ prs_per_sweep: 1, open_prs: 5 });
    expect(config.reviewers).toEqual(['alice', 'data-eng/platform']);
    expect(config.ignore[0]?.keys).toEqual(['spark.executor.cores']);
  });

  it('reports unknown keys and bad values in plain words and keeps the defaults for them', () => {
    const { config, problems } = parseRepoConfig('lookback_days: -3\ndag_path: [dags/]\nmin_runs: 4\ndag_paths: [../secrets]\n');
    expect(config.lookback_days).toBe(14);
    expect(config.min_runs).toBe(4);
    expect(config.dag_paths).toEqual(['dags/']);
    expect(problems).toEqual([
      '`lookback_days` in .github/spark-tuner.yml is not valid: Too small: expected number to be >=1; using the default.',
      'Unknown setting `dag_path` in .github/spark-tuner.yml; it is ignored.',
      '`dag_paths` in .github/spark-tuner.yml is not valid (at 0): must stay inside the repository; using the default.',
    ]);
  });

  it('reads dashboard and verify, with the defaults of DESIGN §7 for what is left out or bad', () => {
    expect(DEFAULT_REPO_CONFIG.dashboard).toBe(true);
    expect(DEFAULT_REPO_CONFIG.verify).toEqual({ enabled: true, min_runs: 3, max_slowdown: 0.2, window_days: 30, auto_revert: true });
    const { config, problems } = parseRepoConfig('dashboard: false\nverify: { min_runs: 5, auto_revert: false }\n');
    expect(problems).toEqual([]);
    expect(config.dashboard).toBe(false);
    expect(config.verify).toEqual({ enabled: true, min_runs: 5, max_slowdown: 0.2, window_days: 30, auto_revert: false });
    const bad = parseRepoConfig('dashboard: maybe\nverify: { max_slowdown: -1 }\n');
    expect(bad.config.dashboard).toBe(true);
    expect(bad.config.verify).toEqual(DEFAULT_REPO_CONFIG.verify);
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems[1]).toMatch(/^`verify` in \.github\/spark-tuner\.yml is not valid \(at max_slowdown\)/);
  });

  it('survives YAML that does not parse, and a file that is not a mapping', () => {
    expect(parseRepoConfig('rules: [unclosed').problems[0]).toMatch(/^\.github\/spark-tuner\.yml is not valid YAML/);
    expect(parseRepoConfig('- a\n- b\n').problems).toEqual(['.github/spark-tuner.yml must be a mapping of settings; using the defaults.']);
    expect(parseRepoConfig('').config).toEqual(DEFAULT_REPO_CONFIG);
  });
});

describe('max_dag_file_mb', () => {
  it('is 5 by default and takes another size in megabytes', () => {
    expect(parseRepoConfig('').config.max_dag_file_mb).toBe(5);
    expect(parseRepoConfig('max_dag_file_mb: 12.5\n')).toMatchObject({ config: { max_dag_file_mb: 12.5 }, problems: [] });
  });

  it('keeps the default for a size that is not a positive number of at most 100', () => {
    const { config, problems } = parseRepoConfig('max_dag_file_mb: 0\n');
    expect(config.max_dag_file_mb).toBe(5);
    expect(problems).toEqual([expect.stringContaining('`max_dag_file_mb` in .github/spark-tuner.yml is not valid')]);
  });
});

describe('node_memory and prices', () => {
  it('takes a Spark memory size for the node and prices for the estimate', () => {
    const { config, problems } = parseRepoConfig('node_memory: 120g\nprices: { vcpu_hour_usd: 0.04 }\n');
    expect(problems).toEqual([]);
    expect(config.node_memory_mb).toBe(122_880);
    expect(config.prices).toEqual({ vcpu_hour_usd: 0.04, gb_hour_usd: 0.0057785 });
  });

  it('explains a node size that is not one', () => {
    const { config, problems } = parseRepoConfig('node_memory: lots\n');
    expect(config.node_memory_mb).toBe(57_344);
    expect(problems).toEqual(['`node_memory` in .github/spark-tuner.yml is not valid: must be a memory size of at least 1g, like 56g; using the default.']);
  });
});

describe('readRepoConfig', () => {
  it('opts a repository in only when the file exists', async () => {
    expect((await readRepoConfig(repoWith({ 'dags/a.py': '' }))).present).toBe(false);
    const found = await readRepoConfig(repoWith({ '.github/spark-tuner.yml': 'min_runs: 2\n' }));
    expect(found).toMatchObject({ present: true, problems: [] });
    expect(found.config.min_runs).toBe(2);
  });
});

describe('verify', () => {
  it('takes the thresholds of DESIGN §10, defaults for the keys left out', () => {
    const { config, problems } = parseRepoConfig('verify: { max_slowdown: 0.3, min_runs: 5 }\n');
    expect(problems).toEqual([]);
    expect(config.verify).toEqual({ enabled: true, min_runs: 5, max_slowdown: 0.3, window_days: 30, auto_revert: true });
  });

  it('a bad threshold falls back to the defaults, with a problem', () => {
    const { config, problems } = parseRepoConfig('verify: { max_slowdown: -1 }\n');
    expect(problems).toHaveLength(1);
    expect(config.verify.max_slowdown).toBe(0.2);
  });
});
