import { describe, expect, it } from 'vitest';
import { clusterId } from '../../../src/metrics/eventlog/cluster-id.js';

const none = { system: {}, hadoop: {} };

describe('clusterId', () => {
  it('reads the Databricks cluster id, then EMR\'s job-flow id from System Properties', () => {
    expect(clusterId({ 'spark.databricks.clusterUsageTags.clusterId': '1212-214324-test', 'spark.master': 'spark://10.0.0.1:7077' }, none)).toBe('1212-214324-test');
    expect(clusterId({ 'spark.master': 'yarn' }, { system: { EMR_CLUSTER_ID: 'j-123AB678XY321' }, hadoop: { 'yarn.resourcemanager.hostname': 'ip-10-0-0-1' } }))
      .toBe('j-123AB678XY321');
  });

  it('falls back on YARN to the ResourceManager\'s HA cluster id, then its host, ignoring wildcard and loopback addresses', () => {
    const yarn = { 'spark.master': 'yarn' };
    expect(clusterId(yarn, { system: {}, hadoop: { 'yarn.resourcemanager.cluster-id': 'prod-rm', 'yarn.resourcemanager.hostname': 'rm1' } })).toBe('prod-rm');
    expect(clusterId(yarn, { system: {}, hadoop: { 'yarn.resourcemanager.hostname': 'ip-172-31-1-2.ec2.internal' } })).toBe('ip-172-31-1-2.ec2.internal');
    expect(clusterId({ ...yarn, 'spark.hadoop.yarn.resourcemanager.address': 'rm.example.com:8032' }, none)).toBe('rm.example.com');
    expect(clusterId(yarn, { system: {}, hadoop: { 'yarn.resourcemanager.hostname': '0.0.0.0', 'yarn.resourcemanager.address': '${yarn.resourcemanager.hostname}:8032' } }))
      .toBeNull();
  });

  it('falls back on Kubernetes to the namespace, and is null elsewhere', () => {
    expect(clusterId({ 'spark.master': 'k8s://https://172.20.0.1:443', 'spark.kubernetes.namespace': 'spark-team-a' }, none)).toBe('spark-team-a');
    expect(clusterId({ 'spark.master': 'local[*]', 'spark.kubernetes.namespace': 'x' }, { system: {}, hadoop: { 'yarn.resourcemanager.hostname': 'rm1' } })).toBeNull();
    expect(clusterId({}, none)).toBeNull();
  });
});
