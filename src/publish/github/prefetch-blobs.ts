import type { GitHubClient, RepoId } from './types.js';

/** Blobs per GraphQL query: one query instead of one REST call per file. */
const BATCH = 50;

interface BlobText {
  text: string | null;
  isBinary: boolean | null;
  isTruncated: boolean;
}

type BatchAnswer = { repository: Record<string, BlobText | null> | null };

/**
 * The texts of many blobs (by sha) in GraphQL batches. Blobs GraphQL leaves out (binary, truncated, missing) are
 * simply absent from the result: the caller reads those one by one over REST.
 */
export async function prefetchBlobTexts(octokit: GitHubClient, repo: RepoId, shas: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (let start = 0; start < shas.length; start += BATCH) {
    const batch = shas.slice(start, start + BATCH);
    const fields = batch.map((_, i) => `b${i}: object(oid: $o${i}) { ... on Blob { text isBinary isTruncated } }`);
    const variables = Object.fromEntries(batch.map((sha, i) => [`o${i}`, sha]));
    const params = batch.map((_, i) => `$o${i}: GitObjectID!`).join(', ');
    const query = `query($owner: String!, $name: String!, ${params}) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
    const answer = await octokit.graphql<BatchAnswer>(query, { owner: repo.owner, name: repo.repo, ...variables });
    batch.forEach((sha, i) => {
      const blob = answer.repository?.[`b${i}`];
      if (blob && blob.text !== null && !blob.isBinary && !blob.isTruncated) texts.set(sha, blob.text);
    });
  }
  return texts;
}
