/** Locating a DAG in a repository and rewriting Spark settings in its Python or dag-factory YAML file (DESIGN §5). */
export { extractTaskSettings, type TaskSettingsResult } from './extract-task-settings.js';
export { FAMILIES, familyForOperator } from './families.js';
export { inspectDagFile, type DagFileInfo, type DagSummary } from './inspect-dag-file.js';
export { localRepoFiles } from './local-repo-files.js';
export { locateDag, type LocateOptions } from './locate.js';
export { MAX_DAG_FILE_BYTES } from './size-limit.js';
export { rewriteDag, type RewriteOptions } from './rewrite.js';
export { unifiedDiff } from './unified-diff.js';
