import type { S3Client } from '@aws-sdk/client-s3';
import { isS3Url } from '../s3/s3-location.js';
import { findEventLogs } from './find-event-logs.js';
import type { FoundEventLogs } from './group-event-logs.js';

/** The S3 client to use, made on first need. */
export type S3ClientSource = () => Promise<S3Client>;

/**
 * Event logs under local paths and `s3://bucket/prefix` locations alike, grouped the same way. The S3 client is
 * made on first need (the SDK's standard settings) unless one is given; the AWS SDK is not even loaded for local
 * paths (it costs about 25 MB).
 */
export async function locateEventLogs(locations: readonly string[], s3: S3ClientSource = lazyS3Client()): Promise<FoundEventLogs> {
  const found: FoundEventLogs = { logs: [], problems: [] };
  for (const location of locations) {
    const part = isS3Url(location) ? await findS3(location, s3) : await findEventLogs([location]);
    found.logs.push(...part.logs);
    found.problems.push(...part.problems);
  }
  return found;
}

/** A function returning the same S3 client every call, made on the first. */
export function lazyS3Client(): S3ClientSource {
  let client: Promise<S3Client> | null = null;
  return () => (client ??= import('../s3/s3-client.js').then(({ createS3Client }) => createS3Client()));
}

async function findS3(location: string, s3: S3ClientSource): Promise<FoundEventLogs> {
  try {
    const { findS3EventLogs } = await import('../s3/s3-log-store.js');
    return await findS3EventLogs(location, await s3());
  } catch (error) {
    return { logs: [], problems: [error instanceof Error ? error.message : String(error)] };
  }
}
