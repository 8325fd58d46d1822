import { createHash } from 'node:crypto';

/** The SHA-1 git gives a blob with this UTF-8 text, to compare file contents without fetching them. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
