/**
 * True when a repository path lies under one of the configured DAG paths: a directory prefix (`dags/`,
 * `airflow/dags`) or a simple glob (`*` within a segment, `**` across segments, `?` one character).
 */
export function isUnderDagPaths(path: string, dagPaths: string[]): boolean {
  return dagPaths.some((pattern) => matchesDagPath(path, pattern));
}

function matchesDagPath(path: string, pattern: string): boolean {
  const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  if (clean === '' || clean === '.' || clean === '**') return true;
  if (!/[*?[]/.test(clean)) return path === clean || path.startsWith(`${clean}/`);
  const regex = globToRegExp(clean);
  return regex.test(path);
}

/** A glob as a regular expression matching the path itself or anything below it. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] ?? '';
    if (glob.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}
