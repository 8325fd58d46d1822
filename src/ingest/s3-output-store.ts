import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3ErrorText } from '../metrics/s3/s3-client.js';
import { parseS3Url } from '../metrics/s3/s3-location.js';
import type { OutputStore } from './output-store.js';

/** An S3 prefix; PutObject replaces an object atomically. */
export function s3OutputStore(location: string, client: S3Client): OutputStore {
  const { bucket, prefix } = parseS3Url(location);
  const keyOf = (name: string): string => (prefix === '' ? name : `${prefix}/${name}`);
  return {
    location,
    async read(name) {
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(name) }));
        return (await response.Body?.transformToString('utf8')) ?? '';
      } catch (error) {
        if (error instanceof Error && error.name === 'NoSuchKey') return null;
        throw new Error(`s3://${bucket}/${keyOf(name)} could not be read (${s3ErrorText(error)}).`);
      }
    },
    async write(name, text) {
      const contentType = name.endsWith('.jsonl') ? 'application/x-ndjson' : 'application/json';
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(name), Body: text, ContentType: contentType }));
      } catch (error) {
        throw new Error(`s3://${bucket}/${keyOf(name)} could not be written (${s3ErrorText(error)}).`);
      }
    },
  };
}
