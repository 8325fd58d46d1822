/** Types of `github-stand-in.js` (a local stand-in for the GitHub REST API, shared with the benchmarks). */
export interface StandInRepo {
  name: string;
  default_branch?: string;
  files: Record<string, string>;
}

export interface StandInSpec {
  installations: { id: number; account: string; repos: StandInRepo[] }[];
  botLogin?: string;
}

export interface StandInCall {
  method: string;
  path: string;
  installation: number | null;
}

export interface StandInPull {
  number: number;
  state: string;
  title: string;
  body: string | null;
  html_url: string;
  head: { ref: string; sha: string };
  labels?: { name: string }[];
}

export interface GitHubStandIn {
  port: number;
  baseUrl: string;
  host: string;
  calls: StandInCall[];
  fail(method: string, path: RegExp, status: number, options?: { times?: number; headers?: Record<string, string>; message?: string }): void;
  pulls(fullName: string): StandInPull[];
  labels(fullName: string): { issue: number; labels: string[] }[];
  /** Comments the app posted on issues and pull requests. */
  comments(fullName: string): { id: number; issue: number; body: string; user: { login: string } }[];
  /** Issues the app created (the dashboard), as GitHub would list them. */
  issues(fullName: string): { number: number; title: string; body: string; state: string; user: { login: string } }[];
  push(fullName: string, files: Record<string, string>): void;
  /** The text of a file at the head of a branch (undefined when the branch or the file does not exist). */
  file(fullName: string, branch: string, path: string): string | undefined;
  close(): Promise<void>;
}

export function startGitHubStandIn(spec: StandInSpec): Promise<GitHubStandIn>;
