/** Where a cluster identity may be written, beyond `Spark Properties`. */
export interface HostProperties {
  /** `System Properties` (JVM system properties and, on EMR, the cluster's environment). */
  system: Readonly<Record<string, string>>;
  /** `Hadoop Properties` (Spark 3.0+). */
  hadoop: Readonly<Record<string, string>>;
}

/** The `System Properties` and `Hadoop Properties` keys `clusterId` reads (the others are not kept). */
export const HOST_PROPERTY_KEYS: ReadonlySet<string> = new Set([
  'EMR_CLUSTER_ID', 'yarn.resourcemanager.cluster-id', 'yarn.resourcemanager.hostname', 'yarn.resourcemanager.address',
]);

const NOT_A_HOST = /^(?:0\.0\.0\.0|localhost|127\.\d+\.\d+\.\d+|\[?::1?\]?)$|\$\{|\*{3}/i;

/**
 * The cluster an application ran on, from the first that is set:
 * 1. Databricks: `spark.databricks.clusterUsageTags.clusterId`;
 * 2. EMR: `EMR_CLUSTER_ID` in `System Properties` (`j-…`, the job-flow id);
 * 3. YARN (`spark.master` yarn): the ResourceManager's HA `yarn.resourcemanager.cluster-id`, else its host
 *    (`yarn.resourcemanager.hostname`, or the host of `yarn.resourcemanager.address`), from `Hadoop Properties`
 *    or `spark.hadoop.*`; wildcard and loopback addresses (`0.0.0.0`, the Hadoop default) do not count;
 * 4. Kubernetes (`spark.master` k8s://…): the namespace, `spark.kubernetes.namespace` (the API server address
 *    seen from inside a pod is the same service IP in every cluster, so it names nothing).
 * Null when none is known: a YARN queue or an app name is not a cluster.
 */
export function clusterId(props: Readonly<Record<string, string>>, host: HostProperties): string | null {
  const master = props['spark.master']?.trim().toLowerCase() ?? '';
  const hadoop = (key: string): string | undefined => usable(props[`spark.hadoop.${key}`]) ?? usable(host.hadoop[key]);
  const databricks = usable(props['spark.databricks.clusterUsageTags.clusterId']);
  if (databricks) return databricks;
  const emr = usable(host.system.EMR_CLUSTER_ID);
  if (emr) return emr;
  if (master.startsWith('yarn')) {
    const address = hadoop('yarn.resourcemanager.address');
    const addressHost = address === undefined ? undefined : usable(address.replace(/:\d+$/, ''));
    return hadoop('yarn.resourcemanager.cluster-id') ?? hadoop('yarn.resourcemanager.hostname') ?? addressHost ?? null;
  }
  if (master.startsWith('k8s://')) return usable(props['spark.kubernetes.namespace']) ?? null;
  return null;
}

function usable(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && !NOT_A_HOST.test(trimmed) ? trimmed : undefined;
}
