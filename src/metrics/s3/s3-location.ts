/** A bucket and a key prefix, from `s3://bucket/prefix`. */
export interface S3Location {
  bucket: string;
  /** The key prefix without a trailing slash ('' for the whole bucket). */
  prefix: string;
}

const S3_URL = /^s3:\/\/([^/]+)(?:\/(.*))?$/;
/** S3's bucket naming rules (3–63 lowercase letters, digits, dots and hyphens), loosely. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Whether a location names S3 (`s3://…`) rather than a local path. */
export function isS3Url(location: string): boolean {
  return location.startsWith('s3://');
}

/** The bucket and prefix of an `s3://` URL; throws one plain sentence when it is not one. */
export function parseS3Url(url: string): S3Location {
  const match = S3_URL.exec(url);
  const bucket = match?.[1];
  if (match === null || bucket === undefined || !BUCKET.test(bucket)) {
    throw new Error(`${url} is not an S3 location; write it as s3://bucket/prefix.`);
  }
  return { bucket, prefix: (match[2] ?? '').replace(/\/+$/, '') };
}

/** `s3://bucket/key`. */
export function s3Url(bucket: string, key: string): string {
  return key === '' ? `s3://${bucket}` : `s3://${bucket}/${key}`;
}

/** The key an `s3://bucket/key` URL of that bucket names. */
export function keyOf(bucket: string, url: string): string {
  const root = `s3://${bucket}/`;
  if (!url.startsWith(root)) throw new Error(`${url} is not in bucket ${bucket}.`);
  return url.slice(root.length);
}
