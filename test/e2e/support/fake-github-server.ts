import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for GitHub Enterprise's REST API (`/api/v3`), enough for `/spark-tune` to open a pull request:
 * the installation token, the commenter's permission, the 👀, the base branch's tree and blobs, the Git Data API
 * writes, the pull request, its labels and the reply. Stateless: every command finds no open pull request.
 */
export interface SeenCall {
  method: string;
  path: string;
  body: string;
}

export interface FakeGitHubServer {
  host: string;
  calls: SeenCall[];
  close(): Promise<void>;
}

const REPO = '/repos/Codertocat/Hello-World';
const BASE = 'b'.repeat(40);
const TREE = 't'.repeat(40);

export async function startFakeGitHub(files: { path: string; content: string }[]): Promise<FakeGitHubServer> {
  const calls: SeenCall[] = [];
  const blob = (index: number): string => index.toString(16).padStart(40, 'f');
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = decodeURIComponent(url.pathname.replace(/^\/api\/v3/, ''));
      const method = req.method ?? 'GET';
      calls.push({ method, path, body });
      const reply = (status: number, payload: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      };
      const route = `${method} ${path}`;
      if (route === 'GET /app') return reply(200, { id: 1, slug: 'spark-tuner' });
      if (route === 'POST /app/installations/1/access_tokens') return reply(201, { token: 'ghs_fake', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
      if (route === `GET ${REPO}/collaborators/Codertocat/permission`) return reply(200, { permission: 'admin', role_name: 'admin', user: { login: 'Codertocat' } });
      if (route.startsWith(`POST ${REPO}/issues/comments/`) && path.endsWith('/reactions')) return reply(201, { id: 1, content: 'eyes' });
      if (route === `GET ${REPO}/git/ref/heads/master`) return reply(200, { ref: 'refs/heads/master', object: { sha: BASE, type: 'commit' } });
      if (route === `GET ${REPO}/git/commits/${BASE}`) return reply(200, { sha: BASE, tree: { sha: TREE } });
      if (route === `GET ${REPO}/git/trees/${TREE}`) {
        const tree = files.map((file, index) => ({ path: file.path, mode: '100644', type: 'blob', sha: blob(index), size: Buffer.byteLength(file.content) }));
        return reply(200, { sha: TREE, tree, truncated: false });
      }
      if (method === 'GET' && path.startsWith(`${REPO}/git/blobs/`)) {
        const index = files.findIndex((_file, i) => path.endsWith(blob(i)));
        const file = files[index];
        if (file) return reply(200, { sha: blob(index), encoding: 'base64', content: Buffer.from(file.content).toString('base64') });
      }
      if (route === `GET ${REPO}/pulls`) return reply(200, []);
      // Labels exist already; there is no dashboard issue yet (so no ignores).
      if (method === 'GET' && path.startsWith(`${REPO}/labels/`)) return reply(200, { name: path.slice(`${REPO}/labels/`.length) });
      if (route === `GET ${REPO}/issues`) return reply(200, []);
      if (route === `POST ${REPO}/git/trees`) return reply(201, { sha: 'n'.repeat(40) });
      if (route === `POST ${REPO}/git/commits`) return reply(201, { sha: 'm'.repeat(40) });
      if (route === `POST ${REPO}/git/refs`) return reply(201, { ref: 'refs/heads/spark-tuner/daily_sales' });
      if (route === `POST ${REPO}/pulls`) return reply(201, { number: 12, html_url: 'https://github.example/Codertocat/Hello-World/pull/12' });
      if (route === `POST ${REPO}/issues/12/labels`) return reply(200, []);
      if (route === `POST ${REPO}/issues/1/comments`) return reply(201, { id: 99 });
      return reply(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
