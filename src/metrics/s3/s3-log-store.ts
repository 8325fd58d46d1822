import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { collectDirectory, fileLog, type FoundEventLogs, type LogTree, type TreeEntry } from '../eventlog/group-event-logs.js';
import { LogStoreError, type LogStore, type PartInfo } from '../eventlog/log-store.js';
import { s3ErrorText } from './s3-client.js';
import { keyOf, parseS3Url, s3Url } from './s3-location.js';

/** Keys of one listing, as directories of file names (S3 has only keys; `/` separates the "folders"). */
type Folders = Map<string, Map<string, TreeEntry>>;

/**
 * The event logs under `s3://bucket/prefix`, grouped exactly as local directories are (plain and compressed files,
 * rolling `eventlog_v2_*` directories, `.inprogress` = incomplete). The prefix is listed once, page by page
 * (ListObjectsV2); each log carries a store that reads its objects with GetObject, only while they still have the
 * ETag the listing saw. A listing that fails, or finds nothing, becomes a problem line.
 */
export async function findS3EventLogs(url: string, client: S3Client): Promise<FoundEventLogs> {
  const found: FoundEventLogs = { logs: [], problems: [] };
  const { bucket, prefix } = parseS3Url(url);
  const root = s3Url(bucket, prefix);
  const infos = new Map<string, PartInfo>();
  const folders: Folders = new Map();
  let single = false;
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) {
        const key = object.Key;
        if (key === undefined || key.endsWith('/')) continue;
        const relative = relativeKey(prefix, key);
        if (relative === undefined) continue;
        infos.set(s3Url(bucket, key), { size: object.Size ?? 0, version: object.ETag ?? '' });
        if (relative === null) single = true;
        else addKey(folders, root, relative);
      }
    }
  } catch (error) {
    found.problems.push(`${url}: could not be listed (${s3ErrorText(error)}); check the bucket, the prefix and the permission s3:ListBucket.`);
    return found;
  }
  const tree = s3Tree(folders, s3LogStore(client, bucket, infos));
  if (single) found.logs.push(fileLog(tree, root));
  if (folders.has(root)) await collectDirectory(tree, root, found);
  if (!single && !folders.has(root)) found.problems.push(`${url}: no objects under this prefix; check the path.`);
  return found;
}

/** A store reading the listed objects of one bucket. */
function s3LogStore(client: S3Client, bucket: string, infos: ReadonlyMap<string, PartInfo>): LogStore {
  return {
    async info(part) {
      const info = infos.get(part);
      if (!info) throw new LogStoreError(`${part} was not listed`);
      return info;
    },
    read(part) {
      return readObject(client, bucket, part, infos.get(part)?.version);
    },
  };
}

async function* readObject(client: S3Client, bucket: string, url: string, etag: string | undefined): AsyncGenerator<Buffer> {
  let body: Readable;
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(bucket, url), IfMatch: etag || undefined }));
    if (!(response.Body instanceof Readable)) throw new Error('the response has no readable body');
    body = response.Body;
  } catch (error) {
    throw new LogStoreError(`GetObject failed: ${s3ErrorText(error)}`);
  }
  try {
    for await (const chunk of body) yield chunk as Buffer;
  } catch (error) {
    throw new LogStoreError(`reading the object failed: ${s3ErrorText(error)}`);
  } finally {
    body.destroy();
  }
}

/** `null` for the prefix's own key, the rest of the key for keys under the prefix "folder", undefined otherwise. */
function relativeKey(prefix: string, key: string): string | null | undefined {
  if (prefix === '') return key;
  if (key === prefix) return null;
  return key.startsWith(`${prefix}/`) ? key.slice(prefix.length + 1) : undefined;
}

function addKey(folders: Folders, root: string, relative: string): void {
  const names = relative.split('/');
  let dir = root;
  names.forEach((name, index) => {
    const kind = index === names.length - 1 ? 'file' : 'directory';
    let entries = folders.get(dir);
    if (!entries) folders.set(dir, (entries = new Map()));
    entries.set(`${kind}:${name}`, { name, kind });
    dir = `${dir}/${name}`;
  });
}

function s3Tree(folders: Folders, store: LogStore): LogTree {
  return {
    list: async (dir) => [...(folders.get(dir)?.values() ?? [])],
    join: (dir, name) => `${dir}/${name}`,
    basename: (file) => file.slice(file.lastIndexOf('/') + 1),
    store,
  };
}
