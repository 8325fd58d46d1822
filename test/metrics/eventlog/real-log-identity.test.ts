import { describe, expect, it } from 'vitest';
import { hasSharedEvents } from '../../support/shared-data.js';
import { summarizeShared } from './support/shared-summary.js';

const PLATFORM = 'NVIDIA-spark-rapids-tools/core/src/test/resources/spark-events-qualification/cluster_information/platform';
const KUBEFLOW = 'kubeflow-mcp-apache-spark-history-server/examples/basic/events/eventlog_v2_spark-bcec39f6201b42b9925124595baad260';

describe.skipIf(!hasSharedEvents)('cluster_id and team from real logs', () => {
  it.each([
    [`${PLATFORM}/emr`, 'j-123AB678XY321'],
    [`${PLATFORM}/databricks-aws`, '1212-214324-test'],
    [`${PLATFORM}/databricks-azure`, '1212-214324-test'],
    [`${PLATFORM}/dataproc`, null],
    [`${PLATFORM}/onprem`, null],
    [KUBEFLOW, 'spark-team-a'],
  ])('%s → %s', async (log, cluster) => {
    const row = await summarizeShared(log);
    expect(row.cluster_id).toBe(cluster);
    expect(row.team).toBeNull();
  });
});
