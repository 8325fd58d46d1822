import { S3Client } from '@aws-sdk/client-s3';

/**
 * An S3 client with the SDK's standard credential chain, region and endpoint settings (`AWS_ENDPOINT_URL_S3`,
 * `AWS_ENDPOINT_URL`, `AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`, profiles). With a custom endpoint (MinIO, LocalStack, a
 * test server) it addresses buckets by path (`http://host:port/bucket/key`), which such endpoints need; on AWS it
 * uses virtual-hosted addressing, and follows a redirect to the bucket's region.
 */
export function createS3Client(env: NodeJS.ProcessEnv = process.env): S3Client {
  const customEndpoint = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  return new S3Client({ forcePathStyle: customEndpoint, followRegionRedirects: true });
}

/** One sentence about a failed S3 call: the error's code and message, never a request signature. */
export function s3ErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = error.name !== 'Error' ? error.name : null;
  const message = error.message && error.message !== 'UnknownError' ? error.message : null;
  return [code, message, status ? `HTTP ${status}` : null].filter((part) => part !== null).join(': ');
}
