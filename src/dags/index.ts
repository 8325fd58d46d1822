/** Locating a DAG in a repository and rewriting Spark settings in its Python file (DESIGN §5). */
export { FAMILIES, familyForOperator } from './families.js';
export { inspectDagFile, type DagFileInfo, type DagSummary } from './inspect-dag-file.js';
export { localRepoFiles } from './local-repo-files.js';
export { locateDag, MAX_DAG_FILE_BYTES } from './locate.js';
export { rewriteDag } from './rewrite.js';
export { unifiedDiff } from './unified-diff.js';
