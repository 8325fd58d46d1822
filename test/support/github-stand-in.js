// A local stand-in for the GitHub REST API (loopback HTTP, in memory), enough for the sweep and publishing:
// installations, repositories, branches with ETags, git trees/blobs/commits/refs, compare, pull requests, labels.
// Plain JavaScript so that tests (TypeScript) and benchmarks (node against lib/) share it. Every request is
// recorded in `calls`; `failures` injects errors (status, headers, times) by method and path pattern.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const sha1 = (text) => createHash('sha1').update(text).digest('hex');
const blobSha = (content) => {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};

/** @param {{ installations: { id: number, account: string, repos: { name: string, default_branch?: string, files: Record<string, string> }[] }[], botLogin?: string }} spec */
export async function startGitHubStandIn(spec) {
  const bot = spec.botLogin ?? 'spark-tuner[bot]';
  const repos = new Map();
  const blobs = new Map();
  const trees = new Map();
  const commits = new Map();
  const calls = [];
  const failures = [];

  function putTree(files) {
    const entries = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, content]) => {
      const sha = blobSha(content);
      blobs.set(sha, content);
      return { path, mode: '100644', type: 'blob', sha, size: Buffer.byteLength(content) };
    });
    const sha = sha1(`tree ${entries.map((e) => `${e.path}:${e.sha}`).join('\n')}`);
    trees.set(sha, new Map(files));
    return sha;
  }
  function putCommit(tree, parents, author, message) {
    const sha = sha1(`commit ${tree} ${parents.join(',')} ${message} ${commits.size}`);
    commits.set(sha, { sha, tree, parents, author, message });
    return sha;
  }
  for (const installation of spec.installations) {
    for (const repo of installation.repos) {
      const owner = installation.account;
      const branch = repo.default_branch ?? 'main';
      const refs = new Map([[`heads/${branch}`, putCommit(putTree(new Map(Object.entries(repo.files))), [], 'someone', 'initial')]]);
      repos.set(`${owner}/${repo.name}`, { owner, name: repo.name, branch, installation: installation.id, refs, pulls: [], comments: [], labels: [], repoLabels: new Set(), issues: [] });
    }
  }

  /** Replaces or adds files on a repository's default branch with a new commit (someone else's push). */
  function push(fullName, files) {
    const repo = repos.get(fullName);
    const head = repo.refs.get(`heads/${repo.branch}`);
    const current = new Map(trees.get(commits.get(head).tree));
    for (const [path, content] of Object.entries(files)) current.set(path, content);
    repo.refs.set(`heads/${repo.branch}`, putCommit(putTree(current), [head], 'someone', 'push'));
  }

  function route(method, path, query, body, headers) {
    const installationOf = () => Number(/^token inst-(\d+)$/.exec(headers.authorization ?? '')?.[1]);
    if (method === 'GET' && path === '/app') return [200, { id: 1, slug: bot.replace(/\[bot\]$/, '') }];
    if (method === 'GET' && path === '/app/installations') {
      return [200, spec.installations.map((i) => ({ id: i.id, account: { login: i.account }, suspended_at: null }))];
    }
    let m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === 'POST' && m) return [201, { token: `inst-${m[1]}`, expires_at: '2099-01-01T00:00:00Z', permissions: {} }];
    if (method === 'GET' && path === '/installation/repositories') {
      const list = [...repos.values()].filter((r) => r.installation === installationOf());
      const perPage = Number(query.get('per_page') ?? 30);
      const page = Number(query.get('page') ?? 1);
      const slice = list.slice((page - 1) * perPage, page * perPage);
      const repositories = slice.map((r) => ({ name: r.name, full_name: `${r.owner}/${r.name}`, owner: { login: r.owner }, default_branch: r.branch, archived: false, disabled: false }));
      return [200, { total_count: list.length, repositories }];
    }
    m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path);
    if (!m) return [404, { message: 'Not Found' }];
    const repo = repos.get(`${m[1]}/${m[2]}`);
    if (!repo || repo.installation !== installationOf()) return [404, { message: 'Not Found' }];
    const rest = decodeURIComponent(m[3]);
    const full = `${repo.owner}/${repo.name}`;
    if (method === 'GET' && (m = /^\/branches\/(.+)$/.exec(rest))) {
      const sha = repo.refs.get(`heads/${m[1]}`);
      if (!sha) return [404, { message: 'Branch not found' }];
      const etag = `"${sha}"`;
      if (headers['if-none-match'] === etag) return [304, null, { etag }];
      return [200, { name: m[1], commit: { sha, commit: { tree: { sha: commits.get(sha).tree } } } }, { etag }];
    }
    if (method === 'GET' && (m = /^\/git\/trees\/(\w+)$/.exec(rest))) {
      const files = trees.get(m[1]);
      if (!files) return [404, { message: 'Not Found' }];
      const tree = [...files.entries()].map(([p, c]) => ({ path: p, mode: '100644', type: 'blob', sha: blobSha(c), size: Buffer.byteLength(c) }));
      return [200, { sha: m[1], tree, truncated: false }];
    }
    if (method === 'GET' && (m = /^\/git\/blobs\/(\w+)$/.exec(rest))) {
      const content = blobs.get(m[1]);
      if (content === undefined) return [404, { message: 'Not Found' }];
      return [200, { sha: m[1], encoding: 'base64', content: Buffer.from(content).toString('base64') }];
    }
    if (method === 'GET' && (m = /^\/git\/commits\/(\w+)$/.exec(rest))) {
      const commit = commits.get(m[1]);
      return commit ? [200, { sha: commit.sha, tree: { sha: commit.tree } }] : [404, { message: 'Not Found' }];
    }
    if (method === 'GET' && (m = /^\/git\/ref\/(.+)$/.exec(rest))) {
      const sha = repo.refs.get(m[1]);
      return sha ? [200, { ref: `refs/${m[1]}`, object: { sha, type: 'commit' } }] : [404, { message: 'Not Found' }];
    }
    if (method === 'POST' && rest === '/git/trees') {
      const files = new Map(trees.get(body.base_tree));
      for (const entry of body.tree) files.set(entry.path, entry.content);
      const sha = putTree(files);
      return [201, { sha }];
    }
    if (method === 'POST' && rest === '/git/commits') return [201, { sha: putCommit(body.tree, body.parents, bot, body.message) }];
    if (method === 'POST' && rest === '/git/refs') {
      const ref = body.ref.replace(/^refs\//, '');
      if (repo.refs.has(ref)) return [422, { message: 'Reference already exists' }];
      repo.refs.set(ref, body.sha);
      return [201, { ref: body.ref, object: { sha: body.sha } }];
    }
    if (method === 'PATCH' && (m = /^\/git\/refs\/(.+)$/.exec(rest))) {
      repo.refs.set(m[1], body.sha);
      return [200, { ref: `refs/${m[1]}`, object: { sha: body.sha } }];
    }
    if (method === 'GET' && (m = /^\/compare\/(\w+)\.\.\.(\w+)$/.exec(rest))) return [200, compare(m[1], m[2])];
    if (method === 'GET' && rest === '/pulls') {
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const list = repo.pulls.filter((pr) => (state === 'all' || pr.state === state) && (!head || `${repo.owner}:${pr.head.ref}` === head));
      return [200, list];
    }
    if (method === 'POST' && rest === '/pulls') {
      const number = repo.pulls.length + 1;
      const pr = {
        number, state: 'open', title: body.title, body: body.body ?? null, merged_at: null, user: { login: bot, type: 'Bot' }, labels: [],
        html_url: `https://github.example/${full}/pull/${number}`,
        head: { ref: body.head, sha: repo.refs.get(`heads/${body.head}`), repo: { full_name: full } },
        base: { ref: body.base },
      };
      repo.pulls.push(pr);
      return [201, pr];
    }
    if (method === 'PATCH' && (m = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pr = repo.pulls.find((p) => p.number === Number(m[1]));
      if (!pr) return [404, { message: 'Not Found' }];
      Object.assign(pr, body);
      return [200, pr];
    }
    if (method === 'GET' && (m = /^\/labels\/(.+)$/.exec(rest))) {
      return repo.repoLabels.has(m[1]) ? [200, { name: m[1] }] : [404, { message: 'Not Found' }];
    }
    if (method === 'POST' && rest === '/labels') {
      repo.repoLabels.add(body.name);
      return [201, { name: body.name }];
    }
    if (method === 'GET' && rest === '/issues') {
      const creator = query.get('creator');
      const state = query.get('state') ?? 'open';
      const page = Number(query.get('page') ?? 1);
      const list = repo.issues.filter((i) => (state === 'all' || i.state === state) && (!creator || i.user.login === creator));
      return [200, page === 1 ? list : []];
    }
    if (method === 'POST' && rest === '/issues') {
      const issue = { number: 1000 + repo.issues.length + 1, title: body.title, body: body.body ?? '', state: 'open', user: { login: bot, type: 'Bot' }, labels: (body.labels ?? []).map((name) => ({ name })) };
      repo.issues.push(issue);
      return [201, issue];
    }
    if (method === 'PATCH' && (m = /^\/issues\/(\d+)$/.exec(rest))) {
      const issue = repo.issues.find((i) => i.number === Number(m[1]));
      if (!issue) return [404, { message: 'Not Found' }];
      Object.assign(issue, body.body === undefined ? {} : { body: body.body }, body.state === undefined ? {} : { state: body.state });
      return [200, issue];
    }
    if (method === 'POST' && (m = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest))) return [201, { number: Number(m[1]) }];
    if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      return [200, repo.comments.filter((comment) => comment.issue === Number(m[1]))];
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const comment = { id: repo.comments.length + 1, issue: Number(m[1]), body: body.body, user: { login: bot, type: 'Bot' } };
      repo.comments.push(comment);
      return [201, comment];
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/labels$/.exec(rest))) {
      repo.labels.push({ issue: Number(m[1]), labels: body.labels });
      const pr = repo.pulls.find((p) => p.number === Number(m[1]));
      if (pr) pr.labels = [...(pr.labels ?? []), ...body.labels.map((name) => ({ name }))];
      return [200, body.labels.map((name) => ({ name }))];
    }
    return [404, { message: 'Not Found' }];
  }

  function compare(base, head) {
    const chain = [];
    let sha = head;
    while (sha && sha !== base && chain.length < 250) {
      chain.push(commits.get(sha));
      sha = commits.get(sha)?.parents[0];
    }
    const before = trees.get(commits.get(base).tree);
    const after = trees.get(commits.get(head).tree);
    const files = [...after.entries()].filter(([p, c]) => before.get(p) !== c).map(([p, c]) => ({ filename: p, sha: blobSha(c) }));
    return {
      ahead_by: chain.length,
      behind_by: sha === base ? 0 : 1,
      commits: chain.map((c) => ({ sha: c.sha, author: { login: c.author } })),
      files,
    };
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const path = url.pathname.replace(/^\/api\/v3/, '');
      const method = req.method ?? 'GET';
      calls.push({ method, path: decodeURIComponent(path), installation: Number(/^token inst-(\d+)$/.exec(req.headers.authorization ?? '')?.[1]) || null });
      const failure = failures.find((f) => f.times > 0 && f.method === method && f.path.test(decodeURIComponent(path)));
      if (failure) {
        failure.times -= 1;
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
        return res.end(JSON.stringify({ message: failure.message ?? 'Injected failure' }));
      }
      let status;
      let payload;
      let extra = {};
      try {
        [status, payload, extra = {}] = route(method, path, url.searchParams, raw ? JSON.parse(raw) : {}, req.headers);
      } catch (error) {
        [status, payload] = [500, { message: String(error) }];
      }
      res.writeHead(status, { 'content-type': 'application/json', ...extra });
      res.end(payload === null ? undefined : JSON.stringify(payload));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}/api/v3`,
    host: `127.0.0.1:${port}`,
    calls,
    /** Injects `times` error answers to requests matching method and path. */
    fail(method, path, status, options = {}) {
      failures.push({ method, path, status, times: options.times ?? Number.POSITIVE_INFINITY, headers: options.headers ?? {}, message: options.message });
    },
    pulls: (fullName) => repos.get(fullName).pulls,
    labels: (fullName) => repos.get(fullName).labels,
    comments: (fullName) => repos.get(fullName).comments,
    issues: (fullName) => repos.get(fullName).issues,
    push,
    /** The text of a file at the head of a branch (undefined when the branch or the file does not exist). */
    file(fullName, branch, path) {
      const sha = repos.get(fullName).refs.get(`heads/${branch}`);
      return sha === undefined ? undefined : trees.get(commits.get(sha).tree)?.get(path);
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
