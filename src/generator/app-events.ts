import { parseMemoryMb } from '../metrics/memory-size.js';
import type { EventLogSpec } from './spec.js';

const MIB = 1024 * 1024;
const RESERVED_MIB = 300;

/** A YARN executor as the log shows it. */
export interface ExecutorPlacement {
  id: string;
  host: string;
  container: string;
}

/** The Spark properties a Spark 3.5 YARN application logs, from the spec (Spark writes them unsorted). */
export function sparkProperties(spec: EventLogSpec): Record<string, string> {
  return {
    'spark.app.name': spec.appName,
    'spark.app.id': spec.appId,
    'spark.app.startTime': String(spec.startTime),
    'spark.app.submitTime': String(spec.startTime - 2417),
    'spark.master': 'yarn',
    'spark.submit.deployMode': 'cluster',
    'spark.executor.memory': spec.executorMemory,
    'spark.executor.cores': String(spec.executorCores),
    'spark.executor.instances': String(spec.executors),
    'spark.driver.memory': spec.driverMemory,
    'spark.driver.cores': String(spec.driverCores),
    'spark.dynamicAllocation.enabled': 'false',
    'spark.eventLog.enabled': 'true',
    'spark.eventLog.dir': 'hdfs:///var/log/spark/apps',
    'spark.eventLog.logStageExecutorMetrics': 'true',
    'spark.executor.id': 'driver',
    'spark.driver.host': 'ip-10-0-1-10.ec2.internal',
    'spark.driver.port': '38475',
    'spark.yarn.queue': 'default',
    'spark.serializer': 'org.apache.spark.serializer.KryoSerializer',
    'spark.sql.catalogImplementation': 'hive',
    'spark.hadoop.fs.s3a.secret.key': '*********(redacted)',
    ...spec.properties,
  };
}

/** Executor heap in bytes (`spark.executor.memory`). */
export function heapBytes(memory: string): number {
  return (parseMemoryMb(memory) ?? 1024) * MIB;
}

/** Storage memory a block manager reports for a heap (Spark's unified memory: (heap − 300 MiB) × 0.6). */
function storageBytes(memory: string): number {
  return Math.floor((heapBytes(memory) - RESERVED_MIB * MIB) * 0.6);
}

export function logStart(spec: EventLogSpec): object {
  return { Event: 'SparkListenerLogStart', 'Spark Version': spec.sparkVersion };
}

export function resourceProfileAdded(spec: EventLogSpec): object {
  const request = (name: string, amount: number): object => ({ 'Resource Name': name, Amount: amount, 'Discovery Script': '', Vendor: '' });
  return {
    Event: 'SparkListenerResourceProfileAdded',
    'Resource Profile Id': 0,
    'Executor Resource Requests': {
      cores: request('cores', spec.executorCores),
      memory: request('memory', parseMemoryMb(spec.executorMemory) ?? 1024),
      offHeap: request('offHeap', 0),
    },
    'Task Resource Requests': { cpus: { 'Resource Name': 'cpus', Amount: 1 } },
  };
}

export function blockManagerAdded(executorId: string, host: string, memory: string, timestamp: number): object {
  const maximum = storageBytes(memory);
  return {
    Event: 'SparkListenerBlockManagerAdded',
    'Block Manager ID': { 'Executor ID': executorId, Host: host, Port: 35000 + (executorId === 'driver' ? 0 : Number(executorId)) },
    'Maximum Memory': maximum,
    Timestamp: timestamp,
    'Maximum Onheap Memory': maximum,
    'Maximum Offheap Memory': 0,
  };
}

export function environmentUpdate(spec: EventLogSpec): object {
  return {
    Event: 'SparkListenerEnvironmentUpdate',
    'JVM Information': { 'Java Home': '/usr/lib/jvm/java-17-amazon-corretto.x86_64', 'Java Version': '17.0.13 (Amazon.com Inc.)', 'Scala Version': 'version 2.12.18' },
    'Spark Properties': sparkProperties(spec),
    'Hadoop Properties': { 'fs.defaultFS': 'hdfs://ip-10-0-1-10.ec2.internal:8020', 'yarn.resourcemanager.hostname': 'ip-10-0-1-10.ec2.internal', 'mapreduce.framework.name': 'yarn' },
    'System Properties': { 'java.io.tmpdir': '/tmp', 'user.name': spec.user, 'file.encoding': 'UTF-8', 'os.name': 'Linux', 'java.version': '17.0.13', SPARK_SUBMIT: 'true' },
    'Metrics Properties': { '*.sink.servlet.class': 'org.apache.spark.metrics.sink.MetricsServlet', '*.sink.servlet.path': '/metrics/json' },
    'Classpath Entries': { '/usr/lib/spark/jars/spark-core_2.12-3.5.1.jar': 'System Classpath', '/usr/lib/spark/conf/': 'System Classpath' },
  };
}

export function applicationStart(spec: EventLogSpec): object {
  return {
    Event: 'SparkListenerApplicationStart',
    'App Name': spec.appName,
    'App ID': spec.appId,
    Timestamp: spec.startTime,
    User: spec.user,
    'App Attempt ID': spec.attemptId,
    'Driver Logs': { stdout: 'http://ip-10-0-1-10.ec2.internal:8042/node/containerlogs/stdout', stderr: 'http://ip-10-0-1-10.ec2.internal:8042/node/containerlogs/stderr' },
  };
}

export function executorAdded(spec: EventLogSpec, executor: ExecutorPlacement, timestamp: number): object {
  const logs = `http://${executor.host}:8042/node/containerlogs/${executor.container}/${spec.user}`;
  return {
    Event: 'SparkListenerExecutorAdded',
    Timestamp: timestamp,
    'Executor ID': executor.id,
    'Executor Info': {
      Host: executor.host,
      'Total Cores': spec.executorCores,
      'Log Urls': { stdout: `${logs}/stdout?start=-4096`, stderr: `${logs}/stderr?start=-4096` },
      Attributes: { NM_HOST: executor.host, NM_PORT: '8041', NM_HTTP_PORT: '8042', CONTAINER_ID: executor.container, USER: spec.user, LOG_FILES: 'stderr,stdout' },
      Resources: {},
      'Resource Profile Id': 0,
      'Registration Time': timestamp,
      'Request Time': timestamp - 4210,
    },
  };
}

export function executorRemoved(executorId: string, timestamp: number): object {
  return { Event: 'SparkListenerExecutorRemoved', Timestamp: timestamp, 'Executor ID': executorId, 'Removed Reason': 'Executor killed by driver.' };
}

export function applicationEnd(timestamp: number): object {
  return { Event: 'SparkListenerApplicationEnd', Timestamp: timestamp };
}
