import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredObject {
  body: Buffer;
  etag: string;
  modified: Date;
}

export interface FakeS3Request {
  method: string;
  bucket: string;
  key: string;
  /** `list`, `get`, `put` or `head`. */
  action: string;
}

/**
 * A small S3 endpoint on 127.0.0.1 speaking the REST API with path-style addresses (`/bucket/key`): ListObjectsV2
 * (pages of at most `pageSize` keys, continuation tokens), GetObject (If-Match), PutObject and HeadObject. Faults can
 * be queued (`failNext`) to watch the SDK retry. The real S3Client reaches it through AWS_ENDPOINT_URL_S3.
 */
export class FakeS3 {
  readonly buckets = new Map<string, Map<string, StoredObject>>();
  readonly requests: FakeS3Request[] = [];
  pageSize = 1000;
  private faults: { status: number; code: string; action: string | undefined }[] = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  put(bucket: string, key: string, body: Buffer | string): void {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(body);
    let objects = this.buckets.get(bucket);
    if (!objects) this.buckets.set(bucket, (objects = new Map()));
    objects.set(key, { body: data, etag: `"${createHash('md5').update(data).digest('hex')}"`, modified: new Date() });
  }

  get(bucket: string, key: string): Buffer | undefined {
    return this.buckets.get(bucket)?.get(key)?.body;
  }

  keys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])].sort();
  }

  /** The next `count` requests (of one action, when given) fail with this status and S3 error code (503 SlowDown, 500 InternalError). */
  failNext(count: number, status = 503, code = 'SlowDown', action?: string): void {
    for (let index = 0; index < count; index += 1) this.faults.push({ status, code, action });
  }

  count(action: string): number {
    return this.requests.filter((request) => request.action === action).length;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [bucket = '', ...rest] = url.pathname.slice(1).split('/');
    const key = rest.map((segment) => decodeURIComponent(segment)).join('/');
    const body = await readBody(request);
    const method = request.method ?? 'GET';
    const action = method === 'PUT' ? 'put' : method === 'HEAD' ? 'head' : key === '' ? 'list' : 'get';
    this.requests.push({ method, bucket, key, action });
    const at = this.faults.findIndex((fault) => fault.action === undefined || fault.action === action);
    const fault = at === -1 ? undefined : this.faults.splice(at, 1)[0];
    if (fault) return sendError(response, fault.status, fault.code);
    const objects = this.buckets.get(decodeURIComponent(bucket));
    if (!objects) return sendError(response, 404, 'NoSuchBucket');
    if (action === 'list') return this.list(objects, url.searchParams, bucket, response);
    if (action === 'put') {
      if (request.headers['content-encoding']?.includes('aws-chunked')) return sendError(response, 501, 'NotImplemented');
      this.put(bucket, key, body);
      response.setHeader('ETag', objects.get(key)?.etag ?? '');
      response.end();
      return;
    }
    const object = objects.get(key);
    if (!object) return sendError(response, 404, method === 'HEAD' ? 'NotFound' : 'NoSuchKey');
    const ifMatch = request.headers['if-match'];
    if (ifMatch !== undefined && ifMatch !== object.etag) return sendError(response, 412, 'PreconditionFailed');
    response.setHeader('ETag', object.etag);
    response.setHeader('Last-Modified', object.modified.toUTCString());
    response.setHeader('Content-Length', object.body.length);
    response.setHeader('Content-Type', 'application/octet-stream');
    response.end(method === 'HEAD' ? undefined : object.body);
  }

  private list(objects: Map<string, StoredObject>, params: URLSearchParams, bucket: string, response: ServerResponse): void {
    if (params.get('list-type') !== '2') return sendError(response, 400, 'InvalidArgument');
    const prefix = params.get('prefix') ?? '';
    const maxKeys = Math.min(Number(params.get('max-keys') ?? 1000), this.pageSize);
    const after = params.get('continuation-token') ?? params.get('start-after') ?? '';
    const keys = [...objects.keys()].filter((key) => key.startsWith(prefix) && key > after).sort();
    const page = keys.slice(0, maxKeys);
    const truncated = keys.length > page.length;
    const contents = page.map((key) => {
      const object = objects.get(key) as StoredObject;
      return `<Contents><Key>${xml(key)}</Key><LastModified>${object.modified.toISOString()}</LastModified>`
        + `<ETag>${xml(object.etag)}</ETag><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    });
    const next = truncated ? `<NextContinuationToken>${xml(page.at(-1) ?? '')}</NextContinuationToken>` : '';
    response.setHeader('Content-Type', 'application/xml');
    response.end(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`
      + `<Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>`
      + `<IsTruncated>${truncated}</IsTruncated>${contents.join('')}${next}</ListBucketResult>`);
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendError(response: ServerResponse, status: number, code: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/xml');
  response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code} (fake S3)</Message><RequestId>1</RequestId></Error>`);
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Points the AWS SDK at the fake (fake credentials and region); returns a function restoring the environment. */
export function useFakeS3Environment(endpoint: string): () => void {
  const names = ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
  const saved = names.map((name) => process.env[name]);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  return () => names.forEach((name, index) => {
    const value = saved[index];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  });
}
